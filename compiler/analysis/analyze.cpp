// Entry point of the ambiguity analysis, the shared solver helpers, and scores that
// leave their range (W0502). Conditions are checked in conditions.cpp, classifications
// in classify.cpp.
#include "compiler/analysis/analyze.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/civil_time.h"
#include "compiler/analysis/checker.h"
#include "compiler/analysis/contain.h"
#include "compiler/analysis/event_witness.h"
#include "compiler/analysis/witness.h"

namespace leadc {

void analyze(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags) {
  if (opts.contain) {
    analysis::analyze_contained(program, opts, diags);
    return;
  }
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

unsigned analysis_ms(const AnalyzeOptions& opts) {
  if (opts.total_ms) return opts.total_ms;
  return static_cast<unsigned>(std::min<uint64_t>(UINT32_MAX, std::max<uint64_t>(30000, uint64_t{opts.timeout_ms} * 10)));
}

namespace {

// How many of the questions the deadline cut off a W0406 names.
constexpr size_t kNamedUndecided = 5;

}  // namespace

Deadline::Deadline(z3::context& ctx, unsigned ms) : ms_(ms) {
  watchdog_ = std::thread([this, &ctx] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (wake_.wait_for(lock, std::chrono::milliseconds(ms_), [this] { return done_; })) return;
    passed_.store(true, std::memory_order_relaxed);
    ctx.interrupt();
  });
}

Deadline::~Deadline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
  }
  wake_.notify_one();
  watchdog_.join();
}

Checker::Checker(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags)
    : program_(program),
      opts_(opts),
      diags_(diags),
      deadline_(ctx_, analysis_ms(opts)),
      as_of_(ctx_.real_const("as_of")),
      enc_(ctx_, program, as_of_, "", std::min<uint64_t>(kRelateRlimit, opts.timeout_ms * kRlimitPerMs), true),
      params_(ctx_),
      shapes_(program) {
  set_budget(params_);
}

std::vector<AnalysisPart> analysis_parts(const ir::Program& program) {
  std::vector<AnalysisPart> out;
  out.push_back({AnalysisPart::Kind::Conditions, 0, Span{}, "the conditions of this definition can be true and false"});
  for (size_t k = 0; k < program.scores.size(); ++k) {
    const ir::Score& s = program.scores[k];
    if (s.has_range)
      out.push_back({AnalysisPart::Kind::Score, k, s.span, fmt::format("the points of score `{}` stay in range", s.name)});
  }
  for (size_t k = 0; k < program.classifications.size(); ++k) {
    const ir::Classification& c = program.classifications[k];
    out.push_back({AnalysisPart::Kind::Classification, k, c.span, fmt::format("the labels of `{}` are consistent", c.name)});
  }
  return out;
}

void Checker::run(const PartHooks* hooks) {
  const std::vector<AnalysisPart> parts = analysis_parts(program_);
  for (size_t k = 0; k < parts.size(); ++k) {
    const AnalysisPart& p = parts[k];
    if (hooks && hooks->mode(k) == PartMode::Skip) continue;
    if (hooks) hooks->begin(k);
    // Past the deadline, each part left is named once; each part on its own, so that
    // a solver error in one leaves the others' findings.
    if (deadline_.passed()) {
      out_of_time(p.span, "", {p.what});
    } else {
      try {
        switch (p.kind) {
          case AnalysisPart::Kind::Conditions: check_conditions(); break;
          case AnalysisPart::Kind::Score: check_score_range(program_.scores[p.index]); break;
          case AnalysisPart::Kind::Classification: check_classification(program_.classifications[p.index]); break;
        }
      } catch (const z3::exception& e) {
        undecided_because(p.span, p.what, std::string("the solver failed: ") + e.msg());
      }
    }
    if (hooks) hooks->end(k);
  }
}

void Checker::out_of_time(Span span, const std::string& part, const std::vector<std::string>& whats) {
  if (whats.empty()) return;
  std::string named;
  for (size_t k = 0; k < whats.size() && k < kNamedUndecided; ++k) named += (k ? "; " : "") + whats[k];
  if (whats.size() > kNamedUndecided) named += fmt::format("; and {} more", whats.size() - kNamedUndecided);
  Diagnostic& d = diags_.report(
      DiagCode::W0406, span,
      fmt::format("the analysis ran out of its time limit ({} ms) before deciding {}{}", deadline_.ms(),
                  part.empty() ? "whether " : part + ": ", named));
  d.notes.push_back({Span{}, "the limit covers the whole analysis, building the formulas included"});
}

z3::solver Checker::make_solver(const z3::expr& formula) {
  z3::solver s(ctx_);
  s.set(params_);
  s.add(enc_.domain_for(formula));
  return s;
}

