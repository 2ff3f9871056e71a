// Conditions on one whole-number field, decided without the solver. A long
// classification usually cuts one `int` field into ranges (`n in 0..9`, `n <= 2 * i`):
// asking Z3 whether label k is reachable past every earlier label, or overlaps one of
// them, costs as much as there are earlier labels, so 5,000 labels cost 5,000² steps.
// Here such a condition is the exact set of values it is true for (closed intervals of
// integers), the earlier labels' union is kept sorted, and "label k leaves some value
// free" is a lookup. Only the answers that need no finding are taken from here ("is
// reachable", "overlaps no earlier label", "can be true and not true"); anything else
// goes to the solver as before, so findings, their witnesses and their wording do not
// change.
//
// A condition has a shape when it is and/or/not over comparisons (== != < <= > >=) of
// one non-synthetic `int` input with number constants. Such a condition is never true
// when the input is missing (every comparison is unknown then, and and/or/not of
// unknowns are unknown), and for a known value it is the two-valued formula; an `int`
// input's domain is every integer (encoder.cpp), so the set is exact.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::analysis {

// A set of integers: sorted, disjoint, non-adjacent closed intervals; INT64_MIN and
// INT64_MAX stand for no bound.
class IntSet {
 public:
  static IntSet all();
  static IntSet range(int64_t lo, int64_t hi);  // empty when lo > hi
  bool empty() const { return parts_.empty(); }
  size_t size() const { return parts_.size(); }
  const std::vector<std::pair<int64_t, int64_t>>& parts() const { return parts_; }
  IntSet complement() const;
  IntSet unite(const IntSet& o) const;
  IntSet intersect(const IntSet& o) const;

 private:
  void push(int64_t lo, int64_t hi);  // appends, merging with the last interval
  std::vector<std::pair<int64_t, int64_t>> parts_;
};

// A growing union of IntSets (the earlier labels of a classification), with
// "covers" and "meets" in O(log n) per interval.
class IntUnion {
 public:
  void add(const IntSet& s);
  bool covers(const IntSet& s) const;  // every value of s is in the union
  bool meets(const IntSet& s) const;   // some value of s is in the union

 private:
  std::map<int64_t, int64_t> parts_;  // lo -> hi, disjoint
};

// The shapes of a program's Bool registers, computed on demand and kept.
class IntShapes {
 public:
  struct Shape {
    uint32_t input;
    IntSet values;  // the condition is true exactly when the input is known and in here
  };
  explicit IntShapes(const ir::Program& program);
  // Null when register `r` has no shape.
  const Shape* shape(ir::Reg r);

 private:
  std::optional<Shape> compute(ir::Reg r);

  const ir::Program& program_;
  std::vector<uint8_t> done_;
  std::vector<std::optional<Shape>> shapes_;
};

// The shapes of labels in order, for one classification: whether label k has a value
// no earlier label takes (first match), or shares none with them (unique). A label
// without a shape makes the union unknown (every later question goes to the solver).
class LabelSweep {
 public:
  // Before `add` of label k: whether `s` (label k's shape) leaves a value outside
  // every earlier label added (in the same input).
  bool leaves_free(const IntShapes::Shape* s) const;
  bool meets_none(const IntShapes::Shape* s) const;
  // After asking: label k joins the earlier ones (null: a label without a shape).
  void add(const IntShapes::Shape* s);

 private:
  bool unknown_ = false;
  std::optional<uint32_t> input_;
  IntUnion earlier_;
};

}  // namespace leadc::analysis
