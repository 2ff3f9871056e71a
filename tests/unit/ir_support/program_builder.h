// Hand-built ir::Programs for the engine, reader, JIT and analysis tests: instructions
// one by one (no sharing, unlike lowering), inputs by IR type or by field kind, and the
// declarations the analysis reads (terms, classifications as a chain of Selects, scores)
// lowered the way the IR contract describes. Declarations made with a span get their
// own line in a fake source file, so tests can tell them apart.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"
#include "compiler/ir/ir.h"

namespace leadc::testing {

// The IR type and display of a field kind, as lowering gives them to a declared field.
inline ir::Type type_of(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool:
    case ir::FieldKind::Set: return ir::Type::Bool;  // one input per member (ir.h)
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone: return ir::Type::Str;
    case ir::FieldKind::Enum: return ir::Type::Enum;
    default: return ir::Type::Num;
  }
}

inline ir::Display display_of(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool: return ir::Display::Bool;
    case ir::FieldKind::Set: return ir::Display::Set;
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone: return ir::Display::Text;
    case ir::FieldKind::Enum: return ir::Display::Enum;
    case ir::FieldKind::Date: return ir::Display::Date;
    case ir::FieldKind::Timestamp: return ir::Display::Timestamp;
    default: return ir::Display::Number;
  }
}

struct ProgramBuilder {
  ir::Program p;

  static ir::Instr make(ir::Op o, ir::Type t, ir::Reg a = ir::kNoReg, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg) {
    ir::Instr in;
    in.op = o;
    in.type = t;
    in.a = a;
    in.b = b;
    in.c = c;
    return in;
  }

  ir::Reg emit(ir::Instr in) {
    p.code.push_back(std::move(in));
    return static_cast<ir::Reg>(p.code.size() - 1);
  }

  // A span on a line of its own; its line identifies the declaration in tests.
  Span span() {
    if (!file_) file_ = std::make_shared<SourceFile>("test.lead", std::string(4096, '\n'));
    ++line_;
    return Span{file_.get(), line_, line_ + 1, line_, 1};
  }
  uint32_t last_line() const { return line_; }

  int32_t add_enum(std::string name, std::vector<std::string> members) {
    p.enums.push_back(ir::EnumType{std::move(name), std::move(members)});
    return static_cast<int32_t>(p.enums.size() - 1);
  }

  // Appends `in` and returns the register of its Field instruction.
  ir::Reg add_input(ir::Input in) {
    p.inputs.push_back(std::move(in));
    ir::Instr f = make(ir::Op::Field, p.inputs.back().type);
    f.enum_id = p.inputs.back().enum_id;
    f.a = static_cast<ir::Reg>(p.inputs.size() - 1);
    return emit(f);
  }

  // An optional input of IR type `t` (kind Bool, Number, Text or Enum), column = name.
  ir::Reg input(const std::string& name, ir::Type t, int32_t enum_id = -1) {
    ir::Input in;
    in.field = in.column = name;
    in.type = t;
    in.enum_id = enum_id;
    in.kind = t == ir::Type::Bool  ? ir::FieldKind::Bool
              : t == ir::Type::Num ? ir::FieldKind::Number
              : t == ir::Type::Str ? ir::FieldKind::Text
                                   : ir::FieldKind::Enum;
    in.optional = true;
    return add_input(std::move(in));
  }

  // A declared input of field kind `kind` with a span of its own (the analysis tests);
  // the first input, when it is non-optional text, is the key.
  ir::Reg input(std::string field, ir::FieldKind kind, bool optional, int32_t enum_id = -1, double scale = 1,
                std::string unit = "") {
    ir::Input in;
    in.field = in.column = std::move(field);
    in.kind = kind;
    in.type = type_of(kind);
    in.enum_id = enum_id;
    in.scale = scale;
    in.unit = std::move(unit);
    in.optional = optional;
    in.key = p.inputs.empty() && kind == ir::FieldKind::Text && !optional;
    in.span = span();
    return add_input(std::move(in));
  }

  // An input of field kind `kind`, printed as an output of the same name (the reader
  // and writer tests).
  ir::Reg field(std::string name, ir::FieldKind kind, bool optional = false, double scale = 1,
                std::string column = "", int32_t enum_id = -1, std::string unit = "") {
    ir::Input in;
    in.field = name;
    in.column = column.empty() ? name : column;
    in.kind = kind;
    in.type = type_of(kind);
    in.enum_id = enum_id;
    in.scale = scale;
    in.unit = unit;
    in.optional = optional;
    const ir::Type type = in.type;
    const ir::Reg reg = add_input(std::move(in));
    p.outputs.push_back(ir::Output{name, reg, type, display_of(kind), scale, enum_id});
    return reg;
  }

