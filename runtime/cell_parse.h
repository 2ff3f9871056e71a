// Turning one input cell (CSV text or a JSON scalar) into an IR value, with the rules
// every reader and engine shares (see COMMON rules / LANGUAGE.md section 7): empty =
// missing, non-text cells trimmed of spaces, strict number/date/timestamp syntax, units
// scaled into IR units (seconds, cents). One FieldReader per ir::Input, built once.
// Defined in cell_parse.cpp (the reader, by kind) and, one job a file, cell_numbers,
// cell_dates, cell_choices, cell_text and cell_message.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

enum class CellError : uint8_t {
  None,
  Syntax,      // does not parse as the field's type
  Negative,    // duration or money below zero
  Decimals,    // money with more than two decimals
  Missing,     // empty cell for a non-optional field
  Range,       // int/money/duration beyond 2^53 units (not exact), a number beyond a double
  Encoding,    // a text cell that is not valid UTF-8
  Skipped,     // a local time in the field's zone that the clocks skip (daylight saving starts)
  Repeated,    // a local time in the field's zone that happens twice (daylight saving ends)
};

// One column's cells in the CSV fast path's separator index (csv_fast.cpp): cell r
// spans data[ends[r * stride] + 1, ends[r * stride + 1]) (unsigned wrap-around gives 0
// for the first cell). Quoted cells are unescaped into the batch (text) or scratch.
// The row's last cell ends before the CR of a CRLF. Rows whose cell does not read are
// appended to bad_rows (their value is left missing).
struct CsvColumnCells {
  const char* data;
  const char* data_end;  // cells more than 8 bytes before it may be read 8 bytes at a time
  const uint32_t* ends;
  size_t stride;
  Batch* batch;
  std::string* scratch;
  std::vector<uint32_t>* bad_rows;
  bool last_column;
};

class FieldReader {
 public:
  // `default_zone`: `leadc run --timezone`, for timestamps without an offset and a
  // `zone` of their own (empty: UTC, marked in Column::zoneless).
  FieldReader(const ir::Program& program, size_t input_index, std::string_view default_zone = {});

  // Parses `text` into `col` at `row` (col is already sized). Text kinds keep the
  // text as is; `text` must then outlive the batch (point into batch-owned bytes).
  // Goes straight to a parser specialised for the field's kind, chosen once.
  CellError read(std::string_view text, Column& col, size_t row) const { return read_(*this, text, col, row); }
  // Reads rows [0, rows) of a column of CSV cells (see CsvColumnCells for bad cells).
  void read_csv_column(const CsvColumnCells& cells, Column& col, size_t rows) const {
    read_column_(*this, cells, col, rows);
  }
  // A JSON number token: the field's `format` pattern is for text cells, so a number
  // is read as written (an epoch format still applies).
  CellError read_json_number(std::string_view text, Column& col, size_t row) const;
  // A set given as a list of member texts (a JSON Lines array), each trimmed.
  CellError read_set_items(const std::vector<std::string>& items, Column& col, size_t row) const;
  // Stores "missing" at `row`, or reports Missing for a non-optional field.
  CellError read_missing(Column& col, size_t row) const;

  // "field `NAME` (column "HEADER"): cannot read "TEXT" as TYPE; expected …" (plus a
  // reason for Negative/Decimals/Range/Encoding instead of the expected forms).
  std::string message(CellError err, std::string_view text) const;
  // A JSON number an int field does not take (a fraction digit other than 0).
  std::string json_int_message(std::string_view number) const;

  const ir::Input& input() const { return *input_; }
  bool is_text() const;  // Text, Email, Phone: the value is a view of the cell
  // What the file is read as ("" UTF-8), for the hint of an Encoding error.
  void set_source_encoding(const std::string& encoding) { source_encoding_ = encoding; }

 private:
  using ReadFn = CellError (*)(const FieldReader&, std::string_view, Column&, size_t);
  using ReadColumnFn = void (*)(const FieldReader&, const CsvColumnCells&, Column&, size_t);
  template <ir::FieldKind K> static CellError read_kind(const FieldReader& fr, std::string_view text, Column& col,
                                                        size_t row);
  template <ir::FieldKind K> static void read_column_kind(const FieldReader& fr, const CsvColumnCells& cells,
                                                            Column& col, size_t rows);
  int32_t find_member(std::string_view name) const;  // -1 when not a member
  // A set's cell (trimmed, not empty unless the set is required): whether it lists this
  // input's member (cell_choices.cpp). Only member 0 reports a cell that does not read,
  // so a bad cell is one data error; the other members leave it missing.
  CellError read_set(std::string_view cell, Column& col, size_t row) const;
  // What a set's reader stores: whether this member is `listed`, or (not `ok`) the
  // cell's one data error, reported by member 0 only.
  CellError set_result(bool ok, bool listed, Column& col, size_t row) const;
  // The first member text of a set's cell that names no member ("" when all do).
  std::string_view unknown_set_member(std::string_view cell) const;
  void index_members(const ir::EnumType& e);          // fills the member tables below

