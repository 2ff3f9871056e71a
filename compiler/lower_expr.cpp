#include "compiler/lower_expr.h"

#include <cmath>
#include <map>

#include "base/civil_time.h"
#include "compiler/builtins.h"
#include "compiler/lower.h"

namespace leadc {

using ast::Expr;
using ast::ExprKind;
using ir::Op;
using ir::Reg;

ir::Constant lower_literal(const Checked& c, const ast::Expr& e, const Type& type) {
  ir::Constant k;
  switch (e.kind) {
    case ast::ExprKind::Missing: k.missing = true; break;
    case ast::ExprKind::Number:
      if (e.sema.ref == ast::RefKind::Member) k.member = e.sema.index;
      else k.num = e.number;
      break;
    case ast::ExprKind::Quantity:
      k.num = is_currency(e.text) ? std::round(e.number * 100) : e.number * unit_seconds(e.text);
      break;
    case ast::ExprKind::String: k.str = e.text; break;
    case ast::ExprKind::Date: parse_iso_timestamp(e.text, k.num); break;
    case ast::ExprKind::Bool: k.b = e.boolean; break;
    case ast::ExprKind::Name: k.member = e.sema.index; break;
    case ast::ExprKind::Neg: k = lower_literal(c, *e.args[0], type), k.num = -k.num; break;
    default: k.missing = true; break;
  }
  return k;
}

Reg lower_const(const Checked& c, CodeBuilder& code, size_t i) {
  auto& k = c.module.consts[i];
  Type t = c.const_types[i];
  Reg r = code.constant(ir_type(t), lower_literal(c, *k.value, t), t.kind == TypeKind::Enum ? t.enum_id : -1);
  if (ir_type(t) == ir::Type::Num) {
    ir::Instr in{Op::Const, ir::Type::Num, -1, ir::kNoReg, ir::kNoReg, ir::kNoReg, code.instr(r).value};
    r = code.emit(std::move(in));
  }
  code.program().consts.push_back({k.name.name, r, k.span});
  return r;
}

Reg ExprLowerer::all_of(const std::vector<Reg>& regs, Op combine) {
  Reg acc = regs[0];
  for (size_t i = 1; i < regs.size(); ++i) acc = code_.op(combine, ir::Type::Bool, acc, regs[i]);
  return acc;
}

Reg ExprLowerer::set_member(const Expr& set, int member) { return lower(set) + static_cast<Reg>(member); }

Reg ExprLowerer::lower(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number:
    case ExprKind::Quantity:
    case ExprKind::String:
    case ExprKind::Date:
    case ExprKind::Bool:
    case ExprKind::Missing:
      return code_.constant(ir_type(e.sema.type), lower_literal(c_, e, e.sema.type),
                            e.sema.type.kind == TypeKind::Enum ? e.sema.type.enum_id : -1);
    case ExprKind::Name:
      if (e.sema.ref == ast::RefKind::Member) return code_.member(e.sema.type.enum_id, e.sema.index);
      if (e.sema.ref == ast::RefKind::Unresolved) return code_.missing(ir_type(e.sema.type));
      return scope_.reference(e);
    case ExprKind::Neg: return code_.op(Op::Sub, ir::Type::Num, code_.num(0), lower(*e.args[0]));
    case ExprKind::Arith: {
      static const std::map<std::string, Op> ops = {{"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Div}};
      return code_.op(ops.at(e.text), ir::Type::Num, lower(*e.args[0]), lower(*e.args[1]));
    }
    case ExprKind::Compare: {
      static const std::map<std::string, Op> ops = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<", Op::Lt},
                                                    {"<=", Op::Le}, {">", Op::Gt},  {">=", Op::Ge}};
      return code_.op(ops.at(e.text), ir::Type::Bool, lower(*e.args[0]), lower(*e.args[1]));
    }
    case ExprKind::TextOp: {
      Op o = e.text == "starts_with" ? Op::StartsWith : e.text == "ends_with" ? Op::EndsWith : Op::Contains;
      return code_.op(o, ir::Type::Bool, lower(*e.args[0]), lower(*e.args[1]));
    }
    case ExprKind::InRange: {
      Reg x = lower(*e.args[0]);
      Reg r = code_.op(Op::And, ir::Type::Bool, code_.op(Op::Ge, ir::Type::Bool, x, lower(*e.args[1])),
                       code_.op(Op::Le, ir::Type::Bool, x, lower(*e.args[2])));
      return e.negated ? code_.op(Op::Not, ir::Type::Bool, r) : r;
    }
    case ExprKind::InList: {
      Reg x = lower(*e.args[0]);
      std::vector<Reg> eqs;
      for (size_t i = 1; i < e.args.size(); ++i) eqs.push_back(code_.op(Op::Eq, ir::Type::Bool, x, lower(*e.args[i])));
      Reg r = all_of(eqs, Op::Or);
      return e.negated ? code_.op(Op::Not, ir::Type::Bool, r) : r;
    }
    case ExprKind::IsKnown: {
      Reg r = code_.op(Op::IsKnown, ir::Type::Bool, lower(*e.args[0]));
      return e.negated ? code_.op(Op::Not, ir::Type::Bool, r) : r;
    }
    case ExprKind::Within: {
      Reg x = lower(*e.args[0]);
      // In an aggregate (the events program), `C within D` means `C and at within D`.
      if (e.args[0]->sema.type.kind == TypeKind::Bool)
        return code_.op(Op::And, ir::Type::Bool, x, code_.within(scope_.event_time(), lower(*e.args[1])));
      return code_.within(x, lower(*e.args[1]));
    }
    case ExprKind::Not: return code_.op(Op::Not, ir::Type::Bool, lower(*e.args[0]));
    case ExprKind::And: return code_.op(Op::And, ir::Type::Bool, lower(*e.args[0]), lower(*e.args[1]));
    case ExprKind::Or: return code_.op(Op::Or, ir::Type::Bool, lower(*e.args[0]), lower(*e.args[1]));
    case ExprKind::KnownCall: {
      std::vector<Reg> known;
      for (auto& a : e.args) known.push_back(code_.op(Op::IsKnown, ir::Type::Bool, lower(*a)));
      return all_of(known, Op::And);
    }
    case ExprKind::Call: {
      const Builtin fn = *find_builtin(e.text);  // the type checker admits builtins only
      if (fn == Builtin::DaysSince) {
        Reg now = code_.op(Op::AsOf, ir::Type::Num, ir::kNoReg);
        return code_.op(Op::Div, ir::Type::Num, code_.op(Op::Sub, ir::Type::Num, now, lower(*e.args[0])), code_.num(86400));
      }
      Op o = fn == Builtin::Min ? Op::Min : Op::Max;
      Reg acc = lower(*e.args[0]);
      for (size_t i = 1; i < e.args.size(); ++i) acc = code_.op(o, ir::Type::Num, acc, lower(*e.args[i]));
      return acc;
    }
    case ExprKind::Aggregate: return scope_.aggregate(e);
    case ExprKind::Has: {
      // `has m` is member m's Bool; `has any` their Or, `has all` their And (Kleene,
      // so a missing set gives unknown).
      std::vector<Reg> members;
      for (size_t i = 1; i < e.args.size(); ++i) members.push_back(set_member(*e.args[0], e.args[i]->sema.index));
      return all_of(members, e.text == "all" ? Op::And : Op::Or);
    }
    case ExprKind::IsEmpty: {
      // `is empty`: no member is listed (unknown for a missing set).
      std::vector<Reg> members;
      const size_t n = c_.enums[e.args[0]->sema.type.enum_id].members.size();
      for (size_t m = 0; m < n; ++m) members.push_back(set_member(*e.args[0], static_cast<int>(m)));
      Reg any = all_of(members, Op::Or);
      return e.negated ? any : code_.op(Op::Not, ir::Type::Bool, any);
    }
    case ExprKind::SetLit: break;  // only in `given` blocks (lower_examples.cpp)
  }
  return code_.missing(ir_type(e.sema.type));
}

}  // namespace leadc
