// Batch columns from cells that are std::optional (nullopt = missing), and register
// values read back as optionals: the engine tests (interpreter, JIT) compare with these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::testing {

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
