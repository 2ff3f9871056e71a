// The fast path for a CSV chunk of plain rows. One pass finds every unquoted delimiter and
// '\n' 64 bytes at a time and writes their offsets to an index (a structural index,
// as simdjson builds for JSON); then each used column is read in its own loop over
// the rows, with the cell parser for its kind inlined (cell_parse.cpp).
//
// It only ever says yes to chunks where the answer cannot differ from the general
// parser's (csv_chunk.cpp): every row has exactly the header's number of cells, no
// blank lines, no CR outside quotes but as part of a CRLF, no line ends inside quotes,
// no text after a closing quote, and every used cell reads. A quote inside an unquoted
// cell is text here too (row_scan.h); its block is indexed one byte at a time.
// Anything else — including every kind of error — gives the chunk back untouched, and
// the general parser, which knows all the rules and all the messages, parses it.
// Bad rows cost a second pass over their chunk only.
#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>

#include <simdjson.h>

#include "runtime/reader_plan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {
namespace {

#if defined(__SSE2__)

struct BlockMasks {
  uint64_t comma, newline, quote, cr;
};

// Bit i of each mask is set when byte i of the 64-byte block at p is that byte.
inline BlockMasks block_masks(const char* p, const __m128i comma) {
  const __m128i newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'),
                cr = _mm_set1_epi8('\r');
  BlockMasks m{0, 0, 0, 0};
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    auto bits = [&](__m128i c) {
      return static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, c)))) << (16 * k);
    };
    m.comma |= bits(comma);
    m.newline |= bits(newline);
    m.quote |= bits(quote);
    m.cr |= bits(cr);
  }
  return m;
}

// Bit i = parity of the set bits 0..i: 1 for bytes after an opening quote.
inline uint64_t prefix_xor(uint64_t x) {
  x ^= x << 1;
  x ^= x << 2;
  x ^= x << 4;
  x ^= x << 8;
  x ^= x << 16;
  x ^= x << 32;
  return x;
}

// Offsets of the set bits of `mask` (+ base) at out; returns the count. Writes up to
// 8 entries past the count (the index has that slack) so most blocks take no branch
// on the number of bits.
inline size_t flatten(uint64_t mask, uint32_t base, uint32_t* out) {
  const size_t count = static_cast<size_t>(std::popcount(mask));
  for (int i = 0; i < 8; ++i) {
    out[i] = base + static_cast<uint32_t>(std::countr_zero(mask));
    mask &= mask - 1;
  }
  for (size_t i = 8; mask != 0; ++i) {
    out[i] = base + static_cast<uint32_t>(std::countr_zero(mask));
    mask &= mask - 1;
  }
  return count;
}

// The separator index of a chunk: index[0] is a sentinel (~0u, so index[k] + 1 is the
// start of cell k), then the offsets of the unquoted delimiters and '\n' in file order.
struct SeparatorIndex {
  std::unique_ptr<uint32_t[]> slots;
  size_t capacity = 0;
  size_t count = 0;      // entries after the sentinel
  size_t newlines = 0;   // how many of them are '\n'

  void reserve(size_t n) {
    if (n <= capacity) return;
    capacity = n + n / 4;
    slots = std::make_unique_for_overwrite<uint32_t[]>(capacity);  // no zero fill
  }
};

// The quote state between blocks, as build_index carries it.
struct IndexCarry {
  uint64_t inside = 0;       // all ones when the previous block ended inside quotes
  uint64_t before = 1;       // bit 0: the byte before this block ends a cell (or none)
  uint64_t close = 0;        // the previous block ended with a closing quote
  uint64_t cr = 0;           // the previous block ended with a CR outside quotes
};

