// Decides implication and disjointness of aggregate conditions over one symbolic
// event, then states what they mean for the aggregates' values. Every relation holds
// for any set of events, so adding it never excludes a real lead.
#include "compiler/analysis/aggregate_relations.h"

#include <algorithm>
#include <chrono>
#include <optional>

namespace leadc::analysis {

namespace {

using K = ir::AggregateKind;
using Clock = std::chrono::steady_clock;

// All questions about the events of one definition get this long together; once it
// is spent, the remaining ones go unanswered (no relation).
constexpr auto kBudget = std::chrono::milliseconds(1000);

bool decayed(K k) { return k == K::DecayedCount || k == K::DecayedAny; }

// Questions about one event of the events program, in a Z3 context of its own (its
// inputs would otherwise share names with the lead's).
class EventQuestions {
 public:
  EventQuestions(const ir::Program& events, double as_of, unsigned timeout_ms)
      : enc_(ctx_, events, as_of), solver_(ctx_), deadline_(Clock::now() + kBudget) {
    z3::params p(ctx_);
    p.set("timeout", timeout_ms);
    solver_.set(p);
  }

  // The event matches condition `cond`: it is known and true, as when aggregates fold.
  z3::expr matches(ir::Reg cond) const { return enc_.is_true(cond); }
  const z3::expr& known(ir::Reg r) const { return enc_.known(r); }
  const z3::expr& value(ir::Reg r) const { return enc_.value(r); }

  // Whether no event satisfies `query`; false when undecided or out of time. When
  // one does, `on_event` gets it (a model).
  template <class F>
  bool never(const z3::expr& query, F on_event) {
    if (Clock::now() >= deadline_) return false;
    z3::check_result r = z3::unknown;
    solver_.push();
    try {
      solver_.add(enc_.domain_for(query));
      solver_.add(query);
      r = solver_.check();
      if (r == z3::sat) on_event(solver_.get_model());
    } catch (const z3::exception&) {
      r = z3::unknown;
    }
    solver_.pop();
    return r == z3::unsat;
  }
  bool never(const z3::expr& query) {
    return never(query, [](const z3::model&) {});
  }

