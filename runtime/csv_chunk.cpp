// Parsing a chunk of whole CSV rows (RFC 4180) into a batch: one pass over the bytes,
// cells of unused columns are only skipped, quoted cells are unescaped only when used.
// Line numbers count every '\n', including those inside quoted cells. Cell ends are
// found 16 bytes at a time (csv_scan.h); each used cell goes to its input's reader.
#include <algorithm>
#include <cstring>

#include <simdjson.h>

#include "runtime/csv_scan.h"
#include "runtime/reader_plan.h"

namespace leadc::rt {
namespace {

std::string unescape_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '"') ++i;  // "" -> "
  }
  return out;
}

struct Bad {
  bool set = false;
  uint64_t line = 0;
  uint32_t col = 0;
  std::string what;
  void at(uint64_t l, const char* pos, const char* line_start, std::string w) {
    if (set) return;
    set = true;
    line = l;
    col = static_cast<uint32_t>(pos - line_start + 1);
    what = std::move(w);
  }
};

// "field `note` (column "note"): " for a quote error in cell `cell` (the field or
// fields that read its column), "column "Notes": " when none does, "" beyond the header.
std::string cell_named(const ReaderPlan& plan, size_t cell) {
  if (cell >= plan.header.size()) return "";
  const std::string column = "column \"" + escape_for_message(plan.header[cell]) + "\"";
  std::string fields;
  if (cell + 1 < plan.feed_begin.size())
    for (uint32_t k = plan.feed_begin[cell]; k < plan.feed_begin[cell + 1]; ++k) {
      const std::string& name = plan.fields[plan.feed_inputs[k]].input().field;
      if (fields.find("`" + name + "`") == std::string::npos) fields += (fields.empty() ? "`" : ", `") + name + "`";
    }
  return fields.empty() ? column + ": " : "field " + fields + " (" + column + "): ";
}

}  // namespace

void parse_csv_chunk(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                     std::vector<RowError>& errors) {
  // One SIMD pass over the chunk instead of a check per text cell (the usual file is
  // all UTF-8; a chunk that is not is checked cell by cell, for the messages).
  // A chunk that is not takes the general parser, which finds the cell of each bad byte
  // (in any column, read or not: LANGUAGE.md section 9).
  const bool valid = simdjson::validate_utf8(data.data(), data.size());
  KnownUtf8Chunk utf8(valid);
  if (valid && plan.csv_fast_path && parse_csv_chunk_fast(plan, data, first_line, batch, errors)) return;
  parse_csv_chunk_general(plan, data, first_line, batch, errors);
}

