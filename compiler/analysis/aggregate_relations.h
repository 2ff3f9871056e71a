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
// Sums and decayed weights are per cell too: every (summed field, cell) has the sum
// of the known values of its events, and every (half-life, cell) the summed and the
// largest weight of its events; an aggregate is the sum (largest) over the cells of
// its condition. A cell's sum lies between its count times the bounds its events'
// values have (0 and the constants the field is compared with, asked per cell), so
// a sum over a union of disjoint conditions is the sum of theirs, and one over a
// subset is at most one over a superset when the values between them cannot be
// negative. A cell's weights lie in [0, 1] per event, within the bounds the cell's
// window puts on its events' ages.
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
  // Whether the events program has nonlinear arithmetic (Encoder::nonlinear).
  bool nonlinear() const;
  // Whether aggregate g's value depends on the as-of time.
  bool timed(size_t g) const;

 private:
  struct Questions;  // the events program in a context of its own
  void enumerate_cells();
  // A fresh symbolic event in the lead's context.
  Encoder& new_event();
  // Event `e` has the pattern of cell `k`.
  z3::expr has_pattern(Encoder& e, size_t k) const;
  // The events of cell k, in the questions' context (the class alone when the cells
  // are not all known).
  z3::expr question_cell(size_t k) const;
  // The sum of the known values of field register `value` (events program) over the
  // events of cell k, and what holds of it; `approx` is set when a question ran out.
  z3::expr cell_sum(ir::Reg value, size_t k, z3::expr_vector& facts, bool& approx);
  // The summed (`count`) and largest (`any`) weight of half-life h over cell k.
  z3::expr cell_weight(double h, size_t k, bool largest, z3::expr_vector& facts, bool& approx);
  // Bounds of the ages of cell k's events: every event has a known time no older
  // than `young` seconds (-1: no such bound), and every known time is older than
  // `old` seconds (-1: none).
  void cell_ages(size_t k, double& young, double& old, bool& approx);

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
  struct CellSum;
  struct CellWeight;
  std::vector<CellSum> sums_;
  std::vector<CellWeight> weights_;
  std::vector<std::pair<double, double>> ages_;  // per cell (young, old); unset: NaN
  std::vector<bool> ages_approx_;
};

}  // namespace leadc::analysis
