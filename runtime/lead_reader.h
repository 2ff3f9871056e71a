// Reading a lead file (CSV or JSON Lines, chosen by extension) into column batches.
//
//   LeadReader r; r.open("leads.csv", program);   // checks the header: DataError/IoError
//   Batch b; while (r.next(b)) { ... }             // throws DataError on the first bad row
//
// The file is read in big blocks and cut into chunks of whole rows (quote-aware), so
// `run_leads` can call next_chunk() on one thread and parse_chunk() on many. Every
// row keeps its 1-based line and raw text; bad rows become RowErrors with
// FILE:LINE:COL messages and never enter the batch.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

struct DataError : std::runtime_error { using std::runtime_error::runtime_error; };  // exit 3
struct IoError : std::runtime_error { using std::runtime_error::runtime_error; };    // exit 2

enum class LeadFormat { Csv, Jsonl };
LeadFormat lead_format_for_path(const std::string& path);  // .jsonl/.ndjson -> Jsonl, else Csv

struct RowError {
  uint64_t line = 0;
  uint32_t col = 0;
  std::string message;       // "FILE:LINE:COL: error: …"
  std::string raw;           // the row's bytes, unchanged (without the line end)
  bool raw_is_json = false;  // JSON Lines: the raw line is a well-formed JSON object
  bool raw_malformed = false;  // CSV: the row's quotes are broken (rejects keep it as one quoted cell)
};

struct Chunk {
  uint64_t seq = 0;          // 0, 1, 2, … in file order
  uint64_t first_line = 0;   // line number of the chunk's first byte
  uint64_t lines = 0;        // '\n' bytes in the chunk (0 = not counted)
  uint64_t end_offset = 0;   // bytes of the file consumed after this chunk (for progress)
  std::string bytes;         // whole rows; capacity has room for simdjson's padding
};

struct ReaderOptions {
  size_t chunk_bytes = 256 * 1024;  // target chunk size; a chunk always ends at a row end
  bool csv_fast_path = true;        // false: only the general CSV parser (for tests)
  // A row (the header too) must end within this many bytes: a file without line ends
  // (`/dev/zero`, a binary) is a DataError instead of a read that never ends.
  size_t max_row_bytes = size_t{64} << 20;
  // CSV cell delimiter: ',', ';', '\t' or '|'; 0 = detected from the header row (the one
  // that splits it into the most cells outside quotes, ',' on a tie; LANGUAGE.md §9).
  char delimiter = 0;
  // The file's encoding when it has no BOM: "" (UTF-8), "windows-1252", "latin1",
  // "utf-16le", "utf-16be". A UTF-16 BOM overrides it. Anything else is transcoded to
  // UTF-8 as it is read, before the row scanner (see docs/architecture.md).
  std::string encoding;
  // `leadc run --timezone`: the IANA zone of timestamps that carry no offset and whose
  // field has no `zone` of its own; "" = UTC (and the summary counts them).
  std::string timezone;
};

// The cells of one CSV row (without its line end), unescaped and trimmed of spaces, as
// the header is read: a header row's column names, or a row's raw text (Batch::raw).
std::vector<std::string> csv_row_cells(std::string_view row, char delimiter);

// The names --encoding accepts, for messages; true when `name` is one of them.
bool known_encoding(const std::string& name);
extern const char* const kEncodingNames;  // "windows-1252, latin1, utf-16le, utf-16be"
// "," ";" "\t" "|" -> the byte; also "tab", "comma", "semicolon", "pipe". False otherwise.
bool parse_delimiter_name(const std::string& name, char& out);

class LeadReader {
 public:
  LeadReader();
  ~LeadReader();
  LeadReader(const LeadReader&) = delete;
  LeadReader& operator=(const LeadReader&) = delete;

  // Opens the file and, for CSV, reads and checks the header: a field's column that is
  // absent, or present twice, is a DataError naming the closest header (both columns).
  // `-` is standard input (CSV), called <stdin> in messages.
  // A file whose first line ends in a lone CR (Excel's "CSV (Macintosh)") is read
  // with CR line ends throughout. Cannot open/read -> IoError.
  void open(const std::string& path, const ir::Program& program, ReaderOptions options = {});

  // Next batch of good rows. With `errors`, bad rows are appended there and reading
  // goes on; without, the first bad row throws DataError. False at end of file.
  bool next(Batch& batch, std::vector<RowError>* errors = nullptr);

  // The two halves of next(), for parallel use: next_chunk() from one thread only,
  // parse_chunk() from any number of threads at once.
  bool next_chunk(Chunk& chunk);
  void parse_chunk(Chunk&& chunk, Batch& batch, std::vector<RowError>& errors) const;

  const std::string& path() const;
  LeadFormat format() const;
  const std::string& header_raw() const;  // CSV header line as in the file (no BOM, no line end; UTF-8)
  const std::vector<std::string>& header() const;  // CSV: the header's cells, unquoted and trimmed
  char delimiter() const;                 // CSV: the delimiter in use (detected or given)
  bool cr_line_ends() const;              // CSV: lines end in a lone CR (Excel's "CSV (Macintosh)")
  const std::string& encoding() const;    // "" for UTF-8, else the encoding read (a BOM's or --encoding)
  uint64_t file_size() const;             // 0 when unknown (a pipe)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace leadc::rt
