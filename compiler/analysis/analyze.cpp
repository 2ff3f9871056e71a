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
  analysis::Checker(program, opts, diags).run();
}

}  // namespace leadc

namespace leadc::analysis {

Checker::Checker(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags)
    : program_(program),
      opts_(opts),
      diags_(diags),
      as_of_(ctx_.real_const("as_of")),
      enc_(ctx_, program, as_of_, "", std::min<uint64_t>(kRelateRlimit, opts.timeout_ms * kRlimitPerMs)),
      params_(ctx_) {
  set_budget(params_);
}

void Checker::run() {
  check_conditions();
  for (const ir::Score& s : program_.scores) {
    if (s.has_range) check_score_range(s);
  }
  for (const ir::Classification& c : program_.classifications) check_classification(c);
}

z3::solver Checker::make_solver(const z3::expr& formula) {
  z3::solver s(ctx_);
  s.set(params_);
  s.add(enc_.domain_for(formula));
  return s;
}

void Checker::set_budget(z3::params& p) const {
  uint64_t units = std::max<uint64_t>(1, uint64_t{opts_.timeout_ms} * kRlimitPerMs);
  p.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(units, UINT32_MAX)));
  p.set("timeout", opts_.timeout_ms * kWallClockFactor + kWallClockSlackMs);
}

z3::params Checker::decision_params() {
  z3::params p(ctx_);
  set_budget(p);
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
  if (reason != "timeout" && reason != "canceled" && reason != "max. resource limit exceeded" &&
      reason.find("resource") == std::string::npos)
    d.notes.push_back({Span{}, "the solver gave up: " + reason});
}

bool Checker::doubtful(Span span, const std::string& what, const std::vector<uint32_t>& relevant) {
  if (!enc_.approximate(relevant)) return false;
  undecided(span, what, "the relations between the activity conditions it uses could not all be decided");
  return true;
}

std::string Checker::witness_text(const z3::model& model, const std::vector<uint32_t>& relevant,
                                  const std::vector<ir::Reg>& roots) {
  std::string out = format_witness(enc_, model, relevant);
  if (std::any_of(roots.begin(), roots.end(), [&](ir::Reg r) { return r != ir::kNoReg && enc_.timed(r); }))
    out += " as_of " + format_as_of(model.eval(as_of_, true));
  return out;
}

z3::model Checker::witness(z3::solver& solver, const z3::expr& region, const std::vector<uint32_t>& relevant,
                           const z3::model& fallback) {
  // Readable values first, at the default as-of time, then at a whole hour within a
  // year of it, then at a whole second.
  const z3::expr dflt = real_of(ctx_, kDefaultAsOf), year = ctx_.real_val(366 * 86400);
  for (int nice : {3, 2, 1, 0}) {
    solver.push();
    solver.add(region);
    solver.add(enc_.domain(relevant));  // inputs used only through `known` have none yet
    if (nice) solver.add(nice_values(enc_, relevant));
    if (nice == 3) solver.add(as_of_ == dflt);
    if (nice == 2) solver.add(z3::is_int(as_of_ / 3600) && as_of_ >= dflt - year && as_of_ <= dflt + year);
    if (nice == 1) solver.add(z3::is_int(as_of_));
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
      std::string what = fmt::format("the points of score `{}` can go {} {}", score.name, side, range);
      if (doubtful(score.span, what, relevant)) {
        s.pop();
        continue;
      }
      Diagnostic& d = diags_.report(DiagCode::W0502, score.span,
                                    fmt::format("points of score `{}` can go {} its range {}", score.name, side, range));
      z3::model w = witness(s, region, relevant, m);
      d.notes.push_back(
          {Span{}, fmt::format("this lead gets {} points before clamping", decimal_text(w.eval(sum, true)))});
      d.witness = witness_text(w, relevant, {score.unclamped});
    }
    s.pop();
  }
}

}  // namespace leadc::analysis
