// Cells of the aggregates' event conditions (see the header), the counts and
// `some` Bools built on them, and the relations they imply for sums, latest/earliest
// and decayed weights. Every constraint holds for any set of events at the lead's
// as-of time, so adding it never excludes a real lead.
#include "compiler/analysis/aggregate_relations.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>

namespace leadc::analysis {

namespace {

using K = ir::AggregateKind;

// Past this many cells the conditions are not split further: their aggregates are
// related only loosely (and marked approximate).
constexpr size_t kMaxCells = 256;

bool decayed(K k) { return k == K::DecayedCount || k == K::DecayedAny; }

// At most this many constants are tried as bounds of a cell's summed values.
constexpr size_t kMaxSumBounds = 24;

bool is_comparison(ir::Op op) {
  return op == ir::Op::Lt || op == ir::Op::Le || op == ir::Op::Gt || op == ir::Op::Ge || op == ir::Op::Eq ||
         op == ir::Op::Ne;
}

// The structure of register r of p as text: equal for two registers that compute the
// same thing (the lowering does not share constants other than numbers).
std::string shape(const ir::Program& p, ir::Reg r, std::unordered_map<ir::Reg, std::string>& memo) {
  auto it = memo.find(r);
  if (it != memo.end()) return it->second;
  const ir::Instr& in = p.code[r];
  std::string out = ir::op_name(in.op);
  if (in.op == ir::Op::Field) {
    out += std::to_string(in.a);
  } else if (in.op == ir::Op::Const) {
    const ir::Constant& k = in.value;
    out += k.missing ? "?" : fmt::format("{}:{}:{}:{}:{:?}", static_cast<int>(in.type), k.b, k.num, k.member, k.str);
  } else {
    out += "(";
    for (ir::Reg x : {in.a, in.b, in.c})
      if (x != ir::kNoReg && x < r) out += shape(p, x, memo) + ",";
    out += ")";
  }
  return memo[r] = out;
}

// The weights of one cell's events under two half-lives h1 < h2 (ratio = h2 / h1 > 1):
// per event x = 2^(-age/h1) and y = 2^(-age/h2) lie on the curve x = y^ratio, y in
// 0..1 (convex), so x <= y (the chord) and x >= each tangent a*y - b. Summed over the
// cell's n events: s1 <= s2 and s1 >= a*s2 - b*n; the largest weights likewise (the
// largest x is the largest y's). The tangents' coefficients are rounded so that the
// bounds stay below the curve (the runtime computes weights in doubles). This is a
// convex outer bound of the exact set, never smaller than it.
void relate_half_lives(double ratio, const z3::expr& s1, const z3::expr& s2, const z3::expr& l1, const z3::expr& l2,
                       const z3::expr& n, z3::expr_vector& parts) {
  z3::context& ctx = s1.ctx();
  parts.push_back(s1 <= s2);
  parts.push_back(l1 <= l2);
  // Tangent points: a grid, and the point of slope 1 (the largest y - x).
  std::vector<double> at{0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
  at.push_back(std::pow(ratio, -1 / (ratio - 1)));
  for (double y0 : at) {
    if (!(y0 > 0 && y0 < 1)) continue;
    const double a = std::floor(ratio * std::pow(y0, ratio - 1) * 1e6) / 1e6;
    const double b = std::ceil((ratio - 1) * std::pow(y0, ratio) * 1e6 + 1) / 1e6;
    parts.push_back(s1 >= real_of(ctx, a) * s2 - real_of(ctx, b) * n);
    parts.push_back(l1 >= real_of(ctx, a) * l2 - real_of(ctx, b));
  }
}

}  // namespace

// Questions about one event of the events program, in a Z3 context of its own (its
// inputs would otherwise share names with the lead's), the as-of time free.
struct ActivityEncoding::Questions {
  Questions(const ir::Program& events, uint64_t rlimit)
      : as_of(ctx.real_const("as_of")), enc(ctx, events, as_of), solver(ctx) {
    z3::params p(ctx);
    p.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(rlimit, UINT32_MAX)));
    set_nonlinear_params(p, enc.nonlinear());
    solver.set(p);
  }
  // sat, unsat or unknown (out of resources) for some event and as-of.
  z3::check_result ask(const z3::expr& query) {
    z3::check_result r = z3::unknown;
    solver.push();
    try {
      solver.add(enc.domain_for(query));
      solver.add(query);
      r = solver.check();
    } catch (const z3::exception&) {
      r = z3::unknown;
    }
    solver.pop();
    return r;
  }