  // `format`, `zone` and --timezone (runtime/formatted_cells.cpp): when one applies, the
  // reader goes through read_formatted, which reads the cell's form and hands plain text
  // (numbers) to the kind's own reader, plain_read_.
  struct Formatted;
  void install_formatted(const ir::Program& program, std::string_view default_zone);
  static CellError read_formatted(const FieldReader& fr, std::string_view text, Column& col, size_t row);
  static void read_column_formatted(const FieldReader& fr, const CsvColumnCells& cells, Column& col, size_t rows);
  std::string formatted_detail(CellError err, std::string_view text) const;  // Skipped/Repeated
  std::string epoch_detail(std::string_view text) const;  // Range of an epoch field
  std::string impossible_time(std::string_view text) const;  // a date in shape that does not exist
  std::shared_ptr<const Formatted> formatted_;
  std::string source_encoding_;
  ReadFn plain_read_ = nullptr;
  // "did you mean" for an enum cell: the member whose name or spelling is closest.
  std::string closest_member(std::string_view text) const;
  const ir::EnumType* enum_ = nullptr;

  // Small enums are searched linearly by length then bytes (faster than hashing).
  struct Member {
    std::string_view name;
    int32_t index;
  };
  const ir::Input* input_;
  ReadFn read_ = nullptr;
  ReadColumnFn read_column_ = nullptr;
  bool whole_scale_ = false;  // the unit scale is a whole number (exact for whole cells)
  std::string type_name_;
  std::string expected_;         // "; expected …" for messages: what would have been accepted
  std::string_view currency_symbol_;  // money: the symbol of the field's currency, if it has one
  std::string_view strip_currency(std::string_view t) const;
  std::vector<Member> small_members_;                      // Enum with few members
  // Collision-free table over (length, first, last byte) for small_members_, when a
  // multiplier that makes it so was found: slot -> index into small_members_ or -1.
  std::vector<int8_t> member_slots_;
  uint32_t slot_mult_ = 0;
  std::unordered_map<std::string_view, int32_t> members_;  // Enum with many members
};

// Low-level parsers, exposed for tests and for JSON scalars. All take trimmed text.
bool parse_bool_text(std::string_view s, bool& out);
// Strict UTF-8 (no overlongs, no surrogates, at most U+10FFFF).
bool valid_utf8(std::string_view s);
// Text for a message: bytes below 0x20, 0x7F and bytes that are not part of valid UTF-8
// become \xNN, so a NUL cannot cut a message short and the message stays UTF-8.
std::string escape_for_message(std::string_view s);
// The data error for a cell that is not valid UTF-8 where no field reads it as text
// (LANGUAGE.md section 9): `where` (`column "Notes"`), the text, the --encoding hint.
// `encoding`: what the file is read as ("" UTF-8), so the hint never names it.
std::string not_utf8_message(const std::string& where, std::string_view text, const std::string& encoding = "");
// "not valid UTF-8; …" / "not valid windows-1252 …": the rest of such a message.
std::string not_utf8_hint(const std::string& encoding);
bool parse_date_text(std::string_view s, double& seconds);
bool parse_timestamp_text(std::string_view s, double& seconds);
// While a chunk parser holds one of these with `valid` true, every byte of the chunk
// is known to be UTF-8 (checked once, with SIMD), so text cells read on this thread
// skip their own check. Cells read any other way are checked one by one.
class KnownUtf8Chunk {
 public:
  explicit KnownUtf8Chunk(bool valid);
  ~KnownUtf8Chunk();
  KnownUtf8Chunk(const KnownUtf8Chunk&) = delete;
  KnownUtf8Chunk& operator=(const KnownUtf8Chunk&) = delete;
  static bool active();

 private:
  bool previous_;
};

bool valid_email(std::string_view s);
bool valid_phone(std::string_view s);
inline std::string_view trim_spaces(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  if (s.empty() || (!space(s.front()) && !space(s.back()))) return s;  // the common case
  size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// A quoted CSV cell's text: without its quotes, doubled quotes made single (kept in the
// batch when `keep`, for text kinds, whose values are views; else in cells.scratch).
std::string_view unquote_csv_cell(std::string_view quoted, bool keep, const CsvColumnCells& cells);

}  // namespace leadc::rt
