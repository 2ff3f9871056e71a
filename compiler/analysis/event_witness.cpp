// Witnesses with events: see event_witness.h.
#include "compiler/analysis/event_witness.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "compiler/analysis/witness.h"

namespace leadc::analysis {

EventWitness::EventWitness(z3::context& ctx, const ir::Program& program, const Encoder& enc, const z3::expr& as_of)
    : ctx_(ctx), program_(program), enc_(enc), as_of_(as_of) {
  if (!program.activity) return;
  for (const ir::Aggregate& g : program.activity->aggregates) {
    if (g.kind != ir::AggregateKind::DecayedCount && g.kind != ir::AggregateKind::DecayedAny) continue;
    for (int j = 1; j <= kHalfLives; ++j) ages_.push_back(j * g.half_life);
  }
  std::sort(ages_.begin(), ages_.end());
  ages_.erase(std::unique(ages_.begin(), ages_.end()), ages_.end());
}

Encoder& EventWitness::event(size_t k) {
  while (events_.size() <= k) {
    events_.emplace_back(ctx_, program_.activity->events, as_of_, fmt::format("wev{}_", events_.size()));
    present_.push_back(ctx_.bool_const(fmt::format("wev{}_present", present_.size()).c_str()));
  }
  return events_[k];
}

// Merged input i (an aggregate) is the fold of events 0..n-1.
z3::expr EventWitness::fold(uint32_t i, size_t n) {
  const ir::Activity& act = *program_.activity;
  const ir::Aggregate& g = act.aggregates.at(program_.inputs[i].aggregate);
  const InputVars& x = enc_.input(i);
  auto num = [&](double v) { return x.value.is_int() ? ctx_.int_val(static_cast<int64_t>(v)) : real_of(ctx_, v); };
  z3::expr_vector parts(ctx_), some(ctx_), is(ctx_);
  z3::expr total = num(0);
  for (size_t k = 0; k < n; ++k) {
    Encoder& e = event(k);
    z3::expr match = present_[k] && e.is_true(g.condition);
    switch (g.kind) {
      case ir::AggregateKind::Count: total = total + z3::ite(match, num(1), num(0)); break;
      case ir::AggregateKind::Any:
      case ir::AggregateKind::None: some.push_back(match); break;
      case ir::AggregateKind::Sum:
        total = total + z3::ite(match && e.known(g.value), e.value(g.value), num(0));
        break;
      case ir::AggregateKind::Latest:
      case ir::AggregateKind::Earliest: {
        z3::expr has = match && e.known(g.value);
        some.push_back(has);
        is.push_back(has && x.value == e.value(g.value));
        parts.push_back(z3::implies(has && x.known, g.kind == ir::AggregateKind::Latest ? x.value >= e.value(g.value)
                                                                                         : x.value <= e.value(g.value)));
        break;
      }
      case ir::AggregateKind::DecayedCount:
      case ir::AggregateKind::DecayedAny: {
        z3::expr w = num(0);
        if (act.time != ir::kNoReg) {
          const z3::expr& t = e.value(act.time);
          z3::expr_vector ages(ctx_);
          ages.push_back(t >= as_of_);
          w = z3::ite(e.known(act.time) && t >= as_of_, num(1), num(0));
          // One event's age, on the grid of every half-life of the program: the weights
          // of two half-lives (two versions of a score) are of the same events.
          for (double age : ages_) {
            z3::expr at = t == as_of_ - real_of(ctx_, age);
            ages.push_back(at);
            w = z3::ite(e.known(act.time) && at, real_of(ctx_, std::exp2(-age / g.half_life)), w);
          }
          parts.push_back(z3::implies(match && e.known(act.time), z3::mk_or(ages)));
        }
        z3::expr mine = z3::ite(match, w, num(0));
        if (g.kind == ir::AggregateKind::DecayedCount) {
          total = total + mine;
        } else {
          parts.push_back(x.value >= mine);
          is.push_back(x.value == mine);
        }
        break;
      }
    }
  }
  switch (g.kind) {
    case ir::AggregateKind::Count:
    case ir::AggregateKind::Sum:
    case ir::AggregateKind::DecayedCount: parts.push_back(x.value == total); break;
    case ir::AggregateKind::Any: parts.push_back(x.value == z3::mk_or(some)); break;
    case ir::AggregateKind::None: parts.push_back(x.value == !z3::mk_or(some)); break;
    case ir::AggregateKind::Latest:
    case ir::AggregateKind::Earliest:
      parts.push_back(x.known == z3::mk_or(some));
      parts.push_back(z3::implies(x.known, z3::mk_or(is)));
      break;
    case ir::AggregateKind::DecayedAny:
      is.push_back(x.value == num(0));
      parts.push_back(z3::mk_or(is));
      break;
  }
  return z3::mk_and(parts);
}

// The events-program inputs a witness event must show: what the conditions, values
// and the time read (sorted).
std::vector<uint32_t> EventWitness::event_inputs(size_t k) {
  const ir::Activity& act = *program_.activity;
  Encoder& e = event(k);
  std::vector<uint32_t> r;
  for (const ir::Aggregate& g : act.aggregates) {
    r = merge_sorted(r, e.deps(g.condition));
    if (g.value != ir::kNoReg) r = merge_sorted(r, e.deps(g.value));
  }
  if (act.time != ir::kNoReg) r = merge_sorted(r, e.deps(act.time));
  return r;
}


std::optional<size_t> EventWitness::count(const std::vector<uint32_t>& first, const z3::model& model) {
  if (!program_.activity) return std::nullopt;
  bool any = false;
  for (uint32_t i : first) any = any || program_.inputs[i].synthetic;
  if (!any) return std::nullopt;
  // As many events as the counts need, and one per other aggregate.
  double want = 0;
  for (uint32_t i : first) {
    const ir::Input& in = program_.inputs[i];
    if (!in.synthetic) continue;
    const ir::Aggregate& g = program_.activity->aggregates.at(in.aggregate);
    // A count of N needs N events, a decayed count of w at least ceil(w) (each weighs 1 at most).
    if (g.kind == ir::AggregateKind::Count || g.kind == ir::AggregateKind::DecayedCount)
      want += std::ceil(std::max(0.0, std::strtod(decimal_text(model.eval(enc_.input(i).value, true)).c_str(), nullptr)));
    else
      want += 1;
  }
  if (want > static_cast<double>(kMaxEvents)) return std::nullopt;
  return std::max<size_t>(1, static_cast<size_t>(want));
}

z3::expr EventWitness::tie(size_t n) {
  z3::expr_vector folds(ctx_);
  for (uint32_t i = 0; i < program_.inputs.size(); ++i)
    if (program_.inputs[i].synthetic) folds.push_back(fold(i, n));
  z3::expr tied = z3::mk_and(folds);
  for (size_t k = 0; k < n; ++k) tied = tied && event(k).domain_for(tied);
  return tied;
}

std::vector<z3::expr> EventWitness::soft(size_t n) {
  std::vector<z3::expr> out;
  for (size_t k = n; k-- > 0;) out.push_back(!present_[k]);
  // Event times the windows leave free are days before the as-of (event k, k + 1 days
  // before), else within the year before it: never the epoch's 1970-01-01.
  if (program_.activity->time != ir::kNoReg) {
    const ir::Reg time = program_.activity->time;
    const z3::expr year = real_of(ctx_, 366.0 * 86400);
    for (size_t k = 0; k < n; ++k) {
      Encoder& e = event(k);
      out.push_back(e.known(time) && e.value(time) == as_of_ - real_of(ctx_, static_cast<double>(k + 1) * 86400));
      out.push_back(e.value(time) <= as_of_ && e.value(time) >= as_of_ - year);
    }
  }
  for (size_t k = 0; k < n; ++k)
    for (const z3::expr& nice : nice_values(event(k), event_inputs(k))) out.push_back(nice);
  return out;
}

std::vector<uint32_t> EventWitness::aggregates() const {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < program_.inputs.size(); ++i)
    if (program_.inputs[i].synthetic) out.push_back(i);
  return out;
}

std::string EventWitness::text(const z3::model& model, size_t n, double as_of, const std::vector<std::string>& names) {
  std::string out;
  for (size_t k = 0; k < n; ++k) {
    if (!model.eval(present_[k], true).is_true()) continue;
    Witness w = make_witness(event(k), model, event_inputs(k), as_of, &names);
    out += (out.empty() ? "" : ", ") + w.text.substr(std::string("given ").size());
  }
  return " events { " + out + (out.empty() ? "}" : " }");
}

std::vector<std::vector<ir::Example::Given>> EventWitness::leads(const z3::model& model, size_t n, double as_of) {
  std::vector<std::vector<ir::Example::Given>> out;
  for (size_t k = 0; k < n; ++k) {
    if (!model.eval(present_[k], true).is_true()) continue;
    out.push_back(make_witness(event(k), model, event_inputs(k), as_of).lead.given);
  }
  return out;
}

}  // namespace leadc::analysis