  z3::context ctx;  // declared first: destroyed after everything built in it
  z3::expr as_of;
  Encoder enc;
  z3::solver solver;
};

struct ActivityEncoding::CellSum {
  uint64_t key;  // the summed field
  size_t cell;
  z3::expr value;
  z3::expr facts;
  bool approx;
};

struct ActivityEncoding::CellWeight {
  double half_life;
  size_t cell;
  z3::expr sum, largest;
  z3::expr facts;
  bool approx;
};

ActivityEncoding::ActivityEncoding(z3::context& ctx, const ir::Program& program, const z3::expr& as_of,
                                   uint64_t rlimit)
    : ctx_(ctx), program_(program), act_(*program.activity), as_of_(as_of), rlimit_(rlimit) {
  const std::vector<ir::Aggregate>& aggs = act_.aggregates;
  std::unordered_map<ir::Reg, std::string> memo;
  std::unordered_map<std::string, size_t> by_shape;
  for (const ir::Aggregate& g : aggs) {
    auto [it, fresh] = by_shape.emplace(shape(act_.events, g.condition, memo), cond_.size());
    if (fresh) cond_.push_back(g.condition);
    cls_.push_back(it->second);
  }
  const ir::Program& ev = act_.events;
  timed_events_.assign(ev.code.size(), false);
  for (ir::Reg r = 0; r < ev.code.size(); ++r) {
    const ir::Instr& in = ev.code[r];
    bool t = in.op == ir::Op::AsOf;
    if (in.op != ir::Op::Field) {
      for (ir::Reg x : {in.a, in.b, in.c}) t = t || (x != ir::kNoReg && x < r && timed_events_[x]);
    }
    timed_events_[r] = t;
  }
  approximate_.assign(cond_.size(), false);
  q_ = std::make_unique<Questions>(ev, rlimit);
  enumerate_cells();

  // A count per cell; a class has an event when one of its cells is not empty.
  const size_t m = cond_.size();
  std::vector<z3::expr_vector> of_class;
  for (size_t c = 0; c < m; ++c) of_class.emplace_back(ctx_);
  bool timed_patterns = std::any_of(cond_.begin(), cond_.end(), [&](ir::Reg r) { return timed_events_[r]; });
  for (size_t k = 0; k < cells_.size(); ++k) {
    count_.push_back(ctx_.int_const(fmt::format("events_in_cell_{}", k).c_str()));
    for (size_t c = 0; c < m; ++c) {
      if (cells_[k][c]) of_class[c].push_back(count_[k] >= 1);
    }
    cell_event_.push_back(cells_exact_ && timed_patterns ? &new_event() : nullptr);
  }
  for (size_t c = 0; c < m; ++c) some_.push_back(z3::mk_or(of_class[c]));
  const double unset = std::nan("");
  ages_.assign(cells_.size(), {unset, unset});
  ages_approx_.assign(cells_.size(), false);
}

ActivityEncoding::~ActivityEncoding() = default;

bool ActivityEncoding::nonlinear() const { return q_->enc.nonlinear(); }

bool ActivityEncoding::timed(size_t g) const {
  const ir::Aggregate& a = act_.aggregates[g];
  return decayed(a.kind) || timed_events_[a.condition] || (a.value != ir::kNoReg && timed_events_[a.value]);
}

Encoder& ActivityEncoding::new_event() {
  events_.emplace_back(ctx_, act_.events, as_of_, fmt::format("event{}_", events_.size()));
  return events_.back();
}

z3::expr ActivityEncoding::has_pattern(Encoder& e, size_t k) const {
  z3::expr_vector parts(ctx_);
  for (size_t c = 0; c < cond_.size(); ++c) {
    parts.push_back(cells_[k][c] ? e.is_true(cond_[c]) : !e.is_true(cond_[c]));
  }
  z3::expr all = z3::mk_and(parts);
  return e.domain_for(all) && all;
}

