// Entry point of the ambiguity analysis, the shared solver helpers, and scores that
// leave their range (W0502). Conditions are checked in conditions.cpp, classifications
// in classify.cpp.
#include "compiler/analysis/analyze.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/analysis/checker.h"
#include "compiler/analysis/witness.h"

namespace leadc {

void analyze(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags) {
  // A solver error (resources, an internal failure) leaves what was not yet decided
  // undecided: a W0406, never a crash or a silent pass.
  try {
    analysis::Checker(program, opts, diags).run();
  } catch (const z3::exception& e) {
    diags.report(DiagCode::W0406, Span{}, "could not decide the checks of this definition")
        .notes.push_back({Span{}, std::string("the solver failed: ") + e.msg()});
  }
}

}  // namespace leadc

namespace leadc::analysis {

Checker::Checker(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags)
    : program_(program),
      opts_(opts),
      diags_(diags),
      enc_(ctx_, program, kAnalysisAsOf, std::min(opts.timeout_ms, kRelateTimeoutMs)),
      params_(ctx_) {
  params_.set("timeout", opts.timeout_ms);
}

void Checker::run() {
  // Each part on its own, so that a solver error in one leaves the others' findings.
  auto guarded = [&](Span span, const std::string& what, auto check) {
    try {
      check();
    } catch (const z3::exception& e) {
      undecided(span, what, std::string("error: ") + e.msg());
    }
  };
  guarded(Span{}, "the conditions of this definition can be true and false", [&] { check_conditions(); });
  for (const ir::Score& s : program_.scores) {
    if (s.has_range) guarded(s.span, fmt::format("the points of score `{}` stay in range", s.name), [&] { check_score_range(s); });
  }
  for (const ir::Classification& c : program_.classifications) {
    guarded(c.span, fmt::format("the labels of `{}` are consistent", c.name), [&] { check_classification(c); });
  }
}

z3::solver Checker::make_solver(const z3::expr& formula) {
  z3::solver s(ctx_);
  s.set(params_);
  s.add(enc_.domain_for(formula));
  return s;
}

z3::params Checker::decision_params() {
  z3::params p(ctx_);
  p.set("timeout", opts_.timeout_ms);
  p.set("arith.propagation_mode", 0u);
  return p;
}

z3::check_result Checker::ask(z3::solver& solver, const z3::expr& query) {
  solver.push();
  solver.add(query);
  z3::check_result r = solver.check();
  solver.pop();
  return r;
}

void Checker::undecided(Span span, const std::string& what, z3::solver& solver) {
  undecided(span, what, solver.reason_unknown());
}

void Checker::undecided(Span span, const std::string& what, const std::string& reason) {
  Diagnostic& d = diags_.report(DiagCode::W0406, span,
                                fmt::format("could not decide within {} ms whether {}", opts_.timeout_ms, what));
  if (reason != "timeout" && reason != "canceled") d.notes.push_back({Span{}, "the solver gave up: " + reason});
}

z3::model Checker::witness(z3::solver& solver, const z3::expr& region, const std::vector<uint32_t>& relevant,
                           const z3::model& fallback) {
  for (bool nice : {true, false}) {
    solver.push();
    solver.add(region);
    solver.add(enc_.domain(relevant));  // inputs used only through `known` have none yet
    if (nice) solver.add(nice_values(enc_, relevant));
    bool found = solver.check() == z3::sat;
    std::optional<z3::model> m;
    if (found) m = solver.get_model();
    solver.pop();
    if (m) return *m;
  }
  return fallback;
}

std::vector<Literal> Checker::region_of(z3::solver& solver, const z3::model& model,
                                        const std::vector<ir::Reg>& roots, const z3::expr& goal,
                                        std::vector<uint32_t>& relevant) {
  std::vector<ir::Reg> atoms = collect_atoms(program_, roots);
  std::vector<Literal> lits = generalize(solver, enc_, literals_in(enc_, model, atoms), goal);
  relevant = literal_deps(enc_, lits);
  return lits;
}

void Checker::check_score_range(const ir::Score& score) {
  const std::vector<uint32_t>& deps = enc_.deps(score.unclamped);
  const z3::expr& known = enc_.known(score.unclamped);
  const z3::expr& sum = enc_.value(score.unclamped);
  z3::solver s = make_solver(known && sum < real_of(ctx_, score.lo));  // the inputs of both queries
  std::string range = fmt::format("{}..{}", score.lo, score.hi);
  for (bool above : {false, true}) {
    z3::expr out = known && (above ? sum > real_of(ctx_, score.hi) : sum < real_of(ctx_, score.lo));
    std::string side = above ? "above" : "below";
    s.push();
    s.add(out);
    z3::check_result r = s.check();
    if (r == z3::unknown) {
      undecided(score.span, fmt::format("the points of score `{}` can go {} {}", score.name, side, range), s);
    } else if (r == z3::sat) {
      z3::model m = s.get_model();
      // The inputs of the rules that add something matter; the rest take simple values.
      std::vector<uint32_t> relevant;
      for (const ir::ScoreRule& rule : score.rules) {
        if (!m.eval(enc_.value(rule.contribution) == ctx_.real_val(0), true).is_true()) {
          relevant = merge_sorted(relevant, enc_.deps(rule.contribution));
        }
      }
      z3::expr region = fallbacks_except(enc_, deps, relevant);
      if (ask(s, region) != z3::sat) {
        relevant = deps;
        region = ctx_.bool_val(true);
      }
      Diagnostic& d = diags_.report(DiagCode::W0502, score.span,
                                    fmt::format("points of score `{}` can go {} its range {}", score.name, side, range));
      z3::model w = witness(s, region, relevant, m);
      d.notes.push_back(
          {Span{}, fmt::format("this lead gets {} points before clamping", decimal_text(w.eval(sum, true)))});
      d.witness = format_witness(enc_, w, relevant);
    }
    s.pop();
  }
}

}  // namespace leadc::analysis
