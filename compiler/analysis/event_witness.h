// Witnesses with events (decision 70): a witness whose aggregates matter is given as
// the events that make them, so it pastes into an example as `events { … }`. The
// solver is asked again with up to kMaxEvents symbolic events (each present or not)
// whose fold is every aggregate, fewer events preferred. Used by the semantic diff
// and by `leadc test --suggest` (lead_for_label); the lead is then replayed by the
// interpreter with those events (the `run --activities` fold), never trusted as is.
#pragma once

#include <z3++.h>

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

class EventWitness {
 public:
  static constexpr size_t kMaxEvents = 12;
  // A decayed event's age: 0..8 times one of the program's half-lives (or in the future).
  static constexpr int kHalfLives = 8;

  // `enc` encodes `program` (which has an `activity` block) in `ctx`, at `as_of`.
  EventWitness(z3::context& ctx, const ir::Program& program, const Encoder& enc, const z3::expr& as_of);

  // How many events a witness with values needs (`first`: its inputs that matter,
  // `model`: its values): as many as its counts, one per other aggregate; nullopt when
  // none of `first` is an aggregate or more than kMaxEvents would be needed.
  std::optional<size_t> count(const std::vector<uint32_t>& first, const z3::model& model);
  // Every aggregate of the program is the fold of events 0..n-1 (with their domains).
  z3::expr tie(size_t n);
  // Preferences, in order: fewer events, event times just before the as-of, then
  // readable event values.
  std::vector<z3::expr> soft(size_t n);
  // The program's aggregate inputs (sorted).
  std::vector<uint32_t> aggregates() const;
  // ` events { {…}, … }` of the present events of `model`; `names` per events-program
  // input ("" leaves it out of the text).
  std::string text(const z3::model& model, size_t n, double as_of, const std::vector<std::string>& names);
  // The present events of `model`, over the events program's inputs.
  std::vector<std::vector<ir::Example::Given>> leads(const z3::model& model, size_t n, double as_of);

 private:
  Encoder& event(size_t k);
  z3::expr fold(uint32_t i, size_t n);
  std::vector<uint32_t> event_inputs(size_t k);

  z3::context& ctx_;
  const ir::Program& program_;
  const Encoder& enc_;
  z3::expr as_of_;
  std::deque<Encoder> events_;     // the symbolic events of witnesses
  std::vector<z3::expr> present_;  // per event: it is one of the lead's
  // The ages (seconds) a decayed event may have: 1..kHalfLives times each half-life of
  // the program, so that all its half-lives weigh the same events.
  std::vector<double> ages_;
};

}  // namespace leadc::analysis
