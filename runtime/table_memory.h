// Memory for the arrays of a hash table far bigger than the caches and touched at
// random (the fold's key tables, runtime/key_table.h). With 4 KiB pages a million keys
// span tens of thousands of pages, so each event's slot and record miss the TLB as well
// as the cache — a page walk, nested under a virtual machine, that a prefetch does not
// hide. From 1 MiB up such an array is 2 MiB aligned, rounded up to 2 MiB and marked
// MADV_HUGEPAGE (the kernel's transparent huge pages, when it allows them on request):
// a 2 MiB page covers 512 times as much. At most 1 MiB is added to an array of 1-2 MiB,
// less than 2 MiB (and at most half) to a larger one.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

namespace leadc::rt {

template <class T>
class TableArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  TableArray() = default;
  TableArray(const TableArray&) = delete;
  TableArray& operator=(const TableArray&) = delete;
  TableArray(TableArray&& o) noexcept : p_(o.p_), cap_(o.cap_) { o.p_ = nullptr, o.cap_ = 0; }
  TableArray& operator=(TableArray&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(cap_, o.cap_);
    return *this;
  }
  ~TableArray() { std::free(p_); }

  // Room for at least `n` elements; the first `keep` are kept, the rest are undefined.
  void reallocate(size_t n, size_t keep) {
    constexpr size_t kHuge = size_t{2} << 20, kFrom = size_t{1} << 20;
    size_t bytes = n * sizeof(T), align = 64;
    if (bytes >= kFrom) {
      bytes = (bytes + kHuge - 1) / kHuge * kHuge;
      align = kHuge;
    } else {
      bytes = (bytes + 63) / 64 * 64;
    }
    void* q = std::aligned_alloc(align, bytes ? bytes : 64);
    if (!q) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (align == kHuge) ::madvise(q, bytes, MADV_HUGEPAGE);  // a hint: without it, 4 KiB pages
#endif
    if (keep) std::memcpy(q, p_, keep * sizeof(T));
    std::free(p_);
    p_ = static_cast<T*>(q);
    cap_ = bytes / sizeof(T);
  }
  size_t capacity() const { return cap_; }
  T* data() { return p_; }
  const T* data() const { return p_; }
  T& operator[](size_t i) { return p_[i]; }
  const T& operator[](size_t i) const { return p_[i]; }

 private:
  T* p_ = nullptr;
  size_t cap_ = 0;
};

}  // namespace leadc::rt
