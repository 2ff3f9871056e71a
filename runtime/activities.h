// Activities (`leadc run --activities EVENTS`): the events file is read with the
// definition's events program (ir::Activity), each batch of events is evaluated by
// the interpreter, and every event is folded into its key's aggregate values. Lead
// batches then get their synthetic inputs (ir::Input::synthetic) filled from that
// table, so every engine sees aggregates as ordinary inputs.
//
// The events file is read like a lead file (activity_fold.cpp): one thread cuts
// chunks, worker threads parse and evaluate them and work out every event's
// contribution, and the keys are split by hash into kPartitions partitions, each
// folded by one thread at a time in file order. So each key sees its events in file
// order whatever the thread count (sums come out bit for bit the same), and memory
// grows with the number of distinct keys only (docs/architecture.md gives the bytes).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "runtime/key_table.h"
#include "runtime/lead_reader.h"
#include "runtime/evaluator.h"

namespace leadc::rt {

struct ActivityOptions {
  std::string path;                // .csv, or .jsonl/.ndjson
  bool skip_bad_rows = false;      // --on-error skip: bad events go to rejects_path
  std::string rejects_path;
  ReaderOptions reader;            // --delimiter, --encoding (as for the lead file)
  unsigned threads = 0;            // worker threads; 0 = all cores
};

struct ActivityStats {
  uint64_t events_read = 0;        // good events + rejected ones
  uint64_t events_rejected = 0;
  uint64_t events_used = 0;        // good events folded: events_read - events_rejected
  uint64_t keys = 0;               // distinct keys among the good events
  uint64_t zoneless_utc = 0;       // timestamps without an offset read as UTC (as RunStats)
  std::string rejects_path;        // where rejected events went; empty when none
};

// What became of an events file's events after the run: read = rejected + matched +
// orphans. The run summary and `leadc report` both print these (one count).
struct EventCounts {
  uint64_t read = 0, rejected = 0;
  uint64_t matched = 0;            // good events whose key is the key of a lead of the file
  uint64_t orphans = 0;            // good events whose key no lead of the file has
  uint64_t keys = 0, orphan_keys = 0;
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
  EventCounts counts() const;

 private:
  friend class EventFold;  // activity_fold.cpp fills the partitions
  void start(const ir::Activity& activity);
  static constexpr unsigned kPartitionBits = 4;
  static constexpr size_t kPartitions = size_t{1} << kPartitionBits;
  static size_t partition_of(uint64_t hash) { return hash >> (64 - kPartitionBits); }

  struct Partition {
    KeyTable table;                                     // key -> event count and aggregate values
    std::unique_ptr<std::atomic<uint8_t>[]> has_lead;   // per key id, set by find()
  };

  size_t width_ = 0;                                    // aggregates per key
  std::vector<double> initial_;                         // the values of a key with no matching event
  std::vector<Partition> parts_;
  ActivityStats stats_;
};

// The value of an aggregate over no matching event (count 0, any false, none true,
// sum 0, latest and earliest missing: NaN).
double aggregate_initial_value(ir::AggregateKind kind);

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
