// The report's aggregates: score values stay bounded in memory and keep every lead,
// chunk partials merge to the same totals as one pass, transitions keep the file's
// first examples.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "runtime/label_transitions.h"
#include "runtime/report_stats.h"

using namespace leadc;
using namespace leadc::rt;

TEST_CASE("score values: exact while few, pooled when many, never losing a lead") {
  ScoreValues few;
  for (int i = 0; i < 1000; ++i) few.add(i % 7);
  CHECK(few.bucket == 0);
  CHECK(few.values.size() == 7);
  CHECK(few.values[3] == 143);

  ScoreValues many;
  for (int i = 0; i < 200000; ++i) many.add(i * 0.37);
  CHECK(many.values.size() <= ScoreValues::kMaxValues);
  CHECK(many.bucket > 0);
  uint64_t total = 0;
  for (const auto& [v, n] : many.values) total += n;
  CHECK(total == 200000);
  CHECK(many.min == 0);
  CHECK(many.max == doctest::Approx(199999 * 0.37));

  ir::Score s;
  s.has_range = false;
  const auto bins = many.histogram(s).bins;
  REQUIRE(bins.size() == 20);
  uint64_t binned = 0;
  for (const auto& b : bins) binned += b.count;
  CHECK(binned == 200000);
}

TEST_CASE("score values: merging chunks equals one pass") {
  ScoreValues one, a, b;
  for (int i = 0; i < 5000; ++i) {
    const double v = (i * 7919) % 101;
    one.add(v);
    (i < 2500 ? a : b).add(v);
  }
  a.merge(b);
  CHECK(a.known == one.known);
  CHECK(a.sum == one.sum);
  CHECK(a.values == one.values);

  ir::Score s;
  s.has_range = true;
  s.lo = 0;
  s.hi = 100;
  const auto bins = a.histogram(s).bins;  // not known to be whole: 20 equal bins
  REQUIRE(bins.size() == 20);
  CHECK(bins.front().lo == 0);
  CHECK(bins.back().hi == 100);
  uint64_t n = 0;
  for (const auto& bin : bins) n += bin.count;
  CHECK(n == 5000);

  s.hi = 10;  // a short whole range: one bin per value
  ScoreValues small;
  small.whole = true;
  for (int v = 0; v <= 10; ++v) small.add(v);
  const auto per_value = small.histogram(s);
  CHECK(per_value.whole);
  REQUIRE(per_value.bins.size() == 11);
  for (const auto& bin : per_value.bins) CHECK(bin.count == 1);
  for (const auto& bin : per_value.bins) CHECK(bin.lo == bin.hi);
}

// The bins of a whole-number score (user trial: a 0..50 score got 2.5-wide bins).
TEST_CASE("score values: a whole-number score gets whole-number bins") {
  auto bins_of = [](double lo, double hi) {
    ScoreValues v;
    v.whole = true;
    for (double x = lo; x <= hi; ++x) v.add(x);
    ir::Score s;
    s.has_range = true;
    s.lo = lo;
    s.hi = hi;
    return v.histogram(s);
  };
  const auto h50 = bins_of(0, 50);
  CHECK(h50.whole);
  CHECK(h50.width == 5);
  REQUIRE(h50.bins.size() == 11);  // 0–4, 5–9, …, 45–49, 50
  for (size_t i = 0; i < h50.bins.size(); ++i) {
    CHECK(h50.bins[i].lo == 5.0 * static_cast<double>(i));
    CHECK(h50.bins[i].hi == std::min(50.0, 5.0 * static_cast<double>(i) + 4));
    CHECK(h50.bins[i].count == (i < 10 ? 5u : 1u));
  }
  const auto h100 = bins_of(0, 100);
  CHECK(h100.width == 5);
  CHECK(h100.bins.size() == 21);
  CHECK(bins_of(0, 24).width == 1);
  CHECK(bins_of(0, 30).width == 2);
  CHECK(bins_of(0, 500).width == 25);
  CHECK(bins_of(0, 1000).width == 50);
  const auto neg = bins_of(-7, 12);  // 20 values: one bin each
  CHECK(neg.width == 1);
  CHECK(neg.bins.front().lo == -7);
  const auto odd = bins_of(3, 57);  // edges at multiples of the width; the ends cut to the range
  CHECK(odd.width == 5);
  CHECK(odd.bins.front().lo == 3);
  CHECK(odd.bins.front().hi == 4);
  CHECK(odd.bins[1].lo == 5);
  CHECK(odd.bins.back().lo == 55);
  CHECK(odd.bins.back().hi == 57);
  for (const auto& h : {h50, h100, odd, neg}) {
    uint64_t total = 0;
    for (const auto& b : h.bins) {
      CHECK(b.lo == std::floor(b.lo));
      CHECK(b.hi == std::floor(b.hi));
      total += b.count;
    }
    CHECK(total == static_cast<uint64_t>(h.bins.back().hi - h.bins.front().lo + 1));
  }
}

TEST_CASE("score values: a whole score's pooled buckets never straddle a bin edge") {
  ScoreValues v, a, b;
  v.whole = a.whole = b.whole = true;
  for (int i = 0; i < 300000; ++i) {
    const double x = static_cast<double>((int64_t{i} * 7919) % 123457);
    v.add(x);
    (i % 3 ? a : b).add(x);
  }
  CHECK(v.bucket == 100);  // 10, then 100: powers of ten
  a.merge(b);
  CHECK(a.bucket == v.bucket);
  CHECK(a.values == v.values);
  ir::Score s;
  s.has_range = false;
  const auto h = v.histogram(s);
  CHECK(h.whole);
  CHECK(h.width == 5000);
  // Exact: count the values per bin directly.
  std::vector<uint64_t> want(h.bins.size(), 0);
  for (int i = 0; i < 300000; ++i) want[static_cast<size_t>(((int64_t{i} * 7919) % 123457) / 5000)]++;
  for (size_t i = 0; i < h.bins.size(); ++i) CHECK(h.bins[i].count == want[i]);
}

TEST_CASE("label transitions: matrix by name, first examples in file order") {
  LabelTransitions t;
  t.name = "fit";
  t.old_labels = {"A", "B"};
  t.new_labels = {"B", "A"};  // reordered: member 0 -> 1 is no change
  t.counts.assign(3, std::vector<uint64_t>(3, 0));
  t.examples.assign(3, std::vector<std::vector<std::string>>(3));
  t.max_examples = 2;
  LabelTransitions later = t;
  t.add(0, 1, [] { return std::string("k1"); });   // A -> A
  t.add(0, 0, [] { return std::string("k2"); });   // A -> B
  t.add(-1, 0, [] { return std::string("k3"); });  // missing -> B
  later.add(0, 0, [] { return std::string("k4"); });
  later.add(0, 0, [] { return std::string("k5"); });
  t.merge(later);
  CHECK(t.changed == 4);
  CHECK(t.counts[0][1] == 1);
  CHECK(t.counts[0][0] == 3);
  CHECK(t.examples[0][0] == std::vector<std::string>{"k2", "k4"});
  CHECK(t.examples[2][0] == std::vector<std::string>{"k3"});
  CHECK(t.examples[0][1].empty());
  CHECK(t.old_name(2) == "missing");
}
