// libFuzzer target for the CSV chunk parsers: any bytes as a chunk must parse without
// a crash, hang or sanitizer report, and whenever the fast path (csv_fast.cpp) accepts
// a chunk, the general parser (csv_chunk.cpp) must read it the same way: the same rows,
// lines, raw texts, cell values and errors. The row scanner (row_scan.cpp) must agree
// with itself (16-byte blocks = the byte loop) and with the general parser on where rows
// end: parsing the chunk whole, or cut at the scanner's last boundary, gives the same
// rows. The seeds cover stray quotes (`5" screen`), text after a closing quote, quotes
// never closed and CR-only line ends.
//
// Reading real exports (LANGUAGE.md section 9): an input whose first byte is 0xF8..0xFF
// (never UTF-8, so the plain seeds are unaffected) is an options byte: bits 0-1 pick
// the delimiter (, ; TAB |) for all of the above, and bits 2-3 an encoding other than
// UTF-8 (windows-1252, latin1, utf-16le, utf-16be): then the bytes are also read as a
// whole file by LeadReader (transcoded before the scanner, delimiter detected from the
// header), which must end in rows or a DataError, never a crash. The cell kinds include
// money with currency symbols, y/n/on/off and ±HHMM offsets (seeds s13..s16). Since bit
// 3 of such a byte is always set, it picks utf-16le (0xF8..0xFB) or utf-16be (0xFC..0xFF).
//
// A first byte 0xF5 (never UTF-8 either) is followed by a flags byte that reaches every
// combination: bits 0-1 the delimiter, bits 2-3 the encoding ("" = UTF-8, windows-1252,
// utf-16le, utf-16be; the whole-file read runs for UTF-8 too), and bit 4 a second
// definition whose fields have `format` and `zone` (US dates, 12-hour times in
// America/New_York, epoch seconds and milliseconds, `1.234,56` euros, `1,234` ints,
// `1 234,56` numbers, offsets in a pattern, Europe/Berlin; seeds s18..s23).
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DLEADC_FUZZ=ON -DLEADC_JIT=OFF
//   cmake --build build-fuzz --target fuzz_csv
//   mkdir -p build-fuzz/csv-corpus
//   ./build-fuzz/tools/fuzz/fuzz_csv -max_total_time=60 build-fuzz/csv-corpus tools/fuzz/seeds/csv
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

#include "compiler/driver.h"
#include "runtime/lead_reader.h"
#include "runtime/reader_plan.h"
#include "runtime/row_scan.h"

namespace {

// One field of every kind the reader parses differently; each column feeds its field's
// inputs (one, or a set's one per member: `s` and `t` are multi-select cells, seed s24).
const char* const kDefinition = R"(
type role = enum { buyer, user, champion }
lead {
  id:  text key
  e:   email?
  p:   phone?
  c:   text?
  r:   role?
  n:   int?
  m:   money(USD)?
  d:   duration? in days
  ok:  bool?
  dt:  date?
  ts:  timestamp?
  x:   number?
  s:   set of role?
  t:   set of enum { a, b, c } separator "|"
}
output id
)";

// The same shape of fixture, every field read through a `format` or a `zone`.
const char* const kFormatsDefinition = R"(
lead {
  id:  text key
  us:  date? format "MM/DD/YYYY"
  ny:  timestamp? format "M/D/YYYY h:mm A" zone "America/New_York"
  ms:  timestamp? format epoch_millis
  sec: timestamp? format epoch_seconds
  eur: money(EUR)? format "1.234,56"
  n:   int? format "1,234"
  sp:  number? format "1 234,56"
  off: timestamp? format "DD.MM.YYYY HH:mm:ss.SSS Z"
  ber: timestamp? zone "Europe/Berlin"
  usd: money(USD)? format "1,234.56"
  de:  date? format "D.M.YYYY"
}
output id
)";

struct Fixture {
  std::unique_ptr<leadc::ir::Program> program;
  leadc::rt::ReaderPlan plan;

  explicit Fixture(const char* definition = kDefinition) {
    leadc::Diagnostics diags;
    auto c = leadc::compile_source("fuzz.lead", definition, diags);
    if (!c.program) std::abort();
    program = std::make_unique<leadc::ir::Program>(std::move(*c.program));
    plan.path = "fuzz.csv";
    plan.program = program.get();
    for (size_t i = 0; i < program->inputs.size(); ++i) plan.fields.emplace_back(*program, i);
    plan.columns = 0;
    plan.feed_begin.assign(1, 0);
    const auto& inputs = program->inputs;
    for (uint32_t i = 0; i < inputs.size(); ++i) {
      if (i > 0 && inputs[i].column != inputs[i - 1].column) plan.feed_begin.push_back(i);
      if (i == 0 || inputs[i].column != inputs[i - 1].column) ++plan.columns;
      plan.feed_inputs.push_back(i);
    }
    plan.feed_begin.push_back(static_cast<uint32_t>(inputs.size()));
  }
};

bool same_cell(const leadc::rt::Column& a, const leadc::rt::Column& b, size_t r) {
  if (a.known[r] != b.known[r]) return false;
  if (!a.known[r]) return true;
  switch (a.type) {
    case leadc::ir::Type::Num: return std::memcmp(&a.num[r], &b.num[r], sizeof(double)) == 0;
    case leadc::ir::Type::Bool: return a.b[r] == b.b[r];
    case leadc::ir::Type::Enum: return a.member[r] == b.member[r];
    case leadc::ir::Type::Str: return a.str[r] == b.str[r];
  }
  return false;
}

}  // namespace

