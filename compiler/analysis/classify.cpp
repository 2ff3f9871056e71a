// Classification checks: overlaps in `unique` classifications (E0401), unreachable
// labels in `first match` (E0403) and gaps (E0402); label conditions themselves are
// checked with the other conditions (conditions.cpp). One solver per classification;
// each label's "condition is true" is named by a fresh Bool, so queries are
// assumptions over those names. The number of questions grows with the number of
// labels and of findings, never with the number of pairs of labels.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "compiler/analysis/checker.h"
#include "compiler/analysis/condition_eval.h"
#include "compiler/analysis/witness.h"

namespace leadc::analysis {

namespace {

constexpr int kMaxGaps = 5;
// Overlapping pairs reported per classification: past this many, the definition needs
// rework and a longer list would only bury the first ones.
constexpr size_t kMaxOverlaps = 32;
// Rounds of "a lead for this label; assert false the earlier labels it makes true"
// before a first-match label is asked with every earlier label at once.
constexpr int kRefineRounds = 4;

std::string names(const ir::Classification& cls, const std::vector<size_t>& labels) {
  std::string out;
  for (size_t k = 0; k < labels.size(); ++k) out += (k ? ", `" : "`") + cls.labels[labels[k]].name + "`";
  return out;
}

}  // namespace

void Checker::check_classification(const ir::Classification& cls) {
  const size_t n = cls.labels.size();
  std::vector<ir::Reg> conds;
  std::vector<uint32_t> deps;
  bool has_otherwise = false;
  for (const ir::Label& l : cls.labels) {
    if (l.condition == ir::kNoReg) {
      has_otherwise = true;
    } else {
      conds.push_back(l.condition);
      deps = merge_sorted(deps, enc_.deps(l.condition));
    }
  }
  // holds[i]: label i's condition is true (false for `otherwise`, which is handled apart).
  std::vector<z3::expr> holds;
  z3::expr_vector defs(ctx_);
  for (size_t i = 0; i < n; ++i) {
    const ir::Label& l = cls.labels[i];
    if (l.condition == ir::kNoReg) {
      holds.push_back(ctx_.bool_val(false));
      continue;
    }
    holds.push_back(z3::expr(ctx_, Z3_mk_fresh_const(ctx_, "label", ctx_.bool_sort())));
    defs.push_back(holds.back() == enc_.is_true(l.condition));
  }
  z3::expr all_defs = z3::mk_and(defs);
  z3::solver s = make_solver(all_defs);
  s.add(all_defs);
  prime_large(s, deps, params_);
  std::vector<bool> never(n, false);
  for (size_t i = 0; i < n; ++i) {
    const ir::Label& l = cls.labels[i];
    auto it = l.condition == ir::kNoReg ? never_true_.end() : never_true_.find(l.condition);
    never[i] = it != never_true_.end() && it->second;
  }
  if (cls.unique) {
    find_overlaps(s, cls, holds, never);
  } else {
    find_unreachable(s, cls, holds, never);
  }
  if (!has_otherwise) find_gaps(s, cls, holds, conds, deps);
}

z3::solver Checker::label_solver(const ir::Classification& cls, const std::vector<z3::expr>& holds,
                                 const std::vector<bool>& never, std::vector<std::optional<z3::expr>>& earlier) {
  const size_t n = cls.labels.size();
  z3::solver out(ctx_);
  out.set(decision_params());
  z3::expr_vector defs(ctx_);
  for (size_t i = 0; i < n; ++i) {
    if (cls.labels[i].condition != ir::kNoReg) defs.push_back(holds[i] == enc_.is_true(cls.labels[i].condition));
  }
  z3::expr all = z3::mk_and(defs);
  out.add(enc_.domain_for(all));
  out.add(all);
  earlier.assign(n, std::nullopt);
  std::optional<z3::expr> prev;
  for (size_t i = 0; i < n; ++i) {
    earlier[i] = prev;
    if (never[i] || cls.labels[i].condition == ir::kNoReg) continue;
    z3::expr next(ctx_, Z3_mk_fresh_const(ctx_, "earlier", ctx_.bool_sort()));
    out.add(next == (prev ? *prev || holds[i] : holds[i]));
    prev = next;
  }
  std::vector<uint32_t> deps;
  for (const ir::Label& l : cls.labels) {
    if (l.condition != ir::kNoReg) deps = merge_sorted(deps, enc_.deps(l.condition));
  }
  prime_large(out, deps, decision_params());
  return out;
}

void Checker::find_overlaps(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                            const std::vector<bool>& never) {
  // For each label, one question: can it be true with some earlier label? A model
  // that says yes names every earlier label true with it; those are excluded and the
  // question asked again. So the questions are as many as the labels plus the
  // findings, never as many as the pairs.
  // A label whose values of one `int` field no earlier label takes is not asked
  // (int_intervals.h); the solver is built when a label first needs it.
  std::vector<std::optional<z3::expr>> earlier;
  std::optional<z3::solver> solver;
  std::vector<std::pair<size_t, size_t>> pairs;  // (j, i) with i < j: the order of the report
  bool more = false;
  LabelSweep sweep;
  bool any_before = false;  // a label before j can be true
  for (size_t j = 0; j < cls.labels.size() && !more; ++j) {
    if (never[j] || cls.labels[j].condition == ir::kNoReg) continue;
    const IntShapes::Shape* shape = shapes_.shape(cls.labels[j].condition);
    const bool apart = sweep.meets_none(shape);
    sweep.add(shape);
    const bool some_before = any_before;
    any_before = true;
    if (!some_before || apart) continue;
    if (!solver) solver.emplace(label_solver(cls, holds, never, earlier));
    z3::solver& ov = *solver;
    if (deadline_.passed()) {
      std::vector<std::string> left;
      for (size_t k = j; k < cls.labels.size(); ++k) {
        if (!never[k] && cls.labels[k].condition != ir::kNoReg)
          left.push_back(fmt::format("label `{}` of `{}` can be true with an earlier label", cls.labels[k].name, cls.name));
      }
      out_of_time(cls.labels[j].span, "", left);
      break;
    }
    std::vector<size_t> with_j;
    ov.push();
    for (;;) {
      z3::expr_vector q(ctx_);
      q.push_back(holds[j]);
      q.push_back(*earlier[j]);
      z3::check_result r = ov.check(q);
      if (r == z3::unsat) break;
      if (r == z3::unknown) {
        undecided(cls.labels[j].span,
                  fmt::format("label `{}` of `{}` can be true with {} earlier label", cls.labels[j].name, cls.name,
                              with_j.empty() ? "an" : "another"),
                  ov);
        break;
      }
      z3::model m = ov.get_model();
      size_t before = with_j.size();
      for (size_t i = 0; i < j; ++i) {
        if (never[i] || cls.labels[i].condition == ir::kNoReg) continue;
        if (std::find(with_j.begin(), with_j.end(), i) != with_j.end()) continue;
        if (m.eval(holds[i], true).is_true()) {
          with_j.push_back(i);
          ov.add(!holds[i]);
        }
      }
      if (with_j.size() == before) break;  // cannot happen for a true model; never loop
      if (pairs.size() + with_j.size() > kMaxOverlaps) {
        more = true;
        break;
      }
    }
    ov.pop();
    std::sort(with_j.begin(), with_j.end());
    for (size_t i : with_j) pairs.emplace_back(j, i);
  }
  if (pairs.size() > kMaxOverlaps) pairs.resize(kMaxOverlaps);
  for (auto [j, i] : pairs) report_overlap(s, cls, i, j, holds);
  if (more) {
    diags_.report(DiagCode::E0401, cls.span,
                  fmt::format("more labels of `{}` can both be true than the {} pairs shown", cls.name, kMaxOverlaps));
  }
}

void Checker::report_overlap(z3::solver& s, const ir::Classification& cls, size_t i, size_t j,
                             const std::vector<z3::expr>& holds) {
  const ir::Label &a = cls.labels[i], &b = cls.labels[j];
  z3::expr both = holds[i] && holds[j];
  z3::check_result r = ask(s, both);
  if (r == z3::unknown) {
    undecided(b.span, fmt::format("labels `{}` and `{}` of `{}` can both be true", a.name, b.name, cls.name), s);
    return;
  }
  if (r != z3::sat) return;
  s.push();
  s.add(both);
  s.check();
  z3::model m = s.get_model();
  s.pop();
  std::vector<uint32_t> relevant;
  auto lits = region_of(s, m, {a.condition, b.condition}, both, relevant);
  if (doubtful(b.span, fmt::format("labels `{}` and `{}` of `{}` can both be true", a.name, b.name, cls.name), relevant))
    return;
  const z3::expr region = conjunction(enc_, lits) && both;
  z3::model w = witness(s, region, relevant, m);
  std::string what = fmt::format("labels `{}` and `{}` of `{}` can both be true", a.name, b.name, cls.name);
  using K = WitnessClaim::Kind;
  Diagnostic* d = report_witnessed(DiagCode::E0401, b.span, what, what, s, region, w, relevant,
                                   {{a.condition, K::True}, {b.condition, K::True}}, {a.condition, b.condition});
  if (!d) return;
  d->notes.push_back({a.span, fmt::format("label `{}` is declared here", a.name)});
  d->notes.push_back({Span{}, fmt::format("both `{}` and `{}` are true for this lead", a.name, b.name)});
}

void Checker::find_unreachable(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                               const std::vector<bool>& never) {
  const size_t n = cls.labels.size();
  // Label i is reachable when some lead makes it true and every earlier label false.
  // Asked first on a solver that holds only the inputs' domains: a lead for label i
  // alone, then the earlier labels it makes true (evaluated on the model, not by the
  // solver) asserted false and asked again, a few rounds. Most labels are decided so
  // with one small question each, whatever the number of labels before them. Only a
  // label still open after that is asked with every earlier label on `reach` (built
  // when first needed), whose questions grow with the number of labels.
  z3::expr_vector conds_true(ctx_);
  for (const ir::Label& l : cls.labels) {
    if (l.condition != ir::kNoReg) conds_true.push_back(enc_.is_true(l.condition));
  }
  z3::solver lazy(ctx_);
  lazy.set(decision_params());
  lazy.add(enc_.domain_for(z3::mk_and(conds_true)));
  {
    std::vector<uint32_t> deps;
    for (const ir::Label& l : cls.labels) {
      if (l.condition != ir::kNoReg) deps = merge_sorted(deps, enc_.deps(l.condition));
    }
    prime_large(lazy, deps, decision_params());
  }
  ConditionEvaluator eval(enc_);
  std::optional<z3::solver> reach;
  std::vector<std::optional<z3::expr>> earlier;
  bool any_before = false;  // a label before i can be true
  LabelSweep sweep;  // the values of one `int` field the labels so far take
  for (size_t i = 0; i < n; ++i) {
    const bool some_before = any_before;
    if (!never[i] && cls.labels[i].condition != ir::kNoReg) any_before = true;
    const ir::Reg cond = cls.labels[i].condition;
    const IntShapes::Shape* shape = cond != ir::kNoReg ? shapes_.shape(cond) : nullptr;
    // Reachable without a question: a value of the field no earlier label takes.
    const bool free = sweep.leaves_free(shape);
    if (!never[i]) sweep.add(shape);
    if (i == 0 || never[i] || !some_before || free) continue;
    const ir::Label& l = cls.labels[i];
    if (deadline_.passed()) {
      std::vector<std::string> left;
      for (size_t k = i; k < n; ++k) {
        if (!never[k]) left.push_back(fmt::format("label `{}` of `{}` can be chosen", cls.labels[k].name, cls.name));
      }
      out_of_time(l.span, "", left);
      return;
    }
    z3::check_result r = z3::unknown;
    lazy.push();
    if (l.condition != ir::kNoReg) lazy.add(enc_.is_true(l.condition));
    for (int round = 0; round < kRefineRounds; ++round) {
      z3::check_result q = lazy.check();
      if (q != z3::sat) {
        if (q == z3::unsat) r = z3::unsat;
        break;
      }
      eval.load(lazy.get_model());
      bool taken = false;
      for (size_t j = 0; j < i; ++j) {
        if (never[j] || cls.labels[j].condition == ir::kNoReg || !eval.is_true(cls.labels[j].condition)) continue;
        lazy.add(!enc_.is_true(cls.labels[j].condition));
        taken = true;
      }
      if (!taken) {
        r = z3::sat;
        break;
      }
    }
    lazy.pop();
    if (r == z3::unknown) {
      if (!reach) reach.emplace(label_solver(cls, holds, never, earlier));
      z3::expr_vector q(ctx_);
      q.push_back(!*earlier[i]);
      if (l.condition != ir::kNoReg) q.push_back(holds[i]);
      r = reach->check(q);
      if (r == z3::unknown) {
        undecided(l.span, fmt::format("label `{}` of `{}` can be chosen", l.name, cls.name), *reach);
        continue;
      }
    }
    if (r == z3::sat && l.condition != ir::kNoReg && enc_.inexact(l.condition)) {
      undecided_because(l.span, fmt::format("label `{}` of `{}` can be chosen", l.name, cls.name),
                        fmt::format("it compares text with a literal of more than {} bytes, which the solver is not given",
                                    kMaxSolverText));
      continue;
    }
    if (r != z3::unsat) continue;
    // Unreachable: keep only the earlier labels that are needed to take every lead of label i.
    std::vector<size_t> before;
    z3::expr_vector as(ctx_);
    for (size_t j = 0; j < i; ++j) {
      if (never[j] || cls.labels[j].condition == ir::kNoReg) continue;
      before.push_back(j);
      as.push_back(!holds[j]);
    }
    if (l.condition != ir::kNoReg) as.push_back(holds[i]);
    std::vector<size_t> taken;
    if (s.check(as) == z3::unsat) {
      z3::expr_vector core = s.unsat_core();
      for (size_t k = 0; k < before.size(); ++k) {
        for (unsigned c = 0; c < core.size(); ++c) {
          if (z3::eq(core[c], as[static_cast<int>(k)])) taken.push_back(before[k]);
        }
      }
    } else {
      taken = before;  // undecided with the labels named one by one: keep them all
    }
    for (size_t pos = 0; pos < taken.size();) {
      z3::expr_vector trial(ctx_);
      for (size_t k = 0; k < taken.size(); ++k) {
        if (k != pos) trial.push_back(!holds[taken[k]]);
      }
      if (l.condition != ir::kNoReg) trial.push_back(holds[i]);
      if (s.check(trial) == z3::unsat) {
        taken.erase(taken.begin() + static_cast<long>(pos));
      } else {
        ++pos;
      }
    }
    Diagnostic& d = diags_.report(
        DiagCode::E0403, l.span,
        fmt::format("label `{}` can never be chosen: every lead it matches is taken by {}", l.name, names(cls, taken)));
    for (size_t j : taken) {
      d.notes.push_back({cls.labels[j].span, fmt::format("label `{}` comes first", cls.labels[j].name)});
    }
  }
}
void Checker::find_gaps(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                        const std::vector<ir::Reg>& conds, const std::vector<uint32_t>& deps) {
  z3::expr_vector none(ctx_);
  for (const z3::expr& h : holds) none.push_back(!h);
  z3::expr gap = z3::mk_and(none);
  z3::expr_vector found(ctx_);  // regions already reported
  std::unordered_set<std::string> shown;  // their leads (lead_identity)
  for (int k = 0; k < kMaxGaps; ++k) {
    s.push();
    s.add(gap);
    for (unsigned j = 0; j < found.size(); ++j) s.add(!found[j]);
    z3::check_result r = s.check();
    std::optional<z3::model> m;
    if (r == z3::sat) m = s.get_model();
    s.pop();
    if (r == z3::unknown) {
      undecided(cls.span, fmt::format("{} no label of `{}`", k == 0 ? "some lead gets" : "more leads get", cls.name), s);
      return;
    }
    if (!m) return;
    std::vector<uint32_t> relevant;
    auto lits = region_of(s, *m, conds, gap, relevant);
    z3::expr region = conjunction(enc_, lits) && gap;
    if (doubtful(cls.span, fmt::format("{} no label of `{}`", k == 0 ? "some lead gets" : "more leads get", cls.name),
                 relevant))
      return;
    // Prefer a witness outside the gaps already shown, so each one is new (with simple
    // values for the other inputs where that is possible).
    z3::expr outside = region;
    for (unsigned j = 0; j < found.size(); ++j) outside = outside && !found[j];
    z3::expr fresh = outside && fallbacks_except(enc_, deps, relevant);
    const z3::expr chosen = ask(s, fresh) == z3::sat ? fresh : ask(s, outside) == z3::sat ? outside : region;
    z3::model w = witness(s, chosen, relevant, *m);
    found.push_back(region);
    // A gap whose lead is one already shown (an optional field left out there and
    // `missing` here) is not shown again.
    if (!shown.insert(lead_identity(witness_of(w, relevant, conds).lead)).second) continue;
    std::vector<WitnessClaim> claims;
    for (ir::Reg c : conds) claims.push_back({c, WitnessClaim::Kind::NotTrue});
    Diagnostic* d = report_witnessed(DiagCode::E0402, cls.span,
                                     fmt::format("no label of `{}` is true for some leads", cls.name),
                                     fmt::format("{} no label of `{}`", k == 0 ? "some lead gets" : "more leads get", cls.name),
                                     s, chosen, w, relevant, claims, conds);
    if (d) d->notes.push_back({Span{}, fmt::format("no label of `{}` is true for this lead", cls.name)});
  }
}

}  // namespace leadc::analysis
