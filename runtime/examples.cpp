#include "runtime/examples.h"

#include <fmt/format.h>

#include "runtime/activities.h"
#include "runtime/explain.h"

namespace leadc::rt {

namespace {

void set(Column& col, const ir::Constant& k, Batch& batch) {
  col.known[0] = 1;
  switch (col.type) {
    case ir::Type::Bool: col.b[0] = k.b; break;
    case ir::Type::Num: col.num[0] = k.num; break;
    case ir::Type::Enum: col.member[0] = k.member; break;
    case ir::Type::Str: col.str[0] = batch.keep(k.str); break;
  }
}

bool is_quantity(const ir::Input& in) { return in.kind == ir::FieldKind::Duration || in.kind == ir::FieldKind::Money; }

// The events of an example as a batch of the events program: every event belongs
// to the example's lead, so a key left out is the lead's key (`lead_key`).
Batch event_batch(const ir::Activity& activity, const EventList& events, const Column& lead_key,
                  std::vector<std::string>& problems) {
  const ir::Program& ep = activity.events;
  Batch batch;
  batch.rows = events.size();
  batch.line.assign(events.size(), 0);
  batch.inputs.resize(ep.inputs.size());
  for (size_t i = 0; i < ep.inputs.size(); ++i) batch.inputs[i].reset(ep.inputs[i].type, events.size());
  const size_t key = static_cast<size_t>(activity.key_input);
  std::string lead_scratch, event_scratch;
  const std::string lead_key_text(lead_key.known[0] ? key_text(lead_key, 0, lead_scratch) : std::string_view());
  for (size_t r = 0; r < events.size(); ++r) {
    std::vector<bool> given(ep.inputs.size(), false);
    for (const ir::Example::Given& g : events[r]) {
      const ir::Input& in = ep.inputs[g.input];
      given[g.input] = true;
      if (g.value.missing) {
        if (!in.optional) problems.push_back(fmt::format("event {}: `{}` is not optional but is given as missing", r + 1, in.field));
        continue;
      }
      if (is_quantity(in) && g.value.num < 0) problems.push_back(fmt::format("event {}: `{}` cannot be negative", r + 1, in.field));
      Column& col = batch.inputs[g.input];
      col.known[r] = 1;
      switch (col.type) {
        case ir::Type::Bool: col.b[r] = g.value.b; break;
        case ir::Type::Num: col.num[r] = g.value.num; break;
        case ir::Type::Enum: col.member[r] = g.value.member; break;
        case ir::Type::Str: col.str[r] = batch.keep(g.value.str); break;
      }
    }
    for (size_t i = 0; i < ep.inputs.size(); ++i)
      if (!given[i] && i != key && !ep.inputs[i].optional)
        problems.push_back(fmt::format("event {}: `{}` is not optional, so the event must set it", r + 1, ep.inputs[i].field));
    Column& k = batch.inputs[key];
    if (!given[key]) {
      if (!lead_key.known[0]) {
        problems.push_back(fmt::format("event {}: the lead has no key, so its events belong to no lead", r + 1));
        continue;
      }
      k.known[r] = 1;
      switch (k.type) {
        case ir::Type::Bool: k.b[r] = lead_key.b[0]; break;
        case ir::Type::Num: k.num[r] = lead_key.num[0]; break;
        case ir::Type::Enum: k.member[r] = lead_key.member[0]; break;
        case ir::Type::Str: k.str[r] = batch.keep(std::string(lead_key.str[0])); break;
      }
    } else if (k.known[r] && (!lead_key.known[0] || key_text(k, r, event_scratch) != lead_key_text)) {
      // As in `run`, an event joins its lead by key; one naming another lead counts for nobody.
      problems.push_back(fmt::format("event {}: `{}` is \"{}\", not the lead's key \"{}\"", r + 1,
                                     ep.inputs[key].field, key_text(k, r, event_scratch), lead_key_text));
    }
  }
  return batch;
}

}  // namespace

Batch given_batch(const ir::Program& p, const std::vector<ir::Example::Given>& givens, uint32_t line,
                  std::vector<std::string>& problems, const EventList& events, double as_of) {
  Batch batch;
  batch.rows = 1;
  batch.line = {line};
  batch.inputs.resize(p.inputs.size());
  for (size_t i = 0; i < p.inputs.size(); ++i) batch.inputs[i].reset(p.inputs[i].type, 1);
  std::vector<bool> given(p.inputs.size(), false);
  for (const ir::Example::Given& g : givens) {
    const ir::Input& in = p.inputs[g.input];
    given[g.input] = true;
    if (g.value.missing) {
      if (!in.optional) problems.push_back(fmt::format("`{}` is not optional but is given as missing", in.field));
      continue;
    }
    if (is_quantity(in) && g.value.num < 0) problems.push_back(fmt::format("`{}` cannot be negative", in.field));
    set(batch.inputs[g.input], g.value, batch);
  }
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (!given[i] && !p.inputs[i].optional && !p.inputs[i].synthetic)
      problems.push_back(fmt::format("`{}` is not optional, so `given` must set it", p.inputs[i].field));
  // The aggregates over the example's events (none: those of a lead without events).
  if (p.activity) {
    const int key = p.key_input();
    if (events.empty() || key < 0) {
      if (!events.empty()) problems.push_back("the lead has no key field, so its events belong to no lead");
      fill_aggregates(p, nullptr, batch);
    } else {
      Batch event_rows = event_batch(*p.activity, events, batch.inputs[key], problems);
      const ActivityTable table(p, event_rows, EvalContext{as_of});
      fill_aggregates(p, &table, batch);
    }
  }
  // ...except those given a value (analysis witnesses do: they stand for some events).
  for (const ir::Example::Given& g : givens) {
    if (p.inputs[g.input].synthetic && !g.value.missing) set(batch.inputs[g.input], g.value, batch);
  }
  return batch;
}

namespace {

std::string show(const Shown& s) { return s.known ? s.text : "missing"; }

}  // namespace

ExampleResult run_example(const ir::Program& p, const ir::Example& ex, const Evaluator& evaluator, double as_of,
                          Coverage* coverage) {
  ExampleResult result;
  Batch batch = given_batch(p, ex.given, ex.span.line, result.failures, ex.events, as_of);
  Registers regs;
  evaluator.evaluate(batch, regs);
  if (coverage) coverage->record(regs, 0);
  for (const ir::Example::Expect& e : ex.expect) {
    const ir::NamedValue* n = p.find_name(e.name);
    if (!n) continue;
    const ir::Reg reg = n->value.reg;
    // Expected values go through the same display as the actual one, so `==`, `!=`
    // and `in` compare what `run` would write (unit included); the order comparisons
    // compare the numbers behind it (seconds, cents, epoch seconds).
    const Shown actual = shown(p, n->value, n->unit, regs.regs[reg], 0, /*quote_text=*/false);
    auto display = [&](const ir::Constant& k) {
      Column col;
      col.reset(p.code[reg].type, 1);
      if (!k.missing) set(col, k, batch);
      return shown(p, n->value, n->unit, col, 0, false);
    };
    auto same = [&](const ir::Constant& k) {
      const Shown want = display(k);
      return actual.known == want.known && actual.text == want.text;
    };
    using Op = ir::Example::Expect::Op;
    bool holds = false;
    std::string wanted;
    switch (e.op) {
      case Op::Eq: holds = same(e.value); wanted = show(display(e.value)); break;
      case Op::Ne: holds = !same(e.value); wanted = "not " + show(display(e.value)); break;
      case Op::In: {
        holds = same(e.value);
        wanted = show(display(e.value));
        for (const ir::Constant& k : e.more) {
          holds = holds || same(k);
          wanted += ", " + show(display(k));
        }
        wanted = "one of [" + wanted + "]";
        break;
      }
      default: {
        const Column& col = regs.regs[reg];
        const bool known = actual.known && col.type == ir::Type::Num && !e.value.missing;
        const double a = known ? col.num[0] : 0, b = e.value.num;
        const char* op = e.op == Op::Lt ? "<" : e.op == Op::Le ? "<=" : e.op == Op::Gt ? ">" : ">=";
        holds = known && (e.op == Op::Lt ? a < b : e.op == Op::Le ? a <= b : e.op == Op::Gt ? a > b : a >= b);
        wanted = fmt::format("{} {}", op, show(display(e.value)));
      }
    }
    if (!holds) result.failures.push_back(fmt::format("`{}`: expected {}, actual {}", e.name, wanted, show(actual)));
  }
  return result;
}

}  // namespace leadc::rt
