// Interval and integrality analysis for typed SQL outputs and report bins (see value_range.h).
#include "compiler/ir/value_range.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace leadc::ir {

namespace {

using ir::Op;
constexpr double kInf = std::numeric_limits<double>::infinity();
// The reader accepts ints and money (in cents) that a double holds exactly.
constexpr double kExact = 9007199254740992.0;  // 2^53
// An upper bound on the events of one lead, for counts and sums (a table larger than
// this is not a realistic activity table; beyond it a sum is a double column).
constexpr double kMaxEvents = 4294967296.0;  // 2^32

ValueRange unknown() { return {false, -kInf, kInf}; }
ValueRange whole(double lo, double hi) { return {true, lo, hi}; }

double mul(double a, double b) {
  double p = a * b;
  return std::isnan(p) ? 0 : p;  // 0 * inf: one factor is exactly 0
}

ValueRange field(const ir::Input& in) {
  switch (in.kind) {
    case ir::FieldKind::Int: return in.scale == 1 ? whole(-kExact, kExact) : unknown();
    case ir::FieldKind::Money: return whole(0, kExact);  // loaded rounded to whole cents
    default: return unknown();
  }
}

std::vector<ValueRange> analyse(const ir::Program& p, const std::vector<ValueRange>* events) {
  std::vector<ValueRange> r(p.code.size());
  for (size_t i = 0; i < p.code.size(); ++i) {
    const ir::Instr& in = p.code[i];
    if (in.type != ir::Type::Num) continue;
    auto a = [&] { return r[in.a]; };
    auto b = [&] { return r[in.b]; };
    auto both = [&](ValueRange x, ValueRange y, double lo, double hi) {
      return ValueRange{x.integral && y.integral, lo, hi};
    };
    ValueRange v = unknown();
    switch (in.op) {
      case Op::Const: {
        double c = in.value.num;
        if (in.value.missing) v = whole(0, 0);
        else if (std::isfinite(c) && c == std::floor(c)) v = whole(c, c);
        break;
      }
      case Op::Field: {
        const ir::Input& input = p.inputs[in.a];
        if (!input.synthetic) {
          v = field(input);
        } else if (p.activity && events && input.aggregate >= 0) {
          const ir::Aggregate& g = p.activity->aggregates[input.aggregate];
          ValueRange val = g.value != ir::kNoReg ? (*events)[g.value] : unknown();
          switch (g.kind) {
            case ir::AggregateKind::Count: v = whole(0, kMaxEvents); break;
            case ir::AggregateKind::Sum:
              v = {val.integral, std::min(0.0, mul(val.lo, kMaxEvents)), std::max(0.0, mul(val.hi, kMaxEvents))};
              break;
            case ir::AggregateKind::Latest:
            case ir::AggregateKind::Earliest: v = val; break;
            default: break;
          }
        }
        break;
      }
      case Op::Add: v = both(a(), b(), a().lo + b().lo, a().hi + b().hi); break;
      case Op::Sub: v = both(a(), b(), a().lo - b().hi, a().hi - b().lo); break;
      case Op::Mul: {
        double c[] = {mul(a().lo, b().lo), mul(a().lo, b().hi), mul(a().hi, b().lo), mul(a().hi, b().hi)};
        v = both(a(), b(), *std::min_element(c, c + 4), *std::max_element(c, c + 4));
        break;
      }
      case Op::Min: v = both(a(), b(), std::min(a().lo, b().lo), std::min(a().hi, b().hi)); break;
      case Op::Max: v = both(a(), b(), std::max(a().lo, b().lo), std::max(a().hi, b().hi)); break;
      case Op::Coalesce: v = both(a(), b(), std::min(a().lo, b().lo), std::max(a().hi, b().hi)); break;
      case Op::Select: {
        ValueRange x = r[in.b], y = r[in.c];
        v = both(x, y, std::min(x.lo, y.lo), std::max(x.hi, y.hi));
        break;
      }
      default: break;  // Div, AsOf: not whole in general
    }
    if (std::isnan(v.lo) || std::isnan(v.hi)) v = unknown();
    r[i] = v;
  }
  return r;
}

}  // namespace

std::vector<ValueRange> value_ranges(const ir::Program& program) {
  if (!program.activity) return analyse(program, nullptr);
  std::vector<ValueRange> events = analyse(program.activity->events, nullptr);
  return analyse(program, &events);
}

}  // namespace leadc::ir
