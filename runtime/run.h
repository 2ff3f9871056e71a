// `leadc run`: stream a lead file through an Evaluator and write Program::outputs.
//
// Pipeline: one thread cuts the file into chunks of whole rows (LeadReader), `threads`
// workers parse, evaluate and format each chunk, and the calling thread writes the
// formatted chunks in input order. At most a few chunks per worker are in flight, so
// memory does not grow with the file. The output goes to a temporary file that is
// renamed on success (a failed run leaves no output file). Bad rows fail the run
// (DataError, exit 3) or, with OnError::Skip, go to the rejects file with the reason.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "runtime/evaluator.h"
#include "runtime/lead_reader.h"    // DataError (exit 3), IoError (exit 2)
#include "runtime/output_format.h"  // OutFormat, format_cell

namespace leadc::rt {

class ActivityTable;
class RunObserver;

enum class OnError { Fail, Skip };

struct RunOptions {
  std::string leads_path;          // .csv, or .jsonl/.ndjson (by extension)
  std::string out_path;            // empty = stdout
  OutFormat format = OutFormat::Csv;
  OnError on_error = OnError::Fail;
  std::string rejects_path;        // empty = default_rejects_path(...)
  unsigned threads = 0;            // 0 = all cores
  bool progress = true;            // progress bar on stderr only if stderr is a TTY and run > 1 s
  // Optional last columns (`leadc run --explain`, `--reasons`, `--provenance`), in
  // order: a name and its text (or list) per row. Needs every register the callbacks
  // read, so use them with the interpreter.
  struct ExtraColumn {
    std::string name;
    ExtraCell cell;  // one of the two
    ExtraList list;
  };
  std::vector<ExtraColumn> extra_columns;
  // false: evaluate and count, write no rows (`leadc report`; out_path is unused).
  bool write_rows = true;
  // Aggregates beside the rows (`leadc report`); null = none. See RunObserver.
  RunObserver* observer = nullptr;
  // The folded events file (`--activities`) for a definition with aggregates; null =
  // every lead has no events.
  const ActivityTable* activities = nullptr;
  ReaderOptions reader;            // --delimiter, --encoding
};

// Work on every evaluated chunk beside the formatter, so a report counts over the very
// rows `run` writes: observe() runs on the worker threads (concurrently, on different
// chunks) and returns the chunk's partial aggregate; merge() runs on the calling
// thread, once per chunk, in input order (so "the first examples" are the file's first).
class RunObserver {
 public:
  struct Partial {
    virtual ~Partial() = default;
  };
  virtual ~RunObserver() = default;
  // `raw` is a copy of the chunk's bytes before parsing when wants_raw_chunk(), else
  // null (`report --vs` parses them again for the old definition; it may move them).
  virtual std::unique_ptr<Partial> observe(const Batch& batch, const Registers& regs, Chunk* raw) const = 0;
  virtual void merge(Partial& part) = 0;
  virtual bool wants_raw_chunk() const { return false; }
};

struct RunStats {
  uint64_t rows_read = 0, rows_written = 0, rows_rejected = 0;
  double seconds = 0;
  // per classification (Program::classifications order): count per member, plus the
  // count of rows with no label (result missing)
  std::vector<std::vector<uint64_t>> label_counts;
  std::vector<uint64_t> unlabelled;
  std::string rejects_path;        // where rejects went; empty when there were none
  char delimiter = ',';            // CSV: the delimiter read (the summary names one other than ',')
  std::string encoding;            // "" = UTF-8, else the encoding transcoded from
  // Timestamp cells without an offset read as UTC because no `zone` or --timezone said
  // otherwise (LANGUAGE.md section 9: the summary counts them).
  uint64_t zoneless_utc = 0;
};

// Checks the header first (a field's column absent -> DataError before any row is
// read, naming the closest header), then streams the file through `eval` and writes
// Program::outputs. Throws DataError (bad row with OnError::Fail) or IoError.
RunStats run_leads(const ir::Program& program, const Evaluator& eval, const RunOptions& opts);

// `<out_path>.rejects.csv` (.jsonl for JSON Lines input), or `<leads file name>.rejects.csv`
// in the current directory when the output is stdout.
std::string default_rejects_path(const RunOptions& opts);

}  // namespace leadc::rt
