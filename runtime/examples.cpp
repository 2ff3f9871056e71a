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

}  // namespace

Batch given_batch(const ir::Program& p, const std::vector<ir::Example::Given>& givens, uint32_t line,
                  std::vector<std::string>& problems) {
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
    const bool quantity = in.kind == ir::FieldKind::Duration || in.kind == ir::FieldKind::Money;
    if (quantity && g.value.num < 0) problems.push_back(fmt::format("`{}` cannot be negative", in.field));
    set(batch.inputs[g.input], g.value, batch);
  }
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (!given[i] && !p.inputs[i].optional && !p.inputs[i].synthetic)
      problems.push_back(fmt::format("`{}` is not optional, so `given` must set it", p.inputs[i].field));
  // An example gives no events: every aggregate over activities is that of a lead without any.
  if (p.activity) fill_aggregates(p, nullptr, batch);
  // ...except those given a value (analysis witnesses do: they stand for some events).
  for (const ir::Example::Given& g : givens) {
    if (p.inputs[g.input].synthetic && !g.value.missing) set(batch.inputs[g.input], g.value, batch);
  }
  return batch;
}

namespace {

std::string show(const Shown& s) { return s.known ? s.text : "missing"; }

}  // namespace

ExampleResult run_example(const ir::Program& p, const ir::Example& ex, const Evaluator& evaluator) {
  ExampleResult result;
  Batch batch = given_batch(p, ex.given, ex.span.line, result.failures);
  Registers regs;
  evaluator.evaluate(batch, regs);
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
