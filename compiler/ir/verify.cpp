// The program verifier: the checks every engine relies on, in one place.
#include "compiler/ir/verify.h"

#include <fmt/format.h>

namespace leadc::ir {

namespace {

class Verifier {
 public:
  Verifier(const Program& p, VerifyOptions o) : p_(p), o_(o) {}

  Status run() {
    for (size_t i = 0; i < p_.code.size(); ++i) {
      if (std::string err = instruction(i); !err.empty()) return Failure{err};
    }
    if (std::string err = structure(); !err.empty()) return Failure{err};
    return Status::ok();
  }

 private:
  Type type_of(Reg r) const { return p_.code[r].type; }

  std::string instruction(size_t i) const {
    const Instr& ins = p_.code[i];
    auto fail = [&](const std::string& what) { return fmt::format("%{} = {}: {}", i, op_name(ins.op), what); };
    if (ins.type == Type::Enum && ins.enum_id >= 0 && size_t(ins.enum_id) >= p_.enums.size()) {
      return fail("enum result of an enum type that does not exist");
    }
    if (ins.op == Op::Field) {
      if (ins.a >= p_.inputs.size()) return fail("input index out of range");
      if (p_.inputs[ins.a].type != ins.type) return fail("input type differs from result type");
      return "";
    }
    if (o_.enum_names && ins.op == Op::Const && ins.type == Type::Enum && !ins.value.missing) {
      if (ins.enum_id < 0) return fail("enum constant without a valid enum type");
      if (ins.value.member < 0 || size_t(ins.value.member) >= p_.enums[ins.enum_id].members.size())
        return fail(fmt::format("enum constant outside its type `{}`", p_.enums[ins.enum_id].name));
    }
    int k = 0;
    for (Reg r : operands(ins)) {
      if (r >= i) return fail(fmt::format("operand {} does not refer to an earlier register", k));
      ++k;
    }
    auto want = [&](Type result, std::initializer_list<std::pair<Reg, Type>> ops) -> std::string {
      if (ins.type != result) return fail(fmt::format("result must be {}", type_name(result)));
      for (auto [reg, t] : ops) {
        if (type_of(reg) != t) return fail(fmt::format("operand %{} must be {}", reg, type_name(t)));
      }
      return "";
    };
    switch (ins.op) {
      case Op::Field:
      case Op::Const: return "";
      case Op::AsOf: return want(Type::Num, {});
      case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Min: case Op::Max:
        return want(Type::Num, {{ins.a, Type::Num}, {ins.b, Type::Num}});
      case Op::Eq: case Op::Ne: return want(Type::Bool, {{ins.b, type_of(ins.a)}});
      case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
        return want(Type::Bool, {{ins.a, Type::Num}, {ins.b, Type::Num}});
      case Op::StartsWith: case Op::EndsWith: case Op::Contains:
        return want(Type::Bool, {{ins.a, Type::Str}, {ins.b, Type::Str}});
      case Op::And: case Op::Or: return want(Type::Bool, {{ins.a, Type::Bool}, {ins.b, Type::Bool}});
      case Op::Not: return want(Type::Bool, {{ins.a, Type::Bool}});
      case Op::IsKnown: return want(Type::Bool, {});
      case Op::Coalesce: return want(ins.type, {{ins.a, ins.type}, {ins.b, ins.type}});
      case Op::Select: return want(ins.type, {{ins.a, Type::Bool}, {ins.b, ins.type}, {ins.c, ins.type}});
    }
    return fail("unknown op");
  }

