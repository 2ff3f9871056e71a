// Reading and folding an events file in parallel (see activities.h).
//
// The calling thread cuts the file into chunks (LeadReader::next_chunk). Workers parse
// a chunk (the lead path's reader: CSV fast path, structural index, column loops),
// evaluate the events program over it, and turn every event into a FoldChunk row: its
// key, the key's hash and what the event adds to each aggregate (the `exp2` of a decay
// included). The fold itself goes through ordered streams: one per key partition and
// one for the bad rows. A stream takes chunk s only after chunk s - 1, and whichever
// worker finds it idle drains it; so a partition's table is touched by one thread at a
// time and sees its keys' events in file order, and rejects are written in file order.
// At most 2 * threads + 2 chunks are in flight, so memory does not grow with the file.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/activities.h"
#include "runtime/rejects_file.h"

namespace leadc::rt {

using ir::AggregateKind;

namespace {

// One parsed and evaluated chunk of events, ready to fold.
struct FoldChunk {
  uint64_t seq = 0;
  size_t rows = 0;
  std::string key_bytes;                 // every row's key text, one after another
  std::vector<uint32_t> key_end;         // row r's key: key_bytes[key_end[r - 1], key_end[r])
  std::vector<uint64_t> hash;            // per row
  std::vector<double> add;               // rows * width: what the row adds (see apply)
  std::vector<uint8_t> adds;             // rows * width: 1 when the row counts for the aggregate
  std::vector<uint32_t> part_begin;      // partition p's rows: part_rows[part_begin[p] .. part_begin[p + 1])
  std::vector<uint32_t> part_rows;       // rows by partition, in file order within each
  std::vector<RowError> errors;          // bad rows, in file order
  uint64_t zoneless_utc = 0;             // zoneless_utc(batch) of the chunk
  std::atomic<size_t> streams_left{0};   // streams that have not taken the chunk yet

  std::string_view key(size_t r) const {
    const uint32_t b = r ? key_end[r - 1] : 0;
    return std::string_view(key_bytes).substr(b, key_end[r] - b);
  }
};

// A sequence of chunks taken in seq order by one thread at a time.
struct Stream {
  std::mutex mu;
  bool draining = false;
  uint64_t next = 0;
  std::map<uint64_t, FoldChunk*> pending;
};

}  // namespace

class EventFold {
 public:
  EventFold(ActivityTable& table, const ir::Activity& activity, const ActivityOptions& opts, EvalContext ctx)
      : t_(table), activity_(activity), opts_(opts), as_of_(ctx.as_of), streams_(ActivityTable::kPartitions + 1) {
    reader_.open(opts.path, activity.events, opts.reader);
    interp_ = make_interpreter(activity.events, ctx).value();
    rejects_.emplace(opts.rejects_path, reader_);
  }
  // Without a file: fold_batch() only.
  EventFold(ActivityTable& table, const ir::Activity& activity, EvalContext ctx)
      : t_(table), activity_(activity), opts_(kNoOptions), as_of_(ctx.as_of) {
    interp_ = make_interpreter(activity.events, ctx).value();
  }

  // One batch of events, folded on this thread exactly as a chunk of the file is.
  void fold_batch(const Batch& events) {
    t_.stats_.events_read += events.rows;
    t_.stats_.zoneless_utc += zoneless_utc(events);
    if (events.rows > 0) {
      Registers regs;
      interp_->evaluate(events, regs);
      FoldChunk fc;
      prepare(fc, events, regs);
      for (size_t p = 0; p < ActivityTable::kPartitions; ++p) fold(p, fc);
    }
    finish_table();
  }

  void run() {
    const unsigned threads = opts_.threads ? opts_.threads : std::max(1u, std::thread::hardware_concurrency());
    const size_t max_in_flight = 2 * static_cast<size_t>(threads) + 2;
    chunks_.resize(max_in_flight);
    for (auto& c : chunks_) {
      c = std::make_unique<FoldChunk>();
      free_.push_back(c.get());
    }
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < threads; ++i) pool.emplace_back([this] { work(); });
    try {
      for (;;) {
        FoldChunk* fc;
        {
          std::unique_lock lk(mu_);
          cv_space_.wait(lk, [&] { return !free_.empty() || cancel_; });
          if (cancel_) break;
          fc = free_.back();
          free_.pop_back();
        }
        Chunk chunk;
        if (!reader_.next_chunk(chunk)) break;
        std::lock_guard lk(mu_);
        work_.emplace_back(std::move(chunk), fc);
        cv_work_.notify_one();
      }
    } catch (...) {
      fail(UINT64_MAX, std::current_exception());
    }
    {
      std::lock_guard lk(mu_);
      reader_done_ = true;
    }
    cv_work_.notify_all();
    for (std::thread& th : pool) th.join();
    if (failure_) std::rethrow_exception(failure_);
    t_.stats_.rejects_path = rejects_->commit();
    finish_table();
  }

 private:
  inline static const ActivityOptions kNoOptions{};

