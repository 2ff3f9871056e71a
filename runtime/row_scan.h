// Finding row boundaries in raw lead-file bytes without parsing cells, so the reader
// can cut a file into chunks of whole rows for parallel parsing. In CSV a '\n' ends a
// row only outside quotes. The quote rule is the one every CSV reader here shares
// (LANGUAGE.md section 9, as spreadsheets read it): a '"' opens a quoted section only
// at the start of a cell (or right after the closing quote of one, which makes `""`);
// anywhere else it is text (`Monitor 27"`). Inside a quoted section a '"' closes it.
// The cell parser (csv_chunk.cpp) and the fast path's index (csv_fast.cpp) apply the
// same rule, so all three agree on where every row ends.
#pragma once

#include <cstddef>
#include <cstdint>

namespace leadc::rt {

struct RowScan {
  bool quotes = true;               // CSV; false for JSON Lines (every '\n' ends a row)
  char delimiter = ',';             // CSV: the cell delimiter (a quote may open a cell after it)
  bool in_quote = false;
  bool at_start = true;             // outside quotes, a '"' here would open a quoted section
  size_t last_boundary = 0;         // offset just past the last row-ending '\n'; 0 = none yet
  uint64_t newlines = 0;            // every '\n' scanned, quoted or not
  uint64_t newlines_at_boundary = 0;

  // Scans data[from, to), continuing the state left by the previous call.
  void scan(const char* data, size_t from, size_t to);
  // The reference: the same scan one byte at a time (used for blocks with stray quotes).
  void scan_bytes(const char* data, size_t from, size_t to);
};

// Offset of the '\n' that ends the row starting at data[0] (quote-aware when `quotes`),
// or `size` when the row runs to the end of the data.
size_t find_row_end(const char* data, size_t size, bool quotes, char delimiter = ',');

}  // namespace leadc::rt
