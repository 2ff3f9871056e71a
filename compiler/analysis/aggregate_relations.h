// What the analysis knows about a lead's events, exactly for every condition the
// language allows. The aggregates' conditions (one class per condition shape) split
// all possible events into cells: the patterns "matches these classes, not those"
// that some event can have. They are enumerated once, over one symbolic event and
// any as-of time, by Z3 on the events program (in a context of its own). A lead's
// events are then a number of events per cell: count(C) is the sum over the cells
// inside C, any(C) says one of them is not empty. That decides implication,
// disjointness and unions of conditions (`kind in [a, b]` against `none(kind == a)
// and none(kind == b)`) without asking anything per pair.
//
// Where the pattern of a cell depends on the as-of time (a `within` next to fixed
// dates), every non-empty cell gets one symbolic event of its own, encoded in the
// lead's context with the lead's as-of, which must have that pattern then. A
// `latest`/`earliest` value is the value of a symbolic event that matches the
// aggregate's condition at the lead's as-of (so it lies in its window and has its
// field's type) and lies in a non-empty cell.
//
// Every question has a Z3 resource limit (deterministic, unlike a clock); a question
// that runs out leaves the aggregates it concerns `approximate`: then they are only
// loosely related, and a finding that rests on them is a W0406, never an error.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

class ActivityEncoding {
 public:
  // `as_of` is the lead's as-of constant (in `ctx`); `rlimit` bounds each question
  // about the events.
  ActivityEncoding(z3::context& ctx, const ir::Program& program, const z3::expr& as_of, uint64_t rlimit);
  ~ActivityEncoding();

  // Aggregate g has a matching event.
  const z3::expr& some(size_t g) const { return some_[cls_[g]]; }
  // What the domain of aggregate g's input adds (given its known flag and IR value).
  z3::expr domain(size_t g, const z3::expr& known, const z3::expr& value);
  // Relations among aggregates beyond `some` and the counts (sums, latest/earliest,
  // decayed weights), over the encoded inputs.
  std::vector<Relation> relations(const std::vector<InputVars>& inputs);
  // Whether aggregate g's relations may be incomplete (a question ran out).
  bool approximate(size_t g) const { return approximate_[cls_[g]]; }
  // Whether aggregate g's value depends on the as-of time.
  bool timed(size_t g) const;

 private:
  struct Questions;  // the events program in a context of its own
  void enumerate_cells();
  // A fresh symbolic event in the lead's context.
  Encoder& new_event();
  // Event `e` has the pattern of cell `k`.
  z3::expr has_pattern(Encoder& e, size_t k) const;

  z3::context& ctx_;
  const ir::Program& program_;
  const ir::Activity& act_;
  z3::expr as_of_;
  uint64_t rlimit_;
  std::unique_ptr<Questions> q_;
  std::vector<size_t> cls_;       // aggregate -> class
  std::vector<ir::Reg> cond_;     // class -> a condition register of that shape
  std::vector<std::vector<bool>> cells_;  // pattern per cell, over classes
  bool cells_exact_ = true;       // every cell was found
  std::vector<bool> approximate_;  // per class
  std::vector<z3::expr> some_;     // per class
  std::vector<z3::expr> count_;    // per cell (Int, >= 0)
  std::vector<bool> timed_events_;  // per events register
  std::deque<Encoder> events_;     // symbolic events in the lead's context
  std::vector<Encoder*> cell_event_;  // per cell, when patterns depend on the as-of
};

}  // namespace leadc::analysis
