// Classification checks: label conditions (E0404, W0405), overlaps in `unique`
// classifications (E0401), unreachable labels in `first match` (E0403) and gaps
// (E0402). One solver per classification; each label's "condition is true" is
// named by a fresh Bool so queries are assumptions over those names.
#include <fmt/format.h>

#include "compiler/analysis/checker.h"
#include "compiler/analysis/witness.h"

namespace leadc::analysis {

namespace {

constexpr int kMaxGaps = 5;

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
  std::vector<bool> never(n, false);
  for (size_t i = 0; i < n; ++i) {
    const ir::Label& l = cls.labels[i];
    if (l.condition == ir::kNoReg) continue;
    never[i] = check_condition(s, l.condition, holds[i], l.condition_span,
                               fmt::format("label `{}` of `{}`", l.name, cls.name));
  }

  if (cls.unique) {
    for (size_t j = 0; j < n; ++j) {
      for (size_t i = 0; i < j; ++i) {
        if (never[i] || never[j] || cls.labels[i].condition == ir::kNoReg || cls.labels[j].condition == ir::kNoReg) {
          continue;
        }
        const ir::Label &a = cls.labels[i], &b = cls.labels[j];
        z3::expr both = holds[i] && holds[j];
        z3::check_result r = ask(s, both);
        if (r == z3::unknown) {
          undecided(b.span, fmt::format("labels `{}` and `{}` of `{}` can both be true", a.name, b.name, cls.name), s);
          continue;
        }
        if (r != z3::sat) continue;
        s.push();
        s.add(both);
        s.check();
        z3::model m = s.get_model();
        s.pop();
        std::vector<uint32_t> relevant;
        auto lits = region_of(s, m, {a.condition, b.condition}, both, relevant);
        z3::model w = witness(s, conjunction(enc_, lits) && both, relevant, m);
        Diagnostic& d = diags_.report(DiagCode::E0401, b.span,
                                      fmt::format("labels `{}` and `{}` of `{}` can both be true", a.name, b.name, cls.name));
        d.notes.push_back({a.span, fmt::format("label `{}` is declared here", a.name)});
        d.notes.push_back({Span{}, fmt::format("both `{}` and `{}` are true for this lead", a.name, b.name)});
        d.witness = format_witness(enc_, w, relevant);
      }
    }
  } else {
    for (size_t i = 1; i < n; ++i) {
      if (never[i]) continue;
      const ir::Label& l = cls.labels[i];
      std::vector<size_t> earlier;
      z3::expr_vector as(ctx_);
      for (size_t j = 0; j < i; ++j) {
        if (never[j] || cls.labels[j].condition == ir::kNoReg) continue;
        earlier.push_back(j);
        as.push_back(!holds[j]);
      }
      if (earlier.empty()) continue;
      if (l.condition != ir::kNoReg) as.push_back(holds[i]);
      z3::check_result r = s.check(as);
      if (r == z3::unknown) {
        undecided(l.span, fmt::format("label `{}` of `{}` can be chosen", l.name, cls.name), s);
        continue;
      }
      if (r != z3::unsat) continue;
      // Keep only the earlier labels that are needed to take every lead of label i.
      z3::expr_vector core = s.unsat_core();
      std::vector<size_t> taken;
      for (size_t k = 0; k < earlier.size(); ++k) {
        for (unsigned c = 0; c < core.size(); ++c) {
          if (z3::eq(core[c], as[static_cast<int>(k)])) taken.push_back(earlier[k]);
        }
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
  if (!has_otherwise) find_gaps(s, cls, holds, conds, deps);
}

void Checker::find_gaps(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                        const std::vector<ir::Reg>& conds, const std::vector<uint32_t>& deps) {
  z3::expr_vector none(ctx_);
  for (const z3::expr& h : holds) none.push_back(!h);
  z3::expr gap = z3::mk_and(none);
  z3::expr_vector found(ctx_);  // regions already reported
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
    // Prefer a witness outside the gaps already shown, so each one is new.
    z3::expr fresh = region && fallbacks_except(enc_, deps, relevant);
    for (unsigned j = 0; j < found.size(); ++j) fresh = fresh && !found[j];
    z3::model w = witness(s, ask(s, fresh) == z3::sat ? fresh : region, relevant, *m);
    Diagnostic& d = diags_.report(DiagCode::E0402, cls.span,
                                  fmt::format("no label of `{}` is true for some leads", cls.name));
    d.notes.push_back({Span{}, fmt::format("no label of `{}` is true for this lead", cls.name)});
    d.witness = format_witness(enc_, w, relevant);
    found.push_back(region);
  }
}

}  // namespace leadc::analysis
