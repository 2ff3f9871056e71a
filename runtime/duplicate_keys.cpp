// Duplicate keys in file order with a flat table of key hashes (see duplicate_keys.h).
#include "runtime/duplicate_keys.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string_view>

#include "runtime/cell_parse.h"
#include "runtime/reader_plan.h"

namespace leadc::rt {
namespace {

uint64_t mix(uint64_t x) {  // a finaliser (splitmix64), so similar keys spread
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

uint64_t key_hash(const Column& col, size_t r) {
  uint64_t h = 0;
  switch (col.type) {
    case ir::Type::Str: h = std::hash<std::string_view>{}(col.str[r]); break;
    case ir::Type::Num: {
      double v = col.num[r];
      std::memcpy(&h, &v, sizeof h);
      break;
    }
    case ir::Type::Bool: h = col.b[r]; break;
    case ir::Type::Enum: h = static_cast<uint64_t>(col.member[r]); break;
  }
  h = mix(h ^ (static_cast<uint64_t>(col.type) << 56));
  return h == 0 ? 1 : h;
}

}  // namespace

DuplicateKeys::DuplicateKeys(const ir::Program& program, std::string path) : path_(std::move(path)) {
  for (size_t i = 0; i < program.inputs.size(); ++i)
    if (program.inputs[i].key && !program.inputs[i].synthetic) {
      key_input_ = static_cast<int32_t>(i);
      field_ = program.inputs[i].field;
      column_ = program.inputs[i].column;
      scale_ = program.inputs[i].scale > 0 ? program.inputs[i].scale : 1;
      break;
    }
  if (enabled()) {
    hashes_.reallocate(1024, 0);
    std::memset(hashes_.data(), 0, 1024 * sizeof(uint64_t));
    nhashes_ = 1024;
  }
}

size_t DuplicateKeys::find(uint64_t hash) const {
  const size_t mask = nhashes_ - 1;
  for (size_t s = hash & mask;; s = (s + 1) & mask)
    if (hashes_[s] == hash || hashes_[s] == 0) return s;
}

void DuplicateKeys::grow() {
  TableArray<uint64_t> old = std::move(hashes_);
  const size_t old_n = nhashes_;
  hashes_.reallocate(2 * old_n, 0);
  nhashes_ = 2 * old_n;
  std::memset(hashes_.data(), 0, nhashes_ * sizeof(uint64_t));
  for (size_t i = 0; i < old_n; ++i)
    if (old[i] != 0) hashes_[find(old[i])] = old[i];
}

void DuplicateKeys::wait_turn(std::unique_lock<std::mutex>& lk, uint64_t seq) {
  turn_.wait(lk, [&] { return next_seq_ == seq || cancelled_; });
}

void DuplicateKeys::skip(uint64_t seq) {
  if (!enabled()) return;
  std::unique_lock lk(mu_);
  wait_turn(lk, seq);
  if (cancelled_) return;
  ++next_seq_;
  turn_.notify_all();
}

void DuplicateKeys::cancel() {
  std::lock_guard lk(mu_);
  cancelled_ = true;
  turn_.notify_all();
}

void DuplicateKeys::check(uint64_t seq, Batch& batch, std::vector<RowError>& errors) {
  if (!enabled()) return;
  const Column& col = batch.inputs[static_cast<size_t>(key_input_)];
  std::vector<uint64_t> hashes(batch.rows);  // hashed before taking the turn
  for (size_t r = 0; r < batch.rows; ++r) hashes[r] = col.known[r] ? key_hash(col, r) : 0;
  std::vector<uint32_t> dup_rows;
  {
    std::unique_lock lk(mu_);
    wait_turn(lk, seq);
    if (cancelled_) return;
    // The table is far larger than the cache and this loop runs under the lock, so each
    // row's slot is fetched a few rows ahead instead of stalling on it.
    constexpr size_t kAhead = 8;
    for (size_t r = 0; r < batch.rows; ++r) {
      if (r + kAhead < batch.rows) __builtin_prefetch(&hashes_[hashes[r + kAhead] & (nhashes_ - 1)]);
      if (hashes[r] == 0) continue;  // a missing key is the field's own error, not a duplicate
      if (10 * (used_ + 1) > 7 * nhashes_) grow();  // at most 70 % full
      const size_t s = find(hashes[r]);
      if (hashes_[s] != 0) {
        dup_rows.push_back(static_cast<uint32_t>(r));
        continue;
      }
      hashes_[s] = hashes[r];
      ++used_;
    }
    ++next_seq_;
    turn_.notify_all();
  }
  if (dup_rows.empty()) return;
  for (size_t k = 0; k < dup_rows.size(); ++k) {
    const uint32_t r = dup_rows[k];
    std::string shown = "\"" + escape_for_message(col.str.empty() ? "" : col.str[r]) + "\"";
    if (col.type == ir::Type::Num) {
      char num[32];
      std::snprintf(num, sizeof num, "%.17g", col.num[r] / scale_);
      shown = num;
    } else if (col.type != ir::Type::Str) {
      shown = "of row " + std::to_string(batch.line[r]);
    }
    RowError e;
    e.line = batch.line[r];
    e.col = 1;
    e.message = path_ + ":" + std::to_string(e.line) + ":1: error: field `" + field_ + "` (column \"" +
                escape_for_message(column_) + "\"): key " + shown +
                " appears again (an earlier row has it; a key must be unique)";
    e.raw = std::string(batch.raw[r]);
    errors.push_back(std::move(e));
  }
  drop_batch_rows(batch, dup_rows);
  std::stable_sort(errors.begin(), errors.end(), [](const RowError& a, const RowError& b) { return a.line < b.line; });
}

}  // namespace leadc::rt
