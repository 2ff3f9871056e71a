// KeyTable: the aggregate values of each key of one partition of the activity table
// (see activities.h), with open addressing. Each key has one record of doubles —
// event count, the key itself when it has at most 15 bytes (its length in the 16th;
// longer keys live in `text_`, the record then holds where), then its `width`
// aggregate values — in 64-byte aligned storage, so with up to 5 aggregates a record
// is one cache line: a fold touches the slot and that line, and prefetch_slot /
// prefetch_record let the caller start those misses a few events ahead. A slot holds
// the record id and the hash's upper half, so a probe past another key's slot does not
// load that key's record; the full hashes, needed only when the slots grow, are apart.
// Per key: (3 + width) × 8 bytes of record, 8 of hash, 16–32 bytes of slots (load
// factor 1/4 to 1/2), and 4 + the key's bytes when longer than 15. Slots and records
// are TableArrays (runtime/table_memory.h): on huge pages once they pass 1 MiB.
#pragma once

#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/table_memory.h"

namespace leadc::rt {

inline uint64_t key_hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

class KeyTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Every new key's values start as `initial` (one per aggregate).
  void set_initial(std::vector<double> initial) {
    initial_ = std::move(initial);
    stride_ = kHead + initial_.size();
  }

  // The id of `key` (hash `h`), or kNone.
  uint32_t find(std::string_view key, uint64_t h) const {
    if (nslots_ == 0) return kNone;
    const Packed k = pack(key);
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) return kNone;
      if ((slot >> 32) == (h >> 32) && same(id_of(slot), key, k)) return id_of(slot);
    }
  }

  // The id of `key`, added with the initial values when it is new.
  uint32_t find_or_add(std::string_view key, uint64_t h) {
    if (2 * (size_ + 1) > nslots_) grow();
    const Packed k = pack(key);
    size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) break;
      if ((slot >> 32) == (h >> 32) && same(id_of(slot), key, k)) return id_of(slot);
    }
    const uint32_t id = static_cast<uint32_t>(size_++);
    reserve_records(size_ * stride_);
    hashes_.push_back(h);
    double* r = &recs_[id * stride_];
    r[kEvents] = 0;
    Packed stored = k;
    if (key.size() > kInline) {  // the record says where the key is in text_: its length, then its bytes
      const uint64_t at = text_.size();
      const uint32_t len = static_cast<uint32_t>(key.size());
      text_.append(reinterpret_cast<const char*>(&len), sizeof len);
      text_.append(key);
      stored.w[0] = at;
    }
    r[kKey] = std::bit_cast<double>(stored.w[0]);
    r[kKey + 1] = std::bit_cast<double>(stored.w[1]);
    std::copy(initial_.begin(), initial_.end(), r + kHead);
    slots_[s] = slot_of(id, h);
    return id;
  }

  double* values(uint32_t id) { return &recs_[id * stride_ + kHead]; }
  const double* values(uint32_t id) const { return &recs_[id * stride_ + kHead]; }
  void count_event(uint32_t id) { recs_[id * stride_ + kEvents] += 1; }
  uint64_t events(uint32_t id) const { return static_cast<uint64_t>(recs_[id * stride_ + kEvents]); }
  size_t size() const { return size_; }

  // Start loading the slot of hash `h`; later, the record that slot names.
  void prefetch_slot(uint64_t h) const {
    if (nslots_ != 0) __builtin_prefetch(&slots_[h & mask_]);
  }
  void prefetch_record(uint64_t h) const {
    if (nslots_ == 0) return;
    const uint64_t slot = slots_[h & mask_];
    if (slot == 0) return;
    const double* r = &recs_[id_of(slot) * stride_];
    __builtin_prefetch(r);
    __builtin_prefetch(r + stride_ - 1);
  }

 private:
  static constexpr size_t kEvents = 0, kKey = 1, kHead = 3;
  static constexpr size_t kInline = 15;         // longer keys go to text_
  static constexpr unsigned char kLong = 0xFF;  // the 16th key byte of a key in text_
  static uint64_t slot_of(uint32_t id, uint64_t h) { return (h >> 32 << 32) | (uint64_t{id} + 1); }
  static uint32_t id_of(uint64_t slot) { return static_cast<uint32_t>(slot) - 1; }
  struct Packed {
    uint64_t w[2] = {0, 0};  // a short key zero-padded, its length in byte 15; or kLong there
  };
  static Packed pack(std::string_view key) {
    Packed p;
    unsigned char b[16] = {};
    if (key.size() <= kInline) {
      if (!key.empty()) std::memcpy(b, key.data(), key.size());
      b[15] = static_cast<unsigned char>(key.size());
    } else {
      b[15] = kLong;
    }
    std::memcpy(p.w, b, sizeof b);
    return p;
  }
  static bool is_long(const Packed& k) { return (k.w[1] >> 56) == kLong; }

  bool same(uint32_t id, std::string_view key, const Packed& k) const {
    const double* r = &recs_[id * stride_];
    const uint64_t w1 = std::bit_cast<uint64_t>(r[kKey + 1]);
    if (w1 != k.w[1]) return false;  // the length byte, or kLong, differs; or the key's bytes 8..14
    if (!is_long(k)) return std::bit_cast<uint64_t>(r[kKey]) == k.w[0];
    const uint64_t at = std::bit_cast<uint64_t>(r[kKey]);
    uint32_t len;
    std::memcpy(&len, text_.data() + at, sizeof len);
    return len == key.size() && std::memcmp(text_.data() + at + sizeof len, key.data(), key.size()) == 0;
  }

  void grow() {
    const size_t n = nslots_ == 0 ? 64 : nslots_ * 2;
    slots_.reallocate(n, 0);
    std::memset(slots_.data(), 0, n * sizeof(uint64_t));
    nslots_ = n;
    mask_ = n - 1;
    for (uint32_t i = 0; i < size_; ++i) {
      const uint64_t h = hashes_[i];
      size_t s = h & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = slot_of(i, h);
    }
  }

  // Room for `n` doubles of records, growing by doubling, 64-byte aligned.
  void reserve_records(size_t n) {
    if (n <= recs_.capacity()) return;
    size_t cap = recs_.capacity() ? 2 * recs_.capacity() : 1024;
    while (cap < n) cap *= 2;
    recs_.reallocate(cap, (size_ - 1) * stride_);
  }

  std::vector<double> initial_;
  size_t stride_ = kHead;
  TableArray<uint64_t> slots_;  // nslots_ of hash >> 32 << 32 | record id + 1; 0 = empty
  size_t nslots_ = 0;           // a power of two (or 0)
  size_t mask_ = 0;
  size_t size_ = 0;
  TableArray<double> recs_;     // size_ records of stride_ doubles, 64-byte aligned
  std::vector<uint64_t> hashes_;          // each record's full hash (for grow)
  std::string text_;                      // keys longer than kInline: length (4 bytes), bytes
};

}  // namespace leadc::rt
