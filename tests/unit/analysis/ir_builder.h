// A small builder for hand-made ir::Programs, so the analysis can be tested without
// the frontend: inputs, constants, ops, terms, scores and classifications lowered the
// way the IR contract describes (labels as a chain of Selects). Every declaration
// gets its own line in a fake source file, so tests can tell spans apart.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"
#include "compiler/ir/ir.h"

namespace leadc::test {

using ir::Op;
using ir::Reg;
using ir::Type;

class IrBuilder {
 public:
  IrBuilder() : file_(std::make_unique<SourceFile>("test.lead", std::string(4096, '\n'))) {}

  ir::Program program;

  // A span on its own line; `line` identifies the declaration in tests.
  Span span() {
    ++line_;
    return Span{file_.get(), line_, line_ + 1, line_, 1};
  }
  uint32_t last_line() const { return line_; }

  int enum_type(std::string name, std::vector<std::string> members) {
    program.enums.push_back({std::move(name), std::move(members)});
    return static_cast<int>(program.enums.size()) - 1;
  }

  // Adds an input and returns the register of its Field instruction.
  Reg input(std::string field, ir::FieldKind kind, bool optional, int enum_id = -1, double scale = 1,
            std::string unit = "") {
    ir::Input in;
    in.field = in.column = std::move(field);
    in.kind = kind;
    in.type = ir_type(kind);
    in.enum_id = enum_id;
    in.scale = scale;
    in.unit = std::move(unit);
    in.optional = optional;
    in.key = program.inputs.empty() && kind == ir::FieldKind::Text && !optional;
    in.span = span();
    program.inputs.push_back(in);
    ir::Instr i = instr(Op::Field, in.type);
    i.enum_id = enum_id;
    i.a = static_cast<Reg>(program.inputs.size() - 1);
    return emit(i);
  }

  Reg num(double v) {
    ir::Instr i = instr(Op::Const, Type::Num);
    i.value.num = v;
    return emit(i);
  }
  Reg boolean(bool v) {
    ir::Instr i = instr(Op::Const, Type::Bool);
    i.value.b = v;
    return emit(i);
  }
  Reg str(std::string s) {
    ir::Instr i = instr(Op::Const, Type::Str);
    i.value.str = std::move(s);
    return emit(i);
  }
  Reg member(int enum_id, int m) {
    ir::Instr i = instr(Op::Const, Type::Enum);
    i.enum_id = enum_id;
    i.value.member = m;
    return emit(i);
  }
  Reg missing(Type t) {
    ir::Instr i = instr(Op::Const, t);
    i.value.missing = true;
    return emit(i);
  }
  Reg as_of() { return emit(instr(Op::AsOf, Type::Num)); }

  Reg op(Op o, Type t, Reg a, Reg b = ir::kNoReg, Reg c = ir::kNoReg) {
    ir::Instr i = instr(o, t);
    i.a = a;
    i.b = b;
    i.c = c;
    if (t == Type::Enum && b != ir::kNoReg) i.enum_id = program.code[b].enum_id;
    return emit(i);
  }
  Reg cmp(Op o, Reg a, Reg b) { return op(o, Type::Bool, a, b); }
  Reg arith(Op o, Reg a, Reg b) { return op(o, Type::Num, a, b); }
  Reg and_(Reg a, Reg b) { return op(Op::And, Type::Bool, a, b); }
  Reg or_(Reg a, Reg b) { return op(Op::Or, Type::Bool, a, b); }
  Reg not_(Reg a) { return op(Op::Not, Type::Bool, a); }
  Reg is_known(Reg a) { return op(Op::IsKnown, Type::Bool, a); }
  Reg is_missing(Reg a) { return not_(is_known(a)); }

  void term(std::string name, Reg r) {
    bool cond = program.code[r].type == Type::Bool;
    program.terms.push_back({std::move(name), r, span(), cond});
  }

  // A classification; a label with condition kNoReg is `otherwise`.
  Reg classify(std::string name, bool unique, const std::vector<std::pair<std::string, Reg>>& labels) {
    ir::Classification c;
    c.name = name;
    c.unique = unique;
    c.span = span();
    std::vector<std::string> members;
    for (auto& l : labels) members.push_back(l.first);
    c.enum_id = enum_type(name, members);
    for (size_t k = 0; k < labels.size(); ++k) {
      ir::Label l;
      l.name = labels[k].first;
      l.member = static_cast<int32_t>(k);
      l.condition = labels[k].second;
      l.span = span();
      l.condition_span = l.span;
      c.labels.push_back(l);
    }
    // The first true label wins: Select(c1, m1, Select(c2, m2, … missing)).
    Reg acc = missing(Type::Enum);
    program.code[acc].enum_id = c.enum_id;
    for (size_t k = labels.size(); k-- > 0;) {
      Reg m = member(c.enum_id, static_cast<int>(k));
      acc = labels[k].second == ir::kNoReg ? m : op(Op::Select, Type::Enum, labels[k].second, m, acc);
    }
    c.reg = acc;
    program.classifications.push_back(c);
    return acc;
  }

  // A score whose rules are (condition, points) `when` rules and (value, points, cap) `per` rules.
  struct Rule {
    Reg condition = ir::kNoReg;
    Reg per_value = ir::kNoReg;
    double points = 0;
    double cap = -1;
  };
  Reg score(std::string name, const std::vector<Rule>& rules, bool has_range = false, double lo = 0, double hi = 0) {
    ir::Score s;
    s.name = std::move(name);
    s.has_range = has_range;
    s.lo = lo;
    s.hi = hi;
    s.span = span();
    Reg sum = num(0);
    for (const Rule& r : rules) {
      ir::ScoreRule sr;
      sr.condition = r.condition;
      sr.per_value = r.per_value;
      sr.points = r.points;
      sr.cap = r.cap;
      sr.span = span();
      if (r.condition != ir::kNoReg) {
        sr.contribution = op(Op::Select, Type::Num, r.condition, num(r.points), num(0));
      } else {
        Reg v = arith(Op::Mul, r.per_value, num(r.points));
        if (r.cap >= 0) v = arith(Op::Min, v, num(r.cap));
        sr.contribution = op(Op::Coalesce, Type::Num, v, num(0));
      }
      sum = arith(Op::Add, sum, sr.contribution);
      s.rules.push_back(sr);
    }
    s.unclamped = sum;
    s.reg = has_range ? arith(Op::Max, arith(Op::Min, sum, num(hi)), num(lo)) : sum;
    program.scores.push_back(s);
    return s.reg;
  }

 private:
  static ir::Instr instr(Op o, Type t) {
    ir::Instr i;
    i.op = o;
    i.type = t;
    return i;
  }
  static Type ir_type(ir::FieldKind k) {
    switch (k) {
      case ir::FieldKind::Bool: return Type::Bool;
      case ir::FieldKind::Text:
      case ir::FieldKind::Email:
      case ir::FieldKind::Phone: return Type::Str;
      case ir::FieldKind::Enum: return Type::Enum;
      default: return Type::Num;
    }
  }
  Reg emit(const ir::Instr& i) {
    program.code.push_back(i);
    return static_cast<Reg>(program.code.size() - 1);
  }

  std::unique_ptr<SourceFile> file_;
  uint32_t line_ = 0;
};

}  // namespace leadc::test
