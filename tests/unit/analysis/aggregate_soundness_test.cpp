// Property test: random aggregates over random event conditions, and random small
// sets of events folded the way the runtime folds them. The aggregate values of every
// such lead must satisfy the encoder's domains and relations: the analysis may never
// exclude a lead that a real events file produces.
#include <doctest/doctest.h>

#include <z3++.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "compiler/analysis/encoder.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using leadc::testing::ProgramBuilder;
using ir::AggregateKind;
using ir::FieldKind;
using ir::Op;
using ir::Reg;

namespace {

constexpr double kAsOf = 1795305600;
constexpr double kDay = 86400;

struct Val {
  bool known = false;
  double num = 0;
  bool b = false;
};

// One event: kind (enum of 3), at (timestamp), amount (int), spent (money, cents).
struct Event {
  int kind = 0;
  Val at, amount, spent;
};

struct Fields {
  Reg kind, at, amount, spent;
};

// Three-valued evaluation of the events program's ops that the generator uses.
std::vector<Val> evaluate(const ir::Program& p, const Event& e, double as_of) {
  std::vector<Val> r(p.code.size());
  for (size_t i = 0; i < p.code.size(); ++i) {
    const ir::Instr& in = p.code[i];
    Val& o = r[i];
    auto cmp = [&](auto f) {
      o.known = r[in.a].known && r[in.b].known;
      o.b = o.known && f(r[in.a].num, r[in.b].num);
    };
    switch (in.op) {
      case Op::Field:
        if (in.a == 0) o = {true, 0, false};
        if (in.a == 1) o = {true, static_cast<double>(e.kind), false};
        if (in.a == 2) o = e.at;
        if (in.a == 3) o = e.amount;
        if (in.a == 4) o = e.spent;
        break;
      case Op::Const:
        o.known = !in.value.missing;
        o.b = in.value.b;
        o.num = in.type == ir::Type::Enum ? in.value.member : in.value.num;
        break;
      case Op::AsOf: o = {true, as_of, false}; break;
      case Op::Sub:
        o.known = r[in.a].known && r[in.b].known;
        o.num = r[in.a].num - r[in.b].num;
        break;
      case Op::Eq: cmp([](double a, double b) { return a == b; }); break;
      case Op::Ne: cmp([](double a, double b) { return a != b; }); break;
      case Op::Lt: cmp([](double a, double b) { return a < b; }); break;
      case Op::Le: cmp([](double a, double b) { return a <= b; }); break;
      case Op::Ge: cmp([](double a, double b) { return a >= b; }); break;
      case Op::And: {
        bool ta = r[in.a].known && r[in.a].b, tb = r[in.b].known && r[in.b].b;
        o.known = (ta && tb) || (r[in.a].known && !r[in.a].b) || (r[in.b].known && !r[in.b].b);
        o.b = ta && tb;
        break;
      }
      case Op::Or: {
        bool ta = r[in.a].known && r[in.a].b, tb = r[in.b].known && r[in.b].b;
        o.known = ta || tb || (r[in.a].known && r[in.b].known);
        o.b = ta || tb;
        break;
      }
      case Op::Not: o = {r[in.a].known, 0, !r[in.a].b}; break;
      case Op::IsKnown: o = {true, 0, r[in.a].known}; break;
      default: FAIL("unexpected op in generated events program");
    }
  }
  return r;
}

struct Generator {
  std::mt19937 rng;
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  Reg within(ProgramBuilder& b, const Fields& f, double days) {
    Reg now = b.as_of();
    Reg from = b.arith(Op::Sub, now, b.num(days * kDay));
    return b.and_(b.cmp(Op::Ge, f.at, from), b.cmp(Op::Le, f.at, now));
  }

  Reg leaf(ProgramBuilder& b, const Fields& f, int kind_enum) {
    switch (pick(8)) {
      case 0:
      case 1: return b.cmp(Op::Eq, f.kind, b.member(kind_enum, pick(3)));
      case 2: return b.cmp(Op::Ne, f.kind, b.member(kind_enum, pick(3)));
      case 3: return b.cmp(pick(2) ? Op::Ge : Op::Lt, f.amount, b.num(pick(3) - 1));
      case 4: return b.cmp(Op::Ge, f.spent, b.num(500));
      case 5: return within(b, f, pick(2) ? 30 : 90);
      case 6: return b.is_known(f.amount);
      default: return b.boolean(true);
    }
  }