z3::expr ActivityEncoding::question_cell(size_t k) const {
  z3::expr_vector parts(q_->ctx);
  for (size_t c = 0; c < cond_.size(); ++c) {
    if (cells_[k][c]) {
      parts.push_back(q_->enc.is_true(cond_[c]));
    } else if (cells_exact_) {
      parts.push_back(!q_->enc.is_true(cond_[c]));
    }
  }
  return z3::mk_and(parts);
}

z3::expr ActivityEncoding::cell_sum(ir::Reg value, size_t k, z3::expr_vector& facts, bool& approx) {
  const ir::Program& ev = act_.events;
  const ir::Instr& fv = ev.code.at(value);
  const bool field = fv.op == ir::Op::Field;
  const uint64_t key = field ? fv.a : (uint64_t{1} << 32) + value;
  for (const CellSum& c : sums_) {
    if (c.key != key || c.cell != k) continue;
    facts.push_back(c.facts);
    approx = approx || c.approx;
    return c.value;
  }
  const ir::FieldKind kind = field ? ev.inputs.at(fv.a).kind : ir::FieldKind::Number;
  const bool whole = field && (kind == ir::FieldKind::Int || kind == ir::FieldKind::Money);
  const std::string name = fmt::format("sum{}_in_cell_{}", key, k);
  const z3::expr sum = whole ? z3::to_real(ctx_.int_const(name.c_str())) : ctx_.real_const(name.c_str());
  const z3::expr n = z3::to_real(count_[k]);
  // Candidate bounds of one event's contribution: 0 and the constants the field is
  // compared with (and their neighbours, for whole numbers).
  std::vector<double> ts{0};
  auto same = [&](ir::Reg x) { return x == value || (field && ev.code[x].op == ir::Op::Field && ev.code[x].a == fv.a); };
  for (const ir::Instr& in : ev.code) {
    if (!is_comparison(in.op) || in.a == ir::kNoReg || in.b == ir::kNoReg) continue;
    for (auto [x, y] : {std::pair{in.a, in.b}, std::pair{in.b, in.a}}) {
      const ir::Instr& c = ev.code[y];
      if (same(x) && c.op == ir::Op::Const && c.type == ir::Type::Num && !c.value.missing && std::isfinite(c.value.num))
        ts.push_back(c.value.num);
    }
  }
  if (whole) {
    const size_t given = ts.size();
    for (size_t i = 0; i < given; ++i) {
      for (double t : {std::floor(ts[i]), std::floor(ts[i]) + 1, std::ceil(ts[i]) - 1, std::ceil(ts[i])}) ts.push_back(t);
    }
  }
  std::sort(ts.begin(), ts.end());
  ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
  if (ts.size() > kMaxSumBounds) ts = whole ? std::vector<double>{-1, 0, 1} : std::vector<double>{0};
  // Every event of the cell contributes `bad`-free values: no event of the cell can.
  const z3::expr cell = question_cell(k);
  const Encoder& qe = q_->enc;
  const z3::expr v = z3::ite(qe.known(value), qe.value(value), q_->ctx.real_val(0));
  bool out = false;
  auto never = [&](const z3::expr& bad) {
    z3::check_result r = q_->ask(cell && bad);
    if (r == z3::unknown) out = true;
    return r == z3::unsat;
  };
  z3::expr_vector parts(ctx_);
  parts.push_back(count_[k] >= 1 || sum == ctx_.real_val(0));
  // The largest t with every value >= t (monotone in t: a binary search), and the
  // smallest with every value <= t.
  auto search = [&](bool lower) -> std::optional<size_t> {
    long lo = -1, hi = static_cast<long>(ts.size());  // lower: holds at lo, fails at hi
    while (hi - lo > 1) {
      const long mid = (lo + hi) / 2;
      const z3::expr t = real_of(q_->ctx, ts[static_cast<size_t>(mid)]);
      const bool holds = lower ? never(v < t) : !never(v > t);
      (holds ? lo : hi) = mid;
    }
    if (lower) return lo >= 0 ? std::optional<size_t>(static_cast<size_t>(lo)) : std::nullopt;
    return hi < static_cast<long>(ts.size()) ? std::optional<size_t>(static_cast<size_t>(hi)) : std::nullopt;
  };
  if (std::optional<size_t> i = search(true)) {
    const double t = ts[*i];
    const bool strict = never(v <= real_of(q_->ctx, t));
    if (strict && whole) {
      parts.push_back(sum >= real_of(ctx_, t + 1) * n);
    } else if (strict) {
      parts.push_back(z3::implies(count_[k] >= 1, sum > real_of(ctx_, t) * n));
    } else {
      parts.push_back(sum >= real_of(ctx_, t) * n);
    }
  }
  if (std::optional<size_t> i = search(false)) {
    const double t = ts[*i];
    const bool strict = never(v >= real_of(q_->ctx, t));
    if (strict && whole) {
      parts.push_back(sum <= real_of(ctx_, t - 1) * n);
    } else if (strict) {
      parts.push_back(z3::implies(count_[k] >= 1, sum < real_of(ctx_, t) * n));
    } else {
      parts.push_back(sum <= real_of(ctx_, t) * n);
    }
  }
  const z3::expr all = z3::mk_and(parts);
  sums_.push_back({key, k, sum, all, out});
  facts.push_back(all);
  approx = approx || out;
  return sum;
}

