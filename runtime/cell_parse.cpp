// Cell parsing rules shared by the CSV and JSON Lines readers (see cell_parse.h).
// This file: choosing each field's reader once, the per-kind cell reader and the CSV
// column loop. The rules themselves: cell_numbers (int, number, duration, money),
// cell_dates, cell_choices (bool, enum), cell_text (UTF-8, e-mail, phone) and
// cell_message (what the message about an unreadable cell says).
#include "runtime/cell_parse.h"

#include <cmath>

#include "base/civil_time.h"
#include "base/contact_syntax.h"
#include "runtime/cell_message.h"
#include "runtime/cell_numbers.h"
#include "runtime/cell_text.h"

namespace leadc::rt {

using cell_numbers::Dec;
using cell_numbers::kExactLimit;
using cell_numbers::kPow10;

namespace {
thread_local bool t_chunk_is_utf8 = false;
}  // namespace

// Here, beside the reader that asks it once a text cell, so that the question inlines.
KnownUtf8Chunk::KnownUtf8Chunk(bool valid) : previous_(t_chunk_is_utf8) { t_chunk_is_utf8 = valid; }
KnownUtf8Chunk::~KnownUtf8Chunk() { t_chunk_is_utf8 = previous_; }
bool KnownUtf8Chunk::active() { return t_chunk_is_utf8; }

FieldReader::FieldReader(const ir::Program& program, size_t input_index, std::string_view default_zone)
    : input_(&program.inputs[input_index]) {
  using K = ir::FieldKind;
  whole_scale_ = cell_numbers::is_whole(input_->scale);
  if (input_->kind == K::Money && !input_->unit.empty()) currency_symbol_ = cell_numbers::currency_symbol(input_->unit);
  if ((input_->kind == K::Enum || input_->kind == K::Set) && input_->enum_id >= 0 &&
      static_cast<size_t>(input_->enum_id) < program.enums.size())
    index_members(program.enums[input_->enum_id]), enum_ = &program.enums[input_->enum_id];
  CellTypeText text = describe_cell_type(program, *input_, currency_symbol_);
  type_name_ = std::move(text.type_name);
  expected_ = std::move(text.expected);
  switch (input_->kind) {
    case K::Bool: read_ = &read_kind<K::Bool>; read_column_ = &read_column_kind<K::Bool>; break;
    case K::Int: read_ = &read_kind<K::Int>; read_column_ = &read_column_kind<K::Int>; break;
    case K::Number: read_ = &read_kind<K::Number>; read_column_ = &read_column_kind<K::Number>; break;
    case K::Text: read_ = &read_kind<K::Text>; read_column_ = &read_column_kind<K::Text>; break;
    case K::Email: read_ = &read_kind<K::Email>; read_column_ = &read_column_kind<K::Email>; break;
    case K::Phone: read_ = &read_kind<K::Phone>; read_column_ = &read_column_kind<K::Phone>; break;
    case K::Date: read_ = &read_kind<K::Date>; read_column_ = &read_column_kind<K::Date>; break;
    case K::Timestamp: read_ = &read_kind<K::Timestamp>; read_column_ = &read_column_kind<K::Timestamp>; break;
    case K::Duration: read_ = &read_kind<K::Duration>; read_column_ = &read_column_kind<K::Duration>; break;
    case K::Money: read_ = &read_kind<K::Money>; read_column_ = &read_column_kind<K::Money>; break;
    case K::Enum: read_ = &read_kind<K::Enum>; read_column_ = &read_column_kind<K::Enum>; break;
    case K::Set: read_ = &read_kind<K::Set>; read_column_ = &read_column_kind<K::Set>; break;
  }
  if (!read_) read_ = [](const FieldReader&, std::string_view, Column&, size_t) { return CellError::Syntax; };
  if (!read_column_)
    read_column_ = [](const FieldReader&, const CsvColumnCells& cells, Column& col, size_t rows) {
      for (size_t r = 0; r < rows; ++r) {
        col.known[r] = 0;
        cells.bad_rows->push_back(static_cast<uint32_t>(r));
      }
    };
  install_formatted(program, default_zone);
}

bool FieldReader::is_text() const {
  return input_->kind == ir::FieldKind::Text || input_->kind == ir::FieldKind::Email ||
         input_->kind == ir::FieldKind::Phone;
}

CellError FieldReader::read_missing(Column& col, size_t row) const {
  col.known[row] = 0;
  return input_->optional ? CellError::None : CellError::Missing;
}

template <ir::FieldKind K>
[[gnu::always_inline]] inline CellError FieldReader::read_kind(const FieldReader& fr, std::string_view text, Column& col, size_t row) {
  using FK = ir::FieldKind;
  if constexpr (K == FK::Text || K == FK::Email || K == FK::Phone) {
    if (contact::text_is_missing(text)) return fr.read_missing(col, row);
    if (!KnownUtf8Chunk::active() && !valid_utf8(text)) [[unlikely]] return CellError::Encoding;  // it would reach the output
    if (K == FK::Email && !valid_email(text)) return CellError::Syntax;
    if (K == FK::Phone && !cell_text::phone_is_valid(text)) return CellError::Syntax;
    col.str[row] = text;
  } else {
    const std::string_view t = trim_spaces(text);
    if constexpr (K == FK::Set) {
      // An empty cell: missing for an optional set, the empty set for a required one.
      if (t.empty() && fr.input_->optional) return fr.read_missing(col, row);
      return fr.read_set(t, col, row);
    }
    if (t.empty()) return fr.read_missing(col, row);
    if constexpr (K == FK::Bool) {
      bool v;
      if (!parse_bool_text(t, v)) return CellError::Syntax;
      col.b[row] = v;
    } else if constexpr (K == FK::Int || K == FK::Number || K == FK::Duration || K == FK::Money) {
      double v;
      int decimals;
      bool negative;
      Dec d = cell_numbers::parse_decimal(t, fr.input_->scale, v, decimals, negative);
      if constexpr (K == FK::Money) {
        if (d == Dec::Syntax) [[unlikely]] d = cell_numbers::parse_decimal(fr.strip_currency(t), fr.input_->scale, v, decimals, negative);
      }
      if (d == Dec::Syntax) return CellError::Syntax;
      if (d == Dec::Range || (d == Dec::Big && K != FK::Number)) return CellError::Range;
      if (K == FK::Int && decimals > 0) return CellError::Syntax;
      if (K == FK::Money && decimals > 2) return CellError::Decimals;
      if ((K == FK::Money || K == FK::Duration) && v < 0) return CellError::Negative;
      // Whole numbers of IR units (ints, cents, seconds) are exact only up to 2^53.
      if ((K == FK::Int || K == FK::Money || K == FK::Duration) && !(std::fabs(v) <= kExactLimit)) [[unlikely]]
        return CellError::Range;
      col.num[row] = v;
    } else if constexpr (K == FK::Date || K == FK::Timestamp) {
      double v;
      bool has_zone = true;
      const bool ok = K == FK::Date ? parse_date_text(t, v) : parse_iso_timestamp(t, v, &has_zone);
      if (!ok) return CellError::Syntax;
      if (!has_zone) col.mark_zoneless(row);  // read as UTC: no `zone` or --timezone applies (else read_formatted runs)
      col.num[row] = v;
    } else if constexpr (K != FK::Set) {
      static_assert(K == FK::Enum);
      const int32_t m = fr.find_member(t);
      if (m < 0) return CellError::Syntax;
      col.member[row] = m;
    }
  }
  col.known[row] = 1;
  return CellError::None;
}

// A quoted CSV cell's text: without its quotes, and with doubled quotes made single
// (kept in the batch for text kinds, whose values are views, else in scratch).
[[gnu::noinline]] std::string_view unquote_csv_cell(std::string_view quoted, bool keep, const CsvColumnCells& cells) {
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  if (inner.find('"') == std::string_view::npos) return inner;
  std::string out;
  out.reserve(inner.size());
  for (size_t i = 0; i < inner.size(); ++i) {
    out += inner[i];
    if (inner[i] == '"') ++i;  // "" -> "
  }
  if (keep) return cells.batch->keep(std::move(out));
  *cells.scratch = std::move(out);
  return *cells.scratch;
}

template <ir::FieldKind K>
void FieldReader::read_column_kind(const FieldReader& fr, const CsvColumnCells& cells, Column& col, size_t rows) {
  using FK = ir::FieldKind;
  constexpr bool kText = K == FK::Text || K == FK::Email || K == FK::Phone;
  constexpr bool kDecimal = K == FK::Int || K == FK::Number || K == FK::Duration || K == FK::Money;
  const uint32_t* ends = cells.ends;
  for (size_t r = 0; r < rows; ++r, ends += cells.stride) {
    const uint32_t begin = ends[0] + 1u;
    uint32_t end = ends[1];
    if (cells.last_column && end > begin && cells.data[end - 1] == '\r') --end;
    std::string_view text(cells.data + begin, end - begin);
    if constexpr (kDecimal) {
      // The common cells, a small whole number or one with 1 or 2 decimals (money): the
      // same operations, so the same value, as parse_decimal.
      uint64_t digits;
      int decimals = 0;
      if (fr.whole_scale_ && cells.data_end - text.data() >= 8 && cell_numbers::plain_decimal(text, K != FK::Int, digits, decimals)) {
        const double scaled = static_cast<double>(digits) * fr.input_->scale;  // exact below 2^53
        if (scaled < 9007199254740992.0) {
          col.num[r] = decimals == 0 ? scaled : scaled / kPow10[decimals];
          col.known[r] = 1;
          continue;
        }
      }
    }
    if (!text.empty() && text.front() == '"') text = unquote_csv_cell(text, kText, cells);
    if (read_kind<K>(fr, text, col, r) != CellError::None) [[unlikely]] {
      col.known[r] = 0;
      cells.bad_rows->push_back(static_cast<uint32_t>(r));
    }
  }
}

}  // namespace leadc::rt