// One block byte by byte, for blocks the prefix xor cannot do: a quote that does not
// start a cell is text (row_scan.h), so the parity of quotes is not the quote state.
// Sets the separators of the block's `len` bytes; false for anything the fast path
// leaves to the general parser (as in build_index).
bool scalar_block(const char* b, size_t len, char delim, IndexCarry& carry, uint64_t& seps) {
  bool in_quote = carry.inside != 0, closed = carry.close != 0, start = carry.before != 0, cr = carry.cr != 0;
  seps = 0;
  for (size_t j = 0; j < len; ++j) {
    const char c = b[j];
    if (cr && c != '\n') return false;  // a CR outside quotes is only the first half of a CRLF
    cr = false;
    if (in_quote) {
      if (c == '"') in_quote = false, closed = true;
      else if (c == '\n') return false;  // a line end inside quotes
      continue;
    }
    if (closed) {
      closed = false;
      if (c == '"') { in_quote = true; continue; }  // `""`
      if (c != delim && c != '\n' && c != '\r') return false;  // text after the closing quote
    }
    if (c == '"') {
      in_quote = start;  // else: a quote inside an unquoted cell is text
      start = false;
    } else if (c == delim || c == '\n') {
      seps |= uint64_t{1} << j;
      start = true;
    } else {
      cr = c == '\r';
      start = false;
    }
  }
  carry.inside = in_quote ? ~uint64_t{0} : 0;
  carry.before = start || closed;
  carry.close = closed;
  carry.cr = cr;
  return true;
}

// Without -mpopcnt std::popcount is a libgcc call; where the compiler can, build the
// index twice (with and without the instruction) and let the loader pick.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define LEADC_WITH_POPCNT __attribute__((target_clones("popcnt", "default")))
#else
#define LEADC_WITH_POPCNT
#endif

// Builds the index; false when the chunk holds anything the fast path leaves to the
// general parser (see the file comment).
LEADC_WITH_POPCNT bool build_index(std::string_view data, char delim, SeparatorIndex& index) {
  const __m128i delim_bytes = _mm_set1_epi8(delim);
  const size_t n = data.size();
  index.reserve(n + 2 + 64);
  uint32_t* out = index.slots.get();
  *out++ = ~0u;
  size_t newlines = 0;
  IndexCarry carry;
  char tail[64];
  for (size_t at = 0; at < n; at += 64) {
    const char* block = data.data() + at;
    if (n - at < 64) {  // the last, partial block: zero bytes are none of the four
      std::memset(tail, 0, sizeof tail);
      std::memcpy(tail, block, n - at);
      block = tail;
    }
    const BlockMasks m = block_masks(block, delim_bytes);
    const uint64_t inside = prefix_xor(m.quote) ^ carry.inside;
    const uint64_t seps = (m.comma | m.newline) & ~inside;
    const uint64_t open = m.quote & inside, close = m.quote & ~inside;
    // A CR outside quotes must be the first half of a CRLF line end (the cell reader
    // then leaves it out of the row's last cell).
    const uint64_t cr = m.cr & ~inside;
    // (A CR in the block's last byte is taken as one here, and checked in the next block.)
    const uint64_t crlf = cr & ((m.newline >> 1) | (uint64_t{1} << 63));
    const bool bare_cr = (cr & ~crlf) != 0 || (carry.cr && (m.newline & 1) == 0);
    // An opening quote starts a cell or follows a closing one (a doubled quote); a
    // closing quote ends a cell or precedes an opening one.
    const uint64_t after_cell_end = ((seps | close) << 1) | carry.before;
    const uint64_t data_end = n - at < 64 ? uint64_t{1} << (n - at) : 0;  // ends the last cell
    const uint64_t next_is_end = (seps | open | crlf | data_end) >> 1;
    const bool misplaced_quote = (open & ~after_cell_end) != 0 || (close & ~next_is_end & ~(uint64_t{1} << 63)) != 0 ||
                                 (carry.close && ((seps | open | crlf) & 1) == 0);
    newlines += static_cast<size_t>(std::popcount(m.newline));
    if ((m.newline & inside) != 0 || bare_cr || misplaced_quote) [[unlikely]] {
      // A stray quote (text) takes the byte loop; anything else it refuses too.
      uint64_t block_seps;
      if (!scalar_block(block, std::min<size_t>(64, n - at), delim, carry, block_seps)) return false;
      out += flatten(block_seps, static_cast<uint32_t>(at), out);
      continue;
    }
    carry.inside = static_cast<uint64_t>(static_cast<int64_t>(inside) >> 63);
    carry.before = (seps | close) >> 63;
    carry.close = close >> 63;
    carry.cr = cr >> 63;
    out += flatten(seps, static_cast<uint32_t>(at), out);
  }
  if (carry.inside != 0 || carry.cr != 0) return false;  // a quote never closed, a CR last
  if (n > 0 && data[n - 1] != '\n') {   // the last row of the file may lack its line end
    *out++ = static_cast<uint32_t>(n);
    ++newlines;
  }
  index.count = static_cast<size_t>(out - index.slots.get()) - 1;
  index.newlines = newlines;
  return true;
}