  // Counts keys and folded events, and makes the "has a lead" flags.
  void finish_table() {
    for (ActivityTable::Partition& part : t_.parts_) {
      t_.stats_.keys += part.table.size();
      for (uint32_t i = 0; i < part.table.size(); ++i) t_.stats_.events_used += part.table.events(i);
      part.has_lead = std::make_unique<std::atomic<uint8_t>[]>(part.table.size());
      for (size_t i = 0; i < part.table.size(); ++i) part.has_lead[i].store(0, std::memory_order_relaxed);
    }
  }

  void work() {
    Batch batch;
    Registers regs;
    for (;;) {
      Chunk chunk;
      FoldChunk* fc;
      {
        std::unique_lock lk(mu_);
        cv_work_.wait(lk, [&] { return !work_.empty() || reader_done_ || cancel_; });
        if (cancel_ || work_.empty()) return;
        chunk = std::move(work_.front().first);
        fc = work_.front().second;
        work_.pop_front();
      }
      fc->seq = chunk.seq;
      try {
        fc->errors.clear();
        reader_.parse_chunk(std::move(chunk), batch, fc->errors);
        fc->zoneless_utc = zoneless_utc(batch);
        if (batch.rows > 0) interp_->evaluate(batch, regs);
        prepare(*fc, batch, regs);
      } catch (...) {
        fail(fc->seq, std::current_exception());
        return;
      }
      fc->streams_left.store(streams_.size(), std::memory_order_relaxed);
      // The bad-rows stream first: with --on-error fail it is the one that stops the run.
      offer(streams_.size() - 1, fc);
      for (size_t s = 0; s + 1 < streams_.size(); ++s) offer(s, fc);
    }
  }

  // Keys, hashes, contributions and the rows of each partition of one evaluated batch.
  void prepare(FoldChunk& fc, const Batch& batch, const Registers& regs) const {
    const size_t rows = batch.rows, width = t_.width_;
    fc.rows = rows;
    fc.key_bytes.clear();
    fc.key_end.resize(rows);
    fc.hash.resize(rows);
    fc.add.assign(rows * width, 0);
    fc.adds.assign(rows * width, 0);
    fc.part_begin.assign(ActivityTable::kPartitions + 1, 0);
    fc.part_rows.resize(rows);
    if (rows == 0) return;
    std::string scratch;
    const Column& keys = batch.inputs[activity_.key_input];
    for (size_t r = 0; r < rows; ++r) {
      const std::string_view k = key_text(keys, r, scratch);
      fc.key_bytes.append(k);
      fc.key_end[r] = static_cast<uint32_t>(fc.key_bytes.size());
      fc.hash[r] = key_hash(k);
      ++fc.part_begin[ActivityTable::partition_of(fc.hash[r]) + 1];
    }
    for (size_t p = 0; p < ActivityTable::kPartitions; ++p) fc.part_begin[p + 1] += fc.part_begin[p];
    {
      std::vector<uint32_t> at(fc.part_begin.begin(), fc.part_begin.end() - 1);
      for (size_t r = 0; r < rows; ++r) fc.part_rows[at[ActivityTable::partition_of(fc.hash[r])]++] = static_cast<uint32_t>(r);
    }
    const Column* time = activity_.time != ir::kNoReg ? &regs.regs[activity_.time] : nullptr;
    for (size_t a = 0; a < width; ++a) {
      const ir::Aggregate& g = activity_.aggregates[a];
      const Column& cond = regs.regs[g.condition];
      const Column* value = g.value != ir::kNoReg ? &regs.regs[g.value] : nullptr;
      for (size_t r = 0; r < rows; ++r) {
        if (!cond.known[r] || !cond.b[r]) continue;
        uint8_t& adds = fc.adds[r * width + a];
        double& add = fc.add[r * width + a];
        switch (g.kind) {
          case AggregateKind::Count:
          case AggregateKind::Any:
          case AggregateKind::None: adds = 1; break;
          case AggregateKind::Sum:  // like SQL SUM, missing values add nothing
          case AggregateKind::Latest:
          case AggregateKind::Earliest:
            if (value->known[r]) adds = 1, add = value->num[r];
            break;
          case AggregateKind::DecayedCount:
          case AggregateKind::DecayedAny:
            // An event without a time has no age, so it has no weight; a future event weighs 1.
            if (time && time->known[r]) adds = 1, add = std::exp2(-std::max(0.0, as_of_ - time->num[r]) / g.half_life);
            break;
        }
      }
    }
  }

