// KeyIndex: key text -> dense id (0, 1, 2, … in first-seen order), open addressing.
// One per partition of the activity table (see activities.h). The hash is computed by
// the caller once per key (key_hash) and kept with the entry, so growing the table
// and comparing keys rarely touch the text. Per key: 16 bytes of entry, 4–8 bytes of
// slots (load factor 1/4 to 1/2) and the key's bytes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace leadc::rt {

inline uint64_t key_hash(std::string_view key) { return std::hash<std::string_view>{}(key); }

class KeyIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The id of `key` (hash `h`), or kNone.
  uint32_t find(std::string_view key, uint64_t h) const {
    if (slots_.empty()) return kNone;
    for (size_t s = h & mask_;; s = (s + 1) & mask_) {
      const uint32_t at = slots_[s];
      if (at == 0) return kNone;
      const Entry& e = entries_[at - 1];
      if (e.hash == h && same_text(e, key)) return at - 1;
    }
  }

  // The id of `key`, added with the next id when it is new (`added` says which).
  uint32_t find_or_add(std::string_view key, uint64_t h, bool& added) {
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    size_t s = h & mask_;
    for (;; s = (s + 1) & mask_) {
      const uint32_t at = slots_[s];
      if (at == 0) break;
      const Entry& e = entries_[at - 1];
      if (e.hash == h && same_text(e, key)) {
        added = false;
        return at - 1;
      }
    }
    added = true;
    entries_.push_back(Entry{h, static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(key.size())});
    text_.append(key);
    slots_[s] = static_cast<uint32_t>(entries_.size());
    return static_cast<uint32_t>(entries_.size() - 1);
  }

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t hash;
    uint32_t offset;  // into text_ (a partition's keys stay far below 4 GiB)
    uint32_t length;
  };
  static_assert(sizeof(Entry) == 16);

  bool same_text(const Entry& e, std::string_view key) const {
    return e.length == key.size() && text_.compare(e.offset, e.length, key) == 0;
  }

  void grow() {
    const size_t n = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(n, 0);
    mask_ = n - 1;
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      size_t s = entries_[i].hash & mask_;
      while (slots_[s] != 0) s = (s + 1) & mask_;
      slots_[s] = i + 1;
    }
  }

  std::vector<uint32_t> slots_;  // entry id + 1; 0 = empty; a power of two long
  size_t mask_ = 0;
  std::vector<Entry> entries_;
  std::string text_;             // every key's bytes, one after another
};

}  // namespace leadc::rt
