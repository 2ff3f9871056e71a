// KeyTable: the event count and aggregate values of each key of one partition of the
// activity table (see activities.h). Open addressing over an array of records, each
// (5 + width) doubles: hash, length/offset tag (0 = empty slot), the key itself when
// it has at most 16 bytes (longer keys live in `text_`), the event count, then the
// `width` aggregate values. A lookup goes straight from the hash to its record, so a
// fold costs one cache miss per event (a table of a million keys is far bigger than
// the caches), and prefetch() lets the caller start that miss a few events ahead —
// with a separate slot array the record's address would wait for the slot's load.
// Per key: (5 + width) × 8 bytes at a load factor of 1/4 to 1/2, so 2–4 records'
// worth, plus the key's bytes when longer than 16.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

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

  // The slot of `key` (hash `h`), or kNone. Slots are stable once no key is added.
  uint32_t find(std::string_view key, uint64_t h) const {
    if (capacity_ == 0) return kNone;
    const Packed k = pack(key);
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const double* r = &recs_[s * stride_];
      if (tag(r) == 0) return kNone;
      if (same(r, h, key, k)) return static_cast<uint32_t>(s);
    }
  }

  // The slot of `key`, added with the initial values when it is new.
  uint32_t find_or_add(std::string_view key, uint64_t h) {
    if (2 * (size_ + 1) > capacity_) grow();
    const Packed k = pack(key);
    size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const double* r = &recs_[s * stride_];
      if (tag(r) == 0) break;
      if (same(r, h, key, k)) return static_cast<uint32_t>(s);
    }
    ++size_;
    double* r = &recs_[s * stride_];
    uint64_t where = key.size() + 1;
    if (key.size() > kInline) {
      where |= static_cast<uint64_t>(text_.size()) << 32;
      text_.append(key);
    }
    r[kHash] = std::bit_cast<double>(h);
    r[kTag] = std::bit_cast<double>(where);
    r[kKey] = std::bit_cast<double>(k.w[0]);
    r[kKey + 1] = std::bit_cast<double>(k.w[1]);
    r[kEvents] = 0;
    std::copy(initial_.begin(), initial_.end(), r + kHead);
    return static_cast<uint32_t>(s);
  }

  double* values(uint32_t slot) { return &recs_[slot * stride_ + kHead]; }
  const double* values(uint32_t slot) const { return &recs_[slot * stride_ + kHead]; }
  void count_event(uint32_t slot) { recs_[slot * stride_ + kEvents] += 1; }
  uint64_t events(uint32_t slot) const { return static_cast<uint64_t>(recs_[slot * stride_ + kEvents]); }
  bool used(uint32_t slot) const { return tag(&recs_[slot * stride_]) != 0; }
  size_t size() const { return size_; }           // keys
  size_t capacity() const { return capacity_; }   // slots

  // Starts loading the record a lookup of hash `h` reads first.
  void prefetch(uint64_t h) const {
    if (capacity_ == 0) return;
    const double* r = &recs_[(h & mask_) * stride_];
    __builtin_prefetch(r);
    __builtin_prefetch(r + stride_ - 1);
  }

 private:
  static constexpr size_t kHash = 0, kTag = 1, kKey = 2, kEvents = 4, kHead = 5;
  static constexpr size_t kInline = 16;
  struct Packed {
    uint64_t w[2] = {0, 0};  // the first 16 bytes of the key, zero-padded
  };
  static Packed pack(std::string_view key) {
    Packed p;
    std::memcpy(p.w, key.data(), key.size() < kInline ? key.size() : kInline);
    return p;
  }
  static uint64_t tag(const double* r) { return std::bit_cast<uint64_t>(r[kTag]); }

  bool same(const double* r, uint64_t h, std::string_view key, const Packed& k) const {
    if (std::bit_cast<uint64_t>(r[kHash]) != h) return false;
    const uint64_t where = tag(r);
    if ((where & 0xFFFFFFFFu) != key.size() + 1) return false;
    if (key.size() <= kInline)
      return std::bit_cast<uint64_t>(r[kKey]) == k.w[0] && std::bit_cast<uint64_t>(r[kKey + 1]) == k.w[1];
    return text_.compare(where >> 32, key.size(), key) == 0;
  }

  void grow() {
    const size_t n = capacity_ == 0 ? 64 : capacity_ * 2;
    std::vector<double> old(n * stride_, 0.0);  // +0.0 is all zero bits: every tag empty
    old.swap(recs_);
    const size_t old_capacity = capacity_;
    capacity_ = n;
    mask_ = n - 1;
    for (size_t i = 0; i < old_capacity; ++i) {
      const double* from = &old[i * stride_];
      if (tag(from) == 0) continue;
      size_t s = std::bit_cast<uint64_t>(from[kHash]) & mask_;
      while (tag(&recs_[s * stride_]) != 0) s = (s + 1) & mask_;
      std::copy(from, from + stride_, &recs_[s * stride_]);
    }
  }

  std::vector<double> initial_;
  size_t stride_ = kHead;
  size_t capacity_ = 0, mask_ = 0, size_ = 0;
  std::vector<double> recs_;  // capacity_ records of stride_ doubles
  std::string text_;          // keys longer than 16 bytes, one after another
};

}  // namespace leadc::rt
