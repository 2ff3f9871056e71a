// "A key seen twice is a data error on the later row" (LANGUAGE.md section 9) for
// `leadc run`, with memory flat in the file's size: only a 64-bit hash of each key is
// kept (8 bytes a slot, open addressing, 35-70 % full: 11-23 bytes per distinct key,
// on huge pages once the table passes 1 MiB: runtime/table_memory.h),
// never the keys themselves, nor where they were first seen.
//
// Collisions: two different keys with the same 64-bit hash would be reported as a
// duplicate. For n keys the chance of any such pair is about n^2 / 2^65 (3 in a million
// for 10 million rows); the message says so, so a reader can check.
// Chunks are parsed in parallel but checked in file order (check() waits its turn),
// so "the later row" is always the one reported.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "runtime/lead_reader.h"
#include "runtime/table_memory.h"

namespace leadc::rt {

class DuplicateKeys {
 public:
  // `path` for messages; no key field -> enabled() is false and check() does nothing.
  DuplicateKeys(const ir::Program& program, std::string path);
  bool enabled() const { return key_input_ >= 0; }

  // Chunk `seq` (0, 1, 2, … in file order; every seq must come exactly once, a failed
  // chunk through skip()): waits until every earlier chunk was checked, then moves each
  // row whose key was seen before out of `batch` into `errors` (kept in line order).
  void check(uint64_t seq, Batch& batch, std::vector<RowError>& errors);
  void skip(uint64_t seq);  // a chunk that failed: let later ones through
  void cancel();            // wakes every waiting check(); they return at once

 private:
  void wait_turn(std::unique_lock<std::mutex>& lk, uint64_t seq);
  void grow();
  // The slot of `hash` (0 is never stored): its own, or the empty one it would take.
  size_t find(uint64_t hash) const;

  int32_t key_input_ = -1;
  std::string path_, field_, column_;
  double scale_ = 1;
  std::mutex mu_;
  std::condition_variable turn_;
  uint64_t next_seq_ = 0;
  bool cancelled_ = false;
  TableArray<uint64_t> hashes_;  // nhashes_ hashes, 0 = empty; on huge pages past 1 MiB
  size_t nhashes_ = 0;           // a power of two
  size_t used_ = 0;
};

}  // namespace leadc::rt
