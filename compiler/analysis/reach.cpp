// A lead for one label of a classification (`leadc test --suggest`): the goal is the
// classification's result register itself, "known and equal to the label's member",
// so the lead gets that label by the same three-valued rules as every engine (first
// match, `otherwise`, a missing result), whatever the kind of classification.
#include <optional>

#include "compiler/analysis/checker.h"
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
    if (std::optional<Witness> with = events_witness(s, goal, relevant, w, {cls.reg}, claims)) {
      out.status = LabelLead::Status::Found;
      out.given = std::move(with->text);
      out.lead = std::move(with->lead);
      return out;
    }
  } catch (const z3::exception&) {
  }
  if (opts_.confirm && !opts_.confirm(program_, lead.lead, claims)) return out;
  out.status = LabelLead::Status::Found;
  out.given = std::move(lead.text);
  out.lead = std::move(lead.lead);
  return out;
}

}  // namespace leadc::analysis