 private:
  z3::context ctx_;  // declared first: destroyed after everything built in it
  Encoder enc_;
  z3::solver solver_;
  Clock::time_point deadline_;
};

}  // namespace

std::vector<Relation> relate_aggregates(const ir::Program& program, const std::vector<InputVars>& inputs,
                                        const std::vector<z3::expr>& some, double as_of, unsigned timeout_ms) {
  std::vector<Relation> out;
  const std::vector<ir::Aggregate>& aggs = program.activity->aggregates;
  const size_t n = aggs.size();
  if (n == 0) return out;
  auto relate = [&](std::vector<uint32_t> ins, const z3::expr& holds) {
    std::sort(ins.begin(), ins.end());
    ins.erase(std::unique(ins.begin(), ins.end()), ins.end());
    out.push_back({std::move(ins), holds});
  };

  // Classes of conditions: aggregates that share `some` have one condition shape.
  std::vector<size_t> cls(n), rep;
  for (size_t g = 0; g < n; ++g) {
    size_t c = 0;
    while (c < rep.size() && !z3::eq(some[rep[c]], some[g])) ++c;
    if (c == rep.size()) rep.push_back(g);
    cls[g] = c;
  }
  const size_t m = rep.size();
  EventQuestions ev(program.activity->events, as_of, timeout_ms);
  auto matches = [&](size_t c) { return ev.matches(aggs[rep[c]].condition); };
  // Events the solver has found, as the classes they match: one that matches a but
  // not b shows that a does not imply b without asking. (Inputs a model leaves open
  // get default values that may not be a real event; that can only lose relations.)
  std::vector<std::vector<bool>> seen;
  auto learn = [&](const z3::model& event) {
    std::vector<bool> hit(m);
    for (size_t c = 0; c < m; ++c) hit[c] = event.eval(matches(c), true).is_true();
    seen.push_back(std::move(hit));
  };
  auto refuted = [&](size_t a, size_t b) {
    return std::any_of(seen.begin(), seen.end(), [&](const std::vector<bool>& hit) { return hit[a] && !hit[b]; });
  };
  std::vector<bool> empty(m);
  for (size_t c = 0; c < m; ++c) empty[c] = ev.never(matches(c), learn);
  // implies[a * m + b]: every event that matches class a's condition matches b's.
  std::vector<bool> implies(m * m);
  for (size_t a = 0; a < m; ++a) {
    for (size_t b = 0; b < m; ++b) {
      implies[a * m + b] =
          a == b || empty[a] || (!empty[b] && !refuted(a, b) && ev.never(matches(a) && !matches(b), learn));
    }
  }

  for (size_t g = 0; g < n; ++g) {
    if (empty[cls[g]]) relate({aggs[g].input}, !some[g]);
  }

  // What C_i => C_j says about the values of aggregates i and j, beyond `some`:
  // the events of C_i are among those of C_j.
  auto bound = [&](size_t i, size_t j) -> std::optional<z3::expr> {
    const ir::Aggregate &gi = aggs[i], &gj = aggs[j];
    const z3::expr &x = inputs[gi.input].value, &y = inputs[gj.input].value;
    // A weight is at most 1, and weights add up (or take the largest) like counts.
    if ((gi.kind == K::Count || decayed(gi.kind)) && gj.kind == K::Count) return x <= y;
    if (decayed(gi.kind) && decayed(gj.kind) && gi.half_life == gj.half_life &&
        !(gi.kind == K::DecayedCount && gj.kind == K::DecayedAny)) {
      return x <= y;
    }
    if (gi.value == ir::kNoReg || gi.value != gj.value) return std::nullopt;
    if (gi.kind == K::Sum && gj.kind == K::Sum) {
      // sum(C_j) - sum(C_i) adds the known values of the events of C_j but not C_i.
      const size_t a = cls[i], b = cls[j];
      bool grows = a == b || ev.never(matches(b) && !matches(a) && ev.known(gi.value) && ev.value(gi.value) < 0);
      if (grows) return x <= y;
      return std::nullopt;
    }
    const bool ends_i = gi.kind == K::Latest || gi.kind == K::Earliest;
    if (ends_i && (gj.kind == K::Latest || gj.kind == K::Earliest)) {
      // A known value of aggregate i is the value of one of C_j's events.
      const z3::expr& known_i = inputs[gi.input].known;
      const z3::expr& known_j = inputs[gj.input].known;
      return z3::implies(known_i, known_j && (gj.kind == K::Latest ? x <= y : x >= y));
    }
    return std::nullopt;
  };
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (i == j || !implies[cls[i] * m + cls[j]]) continue;
      z3::expr_vector parts(some[i].ctx());
      if (cls[i] != cls[j]) parts.push_back(z3::implies(some[i], some[j]));
      if (std::optional<z3::expr> b = bound(i, j)) parts.push_back(*b);
      if (!parts.empty()) relate({aggs[i].input, aggs[j].input}, z3::mk_and(parts));
    }
  }

  // Disjoint conditions that both imply a third: count(C1) + count(C2) <= count(C3).
  std::vector<size_t> counts;
  for (size_t g = 0; g < n; ++g) {
    if (aggs[g].kind == K::Count) counts.push_back(g);
  }
  std::vector<signed char> disjoint(m * m, -1);  // -1: not asked yet
  for (size_t p = 0; p < counts.size(); ++p) {
    for (size_t q = p + 1; q < counts.size(); ++q) {
      const size_t i = counts[p], j = counts[q], a = cls[i], b = cls[j];
      if (a == b) continue;
      for (size_t k : counts) {
        const size_t c = cls[k];
        if (c == a || c == b || !implies[a * m + c] || !implies[b * m + c]) continue;
        signed char& d = disjoint[std::min(a, b) * m + std::max(a, b)];
        if (d < 0) d = ev.never(matches(a) && matches(b)) ? 1 : 0;
        if (d == 0) break;
        const z3::expr &x = inputs[aggs[i].input].value, &y = inputs[aggs[j].input].value;
        relate({aggs[i].input, aggs[j].input, aggs[k].input}, x + y <= inputs[aggs[k].input].value);
      }
    }
  }
  return out;
}

}  // namespace leadc::analysis
