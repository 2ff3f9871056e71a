// The `leadc run` pipeline (see run.h): reader thread -> worker threads (parse,
// evaluate, format) -> in-order writer on the calling thread, with a bound on the
// number of chunks in flight.
#include "runtime/run.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/activities.h"
#include "runtime/atomic_file.h"
#include "runtime/duplicate_keys.h"
#include "runtime/lead_source.h"
#include "runtime/progress.h"
#include "runtime/rejects_file.h"

namespace leadc::rt {
namespace {

// What a worker hands to the writer for one chunk.
struct ChunkResult {
  std::string text;                        // formatted output rows
  std::vector<RowError> errors;            // bad rows, in file order
  uint64_t rows = 0;                       // good rows
  uint64_t end_offset = 0;
  uint64_t zoneless_utc = 0;               // timestamps without an offset read as UTC
  std::vector<std::vector<uint64_t>> labels;
  std::vector<uint64_t> unlabelled;
  std::unique_ptr<RunObserver::Partial> observed;
  std::exception_ptr failure;
};

void count_labels(const ir::Program& p, const Registers& regs, size_t rows, ChunkResult& res) {
  res.labels.resize(p.classifications.size());
  res.unlabelled.assign(p.classifications.size(), 0);
  for (size_t i = 0; i < p.classifications.size(); ++i) {
    const ir::Classification& c = p.classifications[i];
    const size_t members = c.enum_id >= 0 && static_cast<size_t>(c.enum_id) < p.enums.size()
                               ? p.enums[c.enum_id].members.size() : 0;
    res.labels[i].assign(members, 0);
    const Column& col = regs.regs[c.reg];
    for (size_t r = 0; r < rows; ++r) {
      if (col.known[r] && col.member[r] >= 0 && static_cast<size_t>(col.member[r]) < members)
        ++res.labels[i][col.member[r]];
      else
        ++res.unlabelled[i];
    }
  }
}

}  // namespace

std::string default_rejects_path(const RunOptions& opts) {
  const char* ext = lead_format_for_path(opts.leads_path) == LeadFormat::Csv ? ".rejects.csv" : ".rejects.jsonl";
  if (!opts.out_path.empty()) return opts.out_path + ext;
  const size_t slash = opts.leads_path.rfind('/');
  return (slash == std::string::npos ? opts.leads_path : opts.leads_path.substr(slash + 1)) + ext;
}

RunStats run_leads(const ir::Program& program, const Evaluator& eval, const RunOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  RunStats stats;
  stats.label_counts.resize(program.classifications.size());
  stats.unlabelled.assign(program.classifications.size(), 0);
  for (size_t i = 0; i < program.classifications.size(); ++i) {
    const int32_t id = program.classifications[i].enum_id;
    if (id >= 0 && static_cast<size_t>(id) < program.enums.size())
      stats.label_counts[i].assign(program.enums[id].members.size(), 0);
  }

  // Aggregates over activities are inputs without a column: the source reads the file
  // without them and fills them from the events before evaluation.
  LeadSource source(opts.leads_path, program, opts.activities, opts.reader);  // header check happens before any output exists
  const LeadReader& reader = source.reader();
  std::optional<AtomicFile> out;
  if (opts.write_rows) out.emplace(opts.out_path);
  RejectsFile rejects(opts.rejects_path.empty() ? default_rejects_path(opts) : opts.rejects_path, reader);
  DuplicateKeys keys(program, opts.leads_path);
  RowFormatter formatter(program, opts.format);
  for (const RunOptions::ExtraColumn& x : opts.extra_columns) {
    if (x.list) formatter.add_extra_list(x.name, x.list);
    else formatter.add_extra_column(x.name, x.cell);
  }
  if (out) {
    std::string header;
    formatter.header(header);
    out->write(header);
  }
  const bool raw_copy = opts.observer && opts.observer->wants_raw_chunk();

  const unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t max_in_flight = 2 * static_cast<size_t>(threads) + 2;
  const bool fail_fast = opts.on_error == OnError::Fail;

  std::mutex mu;
  std::condition_variable cv_work, cv_done, cv_space;
  std::deque<Chunk> work;
  std::map<uint64_t, ChunkResult> done;
  size_t in_flight = 0;
  bool reader_finished = false, cancel = false;
  uint64_t total_chunks = 0;
  std::exception_ptr reader_failure;

  auto reader_loop = [&] {
    try {
      uint64_t produced = 0;
      for (;;) {
        {
          std::unique_lock lk(mu);
          cv_space.wait(lk, [&] { return in_flight < max_in_flight || cancel; });
          if (cancel) return;
        }
        Chunk chunk;
        const bool got = source.next_chunk(chunk);
        std::lock_guard lk(mu);
        if (!got) {
          reader_finished = true;
          total_chunks = produced;
          break;
        }
        ++produced;
        ++in_flight;
        work.push_back(std::move(chunk));
        cv_work.notify_one();
      }
    } catch (...) {
      std::lock_guard lk(mu);
      reader_failure = std::current_exception();
      reader_finished = true;
    }
    cv_work.notify_all();
    cv_done.notify_all();
  };

  auto worker_loop = [&] {
    Batch batch;
    Registers regs;
    for (;;) {
      Chunk chunk;
      {
        std::unique_lock lk(mu);
        cv_work.wait(lk, [&] { return !work.empty() || reader_finished || cancel; });
        if (cancel || work.empty()) return;
        chunk = std::move(work.front());
        work.pop_front();
      }
      const uint64_t seq = chunk.seq;
      ChunkResult res;
      res.end_offset = chunk.end_offset;
      bool key_checked = false;
      std::optional<Chunk> raw;
      if (raw_copy) raw = chunk;
      try {
        source.parse_chunk(std::move(chunk), batch, res.errors);
        keys.check(seq, batch, res.errors);
        key_checked = true;
        res.rows = batch.rows;
        res.zoneless_utc = zoneless_utc(batch);
        if (batch.rows > 0 && !(fail_fast && !res.errors.empty())) {
          eval.evaluate(batch, regs);
          if (opts.write_rows) {
            res.text.reserve(batch.rows * 64);
            formatter.rows(regs, batch.rows, res.text);
          }
          count_labels(program, regs, batch.rows, res);
          if (opts.observer) res.observed = opts.observer->observe(batch, regs, raw ? &*raw : nullptr);
        }
      } catch (...) {
        res.failure = std::current_exception();
        if (!key_checked) keys.skip(seq);
      }
      {
        std::lock_guard lk(mu);
        done.emplace(seq, std::move(res));
      }
      cv_done.notify_all();
    }
  };

  std::vector<std::thread> pool;
  auto stop_all = [&] {
    {
      std::lock_guard lk(mu);
      cancel = true;
    }
    keys.cancel();
    cv_work.notify_all();
    cv_space.notify_all();
    for (std::thread& t : pool)
      if (t.joinable()) t.join();
  };

  Progress progress(opts.progress, reader.file_size());
  try {
    pool.emplace_back(reader_loop);
    for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker_loop);

    for (uint64_t next = 0;; ++next) {
      ChunkResult res;
      {
        std::unique_lock lk(mu);
        cv_done.wait(lk, [&] {
          return done.count(next) || reader_failure || (reader_finished && next == total_chunks);
        });
        auto it = done.find(next);
        if (it == done.end()) {
          if (reader_failure) std::rethrow_exception(reader_failure);
          break;  // all chunks written
        }
        res = std::move(it->second);
        done.erase(it);
        --in_flight;
      }
      cv_space.notify_one();
      if (res.failure) std::rethrow_exception(res.failure);
      if (!res.errors.empty()) {
        if (fail_fast) throw DataError(res.errors.front().message);
        for (const RowError& e : res.errors) rejects.add(e);
      }
      if (out) out->write(res.text);
      if (res.observed) opts.observer->merge(*res.observed);
      stats.rows_written += res.rows;
      stats.zoneless_utc += res.zoneless_utc;
      stats.rows_rejected += res.errors.size();
      for (size_t i = 0; i < res.labels.size(); ++i) {
        for (size_t m = 0; m < res.labels[i].size(); ++m) stats.label_counts[i][m] += res.labels[i][m];
        stats.unlabelled[i] += res.unlabelled[i];
      }
      progress.update(stats.rows_written + stats.rows_rejected, res.end_offset);
    }
    stop_all();
  } catch (...) {
    stop_all();
    progress.finish();
    throw;  // `out` and the rejects file are removed by their destructors
  }
  progress.finish();
  stats.rejects_path = rejects.commit();
  if (out) out->commit();
  stats.rows_read = stats.rows_written + stats.rows_rejected;
  stats.delimiter = reader.delimiter();
  stats.encoding = reader.encoding();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace leadc::rt