void parse_csv_chunk_general(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                             std::vector<RowError>& errors) {
  const char* p = data.data();
  const char* const end = p + data.size();
  uint64_t line = first_line;
  const char* line_start = p;
  std::string scratch;
  const size_t columns = plan.columns;
  const uint32_t* const feed_begin = plan.feed_begin.data();
  const uint32_t* const feed_inputs = plan.feed_inputs.data();
  const FieldReader* const fields = plan.fields.data();
  Column* const inputs = batch.inputs.data();
  const char delim = plan.delimiter;
  CellStops stops(p, end, delim);
  const bool known_utf8 = KnownUtf8Chunk::active();

  while (p < end) {
    // Blank lines (LF, CRLF, or a lone CR at the end) are not rows.
    if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n'))) {
      p += *p == '\r' ? 1 : 0;
      if (p < end) { ++p; ++line; }
      line_start = p;
      continue;
    }
    const char* const row_start = p;
    const uint64_t row_line = line;
    const size_t r = batch.rows;
    reserve_row(batch, r);
    size_t cell = 0;
    Bad bad;
    Bad extra;  // the first cell beyond the header's, if any
    bool syntax = false;

    for (;;) {
      const char* const cell_start = p;
      const uint64_t cell_line = line;
      const char* const cell_line_start = line_start;
      if (cell == columns)
        extra.at(line, p, line_start, "row has more cells than the header (" + std::to_string(columns) + ")");
      std::string_view text;
      bool escaped = false;
      if (p < end && *p == '"') {
        // A quoted cell: the only place a quote opens a quoted section (row_scan.h).
        const char* const s = ++p;
        bool closed = false;
        for (;;) {
          p = find_quote_or_newline(p, end);
          if (p == end) break;
          if (*p == '\n') { ++p; ++line; line_start = p; continue; }
          if (p + 1 < end && p[1] == '"') { escaped = true; p += 2; continue; }
          closed = true;
          break;
        }
        if (!closed) {
          // Only the last chunk of a file can hold such a cell (the chunker cuts rows by
          // the same rule). One reject: the row up to the end of the line the quote is
          // on; reading goes on with the next line.
          bad.set = false;
          bad.at(cell_line, cell_start, cell_line_start, cell_named(plan, cell) + "quoted cell is never closed");
          syntax = true;
          const void* nl = std::memchr(cell_start, '\n', static_cast<size_t>(end - cell_start));
          p = nl ? static_cast<const char*>(nl) : end;
          line = cell_line;
          line_start = cell_line_start;
          break;
        }
        text = std::string_view(s, static_cast<size_t>(p - s));
        ++p;
        if (!(p == end || *p == delim || *p == '\n' || (*p == '\r' && (p + 1 == end || p[1] == '\n')))) {
          bad.set = false;
          bad.at(cell_line, cell_start, cell_line_start,
                 cell_named(plan, cell) +
                     "unexpected text after the closing quote of a cell (quote the whole cell and double each quote "
                     "in it)");
          syntax = true;
          // The rest of the cell is text, quotes included, as the row scanner reads it.
          p = stops.next(p);
          while (p < end && *p == '"') p = stops.next(p + 1);
        }
      } else {
        // An unquoted cell: a '"' in it is text (`Monitor 27"`).
        const char* const s = p;
        p = stops.next(p);
        while (p < end && *p == '"') p = stops.next(p + 1);
        text = std::string_view(s, static_cast<size_t>(p - s));
        if ((p == end || *p == '\n') && !text.empty() && text.back() == '\r') text.remove_suffix(1);
      }
      if (!bad.set && cell < columns) {
        for (uint32_t k = feed_begin[cell], k_end = feed_begin[cell + 1]; k < k_end; ++k) {
          const uint32_t idx = feed_inputs[k];
          const FieldReader& fr = fields[idx];
          std::string_view value = text;
          if (escaped) {
            if (fr.is_text()) {
              value = batch.keep(unescape_quotes(text));
            } else {
              scratch = unescape_quotes(text);
              value = scratch;
            }
          }
          const CellError e = fr.read(value, inputs[idx], r);
          if (e != CellError::None) bad.at(cell_line, cell_start, cell_line_start, fr.message(e, value));
        }
      }
      // Any byte that is not UTF-8 is a data error, in a column no field reads as well
      // (only checked in a chunk the SIMD pass found not to be UTF-8).
      if (!bad.set && !known_utf8 && !valid_utf8(text))
        bad.at(cell_line, cell_start, cell_line_start,
               not_utf8_message(cell < plan.header.size() ? "column \"" + plan.header[cell] + "\""
                                                          : "cell " + std::to_string(cell + 1),
                                text, plan.encoding));
      ++cell;
      if (p < end && *p == delim) { ++p; continue; }
      break;
    }

    const char* raw_end = p;
    if (raw_end > row_start && raw_end[-1] == '\r' && (p == end || *p == '\n')) --raw_end;
    if (p < end && *p == '\r') ++p;  // CR of a CRLF after a closing quote
    // A row whose cells do not line up with the header is reported as that, even when a
    // shifted cell also fails to read (`Smith, John` unquoted moves every later cell).
    if (!syntax && extra.set) {
      bad = std::move(extra);
    } else if (!syntax && cell < columns) {
      bad.set = false;
      bad.at(line, raw_end, line_start,
             "row has " + std::to_string(cell) + " cells but the header has " + std::to_string(columns));
    }
    if (p < end && *p == '\n') ++p, ++line;
    line_start = p;

    const std::string_view raw(row_start, static_cast<size_t>(raw_end - row_start));
    if (bad.set) {
      errors.push_back(RowError{bad.line, bad.col, plan.error_at(bad.line, bad.col, bad.what), std::string(raw), false, syntax});
      clear_row_marks(batch, r);
    } else {
      batch.line.push_back(row_line);
      batch.raw.push_back(raw);
      ++batch.rows;
    }
  }
  end_batch(batch);
}

}  // namespace leadc::rt
