// Exact integer sets of conditions on one `int` field (int_intervals.h).
#include "compiler/analysis/int_intervals.h"

#include <cmath>
#include <limits>

namespace leadc::analysis {

namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
// Constants beyond this are left to the solver (doubles are exact integers up to 2^53).
constexpr double kExact = 9007199254740992.0;
// A shape with more intervals than this is left to the solver.
constexpr size_t kMaxParts = 64;

}  // namespace

IntSet IntSet::all() { return range(kMin, kMax); }

IntSet IntSet::range(int64_t lo, int64_t hi) {
  IntSet s;
  if (lo <= hi) s.parts_.emplace_back(lo, hi);
  return s;
}

void IntSet::push(int64_t lo, int64_t hi) {
  if (lo > hi) return;
  if (!parts_.empty() && parts_.back().second != kMax && lo <= parts_.back().second + 1) {
    parts_.back().second = std::max(parts_.back().second, hi);
    return;
  }
  if (!parts_.empty() && parts_.back().second == kMax) return;  // already to the end
  parts_.emplace_back(lo, hi);
}

IntSet IntSet::complement() const {
  IntSet out;
  int64_t next = kMin;  // the smallest value not yet decided
  bool open = true;     // values from `next` on are still to be decided
  for (auto [lo, hi] : parts_) {
    if (lo > next) out.push(next, lo - 1);
    if (hi == kMax) {
      open = false;
      break;
    }
    next = hi + 1;
  }
  if (open) out.push(next, kMax);
  return out;
}

IntSet IntSet::unite(const IntSet& o) const {
  IntSet out;
  size_t i = 0, j = 0;
  while (i < parts_.size() || j < o.parts_.size()) {
    bool mine = j == o.parts_.size() || (i < parts_.size() && parts_[i].first <= o.parts_[j].first);
    auto p = mine ? parts_[i++] : o.parts_[j++];
    out.push(p.first, p.second);
  }
  return out;
}

