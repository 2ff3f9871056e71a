#include "compiler/lower_aggregates.h"

#include <algorithm>

#include "compiler/lower.h"
#include "compiler/lower_types.h"

namespace leadc {

using ast::Expr;
using ast::ExprKind;
using ir::Op;
using ir::Reg;

EventsLowerer::EventsLowerer(const Checked& c, std::vector<ir::EnumType> enums) : c_(c), expr_(c, code_, *this) {
  ir::Program& p = code_.program();
  p.name = c.module.name;
  p.enums = std::move(enums);
  for (auto& f : c.module.activity_fields) field_reg_.push_back(code_.input(field_input(f)));
  const_reg_.assign(c.module.consts.size(), ir::kNoReg);  // consts may be used in conditions
  time_ = c.activity_time >= 0 ? field_reg_[c.activity_time] : ir::kNoReg;
  activity_ = std::make_shared<ir::Activity>();
  activity_->key_input = c.activity_key;
  activity_->time = time_;
}

// Inside an aggregate the type checker admits activity fields, consts and members only.
Reg EventsLowerer::reference(const Expr& e) {
  switch (e.sema.ref) {
    case ast::RefKind::ActivityField: return field_reg_[e.sema.index];
    case ast::RefKind::Const:
      if (const_reg_[e.sema.index] == ir::kNoReg) const_reg_[e.sema.index] = lower_const(c_, code_, e.sema.index);
      return const_reg_[e.sema.index];
    default: return code_.missing(ir_type(e.sema.type));
  }
}

// Aggregates do not nest (the type checker reports one inside another).
Reg EventsLowerer::aggregate(const Expr& e) { return code_.missing(ir_type(e.sema.type)); }

// Seconds of the `within` every matching event satisfies (the explicit one, or the
// tightest in the `where`'s outer `and`s), -1 when there is none or it is not constant.
double EventsLowerer::within_of(const Expr* e) {
  if (!e) return -1;
  if (e->kind == ExprKind::Within && e->args[0]->sema.type.kind == TypeKind::Bool) {
    const ir::Instr& d = code_.instr(expr_.lower(*e->args[1]));
    double inner = within_of(e->args[0].get());
    double here = d.op == Op::Const && !d.value.missing ? d.value.num : -1;
    return inner < 0 ? here : here < 0 ? inner : std::min(inner, here);
  }
  if (e->kind == ExprKind::And) {
    double a = within_of(e->args[0].get()), b = within_of(e->args[1].get());
    return a < 0 ? b : b < 0 ? a : std::min(a, b);
  }
  return -1;
}

ir::Input EventsLowerer::aggregate_input(const Expr& e, ir::AggregateKind kind, double half_life,
                                         const std::string& name, uint32_t input) {
  ir::Aggregate g;
  g.kind = kind;
  g.half_life = half_life;
  g.span = e.span;
  g.input = input;
  g.condition = e.args[0] ? expr_.lower(*e.args[0]) : ir::kNoReg;
  g.within = within_of(e.args[0].get());
  if (e.args[1]) {
    Reg d = expr_.lower(*e.args[1]);
    Reg recent = code_.within(time_, d);
    g.condition = g.condition == ir::kNoReg ? recent : code_.op(Op::And, ir::Type::Bool, g.condition, recent);
    const ir::Instr& di = code_.instr(d);
    if (di.op == Op::Const && !di.value.missing) g.within = g.within < 0 ? di.value.num : std::min(g.within, di.value.num);
  }
  if (g.condition == ir::kNoReg) g.condition = code_.constant(ir::Type::Bool, ir::Constant{false, true, 0, {}, 0});
  ir::Input in;
  in.field = name;
  in.synthetic = true;
  in.aggregate = static_cast<int32_t>(activity_->aggregates.size());
  in.span = e.span;
  switch (kind) {
    case ir::AggregateKind::Count: in.kind = ir::FieldKind::Int; in.type = ir::Type::Num; break;
    case ir::AggregateKind::Any:
    case ir::AggregateKind::None: in.kind = ir::FieldKind::Bool; in.type = ir::Type::Bool; break;
    case ir::AggregateKind::DecayedCount:
    case ir::AggregateKind::DecayedAny: in.kind = ir::FieldKind::Number; in.type = ir::Type::Num; break;
    case ir::AggregateKind::Sum:
    case ir::AggregateKind::Latest:
    case ir::AggregateKind::Earliest: {
      int f = e.field.empty() ? c_.activity_time : c_.activity_values.at(e.field);
      g.value = field_reg_[f];
      const ir::Input& src = code_.program().inputs[f];
      in.kind = src.kind;
      in.type = ir::Type::Num;
      in.scale = src.scale;
      in.unit = src.unit;
      in.optional = kind != ir::AggregateKind::Sum;
      break;
    }
  }
  activity_->aggregates.push_back(g);
  return in;
}

std::shared_ptr<ir::Activity> EventsLowerer::finish() {
  activity_->events = code_.take();
  return activity_;
}

}  // namespace leadc
