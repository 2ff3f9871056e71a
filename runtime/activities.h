// Activities (`leadc run --activities EVENTS`): the events file is read with the
// definition's events program (ir::Activity), each batch of events is evaluated by
// the interpreter, and every event is folded into its key's aggregate values. Lead
// batches then get their synthetic inputs (ir::Input::synthetic) filled from that
// table, so every engine sees aggregates as ordinary inputs. Memory grows with the
// number of distinct keys in the events file only.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "runtime/lead_reader.h"
#include "runtime/evaluator.h"

namespace leadc::rt {

struct ActivityOptions {
  std::string path;                // .csv, or .jsonl/.ndjson
  bool skip_bad_rows = false;      // --on-error skip: bad events go to rejects_path
  std::string rejects_path;
  ReaderOptions reader;            // --delimiter, --encoding (as for the lead file)
};

struct ActivityStats {
  uint64_t events_read = 0;        // good events + rejected ones
  uint64_t events_rejected = 0;
  uint64_t keys = 0;               // distinct keys among the good events
  std::string rejects_path;        // where rejected events went; empty when none
};

class ActivityTable {
 public:
  // Reads and folds the whole events file. `within` and `decay` count from ctx.as_of.
  // Throws DataError (a missing column, or a bad event without skip_bad_rows) or IoError.
  ActivityTable(const ir::Program& lead_program, const ActivityOptions& opts, EvalContext ctx);
  // Folds the events of one batch read with lead_program.activity->events (an
  // example's `events { … }`), exactly as the rows of an events file are folded.
  ActivityTable(const ir::Program& lead_program, const Batch& events, EvalContext ctx);
  ~ActivityTable();

  // The row of aggregate values of a lead key (parallel to Activity::aggregates), or
  // null when no event has that key. Marks the key as having a lead. Thread-safe.
  const double* find(std::string_view key) const;

  const ActivityStats& stats() const { return stats_; }
  // After the run: events (and their distinct keys) that no lead of the file had.
  uint64_t events_without_lead() const;
  uint64_t keys_without_lead() const;

 private:
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  void start(const ir::Activity& activity);
  void fold(const ir::Activity& activity, const Batch& batch, const Registers& regs, double as_of);
  void finish();

  size_t width_ = 0;                                  // aggregates per key
  std::vector<double> initial_;                       // the values of a key with no matching event
  std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> index_;
  std::vector<double> values_;                        // key index * width_ + aggregate
  std::vector<uint64_t> events_;                      // per key
  std::unique_ptr<std::atomic<uint8_t>[]> has_lead_;  // per key, set by find()
  ActivityStats stats_;
};

// The program a lead file is read with: `program` without its synthetic inputs
// (they come last, after every lead field).
ir::Program lead_file_program(const ir::Program& program);

// Adds the synthetic input columns to a batch read with lead_file_program() and fills
// them from `table` by each row's key; a null table means no lead has events
// (count 0, any false, none true, sum 0, latest and earliest missing).
void fill_aggregates(const ir::Program& program, const ActivityTable* table, Batch& batch);

// The key of row `row` as the text the table is indexed by; the same for a lead
// column and an event column of one type. `scratch` holds the text when needed.
std::string_view key_text(const Column& column, size_t row, std::string& scratch);

}  // namespace leadc::rt
