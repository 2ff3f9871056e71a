// KeyTable: the aggregate values of each key of one partition of the activity table
// (see activities.h), with open addressing. Each key has one record of doubles —
// hash, event count, length, the key itself when it has at most 16 bytes (longer
// keys live in `text_`), then its `width` aggregate values — so a fold touches the
// slot and one record, two cache misses per event instead of one per array, and
// prefetch_slot / prefetch_record let the caller start those misses a few events
// ahead. A slot holds the record id and the hash's upper half, so a probe past
// another key's slot does not load that key's record. Per key: (5 + width) × 8
// bytes of record, 16–32 bytes of slots (load factor 1/4 to 1/2), and the key's
// bytes when longer than 16.
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

  // The id of `key` (hash `h`), or kNone.
  uint32_t find(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return kNone;
    const Packed k = pack(key);
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) return kNone;
      if ((slot >> 32) == (h >> 32) && same(id_of(slot), h, key, k)) return id_of(slot);
    }
  }

  // The id of `key`, added with the initial values when it is new.
  uint32_t find_or_add(std::string_view key, uint64_t h) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    const Packed k = pack(key);
    size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) break;
      if ((slot >> 32) == (h >> 32) && same(id_of(slot), h, key, k)) return id_of(slot);
    }
    const uint32_t id = static_cast<uint32_t>(size_++);
    recs_.resize(size_ * stride_);
    double* r = &recs_[id * stride_];
    r[kHash] = std::bit_cast<double>(h);
    r[kEvents] = 0;
    uint64_t where = key.size();
    if (key.size() > kInline) {
      where |= static_cast<uint64_t>(text_.size()) << 32;
      text_.append(key);
    }
    r[kWhere] = std::bit_cast<double>(where);
    r[kKey] = std::bit_cast<double>(k.w[0]);
    r[kKey + 1] = std::bit_cast<double>(k.w[1]);
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
    if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
  }
  void prefetch_record(uint64_t h) const {
    if (slots_.empty()) return;
    const uint64_t slot = slots_[h & mask_];
    if (slot == 0) return;
    const double* r = &recs_[id_of(slot) * stride_];
    __builtin_prefetch(r);
    __builtin_prefetch(r + stride_ - 1);
  }

 private:
  static constexpr size_t kHash = 0, kEvents = 1, kWhere = 2, kKey = 3, kHead = 5;
  static constexpr size_t kInline = 16;
  static uint64_t slot_of(uint32_t id, uint64_t h) { return (h >> 32 << 32) | (uint64_t{id} + 1); }
  static uint32_t id_of(uint64_t slot) { return static_cast<uint32_t>(slot) - 1; }
  struct Packed {
    uint64_t w[2] = {0, 0};  // the first 16 bytes of the key, zero-padded
  };
  static Packed pack(std::string_view key) {
    Packed p;
    std::memcpy(p.w, key.data(), key.size() < kInline ? key.size() : kInline);
    return p;
  }

  bool same(uint32_t id, uint64_t h, std::string_view key, const Packed& k) const {
    const double* r = &recs_[id * stride_];
    if (std::bit_cast<uint64_t>(r[kHash]) != h) return false;
    const uint64_t where = std::bit_cast<uint64_t>(r[kWhere]);
    if ((where & 0xFFFFFFFFu) != key.size()) return false;
    if (key.size() <= kInline)
      return std::bit_cast<uint64_t>(r[kKey]) == k.w[0] && std::bit_cast<uint64_t>(r[kKey + 1]) == k.w[1];
    return text_.compare(where >> 32, key.size(), key) == 0;
  }

  void grow() {
    const size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(n, 0);
    mask_ = n - 1;
    for (uint32_t i = 0; i < size_; ++i) {
      const uint64_t h = std::bit_cast<uint64_t>(recs_[i * stride_ + kHash]);
      size_t s = h & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = slot_of(i, h);
    }
  }

  std::vector<double> initial_;
  size_t stride_ = kHead;
  std::vector<uint64_t> slots_;  // hash >> 32 << 32 | record id + 1; 0 = empty; a power of two long
  size_t mask_ = 0;
  size_t size_ = 0;
  std::vector<double> recs_;     // size_ records of stride_ doubles
  std::string text_;             // keys longer than 16 bytes, one after another
};

}  // namespace leadc::rt