  // An enum-typed op (Select, Coalesce) takes the enum of its second operand.
  ir::Reg op(ir::Op o, ir::Type t, ir::Reg a = ir::kNoReg, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg) {
    ir::Instr in = make(o, t, a, b, c);
    if (t == ir::Type::Enum && b != ir::kNoReg) in.enum_id = p.code[b].enum_id;
    return emit(in);
  }
  ir::Reg cmp(ir::Op o, ir::Reg a, ir::Reg b) { return op(o, ir::Type::Bool, a, b); }
  ir::Reg arith(ir::Op o, ir::Reg a, ir::Reg b) { return op(o, ir::Type::Num, a, b); }
  ir::Reg and_(ir::Reg a, ir::Reg b) { return op(ir::Op::And, ir::Type::Bool, a, b); }
  ir::Reg or_(ir::Reg a, ir::Reg b) { return op(ir::Op::Or, ir::Type::Bool, a, b); }
  ir::Reg not_(ir::Reg a) { return op(ir::Op::Not, ir::Type::Bool, a); }
  ir::Reg is_known(ir::Reg a) { return op(ir::Op::IsKnown, ir::Type::Bool, a); }
  ir::Reg is_missing(ir::Reg a) { return not_(is_known(a)); }
  ir::Reg as_of() { return emit(make(ir::Op::AsOf, ir::Type::Num)); }
  ir::Reg num(double v) {
    ir::Instr in = make(ir::Op::Const, ir::Type::Num);
    in.value.num = v;
    return emit(in);
  }
  ir::Reg boolean(bool v) {
    ir::Instr in = make(ir::Op::Const, ir::Type::Bool);
    in.value.b = v;
    return emit(in);
  }
  ir::Reg str(std::string v) {
    ir::Instr in = make(ir::Op::Const, ir::Type::Str);
    in.value.str = std::move(v);
    return emit(in);
  }
  ir::Reg member(int32_t enum_id, int32_t m) {
    ir::Instr in = make(ir::Op::Const, ir::Type::Enum);
    in.enum_id = enum_id;
    in.value.member = m;
    return emit(in);
  }
  ir::Reg missing(ir::Type t) {
    ir::Instr in = make(ir::Op::Const, t);
    in.value.missing = true;
    return emit(in);
  }

  void term(std::string name, ir::Reg r) {
    const bool condition = p.code[r].type == ir::Type::Bool;
    p.terms.push_back({std::move(name), r, span(), condition});
  }

  // A classification; a label with condition kNoReg is `otherwise`.
  ir::Reg classify(std::string name, bool unique, const std::vector<std::pair<std::string, ir::Reg>>& labels) {
    ir::Classification c;
    c.name = name;
    c.unique = unique;
    c.span = span();
    std::vector<std::string> members;
    for (auto& l : labels) members.push_back(l.first);
    c.enum_id = add_enum(name, members);
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
    ir::Reg acc = missing(ir::Type::Enum);
    p.code[acc].enum_id = c.enum_id;
    for (size_t k = labels.size(); k-- > 0;) {
      const ir::Reg m = member(c.enum_id, static_cast<int32_t>(k));
      acc = labels[k].second == ir::kNoReg ? m : op(ir::Op::Select, ir::Type::Enum, labels[k].second, m, acc);
    }
    c.reg = acc;
    p.classifications.push_back(c);
    return acc;
  }

  // A score whose rules are (condition, points) `when` rules and (value, points, cap) `per` rules.
  struct Rule {
    ir::Reg condition = ir::kNoReg;
    ir::Reg per_value = ir::kNoReg;
    double points = 0;
    double cap = -1;
  };
  ir::Reg score(std::string name, const std::vector<Rule>& rules, bool has_range = false, double lo = 0,
                double hi = 0) {
    ir::Score s;
    s.name = std::move(name);
    s.has_range = has_range;
    s.lo = lo;
    s.hi = hi;
    s.span = span();
    ir::Reg sum = num(0);
    for (const Rule& r : rules) {
      ir::ScoreRule sr;
      sr.condition = r.condition;
      sr.per_value = r.per_value;
      sr.points = r.points;
      sr.cap = r.cap;
      sr.span = span();
      if (r.condition != ir::kNoReg) {
        sr.contribution = op(ir::Op::Select, ir::Type::Num, r.condition, num(r.points), num(0));
      } else {
        ir::Reg v = arith(ir::Op::Mul, r.per_value, num(r.points));
        if (r.cap >= 0) v = arith(ir::Op::Min, v, num(r.cap));
        sr.contribution = op(ir::Op::Coalesce, ir::Type::Num, v, num(0));
      }
      sum = arith(ir::Op::Add, sum, sr.contribution);
      s.rules.push_back(sr);
    }
    s.unclamped = sum;
    s.reg = has_range ? arith(ir::Op::Max, arith(ir::Op::Min, sum, num(hi)), num(lo)) : sum;
    p.scores.push_back(s);
    return s.reg;
  }

 private:
  std::shared_ptr<SourceFile> file_;  // shared: builders are copied in some tests
  uint32_t line_ = 0;
};

}  // namespace leadc::testing
