// The report's aggregates: score values stay bounded in memory and keep every lead,
// chunk partials merge to the same totals as one pass, transitions keep the file's
// first examples.
#include <doctest/doctest.h>

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
  const auto bins = many.bins(s);
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
  const auto bins = a.bins(s);
  REQUIRE(bins.size() == 20);
  CHECK(bins.front().lo == 0);
  CHECK(bins.back().hi == 100);
  uint64_t n = 0;
  for (const auto& bin : bins) n += bin.count;
  CHECK(n == 5000);

  s.hi = 10;  // a short whole range: one bin per value
  ScoreValues small;
  for (int v = 0; v <= 10; ++v) small.add(v);
  const auto per_value = small.bins(s);
  REQUIRE(per_value.size() == 11);
  for (const auto& bin : per_value) CHECK(bin.count == 1);
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
