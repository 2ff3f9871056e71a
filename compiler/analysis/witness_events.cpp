// Witnesses with events for every finding whose lead rests on aggregates over
// activities (decision 70's machinery, event_witness.h): `leadc check` (E0401, E0402,
// W0502) and `leadc test --suggest` (reach.cpp) print `events { … }` that paste into
// an `example`, each lead replayed by the interpreter before it is shown.
#include <algorithm>

#include "base/civil_time.h"
#include "compiler/analysis/checker.h"
#include "compiler/analysis/event_witness.h"
#include "compiler/analysis/witness.h"

namespace leadc::analysis {

std::optional<Witness> Checker::events_witness(z3::solver& s, const z3::expr& goal,
                                               const std::vector<uint32_t>& relevant, const z3::model& model,
                                               const std::vector<ir::Reg>& roots,
                                               const std::vector<WitnessClaim>& claims, z3::model* shown) {
  if (!program_.activity) return std::nullopt;
  EventWitness ev(ctx_, program_, enc_, as_of_);
  const std::optional<size_t> n = ev.count(relevant, model);
  if (!n) return std::nullopt;
  // Every aggregate is the events' fold now, so none is pinned to its value without events.
  const std::vector<uint32_t> rel = merge_sorted(relevant, ev.aggregates());
  std::vector<uint32_t> deps;
  bool timed = false;
  for (ir::Reg r : roots) {
    if (r == ir::kNoReg) continue;
    deps = merge_sorted(deps, enc_.deps(r));
    timed = timed || enc_.timed(r);
  }
  // As many events as the values' lead suggests; when they cannot give it (a decayed
  // weight needs older events, a sum bounded per event more of them), the most allowed.
  size_t count = *n;
  z3::expr query = goal && ev.tie(count);
  z3::expr simple = query && fallbacks_except(enc_, deps, rel);
  s.push();
  s.add(enc_.domain(rel));
  bool simple_ok = ask(s, simple) == z3::sat;
  if (!simple_ok && count < EventWitness::kMaxEvents && ask(s, query) != z3::sat) {
    count = EventWitness::kMaxEvents;
    query = goal && ev.tie(count);
    simple = query && fallbacks_except(enc_, deps, rel);
    simple_ok = ask(s, simple) == z3::sat;
  }
  s.add(simple_ok ? simple : query);
  unsigned pushed = 1;
  // Preferences, each kept when it still leaves a lead: the default as-of, fewer
  // events, readable values, a whole-second as-of (which reads back exactly).
  std::vector<z3::expr> preferred;
  // The default as-of even when the finding does not depend on it: the events' times
  // are chosen just before it, and the lead is replayed at it.
  preferred.push_back(as_of_ == real_of(ctx_, kDefaultAsOf));
  for (const z3::expr& e : ev.soft(count)) preferred.push_back(e);
  for (const z3::expr& e : nice_values(enc_, rel)) preferred.push_back(e);
  if (timed) preferred.push_back(z3::is_int(as_of_));
  for (const z3::expr& e : preferred) {
    s.push();
    s.add(e);
    if (s.check() == z3::sat) {
      ++pushed;
    } else {
      s.pop();
    }
  }
  std::optional<Witness> out;
  if (s.check() == z3::sat) {
    z3::model m = s.get_model();
    double as_of = kDefaultAsOf;
    std::string as_of_text;
    if (timed) {
      as_of_text = format_as_of(m.eval(as_of_, true));
      if (!parse_iso_timestamp(as_of_text, as_of)) as_of = kDefaultAsOf;
    }
    // The lead's own fields by name, its aggregates left out of the text (the events
    // give them), the event key left out of each event (an example's events are the
    // lead's own).
    std::vector<std::string> names(program_.inputs.size());
    for (size_t i = 0; i < names.size(); ++i)
      if (!program_.inputs[i].synthetic) names[i] = program_.inputs[i].field;
    Witness lead = make_witness(enc_, m, rel, as_of, &names);
    const ir::Activity& act = *program_.activity;
    std::vector<std::string> event_names(act.events.inputs.size());
    for (size_t i = 0; i < event_names.size(); ++i)
      if (static_cast<int>(i) != act.key_input) event_names[i] = act.events.inputs[i].field;
    Witness w;
    w.text = lead.text + ev.text(m, count, as_of, event_names) + (timed ? " as_of " + as_of_text : "");
    w.lead.as_of = as_of;
    for (const ir::Example::Given& g : lead.lead.given)
      if (!program_.inputs[g.input].synthetic) w.lead.given.push_back(g);
    for (const std::vector<ir::Example::Given>& event : ev.leads(m, count, as_of)) {
      std::vector<ir::Example::Given> own;
      for (const ir::Example::Given& g : event)
        if (static_cast<int>(g.input) != act.key_input) own.push_back(g);
      w.lead.events.push_back(std::move(own));
    }
    if (!opts_.confirm || opts_.confirm(program_, w.lead, claims)) {
      out = std::move(w);
      if (shown) *shown = m;
    }
  }
  s.pop(pushed);
  return out;
}

}  // namespace leadc::analysis
