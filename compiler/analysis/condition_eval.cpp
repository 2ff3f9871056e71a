// Fast evaluation of conditions on a model (see condition_eval.h).
#include "compiler/analysis/condition_eval.h"

#include <cmath>

namespace leadc::analysis {

using ir::Op;

namespace {

constexpr double kExactLimit = 9007199254740992.0;  // 2^53

bool is_comparison(Op op) {
  return op == Op::Eq || op == Op::Ne || op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge;
}

bool compare(Op op, double a, double b) {
  switch (op) {
    case Op::Eq: return a == b;
    case Op::Ne: return a != b;
    case Op::Lt: return a < b;
    case Op::Le: return a <= b;
    case Op::Gt: return a > b;
    case Op::Ge: return a >= b;
    default: return false;
  }
}

// The comparison with the operands swapped (`3 < x` is `x > 3`).
Op swapped(Op op) {
  switch (op) {
    case Op::Lt: return Op::Gt;
    case Op::Le: return Op::Ge;
    case Op::Gt: return Op::Lt;
    case Op::Ge: return Op::Le;
    default: return op;
  }
}

}  // namespace

ConditionEvaluator::ConditionEvaluator(const Encoder& enc)
    : enc_(enc),
      program_(enc.program()),
      memo_stamp_(enc.program().code.size(), 0),
      memo_(enc.program().code.size(), Tri::Unknown),
      fields_(enc.program().inputs.size()) {}

void ConditionEvaluator::load(const z3::model& model) {
  model_ = model;
  ++stamp_;
}

bool ConditionEvaluator::is_true(ir::Reg r) { return eval(r) == Tri::True; }

const ConditionEvaluator::FieldValue& ConditionEvaluator::field(uint32_t input, ir::Reg reg) {
  FieldValue& f = fields_[input];
  if (f.stamp == stamp_) return f;
  f = FieldValue{};
  f.stamp = stamp_;
  f.known = model_->eval(enc_.known(reg), true).is_true();
  z3::expr v = model_->eval(enc_.value(reg), true);
  if (v.is_bool()) {
    f.exact = v.is_true() || v.is_false();
    f.num = v.is_true() ? 1 : 0;
  } else if (v.is_numeral()) {
    int64_t num = 0, den = 0;
    if (Z3_get_numeral_rational_int64(v.ctx(), v, &num, &den) && den == 1 &&
        std::fabs(static_cast<double>(num)) < kExactLimit) {
      f.exact = true;
      f.num = static_cast<double>(num);
    }
  }
  return f;
}

ConditionEvaluator::Tri ConditionEvaluator::by_model(ir::Reg r) {
  if (!model_->eval(enc_.known(r), true).is_true()) return Tri::Unknown;
  return model_->eval(enc_.value(r), true).is_true() ? Tri::True : Tri::False;
}

ConditionEvaluator::Tri ConditionEvaluator::eval(ir::Reg r) {
  if (memo_stamp_[r] == stamp_) return memo_[r];
  const ir::Instr& in = program_.code[r];
  Tri out = Tri::Unknown;
  auto field_of = [&](ir::Reg x) -> const ir::Instr* {
    const ir::Instr& f = program_.code[x];
    return f.op == Op::Field && (f.type == ir::Type::Num || f.type == ir::Type::Enum) ? &f : nullptr;
  };
  auto constant = [&](ir::Reg x) -> const ir::Instr* {
    const ir::Instr& c = program_.code[x];
    return c.op == Op::Const && !c.value.missing && (c.type == ir::Type::Num || c.type == ir::Type::Enum) ? &c : nullptr;
  };
  auto const_value = [](const ir::Instr& c) { return c.type == ir::Type::Enum ? double(c.value.member) : c.value.num; };
  switch (in.op) {
    case Op::And: {
      Tri a = eval(in.a);
      if (a == Tri::False) {
        out = Tri::False;
        break;
      }
      Tri b = eval(in.b);
      out = b == Tri::False ? Tri::False : (a == Tri::True && b == Tri::True) ? Tri::True : Tri::Unknown;
      break;
    }
    case Op::Or: {
      Tri a = eval(in.a);
      if (a == Tri::True) {
        out = Tri::True;
        break;
      }
      Tri b = eval(in.b);
      out = b == Tri::True ? Tri::True : (a == Tri::False && b == Tri::False) ? Tri::False : Tri::Unknown;
      break;
    }
    case Op::Not: {
      Tri a = eval(in.a);
      out = a == Tri::Unknown ? a : a == Tri::True ? Tri::False : Tri::True;
      break;
    }
    case Op::Const:
      out = in.value.missing ? Tri::Unknown : in.value.b ? Tri::True : Tri::False;
      break;
    case Op::Field:
      if (in.type == ir::Type::Bool && !program_.inputs[in.a].synthetic) {
        const FieldValue& f = field(in.a, r);
        out = !f.known ? Tri::Unknown : !f.exact ? by_model(r) : f.num != 0 ? Tri::True : Tri::False;
      } else {
        out = by_model(r);
      }
      break;
    default: {
      const ir::Instr* f = nullptr;
      const ir::Instr* c = nullptr;
      Op op = in.op;
      if (is_comparison(op) && in.a != ir::kNoReg && in.b != ir::kNoReg) {
        if ((f = field_of(in.a)) && (c = constant(in.b))) {
        } else if ((f = field_of(in.b)) && (c = constant(in.a))) {
          op = swapped(op);
        } else {
          f = nullptr;
        }
      }
      if (!f || program_.inputs[f->a].synthetic) {
        out = by_model(r);
        break;
      }
      const ir::Reg freg = f == &program_.code[in.a] ? in.a : in.b;
      const FieldValue& v = field(f->a, freg);
      if (!v.known) {
        out = Tri::Unknown;
      } else if (!v.exact) {
        out = by_model(r);
      } else {
        out = compare(op, v.num, const_value(*c)) ? Tri::True : Tri::False;
      }
      break;
    }
  }
  memo_stamp_[r] = stamp_;
  memo_[r] = out;
  return out;
}

}  // namespace leadc::analysis
