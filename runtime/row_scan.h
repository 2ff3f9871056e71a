// Finding row boundaries in raw lead-file bytes without parsing cells, so the reader
// can cut a file into chunks of whole rows for parallel parsing. In CSV a '\n' ends a
// row only outside quotes; the quote state is the parity of '"' bytes since the row
// start (valid RFC 4180 puts quotes only around cells and doubles them inside, and
// the cell parser rejects a row where that does not hold, so both agree on rows).
#pragma once

#include <cstddef>
#include <cstdint>

namespace leadc::rt {

struct RowScan {
  bool quotes = true;               // CSV; false for JSON Lines (every '\n' ends a row)
  bool in_quote = false;
  size_t last_boundary = 0;         // offset just past the last row-ending '\n'; 0 = none yet
  uint64_t newlines = 0;            // every '\n' scanned, quoted or not
  uint64_t newlines_at_boundary = 0;

  // Scans data[from, to), continuing the state left by the previous call.
  void scan(const char* data, size_t from, size_t to);
};

// Offset of the '\n' that ends the row starting at data[0] (quote-aware when `quotes`),
// or `size` when the row runs to the end of the data.
size_t find_row_end(const char* data, size_t size, bool quotes);

}  // namespace leadc::rt
