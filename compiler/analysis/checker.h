// The state shared by the analysis passes: one Z3 context, the encoded program,
// the options and the findings. analyze.cpp checks terms, rules and scores;
// classify.cpp checks classifications.
#pragma once

#include <z3++.h>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/analysis/encoder.h"
#include "compiler/analysis/region.h"

namespace leadc::analysis {

// The fixed as-of time the analysis assumes: 2026-11-22T00:00:00Z.
constexpr double kAnalysisAsOf = 1795305600;
// Questions about aggregate conditions are simple; one that takes longer than this
// is left undecided (those aggregates stay unrelated).
constexpr unsigned kRelateTimeoutMs = 100;

class Checker {
 public:
  Checker(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags);
  void run();

 private:
  // analyze.cpp
  void check_terms_and_rules();
  void check_score_range(const ir::Score& score);
  // Reports E0404 / W0405 for `cond` (checked on `solver` as `holds`, which is
  // equivalent to the condition being true). Returns whether it can never be true.
  bool check_condition(z3::solver& solver, ir::Reg cond, const z3::expr& holds, Span span, const std::string& what);

  // classify.cpp
  void check_classification(const ir::Classification& cls);
  void find_gaps(z3::solver& solver, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                 const std::vector<ir::Reg>& conds, const std::vector<uint32_t>& deps);

  // Shared helpers
  // A solver holding the domains of the inputs `formula` uses.
  z3::solver make_solver(const z3::expr& formula);
  z3::check_result ask(z3::solver& solver, const z3::expr& query);
  void undecided(Span span, const std::string& what, z3::solver& solver);
  // The witness text for a finding: a model of `region` (which implies the finding
  // and constrains only `relevant` inputs), preferring readable values.
  z3::model witness(z3::solver& solver, const z3::expr& region, const std::vector<uint32_t>& relevant,
                    const z3::model& fallback);
  // Generalises `model` over the atoms of `roots` for `goal`; returns the region's
  // literals and sets `relevant` to the inputs they depend on.
  std::vector<Literal> region_of(z3::solver& solver, const z3::model& model, const std::vector<ir::Reg>& roots,
                                 const z3::expr& goal, std::vector<uint32_t>& relevant);
  // Whether `r` is, through and (resp. or), a condition already reported as a
  // contradiction (resp. tautology), so that it is not reported twice.
  bool follows_from(ir::Reg r, const std::unordered_set<ir::Reg>& reported, ir::Op through) const;

  const ir::Program& program_;
  AnalyzeOptions opts_;
  Diagnostics& diags_;
  z3::context ctx_;
  Encoder enc_;
  z3::params params_;
  std::unordered_set<ir::Reg> contradictions_, tautologies_;
};

}  // namespace leadc::analysis