std::optional<z3::model> Checker::prime(z3::solver& s, const std::vector<uint32_t>& inputs, bool known,
                                        const z3::params& restore) {
  z3::expr_vector fix(ctx_);
  for (uint32_t i : inputs) {
    const InputVars& v = enc_.input(i);
    fix.push_back(known || !program_.inputs[i].optional ? v.known && v.is_fallback : !v.known);
  }
  z3::expr mark(ctx_, Z3_mk_fresh_const(ctx_, "lead", ctx_.bool_sort()));
  s.add(z3::implies(mark, z3::mk_and(fix)));
  z3::params p(ctx_);
  p.set("rlimit", 0u);
  p.set("timeout", UINT32_MAX);
  s.set(p);
  z3::expr_vector as(ctx_);
  as.push_back(mark);
  z3::check_result r = s.check(as);
  std::optional<z3::model> m;
  if (r == z3::sat) m = s.get_model();
  s.set(restore);
  return m;
}

void Checker::prime_large(z3::solver& s, const std::vector<uint32_t>& inputs, const z3::params& restore) {
  if (enc_.shares() && !deadline_.passed()) prime(s, inputs, true, restore);
}

void Checker::set_budget(z3::params& p) const {
  uint64_t units = std::max<uint64_t>(1, uint64_t{opts_.timeout_ms} * kRlimitPerMs);
  p.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(units, UINT32_MAX)));
  p.set("timeout", opts_.timeout_ms * kWallClockFactor + kWallClockSlackMs);
  set_nonlinear_params(p, enc_.nonlinear());
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
  if (deadline_.passed()) {
    out_of_time(span, "", {what});
    return;
  }
  // A solver query ran under its budget (--solver-timeout): that is the limit named.
  // An undecided answer for a reason of the analysis itself is undecided_because().
  Diagnostic& d = diags_.report(DiagCode::W0406, span,
                                fmt::format("could not decide within {} ms whether {}", opts_.timeout_ms, what));
  if (reason != "timeout" && reason != "canceled" && reason.find("resource") == std::string::npos)
    d.notes.push_back({Span{}, "the solver gave up: " + reason});
}

void Checker::undecided_because(Span span, const std::string& what, const std::string& why) {
  if (deadline_.passed()) {
    out_of_time(span, "", {what});
    return;
  }
  diags_.report(DiagCode::W0406, span, fmt::format("could not decide whether {}", what)).notes.push_back({Span{}, why});
}

bool Checker::doubtful(Span span, const std::string& what, const std::vector<uint32_t>& relevant) {
  if (!enc_.approximate(relevant)) return false;
  undecided_because(span, what, "the relations between the activity conditions it uses could not all be decided");
  return true;
}

Witness Checker::witness_of(const z3::model& model, const std::vector<uint32_t>& relevant,
                            const std::vector<ir::Reg>& roots) {
  const bool timed =
      std::any_of(roots.begin(), roots.end(), [&](ir::Reg r) { return r != ir::kNoReg && enc_.timed(r); });
  // The lead is confirmed at the as-of it prints (which reads back exactly: whole
  // seconds are preferred); one that does not depend on it at the default.
  double as_of = kDefaultAsOf;
  std::string as_of_text;
  if (timed) {
    as_of_text = format_as_of(model.eval(as_of_, true));
    if (!parse_iso_timestamp(as_of_text, as_of)) as_of = kDefaultAsOf;
  }
  Witness w = make_witness(enc_, model, relevant, as_of);
  if (timed) w.text += " as_of " + as_of_text;
  return w;
}

z3::model Checker::witness(z3::solver& solver, const z3::expr& region, const std::vector<uint32_t>& relevant,
                           const z3::model& fallback) {
  solver.push();
  solver.add(region);
  solver.add(enc_.domain(relevant));  // inputs used only through `known` have none yet
  // Each preference behind a Bool assumed true; one in an unsat core is dropped (a
  // whole-number one before a short-decimal one) until the rest can hold together.
  // The as-of: the default time first, then a whole hour within a year of it, then
  // a whole second (so that the printed `as_of` reads back as the model's).
  const z3::expr dflt = real_of(ctx_, kDefaultAsOf), year = ctx_.real_val(366 * 86400);
  std::vector<z3::expr> prefs = nice_values(enc_, relevant);
  prefs.push_back(as_of_ == dflt);
  const size_t strong = prefs.size();
  for (z3::expr& e : short_values(enc_, relevant)) prefs.push_back(e);
  prefs.push_back(z3::is_int(as_of_ / 3600) && as_of_ >= dflt - year && as_of_ <= dflt + year);
  prefs.push_back(z3::is_int(as_of_));
  std::vector<z3::expr> marks;
  for (size_t k = 0; k < prefs.size(); ++k) {
    marks.push_back(z3::expr(ctx_, Z3_mk_fresh_const(ctx_, "nice", ctx_.bool_sort())));
    solver.add(z3::implies(marks.back(), prefs[k]));
  }
  std::vector<bool> active(marks.size(), true);
  std::optional<z3::model> m;
  for (size_t round = 0; round <= marks.size(); ++round) {
    z3::expr_vector as(ctx_);
    for (size_t k = 0; k < marks.size(); ++k) {
      if (active[k]) as.push_back(marks[k]);
    }
    z3::check_result r = solver.check(as);
    if (r == z3::sat) {
      m = solver.get_model();
      break;
    }
    if (r == z3::unknown || as.empty()) break;
    z3::expr_vector core = solver.unsat_core();
    size_t drop = marks.size();  // the first strong preference in the core, else the first one
    for (unsigned c = 0; c < core.size(); ++c) {
      for (size_t k = 0; k < marks.size(); ++k) {
        if (!active[k] || !z3::eq(core[c], marks[k])) continue;
        if (drop == marks.size() || (k < strong && drop >= strong)) drop = k;
      }
    }
    if (drop == marks.size()) {
      active.assign(marks.size(), false);  // an empty core: ask once more with none
    } else {
      active[drop] = false;
    }
  }
  solver.pop();
  return m ? *m : fallback;
}