  Reg condition(ProgramBuilder& b, const Fields& f, int kind_enum, int depth) {
    if (depth == 0 || pick(3) == 0) return leaf(b, f, kind_enum);
    switch (pick(3)) {
      case 0: return b.and_(condition(b, f, kind_enum, depth - 1), condition(b, f, kind_enum, depth - 1));
      case 1: return b.or_(condition(b, f, kind_enum, depth - 1), condition(b, f, kind_enum, depth - 1));
      default: return b.not_(condition(b, f, kind_enum, depth - 1));
    }
  }

  Val maybe(std::vector<double> values, bool optional) {
    int k = pick(static_cast<int>(values.size()) + (optional ? 1 : 0));
    if (k == static_cast<int>(values.size())) return {};
    return {true, values[k], false};
  }
};

// The runtime's fold (runtime/activities.cpp) of `events` into aggregate g.
Val fold(const ir::Activity& act, const ir::Aggregate& g, const std::vector<std::vector<Val>>& regs, double as_of) {
  Val v;
  switch (g.kind) {
    case AggregateKind::Count:
    case AggregateKind::Sum:
    case AggregateKind::DecayedCount:
    case AggregateKind::DecayedAny: v = {true, 0, false}; break;
    case AggregateKind::Any: v = {true, 0, false}; break;
    case AggregateKind::None: v = {true, 0, true}; break;
    case AggregateKind::Latest:
    case AggregateKind::Earliest: break;
  }
  for (const std::vector<Val>& r : regs) {
    if (!r[g.condition].known || !r[g.condition].b) continue;
    const Val* x = g.value != ir::kNoReg ? &r[g.value] : nullptr;
    switch (g.kind) {
      case AggregateKind::Count: v.num += 1; break;
      case AggregateKind::Any: v.b = true; break;
      case AggregateKind::None: v.b = false; break;
      case AggregateKind::Sum:
        if (x->known) v.num += x->num;
        break;
      case AggregateKind::Latest:
        if (x->known && !(v.known && v.num >= x->num)) v = {true, x->num, false};
        break;
      case AggregateKind::Earliest:
        if (x->known && !(v.known && v.num <= x->num)) v = {true, x->num, false};
        break;
      case AggregateKind::DecayedCount:
      case AggregateKind::DecayedAny: {
        const Val& t = r[act.time];
        if (!t.known) break;
        double w = std::exp2(-std::max(0.0, as_of - t.num) / g.half_life);
        v.num = g.kind == AggregateKind::DecayedCount ? v.num + w : std::max(v.num, w);
        break;
      }
    }
  }
  return v;
}

}  // namespace