void ActivityEncoding::cell_ages(size_t k, double& young, double& old, bool& approx) {
  if (!std::isnan(ages_[k].first)) {
    young = ages_[k].first;
    old = ages_[k].second;
    approx = approx || ages_approx_[k];
    return;
  }
  young = old = -1;
  if (act_.time != ir::kNoReg) {
    std::vector<double> ds{0};
    for (const ir::Aggregate& a : act_.aggregates) {
      if (a.within > 0 && std::isfinite(a.within)) ds.push_back(a.within);
    }
    std::sort(ds.begin(), ds.end());
    ds.erase(std::unique(ds.begin(), ds.end()), ds.end());
    const Encoder& qe = q_->enc;
    const z3::expr cell = question_cell(k);
    auto never = [&](const z3::expr& bad) {
      z3::check_result r = q_->ask(cell && bad);
      if (r == z3::unknown) ages_approx_[k] = true;
      return r == z3::unsat;
    };
    auto recent = [&](double d) { return qe.known(act_.time) && qe.value(act_.time) >= q_->as_of - real_of(q_->ctx, d); };
    // The smallest d with every event recent (larger ones hold too), and the largest
    // with none recent.
    for (double d : ds) {
      if (never(!recent(d))) {
        young = d;
        break;
      }
    }
    for (auto it = ds.rbegin(); it != ds.rend(); ++it) {
      if (never(recent(*it))) {
        old = *it;
        break;
      }
    }
  }
  ages_[k] = {young, old};
  approx = approx || ages_approx_[k];
}

z3::expr ActivityEncoding::cell_weight(double h, size_t k, bool largest, z3::expr_vector& facts, bool& approx) {
  for (const CellWeight& w : weights_) {
    if (w.half_life != h || w.cell != k) continue;
    facts.push_back(w.facts);
    approx = approx || w.approx;
    return largest ? w.largest : w.sum;
  }
  const z3::expr d = ctx_.real_const(fmt::format("weight{}_in_cell_{}", weights_.size(), k).c_str());
  const z3::expr top = ctx_.real_const(fmt::format("top_weight{}_in_cell_{}", weights_.size(), k).c_str());
  const z3::expr n = z3::to_real(count_[k]);
  const z3::expr zero = ctx_.real_val(0);
  z3::expr_vector parts(ctx_);
  // Each event weighs 0 (no time) to 1 (not older than the as-of).
  parts.push_back(zero <= top && top <= ctx_.real_val(1) && top <= d && d <= n);
  parts.push_back(z3::implies(count_[k] <= 1, d == top));
  bool out = false;
  double young = -1, old = -1;
  cell_ages(k, young, old, out);
  // Bounds of 2^(-age / h), rounded outwards (the runtime computes it in doubles).
  if (young >= 0) {
    const double w = std::exp2(-young / h);
    const double lb = std::floor(w * 1e6 - 1) / 1e6;
    if (lb > 0) {
      parts.push_back(z3::implies(count_[k] >= 1, top >= real_of(ctx_, lb)));
      parts.push_back(d >= real_of(ctx_, lb) * n);
    } else if (young / h < 1000) {
      parts.push_back(z3::implies(count_[k] >= 1, top > zero));
    }
  }
  if (old > 0) {
    const double ub = std::ceil(std::exp2(-old / h) * 1e6 + 1) / 1e6;
    if (ub < 1) {
      parts.push_back(top <= real_of(ctx_, ub));
      parts.push_back(d <= real_of(ctx_, ub) * n);
    }
  }
  // The same events weighed with another half-life (decision 94): both weights are
  // folds of one set of events, so they are related per event.
  for (const CellWeight& w : weights_) {
    if (w.cell != k || w.half_life == h) continue;
    const bool mine_shorter = h < w.half_life;
    relate_half_lives(mine_shorter ? w.half_life / h : h / w.half_life, mine_shorter ? d : w.sum,
                      mine_shorter ? w.sum : d, mine_shorter ? top : w.largest, mine_shorter ? w.largest : top, n,
                      parts);
  }
  const z3::expr all = z3::mk_and(parts);
  weights_.push_back({h, k, d, top, all, out});
  facts.push_back(all);
  approx = approx || out;
  return largest ? top : d;
}

