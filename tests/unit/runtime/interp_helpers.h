// Helpers for the engine unit tests: build small IR programs by hand and batches
// whose cells are std::optional (nullopt = missing), then read registers back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::testing {

struct ProgramBuilder {
  ir::Program p;

  static ir::Instr make(ir::Op o, ir::Type t) {
    ir::Instr in;
    in.op = o;
    in.type = t;
    return in;
  }

  ir::Reg emit(ir::Instr in) {
    p.code.push_back(std::move(in));
    return static_cast<ir::Reg>(p.code.size() - 1);
  }
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
    p.inputs.push_back(in);
    ir::Instr f = make(ir::Op::Field, t);
    f.enum_id = enum_id;
    f.a = static_cast<ir::Reg>(p.inputs.size() - 1);
    return emit(f);
  }
  ir::Reg op(ir::Op o, ir::Type t, ir::Reg a, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg) {
    ir::Instr in = make(o, t);
    in.a = a;
    in.b = b;
    in.c = c;
    return emit(in);
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

template <class T>
using Cells = std::vector<std::optional<T>>;

inline rt::Column num_column(const Cells<double>& cells) {
  rt::Column c;
  c.reset(ir::Type::Num, cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i]) c.known[i] = 1, c.num[i] = *cells[i];
  }
  return c;
}
inline rt::Column bool_column(const Cells<bool>& cells) {
  rt::Column c;
  c.reset(ir::Type::Bool, cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i]) c.known[i] = 1, c.b[i] = *cells[i];
  }
  return c;
}
inline rt::Column enum_column(const Cells<int32_t>& cells) {
  rt::Column c;
  c.reset(ir::Type::Enum, cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i]) c.known[i] = 1, c.member[i] = *cells[i];
  }
  return c;
}
// The views point into `batch.arena`.
inline rt::Column str_column(rt::Batch& batch, const Cells<std::string>& cells) {
  rt::Column c;
  c.reset(ir::Type::Str, cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i]) c.known[i] = 1, c.str[i] = batch.keep(*cells[i]);
  }
  return c;
}

// Register values of one row as optionals, for comparing with expectations.
inline std::optional<bool> bool_at(const rt::Registers& r, ir::Reg reg, size_t row) {
  const rt::Column& c = r.regs[reg];
  if (!c.known[row]) return std::nullopt;
  return c.b[row] != 0;
}
inline std::optional<double> num_at(const rt::Registers& r, ir::Reg reg, size_t row) {
  const rt::Column& c = r.regs[reg];
  if (!c.known[row]) return std::nullopt;
  return c.num[row];
}
inline std::optional<int32_t> enum_at(const rt::Registers& r, ir::Reg reg, size_t row) {
  const rt::Column& c = r.regs[reg];
  if (!c.known[row]) return std::nullopt;
  return c.member[row];
}
inline std::optional<std::string_view> str_at(const rt::Registers& r, ir::Reg reg, size_t row) {
  const rt::Column& c = r.regs[reg];
  if (!c.known[row]) return std::nullopt;
  return c.str[row];
}

}  // namespace leadc::testing