// The scanner's blocks agree with its byte loop, and its last boundary is a row start
// of the general parser.
void check_scanner(const Fixture& f, const std::string& chunk) {
  leadc::rt::RowScan blocks, bytes;
  blocks.delimiter = bytes.delimiter = f.plan.delimiter;
  blocks.scan(chunk.data(), 0, chunk.size());
  bytes.scan_bytes(chunk.data(), 0, chunk.size());
  if (blocks.in_quote != bytes.in_quote || blocks.last_boundary != bytes.last_boundary ||
      blocks.newlines != bytes.newlines || blocks.newlines_at_boundary != bytes.newlines_at_boundary)
    std::abort();
  if (blocks.in_quote) return;  // the reader cuts only outside quotes
  const std::string_view all(chunk);
  const size_t cut = blocks.last_boundary;
  leadc::rt::Batch whole, head, tail;
  std::vector<leadc::rt::RowError> ew, eh, et;
  leadc::rt::begin_batch(f.plan, whole, 4);
  leadc::rt::parse_csv_chunk_general(f.plan, all, 1, whole, ew);
  leadc::rt::begin_batch(f.plan, head, 4);
  leadc::rt::parse_csv_chunk_general(f.plan, all.substr(0, cut), 1, head, eh);
  leadc::rt::begin_batch(f.plan, tail, 4);
  parse_csv_chunk_general(f.plan, all.substr(cut), 1 + blocks.newlines_at_boundary, tail, et);
  if (whole.rows != head.rows + tail.rows || ew.size() != eh.size() + et.size()) std::abort();
  for (size_t r = 0; r < whole.rows; ++r) {
    const std::string_view want = r < head.rows ? head.raw[r] : tail.raw[r - head.rows];
    const uint64_t line = r < head.rows ? head.line[r] : tail.line[r - head.rows];
    if (whole.raw[r] != want || whole.line[r] != line) std::abort();
  }
}

// The bytes as a whole lead file in `encoding`, through an in-memory file.
void check_file(const Fixture& f, const std::string& bytes, const char* encoding) {
  const int fd = memfd_create("fuzz.csv", 0);
  if (fd < 0) return;
  if (write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size())) {
    leadc::rt::ReaderOptions opts;
    opts.encoding = encoding;
    opts.chunk_bytes = 64;  // many chunks and split sequences even for short inputs
    opts.max_row_bytes = 1 << 16;
    try {
      leadc::rt::LeadReader reader;
      reader.open("/proc/self/fd/" + std::to_string(fd), *f.program, opts);
      leadc::rt::Batch batch;
      std::vector<leadc::rt::RowError> errors;
      while (reader.next(batch, &errors)) errors.clear();
    } catch (const leadc::rt::DataError&) {
    }
  }
  close(fd);
}

int check_chunk(Fixture& f, const uint8_t* data, size_t size);

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture plain;
  static Fixture formats(kFormatsDefinition);
  static const char kDelims[] = {',', ';', '\t', '|'};
  static const char* const kEncodings[] = {"", "windows-1252", "utf-16le", "utf-16be"};
  if (size >= 2 && data[0] == 0xF5) {
    const uint8_t flags = data[1];
    data += 2, size -= 2;
    Fixture& f = flags & 16 ? formats : plain;
    f.plan.delimiter = kDelims[flags & 3];
    check_file(f, std::string(reinterpret_cast<const char*>(data), size), kEncodings[(flags >> 2) & 3]);
    return check_chunk(f, data, size);
  }
  Fixture& f = plain;
  f.plan.delimiter = ',';
  if (size > 0 && data[0] >= 0xF8) {
    const uint8_t options = data[0];
    ++data, --size;
    f.plan.delimiter = kDelims[options & 3];
    const char* encoding = kEncodings[(options >> 2) & 3];
    if (*encoding) check_file(f, std::string(reinterpret_cast<const char*>(data), size), encoding);
  }
  return check_chunk(f, data, size);
}

// The fast path against the general parser on the bytes as one chunk.
int check_chunk(Fixture& f, const uint8_t* data, size_t size) {
  const std::string chunk(reinterpret_cast<const char*>(data), size);
  check_scanner(f, chunk);
  leadc::rt::Batch fast, general;
  std::vector<leadc::rt::RowError> fast_errors, errors;
  leadc::rt::begin_batch(f.plan, fast, 4);
  const bool took = leadc::rt::parse_csv_chunk_fast(f.plan, chunk, 1, fast, fast_errors);
  leadc::rt::begin_batch(f.plan, general, 4);
  leadc::rt::parse_csv_chunk_general(f.plan, chunk, 1, general, errors);
  if (!took) return fast_errors.empty() ? 0 : (std::abort(), 0);
  if (fast.rows != general.rows || fast.line != general.line || fast.raw != general.raw) std::abort();
  if (fast_errors.size() != errors.size()) std::abort();
  for (size_t i = 0; i < errors.size(); ++i)
    if (fast_errors[i].message != errors[i].message || fast_errors[i].raw != errors[i].raw) std::abort();
  for (size_t i = 0; i < fast.inputs.size(); ++i)
    for (size_t r = 0; r < fast.rows; ++r)
      if (!same_cell(fast.inputs[i], general.inputs[i], r)) std::abort();
  return 0;
}