void ActivityEncoding::enumerate_cells() {
  const size_t m = cond_.size();
  z3::expr_vector matches(q_->ctx);
  for (ir::Reg r : cond_) matches.push_back(q_->enc.is_true(r));
  z3::solver& s = q_->solver;
  s.push();
  try {
    s.add(q_->enc.domain_for(z3::mk_and(matches) || z3::mk_or(matches)));
    for (;;) {
      z3::check_result r = s.check();
      if (r == z3::unsat) break;
      if (r == z3::unknown || cells_.size() == kMaxCells) {
        cells_exact_ = false;
        break;
      }
      z3::model mod = s.get_model();
      std::vector<bool> pattern(m);
      z3::expr_vector other(q_->ctx);
      for (size_t c = 0; c < m; ++c) {
        pattern[c] = mod.eval(matches[static_cast<int>(c)], true).is_true();
        other.push_back(pattern[c] ? !matches[static_cast<int>(c)] : matches[static_cast<int>(c)]);
      }
      cells_.push_back(std::move(pattern));
      s.add(z3::mk_or(other));  // the next event has another pattern
    }
  } catch (const z3::exception&) {
    cells_exact_ = false;
  }
  s.pop();
  if (cells_exact_) return;
  // Undecided: each class on its own cell, independent of the others (every lead
  // is still possible), and every aggregate approximate.
  cells_.assign(m, std::vector<bool>(m, false));
  for (size_t c = 0; c < m; ++c) cells_[c][c] = true;
  approximate_.assign(m, true);
}