TEST_CASE("aggregate relations: random aggregates never exclude a lead with real events") {
  constexpr size_t kTrials = 60;
  Generator gen{std::mt19937(20261122)};
  size_t relations = 0, leads = 0;
  for (size_t trial = 0; trial < kTrials; ++trial) {
    CAPTURE(trial);
    ProgramBuilder ev;
    const bool at_optional = gen.pick(3) == 0;
    const int kind_enum = ev.add_enum("kind", {"a", "b", "c"});
    ev.input("lead_id", FieldKind::Text, false);
    Fields f{ev.input("kind", FieldKind::Enum, false, kind_enum), ev.input("at", FieldKind::Timestamp, at_optional),
             ev.input("amount", FieldKind::Int, true), ev.input("spent", FieldKind::Money, true, -1, 100, "USD")};
    auto act = std::make_shared<ir::Activity>();
    act->key_input = 0;
    act->time = f.at;

    ProgramBuilder lead;
    lead.input("lead_id", FieldKind::Text, false);
    const int n = 2 + gen.pick(7);
    for (int g = 0; g < n; ++g) {
      // Half of the aggregates build on an earlier one (same kind, a condition that
      // implies or follows from its), so that many pairs are related.
      ir::Aggregate a;
      const ir::Aggregate* base = g > 0 && gen.pick(2) ? &act->aggregates[gen.pick(g)] : nullptr;
      a.kind = base && gen.pick(2) ? base->kind : static_cast<AggregateKind>(gen.pick(8));
      switch (base ? gen.pick(3) : 3) {
        case 0: a.condition = ev.and_(base->condition, gen.leaf(ev, f, kind_enum)); break;
        case 1: a.condition = ev.or_(base->condition, gen.leaf(ev, f, kind_enum)); break;
        case 2: a.condition = base->condition; break;
        default: a.condition = gen.condition(ev, f, kind_enum, 2); break;
      }
      if (gen.pick(2)) {
        a.within = gen.pick(2) ? 30 * kDay : 90 * kDay;
        a.condition = ev.and_(a.condition, gen.within(ev, f, a.within / kDay));
      }
      FieldKind kind = FieldKind::Int;
      bool optional = false;
      double scale = 1;
      switch (a.kind) {
        case AggregateKind::Count: break;
        case AggregateKind::Any:
        case AggregateKind::None: kind = FieldKind::Bool; break;
        case AggregateKind::DecayedCount:
        case AggregateKind::DecayedAny:
          kind = FieldKind::Number;
          a.half_life = gen.pick(2) ? 3600 : 7 * kDay;
          break;
        case AggregateKind::Sum:
          a.value = gen.pick(2) ? f.amount : f.spent;
          kind = a.value == f.amount ? FieldKind::Int : FieldKind::Money;
          scale = a.value == f.amount ? 1 : 100;
          break;
        case AggregateKind::Latest:
        case AggregateKind::Earliest:
          a.value = gen.pick(3) ? f.at : f.amount;
          kind = a.value == f.at ? FieldKind::Timestamp : FieldKind::Int;
          optional = true;
          break;
      }
      lead.input("agg" + std::to_string(g), kind, optional, -1, scale);
      ir::Input& in = lead.p.inputs.back();
      in.column.clear();
      in.synthetic = true;
      in.aggregate = g;
      a.input = static_cast<uint32_t>(lead.p.inputs.size() - 1);
      act->aggregates.push_back(a);
    }
    act->events = ev.p;
    lead.p.activity = act;

    z3::context ctx;
    z3::expr as_of_var = ctx.real_const("as_of");
    analysis::Encoder enc(ctx, lead.p, as_of_var);
    relations += enc.relations().size();
    std::vector<uint32_t> all;
    for (uint32_t i = 0; i < lead.p.inputs.size(); ++i) all.push_back(i);
    z3::solver s(ctx);
    s.add(enc.domain(all));

    for (int set = 0; set < 25; ++set) {
      // The run's as-of varies too (midnight, noon, weeks later): the encoding holds
      // for every as-of, not one.
      const double as_of = kAsOf + std::vector<double>{0, 43200, 37 * kDay + 3600}[static_cast<size_t>(gen.pick(3))];
      std::vector<Event> events(static_cast<size_t>(gen.pick(5)));
      std::vector<std::vector<Val>> regs;
      for (Event& e : events) {
        e.kind = gen.pick(3);
        e.at = gen.maybe({kAsOf - 5000 * kDay, kAsOf - 100 * kDay, kAsOf - 60 * kDay, kAsOf - 20 * kDay, kAsOf - 3600,
                          kAsOf + kDay},
                         at_optional);
        e.amount = gen.maybe({-2, 0, 1, 3}, true);
        e.spent = gen.maybe({0, 250, 1000}, true);
        regs.push_back(evaluate(act->events, e, as_of));
      }
      z3::expr_vector lead_values(ctx);
      lead_values.push_back(as_of_var == analysis::real_of(ctx, as_of));
      std::string shown = "as_of=" + std::to_string(as_of);
      for (const ir::Aggregate& a : act->aggregates) {
        Val v = fold(*act, a, regs, as_of);
        const analysis::InputVars& in = enc.input(a.input);
        const ir::Input& decl = lead.p.inputs[a.input];
        if (decl.type == ir::Type::Bool) {
          lead_values.push_back(in.raw == ctx.bool_val(v.b));
        } else if (!v.known) {
          lead_values.push_back(!in.known);
        } else {
          lead_values.push_back(in.known && in.value == analysis::real_of(ctx, v.num));
        }
        shown += " " + decl.field + "=" +
                 (decl.type == ir::Type::Bool ? (v.b ? "true" : "false") : v.known ? std::to_string(v.num) : "missing");
      }
      CAPTURE(set);
      CAPTURE(shown);
      s.push();
      s.add(z3::mk_and(lead_values));
      CHECK(s.check() == z3::sat);
      s.pop();
      ++leads;
    }
  }
  CHECK(leads == kTrials * 25);
  // Only latest/earliest use relations: counts, `some`, sums and decayed weights are
  // exact through cells (their domains share the cells' variables).
  CHECK(relations > 30);
}
