// Hand-built ir::Programs for the engine, reader and JIT tests: instructions one by
// one (no sharing, unlike lowering), inputs by IR type or by field kind.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::testing {

// The IR type and display of a field kind, as lowering gives them to a declared field.
inline ir::Type type_of(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool: return ir::Type::Bool;
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

  ir::Reg op(ir::Op o, ir::Type t, ir::Reg a = ir::kNoReg, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg) {
    return emit(make(o, t, a, b, c));
  }
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
};

}  // namespace leadc::testing
