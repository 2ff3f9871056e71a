// Column batches: the unit of work between readers, engines and writers. A batch
// holds up to a few thousand leads, one Column per program input (or register),
// each a flat typed array plus a known/missing flag per row.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::rt {

struct Column {
  ir::Type type = ir::Type::Num;
  std::vector<uint8_t> known;             // 1 = value present, 0 = missing/unknown
  std::vector<double> num;                // Type::Num
  std::vector<uint8_t> b;                 // Type::Bool (0/1)
  std::vector<int32_t> member;            // Type::Enum
  std::vector<std::string_view> str;      // Type::Str; views stay valid while the batch lives
  // Timestamps: per row, 1 for a cell without an offset read as UTC (no `zone`, no
  // --timezone), for the summary (LANGUAGE.md section 9); empty while there is none. Per
  // row, so that a row the reader rejects is not counted (drop_batch_rows drops its mark).
  std::vector<uint8_t> zoneless{};
  void mark_zoneless(size_t row) {
    if (zoneless.size() <= row) zoneless.resize(std::max(known.size(), row + 1), 0);
    zoneless[row] = 1;
  }
  // The marked rows among the first `rows`.
  uint64_t zoneless_count(size_t rows) const {
    uint64_t n = 0;
    for (size_t r = 0; r < rows && r < zoneless.size(); ++r) n += zoneless[r];
    return n;
  }

  // The three ways a column is sized, all in column.cpp:
  void reset(ir::Type t, size_t rows);    // size every array for `rows`, all missing
  // An engine's register for `rows`: `known` and the array of `t` sized, their values
  // left as they were (the engine writes every row), the other arrays emptied.
  void prepare(ir::Type t, size_t rows);
};

// A reader's column grown (or cut) to `rows`, keeping its values; new rows missing.
void resize_column(Column& col, size_t rows);

struct Batch {
  size_t rows = 0;
  std::vector<Column> inputs;             // parallel to Program::inputs
  std::vector<uint64_t> line;             // 1-based line of each row in its file
  std::vector<std::string_view> raw;      // each row's raw text (for rejects), may be empty
  // Storage that string_views may point into (e.g. unescaped quoted cells, the
  // block of file bytes the batch was parsed from).
  std::deque<std::string> arena;
  // The file bytes the batch was parsed from (cells point into them); handed back to
  // the reader for reuse when the batch is refilled.
  std::string chunk_bytes;

  std::string_view keep(std::string s) { arena.push_back(std::move(s)); return arena.back(); }
};

// Timestamp cells of the batch read as UTC for want of an offset, a `zone` or
// --timezone: what the summary counts for lead and events files alike (LANGUAGE.md
// section 9).
// Only the batch's rows count: a rejected row's cells are not among them.
inline uint64_t zoneless_utc(const Batch& batch) {
  uint64_t n = 0;
  for (const Column& c : batch.inputs) n += c.zoneless_count(batch.rows);
  return n;
}

// A rejected row's slot, about to be reused by the next row: its marks go.
inline void clear_row_marks(Batch& batch, size_t row) {
  for (Column& c : batch.inputs)
    if (row < c.zoneless.size()) c.zoneless[row] = 0;
}

// Register values for one batch, parallel to Program::code. Engines must fill at
// least every register named by Program::outputs, classifications, scores and terms.
struct Registers {
  std::vector<Column> regs;
};

}  // namespace leadc::rt