  // Registers named by the source-level structure exist (kNoReg where optional).
  std::string structure() const {
    auto bad = [&](Reg r, bool optional) { return optional && r == kNoReg ? false : r >= p_.code.size(); };
    for (const Output& o : p_.outputs) {
      if (bad(o.reg, false)) return fmt::format("output `{}` names no register", o.name);
    }
    for (const Term& t : p_.terms) {
      if (bad(t.reg, false)) return fmt::format("term `{}` names no register", t.name);
    }
    for (const ConstDecl& c : p_.consts) {
      if (bad(c.reg, false) || p_.code[c.reg].op != Op::Const) return fmt::format("const `{}` is not a Const", c.name);
    }
    for (const Score& s : p_.scores) {
      if (bad(s.reg, false) || bad(s.unclamped, false)) return fmt::format("score `{}` names no register", s.name);
      for (const ScoreRule& rule : s.rules) {
        if (bad(rule.condition, true) || bad(rule.per_value, true) || bad(rule.contribution, false)) {
          return fmt::format("a rule of score `{}` names no register", s.name);
        }
      }
    }
    for (const Classification& c : p_.classifications) {
      if (bad(c.reg, false)) return fmt::format("classification `{}` names no register", c.name);
      for (const Label& l : c.labels) {
        if (bad(l.condition, true)) return fmt::format("label `{}` of `{}` names no register", l.name, c.name);
      }
    }
    for (const Input& in : p_.inputs) {
      if (in.type == Type::Enum && in.enum_id >= 0 && size_t(in.enum_id) >= p_.enums.size()) {
        return fmt::format("input `{}` has an enum type that does not exist", in.field);
      }
    }
    if (std::string err = sets(); !err.empty()) return err;
    return "";
  }

  // A set's inputs: Bool, consecutive, one per member of an existing enum in order,
  // all reading one column; a Display::Set value names their Field registers in order.
  std::string sets() const {
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      const Input& in = p_.inputs[i];
      if (in.kind != FieldKind::Set) continue;
      if (in.type != Type::Bool || in.enum_id < 0 || size_t(in.enum_id) >= p_.enums.size())
        return fmt::format("set input `{}` is not a Bool of an existing enum", in.field);
      const bool first = in.set_member == 0;
      const Input* prev = i > 0 ? &p_.inputs[i - 1] : nullptr;
      const bool follows = prev && prev->kind == FieldKind::Set && prev->field == in.field && prev->column == in.column &&
                           prev->enum_id == in.enum_id && prev->set_member + 1 == in.set_member;
      if (!first && !follows) return fmt::format("set input `{}` member {} is out of order", in.field, in.set_member);
      const size_t n = p_.enums[in.enum_id].members.size();
      if (size_t(in.set_member) + 1 == n) continue;
      if (i + 1 >= p_.inputs.size() || p_.inputs[i + 1].kind != FieldKind::Set || p_.inputs[i + 1].field != in.field)
        return fmt::format("set input `{}` lacks members after {}", in.field, in.set_member);
    }
    auto check = [&](const Output& o) -> std::string {
      if (o.display != Display::Set) return "";
      std::vector<Reg> regs = set_registers(p_, o);
      if (regs.empty()) return fmt::format("set `{}` has no members", o.name);
      for (size_t m = 0; m < regs.size(); ++m) {
        if (regs[m] >= p_.code.size()) return fmt::format("set `{}` names no register", o.name);
        const Instr& ins = p_.code[regs[m]];
        if (ins.op != Op::Field || ins.a >= p_.inputs.size() || p_.inputs[ins.a].kind != FieldKind::Set ||
            p_.inputs[ins.a].set_member != static_cast<int32_t>(m) || p_.inputs[ins.a].enum_id != o.enum_id)
          return fmt::format("set `{}`: register %{} is not member {} of its set", o.name, regs[m], m);
      }
      return "";
    };
    for (const Output& o : p_.outputs)
      if (std::string err = check(o); !err.empty()) return err;
    for (const NamedValue& n : p_.names)
      if (std::string err = check(n.value); !err.empty()) return err;
    return "";
  }

  const Program& p_;
  VerifyOptions o_;
};

}  // namespace

Status verify(const Program& program, VerifyOptions options) {
  Status s = Verifier(program, options).run();
  if (!s) return s;
  if (program.activity) {
    Status events = Verifier(program.activity->events, options).run();
    if (!events) return Failure{"activity program: " + events.error()};
  }
  return Status::ok();
}

}  // namespace leadc::ir