  // Folds partition `p`'s rows of `fc` into its table, in file order. The table is far
  // bigger than the caches and each event hits a random key, so the slot and record
  // of the events a few rows ahead are prefetched (two stages: the record's address
  // is in the slot).
  void fold(size_t p, const FoldChunk& fc) {
    KeyTable& table = t_.parts_[p].table;
    const size_t width = t_.width_;
    constexpr uint32_t kSlotAhead = 24, kRecordAhead = 12;
    const uint32_t first = fc.part_begin[p], last = fc.part_begin[p + 1];
    for (uint32_t i = first; i < last; ++i) {
      if (i + kSlotAhead < last) table.prefetch_slot(fc.hash[fc.part_rows[i + kSlotAhead]]);
      if (i + kRecordAhead < last) table.prefetch_record(fc.hash[fc.part_rows[i + kRecordAhead]]);
      const uint32_t r = fc.part_rows[i];
      const uint32_t id = table.find_or_add(fc.key(r), fc.hash[r]);
      table.count_event(id);
      double* v = table.values(id);
      const uint8_t* adds = &fc.adds[static_cast<size_t>(r) * width];
      const double* add = &fc.add[static_cast<size_t>(r) * width];
      for (size_t a = 0; a < width; ++a) {
        if (!adds[a]) continue;
        const double x = add[a];
        switch (activity_.aggregates[a].kind) {
          case AggregateKind::Count: v[a] += 1; break;
          case AggregateKind::Any: v[a] = 1; break;
          case AggregateKind::None: v[a] = 0; break;
          case AggregateKind::Sum:
          case AggregateKind::DecayedCount: v[a] += x; break;
          case AggregateKind::Latest: if (!(v[a] >= x)) v[a] = x; break;
          case AggregateKind::Earliest: if (!(v[a] <= x)) v[a] = x; break;
          case AggregateKind::DecayedAny: v[a] = std::max(v[a], x); break;
        }
      }
    }
  }

  // The bad-rows stream: counts and rejects in file order; the first bad row stops a
  // run without --on-error skip.
  void take_errors(const FoldChunk& fc) {
    t_.stats_.events_read += fc.rows + fc.errors.size();
    t_.stats_.events_rejected += fc.errors.size();
    t_.stats_.zoneless_utc += fc.zoneless_utc;
    if (fc.errors.empty()) return;
    if (!opts_.skip_bad_rows) throw DataError(fc.errors.front().message);
    for (const RowError& e : fc.errors) rejects_->add(e);
  }

  // Hands `fc` to stream `s`; drains the stream when no other thread is doing so.
  void offer(size_t s, FoldChunk* fc) {
    Stream& st = streams_[s];
    std::unique_lock lk(st.mu);
    st.pending.emplace(fc->seq, fc);
    if (st.draining) return;  // the drainer looks at `pending` again before it stops
    st.draining = true;
    for (;;) {
      auto it = st.pending.begin();
      if (it == st.pending.end() || it->first != st.next) break;
      FoldChunk* ready = it->second;
      st.pending.erase(it);
      ++st.next;
      lk.unlock();
      if (!cancel_.load(std::memory_order_relaxed)) {
        try {
          if (s + 1 == streams_.size()) take_errors(*ready);
          else fold(s, *ready);
        } catch (...) {
          fail(ready->seq, std::current_exception());
        }
      }
      if (ready->streams_left.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        std::lock_guard g(mu_);
        free_.push_back(ready);
        cv_space_.notify_one();
      }
      lk.lock();
    }
    st.draining = false;
  }

  // Stops the run; of several failures the one earliest in the file is reported.
  void fail(uint64_t seq, std::exception_ptr e) {
    {
      std::lock_guard lk(mu_);
      if (!failure_ || seq < failure_seq_) failure_ = e, failure_seq_ = seq;
      cancel_ = true;
    }
    cv_work_.notify_all();
    cv_space_.notify_all();
  }

  ActivityTable& t_;
  const ir::Activity& activity_;
  const ActivityOptions& opts_;
  const double as_of_;
  LeadReader reader_;
  std::unique_ptr<Evaluator> interp_;
  std::optional<RejectsFile> rejects_;
  std::vector<Stream> streams_;

  std::mutex mu_;  // guards what follows
  std::condition_variable cv_work_, cv_space_;
  std::deque<std::pair<Chunk, FoldChunk*>> work_;  // each with the FoldChunk it will fill
  std::vector<std::unique_ptr<FoldChunk>> chunks_;
  std::vector<FoldChunk*> free_;
  bool reader_done_ = false;
  std::atomic<bool> cancel_{false};
  std::exception_ptr failure_;
  uint64_t failure_seq_ = UINT64_MAX;
};

void ActivityTable::start(const ir::Activity& activity) {
  width_ = activity.aggregates.size();
  for (const ir::Aggregate& g : activity.aggregates) initial_.push_back(aggregate_initial_value(g.kind));
  parts_.resize(kPartitions);
  for (Partition& part : parts_) part.table.set_initial(initial_);
}

ActivityTable::ActivityTable(const ir::Program& lead_program, const ActivityOptions& opts, EvalContext ctx) {
  start(*lead_program.activity);
  EventFold fold(*this, *lead_program.activity, opts, ctx);
  fold.run();
}

ActivityTable::ActivityTable(const ir::Program& lead_program, const Batch& events, EvalContext ctx) {
  start(*lead_program.activity);
  EventFold fold(*this, *lead_program.activity, ctx);
  fold.fold_batch(events);
}

}  // namespace leadc::rt