Diagnostic* Checker::report_witnessed(DiagCode code, Span span, const std::string& message, const std::string& what,
                                      z3::solver& s, const z3::expr& goal, const z3::model& model,
                                      const std::vector<uint32_t>& relevant, const std::vector<WitnessClaim>& claims,
                                      const std::vector<ir::Reg>& roots, z3::model* shown) {
  // A lead whose aggregates matter: the events that give them, so that the witness
  // pastes into an example; a query of it that fails leaves the lead with values.
  const bool aggregates = std::any_of(relevant.begin(), relevant.end(),
                                      [&](uint32_t i) { return program_.inputs[i].synthetic; });
  if (aggregates && !deadline_.passed()) {
    std::optional<Witness> with;
    try {
      with = events_witness(s, goal, relevant, model, roots, claims, shown);
    } catch (const z3::exception&) {
    }
    if (with) {
      Diagnostic& d = diags_.report(code, span, message);
      d.witness = with->text;
      return &d;
    }
  }
  Witness w = witness_of(model, relevant, roots);
  if (opts_.confirm && !opts_.confirm(program_, w.lead, claims)) {
    Diagnostic& d = diags_.report(DiagCode::W0406, span,
                                  fmt::format("could not confirm whether {}: the solver's lead does not reproduce it",
                                              what));
    d.notes.push_back({Span{}, "the interpreter does not confirm this lead: " + w.text});
    return nullptr;
  }
  Diagnostic& d = diags_.report(code, span, message);
  d.witness = w.text;
  if (shown && shown != &model) *shown = model;
  if (aggregates && program_.activity)
    d.notes.push_back({Span{}, fmt::format("no lead with at most {} events was found for it: the aggregates are "
                                           "shown as values, which `given` cannot set",
                                           EventWitness::kMaxEvents)});
  return &d;
}

std::vector<Literal> Checker::region_of(z3::solver& solver, const z3::model& model,
                                        const std::vector<ir::Reg>& roots, const z3::expr& goal,
                                        std::vector<uint32_t>& relevant) {
  std::vector<ir::Reg> atoms = collect_atoms(program_, roots);
  std::vector<Literal> lits = generalize(solver, enc_, literals_in(enc_, model, atoms), goal);
  relevant = literal_deps(enc_, lits);
  // Aggregates are related (any(C) makes count(C) at least 1): literals about some of
  // them imply the goal only with the others at values that agree, so a witness that
  // shows one aggregate shows every aggregate the roots read, with the model's values
  // (a lead without events would give the others theirs).
  auto synthetic = [&](uint32_t i) { return program_.inputs[i].synthetic; };
  if (std::any_of(relevant.begin(), relevant.end(), synthetic)) {
    std::vector<uint32_t> aggs;
    for (ir::Reg r : roots) {
      if (r == ir::kNoReg) continue;
      for (uint32_t i : enc_.deps(r)) {
        if (synthetic(i)) aggs.push_back(i);
      }
    }
    std::sort(aggs.begin(), aggs.end());
    aggs.erase(std::unique(aggs.begin(), aggs.end()), aggs.end());
    relevant = merge_sorted(relevant, aggs);
  }
  return lits;
}

void Checker::check_score_range(const ir::Score& score) {
  const std::vector<uint32_t>& deps = enc_.deps(score.unclamped);
  const z3::expr& known = enc_.known(score.unclamped);
  const z3::expr& sum = enc_.value(score.unclamped);
  z3::solver s = make_solver(known && sum < real_of(ctx_, score.lo));  // the inputs of both queries
  prime_large(s, deps, params_);
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
      z3::model w = witness(s, region, relevant, m);
      WitnessClaim claim{score.unclamped, above ? WitnessClaim::Kind::Above : WitnessClaim::Kind::Below,
                         above ? score.hi : score.lo};
      Diagnostic* d = report_witnessed(DiagCode::W0502, score.span,
                                       fmt::format("points of score `{}` can go {} its range {}", score.name, side, range),
                                       what, s, region, w, relevant, {claim}, {score.unclamped}, &w);
      if (d) {
        d->notes.insert(d->notes.begin(), {Span{}, fmt::format("this lead gets {} points before clamping",
                                                               decimal_text(w.eval(sum, true)))});
      }
    }
    s.pop();
  }
}

}  // namespace leadc::analysis