#endif  // __SSE2__

}  // namespace

bool parse_csv_chunk_fast(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                          std::vector<RowError>& errors) {
#if defined(__SSE2__)
  const size_t columns = plan.columns;
  if (columns == 0 || data.size() >= UINT32_MAX || batch.rows != 0) return false;
  // A byte that is not UTF-8 is an error in any column (the general parser finds its
  // cell); parse_csv_chunk() has checked the chunk already, other callers have not.
  if (!KnownUtf8Chunk::active() && !simdjson::validate_utf8(data.data(), data.size())) return false;
  thread_local SeparatorIndex index;
  if (!build_index(data, plan.delimiter, index)) return false;
  // Rows of exactly `columns` cells: as many separators as rows × columns, one line end
  // per row, and each row's last separator a line end — so all the others are delimiters.
  const size_t rows = index.newlines;
  if (index.count != rows * columns) return false;
  const uint32_t* const seps = index.slots.get();
  const char* const bytes = data.data();
  for (size_t r = 0; r < rows; ++r) {
    const uint32_t end = seps[(r + 1) * columns];
    if (end != data.size() && bytes[end] != '\n') return false;
  }
  if (rows == 0) return true;

  reserve_row(batch, rows - 1);
  std::string scratch;
  std::vector<uint32_t> bad_rows;
  for (size_t c = 0; c < columns; ++c) {
    for (uint32_t k = plan.feed_begin[c]; k < plan.feed_begin[c + 1]; ++k) {
      const uint32_t input = plan.feed_inputs[k];
      const CsvColumnCells cells{bytes, bytes + data.size(), seps + c, columns, &batch, &scratch, &bad_rows, c + 1 == columns};
      plan.fields[input].read_csv_column(cells, batch.inputs[input], rows);
    }
  }
  std::vector<RowError> row_errors;
  if (!bad_rows.empty()) {
    std::sort(bad_rows.begin(), bad_rows.end());
    bad_rows.erase(std::unique(bad_rows.begin(), bad_rows.end()), bad_rows.end());
    // The general parser words each bad row's error (the first bad cell, its column),
    // given the row as it stands in the chunk.
    Batch one;
    for (const uint32_t r : bad_rows) {
      const uint32_t begin = seps[r * columns] + 1u, end = seps[(r + 1) * columns];
      const std::string_view row(bytes + begin, end - begin + (end < data.size() ? 1 : 0));
      begin_batch(plan, one, 1);
      const size_t before = row_errors.size();
      parse_csv_chunk_general(plan, row, first_line + r, one, row_errors);
      if (row_errors.size() != before + 1) return false;  // cannot happen: both read cells alike
    }
  }
  batch.line.resize(rows);
  batch.raw.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    const uint32_t begin = seps[r * columns] + 1u;
    uint32_t end = seps[(r + 1) * columns];
    if (end > begin && bytes[end - 1] == '\r') --end;  // CRLF
    batch.line[r] = first_line + r;
    batch.raw[r] = std::string_view(bytes + begin, end - begin);
  }
  batch.rows = rows;
  if (!bad_rows.empty()) drop_batch_rows(batch, bad_rows);
  end_batch(batch);
  errors.insert(errors.end(), std::make_move_iterator(row_errors.begin()), std::make_move_iterator(row_errors.end()));
  return true;
#else
  (void)plan, (void)data, (void)first_line, (void)batch, (void)errors;
  return false;
#endif
}

}  // namespace leadc::rt