z3::expr ActivityEncoding::domain(size_t g, const z3::expr& known, const z3::expr& value) {
  const ir::Aggregate& a = act_.aggregates.at(g);
  const size_t c = cls_[g];
  const z3::expr zero = ctx_.real_val(0);
  z3::expr_vector parts(ctx_);
  // The cells this class counts, and what their events must be.
  z3::expr_vector in_class(ctx_);
  for (size_t k = 0; k < cells_.size(); ++k) {
    if (!cells_[k][c]) continue;
    in_class.push_back(count_[k]);
    parts.push_back(count_[k] >= 0);
    if (Encoder* e = cell_event_[k]) parts.push_back(z3::implies(count_[k] >= 1, has_pattern(*e, k)));
  }
  const z3::expr& some = some_[c];
  switch (a.kind) {
    case K::Count:
      parts.push_back(value == (in_class.empty() ? ctx_.real_val(0) : z3::to_real(z3::sum(in_class))));
      break;
    case K::Any: parts.push_back(some == value); break;
    case K::None: parts.push_back(some == !value); break;
    case K::DecayedCount:
    case K::DecayedAny: {
      // The summed weight over the class's cells, or the largest of theirs.
      parts.push_back(value >= zero && z3::implies(value > zero, some));
      bool approx = false;
      z3::expr_vector each(ctx_), is_one(ctx_);
      for (size_t k = 0; k < cells_.size(); ++k) {
        if (!cells_[k][c]) continue;
        z3::expr w = cell_weight(a.half_life, k, a.kind == K::DecayedAny, parts, approx);
        each.push_back(w);
        if (a.kind == K::DecayedAny) {
          parts.push_back(value >= w);
          is_one.push_back(value == w);
        }
      }
      if (a.kind == K::DecayedCount) {
        parts.push_back(value == (each.empty() ? zero : z3::sum(each)));
      } else {
        parts.push_back(is_one.empty() ? value == zero : z3::mk_or(is_one));
      }
      if (approx) approximate_[c] = true;
      break;
    }
    case K::Sum: {
      // The sum over the class's cells.
      parts.push_back(z3::implies(value != zero, some));
      bool approx = false;
      z3::expr_vector each(ctx_);
      for (size_t k = 0; k < cells_.size(); ++k) {
        if (cells_[k][c]) each.push_back(cell_sum(a.value, k, parts, approx));
      }
      parts.push_back(value == (each.empty() ? zero : z3::sum(each)));
      if (approx) approximate_[c] = true;
      break;
    }
    case K::Latest:
    case K::Earliest: {
      const ir::Instr& field = act_.events.code.at(a.value);
      const bool required = field.op == ir::Op::Field && !act_.events.inputs.at(field.a).optional;
      parts.push_back(required ? known == some : z3::implies(known, some));
      // The value is that of an event matching the condition now, in a non-empty cell.
      Encoder& e = new_event();
      z3::expr is = e.is_true(a.condition) && e.known(a.value) && e.value(a.value) == value;
      z3::expr_vector where(ctx_);
      for (size_t k = 0; k < cells_.size(); ++k) {
        if (cells_[k][c] && cells_exact_) where.push_back(count_[k] >= 1 && has_pattern(e, k));
      }
      if (cells_exact_) is = is && z3::mk_or(where);
      parts.push_back(z3::implies(known, e.domain_for(is) && is));
      // And no event of a non-empty cell of the class is later (earlier).
      for (size_t k = 0; k < cells_.size(); ++k) {
        Encoder* o = cell_event_[k];
        if (!o || !cells_[k][c]) continue;
        z3::expr beyond = a.kind == K::Latest ? o->value(a.value) > value : o->value(a.value) < value;
        parts.push_back(z3::implies(known && count_[k] >= 1 && o->known(a.value), !beyond));
      }
      break;
    }
  }
  return z3::mk_and(parts);
}

std::vector<Relation> ActivityEncoding::relations(const std::vector<InputVars>& inputs) {
  std::vector<Relation> out;
  const std::vector<ir::Aggregate>& aggs = act_.aggregates;
  const size_t n = aggs.size(), m = cond_.size();
  auto relate = [&](std::vector<uint32_t> ins, const z3::expr& holds) {
    std::sort(ins.begin(), ins.end());
    ins.erase(std::unique(ins.begin(), ins.end()), ins.end());
    out.push_back({std::move(ins), holds});
  };
  // implies(a, b): no cell is in a and not in b (for every as-of: cells are found
  // over all of them). Unknown when the cells are not all known.
  auto implies = [&](size_t a, size_t b) {
    if (a == b) return true;
    if (!cells_exact_) return false;
    return std::none_of(cells_.begin(), cells_.end(), [&](const std::vector<bool>& p) { return p[a] && !p[b]; });
  };
  // What C_i => C_j says about the values of aggregates i and j (counts and `some`
  // are exact already): the events of C_i are among those of C_j.
  auto bound = [&](size_t i, size_t j) -> std::optional<z3::expr> {
    const ir::Aggregate &gi = aggs[i], &gj = aggs[j];
    const z3::expr &x = inputs[gi.input].value, &y = inputs[gj.input].value;
    // Sums and decayed weights are related through their cells (domain()).
    if (gi.value == ir::kNoReg || gi.value != gj.value) return std::nullopt;
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
      if (i == j || !implies(cls_[i], cls_[j])) continue;
      if (std::optional<z3::expr> b = bound(i, j)) relate({aggs[i].input, aggs[j].input}, *b);
    }
  }
  (void)m;
  return out;
}

}  // namespace leadc::analysis
