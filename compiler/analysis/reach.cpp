// A lead for one label of a classification (`leadc test --suggest`): the goal is the
// classification's result register itself, "known and equal to the label's member",
// so the lead gets that label by the same three-valued rules as every engine (first
// match, `otherwise`, a missing result), whatever the kind of classification.
#include <fmt/format.h>

#include <optional>

#include "base/civil_time.h"

#include "compiler/analysis/checker.h"
#include "compiler/analysis/event_witness.h"
#include "compiler/analysis/region.h"
#include "compiler/analysis/witness.h"

namespace leadc {

LabelLead lead_for_label(const ir::Program& program, size_t classification, size_t label, const AnalyzeOptions& opts) {
  LabelLead out;
  if (classification >= program.classifications.size() ||
      label >= program.classifications[classification].labels.size())
    return out;
  try {
    Diagnostics unused;  // the checker's findings: none are looked for here
    return analysis::Checker(program, opts, unused).lead_for_label(classification, label);
  } catch (const z3::exception&) {
    return out;  // undecided
  }
}

}  // namespace leadc

namespace leadc::analysis {

LabelLead Checker::lead_for_label(size_t classification, size_t label) {
  const ir::Classification& cls = program_.classifications[classification];
  const ir::Label& l = cls.labels[label];
  LabelLead out;
  if (l.member < 0) return out;
  z3::expr goal = enc_.known(cls.reg) && enc_.value(cls.reg) == ctx_.int_val(l.member);
  z3::solver s = make_solver(goal);
  s.push();
  s.add(goal);
  const z3::check_result r = s.check();
  if (r == z3::unsat) {
    out.status = LabelLead::Status::Impossible;
    return out;
  }
  if (r != z3::sat) return out;
  z3::model m = s.get_model();
  s.pop();
  std::vector<ir::Reg> conds;
  for (const ir::Label& k : cls.labels)
    if (k.condition != ir::kNoReg) conds.push_back(k.condition);
  std::vector<uint32_t> relevant;
  std::vector<Literal> lits = region_of(s, m, conds, goal, relevant);
  if (enc_.approximate(relevant)) return out;  // rests on undecided relations of aggregates
  z3::expr region = conjunction(enc_, lits) && goal;
  // Simple values for the inputs that do not matter, where that is possible.
  z3::expr simple = region && fallbacks_except(enc_, enc_.deps(cls.reg), relevant);
  z3::model w = witness(s, ask(s, simple) == z3::sat ? simple : region, relevant, m);
  Witness lead = witness_of(w, relevant, {cls.reg});
  // What the lead must do, as the analysis' findings claim it: the label's condition
  // true (none for `otherwise`) and, in first match, no earlier label's.
  std::vector<WitnessClaim> claims;
  for (size_t j = 0; j < cls.labels.size(); ++j) {
    const ir::Label& k = cls.labels[j];
    if (k.condition == ir::kNoReg) continue;
    if (j == label) {
      claims.push_back({k.condition, WitnessClaim::Kind::True, 0});
    } else if (j < label || cls.unique || l.condition == ir::kNoReg) {
      claims.push_back({k.condition, WitnessClaim::Kind::NotTrue, 0});
    }
  }
  // A lead whose aggregates matter: given as the events that make them, when some
  // set of at most EventWitness::kMaxEvents events does (decision 70's machinery).
  // A query of it that fails leaves the lead with values.
  try {
    if (std::optional<LabelLead> with = events_lead(s, goal, relevant, w, cls.reg, claims)) return *with;
  } catch (const z3::exception&) {
  }
  if (opts_.confirm && !opts_.confirm(program_, lead.lead, claims)) return out;
  out.status = LabelLead::Status::Found;
  out.given = std::move(lead.text);
  out.lead = std::move(lead.lead);
  return out;
}

std::optional<LabelLead> Checker::events_lead(z3::solver& s, const z3::expr& goal, const std::vector<uint32_t>& relevant,
                                              const z3::model& model, ir::Reg root,
                                              const std::vector<WitnessClaim>& claims) {
  if (!program_.activity) return std::nullopt;
  EventWitness ev(ctx_, program_, enc_, as_of_);
  const std::optional<size_t> n = ev.count(relevant, model);
  if (!n) return std::nullopt;
  // Every aggregate is the events' fold now, so none is pinned to its value without events.
  const std::vector<uint32_t> rel = merge_sorted(relevant, ev.aggregates());
  z3::expr query = goal && ev.tie(*n);
  z3::expr simple = query && fallbacks_except(enc_, enc_.deps(root), rel);
  s.push();
  s.add(enc_.domain(rel));
  s.add(ask(s, simple) == z3::sat ? simple : query);
  unsigned pushed = 1;
  const bool timed = enc_.timed(root);
  std::vector<z3::expr> preferred;
  if (timed) preferred.push_back(as_of_ == real_of(ctx_, kDefaultAsOf));
  for (const z3::expr& e : ev.soft(*n)) preferred.push_back(e);
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
  std::optional<LabelLead> out;
  if (s.check() == z3::sat) {
    z3::model m = s.get_model();
    double as_of = kDefaultAsOf;
    std::string as_of_text;
    if (timed) {
      as_of_text = format_as_of(m.eval(as_of_, true));
      if (!parse_iso_timestamp(as_of_text, as_of)) as_of = kDefaultAsOf;
    }
    std::vector<std::string> names(program_.inputs.size());
    for (size_t i = 0; i < names.size(); ++i)
      if (!program_.inputs[i].synthetic) names[i] = program_.inputs[i].field;
    Witness w = make_witness(enc_, m, rel, as_of, &names);
    const ir::Activity& act = *program_.activity;
    std::vector<std::string> event_names(act.events.inputs.size());
    for (size_t i = 0; i < event_names.size(); ++i)
      if (static_cast<int>(i) != act.key_input) event_names[i] = act.events.inputs[i].field;
    LabelLead lead;
    lead.status = LabelLead::Status::Found;
    lead.given = w.text + ev.text(m, *n, as_of, event_names) + (timed ? " as_of " + as_of_text : "");
    lead.lead.as_of = as_of;
    for (const ir::Example::Given& g : w.lead.given)
      if (!program_.inputs[g.input].synthetic) lead.lead.given.push_back(g);
    for (const std::vector<ir::Example::Given>& event : ev.leads(m, *n, as_of)) {
      std::vector<ir::Example::Given> own;
      for (const ir::Example::Given& g : event)
        if (static_cast<int>(g.input) != act.key_input) own.push_back(g);
      lead.lead.events.push_back(std::move(own));
    }
    if (!opts_.confirm || opts_.confirm(program_, lead.lead, claims)) out = std::move(lead);
  }
  s.pop(pushed);
  return out;
}

}  // namespace leadc::analysis