IntSet IntSet::intersect(const IntSet& o) const {
  IntSet out;
  size_t i = 0, j = 0;
  while (i < parts_.size() && j < o.parts_.size()) {
    int64_t lo = std::max(parts_[i].first, o.parts_[j].first);
    int64_t hi = std::min(parts_[i].second, o.parts_[j].second);
    out.push(lo, hi);
    if (parts_[i].second < o.parts_[j].second) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

void IntUnion::add(const IntSet& s) {
  for (auto [lo, hi] : s.parts()) {
    // Merge with every stored interval that overlaps or touches [lo, hi].
    auto it = parts_.upper_bound(lo);
    if (it != parts_.begin()) {
      auto prev = std::prev(it);
      if (prev->second == kMax || prev->second + 1 >= lo) {
        lo = prev->first;
        hi = std::max(hi, prev->second);
        it = parts_.erase(prev);
      }
    }
    while (it != parts_.end() && (hi == kMax || it->first <= hi + 1)) {
      hi = std::max(hi, it->second);
      it = parts_.erase(it);
    }
    parts_.emplace(lo, hi);
  }
}

bool IntUnion::covers(const IntSet& s) const {
  for (auto [lo, hi] : s.parts()) {
    auto it = parts_.upper_bound(lo);
    if (it == parts_.begin()) return false;
    if (std::prev(it)->second < hi) return false;  // stored intervals do not touch: one must hold it all
  }
  return true;
}

bool IntUnion::meets(const IntSet& s) const {
  for (auto [lo, hi] : s.parts()) {
    auto it = parts_.upper_bound(hi);  // the first interval starting after hi
    if (it == parts_.begin()) continue;
    if (std::prev(it)->second >= lo) return true;
  }
  return false;
}

IntShapes::IntShapes(const ir::Program& program)
    : program_(program), done_(program.code.size(), 0), shapes_(program.code.size()) {}

const IntShapes::Shape* IntShapes::shape(ir::Reg r) {
  if (r >= program_.code.size()) return nullptr;
  // Operands come before their register: compute them in order, without recursion.
  std::vector<ir::Reg> stack{r};
  while (!stack.empty()) {
    ir::Reg x = stack.back();
    if (done_[x]) {
      stack.pop_back();
      continue;
    }
    const ir::Instr& in = program_.code[x];
    bool ready = true;
    if (in.op == ir::Op::And || in.op == ir::Op::Or || in.op == ir::Op::Not) {
      for (ir::Reg y : {in.a, in.b}) {
        if (y != ir::kNoReg && y < x && !done_[y]) {
          stack.push_back(y);
          ready = false;
        }
      }
    }
    if (!ready) continue;
    shapes_[x] = compute(x);
    done_[x] = 1;
    stack.pop_back();
  }
  return shapes_[r] ? &*shapes_[r] : nullptr;
}

std::optional<IntShapes::Shape> IntShapes::compute(ir::Reg r) {
  const ir::Instr& in = program_.code[r];
  if (in.type != ir::Type::Bool) return std::nullopt;
  auto child = [&](ir::Reg y) -> const Shape* {
    if (y == ir::kNoReg || y >= r || !done_[y] || !shapes_[y]) return nullptr;
    return &*shapes_[y];
  };
  switch (in.op) {
    case ir::Op::Not: {
      const Shape* a = child(in.a);
      if (!a) return std::nullopt;
      return Shape{a->input, a->values.complement()};
    }
    case ir::Op::And:
    case ir::Op::Or: {
      const Shape *a = child(in.a), *b = child(in.b);
      if (!a || !b || a->input != b->input) return std::nullopt;
      IntSet v = in.op == ir::Op::And ? a->values.intersect(b->values) : a->values.unite(b->values);
      if (v.size() > kMaxParts) return std::nullopt;
      return Shape{a->input, std::move(v)};
    }
    case ir::Op::Eq:
    case ir::Op::Ne:
    case ir::Op::Lt:
    case ir::Op::Le:
    case ir::Op::Gt:
    case ir::Op::Ge: {
      if (in.a == ir::kNoReg || in.b == ir::kNoReg || in.a >= r || in.b >= r) return std::nullopt;
      const ir::Instr &x = program_.code[in.a], &y = program_.code[in.b];
      auto is_field = [&](const ir::Instr& i) {
        if (i.op != ir::Op::Field || i.a >= program_.inputs.size()) return false;
        const ir::Input& input = program_.inputs[i.a];
        return input.kind == ir::FieldKind::Int && !input.synthetic && i.type == ir::Type::Num;
      };
      auto is_num = [](const ir::Instr& i) {
        return i.op == ir::Op::Const && i.type == ir::Type::Num && !i.value.missing && std::isfinite(i.value.num) &&
               std::fabs(i.value.num) < kExact;
      };
      ir::Op op = in.op;
      uint32_t input;
      double c;
      if (is_field(x) && is_num(y)) {
        input = x.a;
        c = y.value.num;
      } else if (is_num(x) && is_field(y)) {
        input = y.a;
        c = x.value.num;
        // c op n  ==  n op' c
        if (op == ir::Op::Lt) op = ir::Op::Gt;
        else if (op == ir::Op::Gt) op = ir::Op::Lt;
        else if (op == ir::Op::Le) op = ir::Op::Ge;
        else if (op == ir::Op::Ge) op = ir::Op::Le;
      } else {
        return std::nullopt;
      }
      const double fl = std::floor(c), ce = std::ceil(c);
      const bool whole = fl == c;
      const auto f = static_cast<int64_t>(fl), e = static_cast<int64_t>(ce);
      IntSet v;
      switch (op) {
        case ir::Op::Eq: v = whole ? IntSet::range(f, f) : IntSet{}; break;
        case ir::Op::Ne: v = whole ? IntSet::range(f, f).complement() : IntSet::all(); break;
        case ir::Op::Lt: v = IntSet::range(kMin, whole ? f - 1 : f); break;
        case ir::Op::Le: v = IntSet::range(kMin, f); break;
        case ir::Op::Gt: v = IntSet::range(whole ? f + 1 : e, kMax); break;
        case ir::Op::Ge: v = IntSet::range(e, kMax); break;
        default: return std::nullopt;
      }
      return Shape{input, std::move(v)};
    }
    default: return std::nullopt;
  }
}

bool LabelSweep::leaves_free(const IntShapes::Shape* s) const {
  if (!s || unknown_ || s->values.empty()) return false;
  if (input_ && *input_ != s->input) return false;
  return !earlier_.covers(s->values);
}

bool LabelSweep::meets_none(const IntShapes::Shape* s) const {
  if (!s || unknown_) return false;
  if (input_ && *input_ != s->input) return false;
  return !earlier_.meets(s->values);
}

void LabelSweep::add(const IntShapes::Shape* s) {
  if (unknown_) return;
  if (!s || (input_ && *input_ != s->input)) {
    unknown_ = true;
    return;
  }
  input_ = s->input;
  earlier_.add(s->values);
}

}  // namespace leadc::analysis
