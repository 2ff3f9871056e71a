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
