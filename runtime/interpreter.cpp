// The column-at-a-time interpreter. Each instruction becomes one loop over the
// batch's rows reading and writing flat arrays (known flags beside values), so the
// per-row cost is a few machine instructions and the dispatch is paid once per batch.
// Values at rows whose known flag is 0 are unspecified (Bool values are kept 0/1).
#include "runtime/interpreter.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string_view>

#include "base/text_ops.h"
#include "compiler/ir/verify.h"

namespace leadc::rt {

using ir::Op;
using ir::Type;

namespace {

template <class T>
std::vector<T>& values(Column& c);
template <> std::vector<double>& values(Column& c) { return c.num; }
template <> std::vector<uint8_t>& values(Column& c) { return c.b; }
template <> std::vector<int32_t>& values(Column& c) { return c.member; }
template <> std::vector<std::string_view>& values(Column& c) { return c.str; }
template <class T>
const std::vector<T>& values(const Column& c) { return values<T>(const_cast<Column&>(c)); }

// r = f(a, b), known when both are known.
template <class T, class R, class F>
void binary(const Column& a, const Column& b, Column& r, size_t n, F f) {
  const uint8_t* __restrict ka = a.known.data();
  const uint8_t* __restrict kb = b.known.data();
  const T* __restrict x = values<T>(a).data();
  const T* __restrict y = values<T>(b).data();
  uint8_t* __restrict k = r.known.data();
  R* __restrict v = values<R>(r).data();
  for (size_t i = 0; i < n; ++i) {
    k[i] = ka[i] & kb[i];
    v[i] = f(x[i], y[i]);
  }
}

// An arithmetic result that is not finite (an overflow to ±inf, inf - inf, 0 * inf) is
// unknown, as a division by zero is (ir.h, Add..Div; decision in docs/language.md).
void known_if_finite(Column& r, size_t n) {
  const double* __restrict v = r.num.data();
  uint8_t* __restrict k = r.known.data();
  for (size_t i = 0; i < n; ++i) k[i] &= std::fabs(v[i]) <= std::numeric_limits<double>::max();
}

template <class T>
void equality(const Column& a, const Column& b, Column& r, size_t n, bool negate) {
  if (negate) {
    binary<T, uint8_t>(a, b, r, n, [](const T& x, const T& y) -> uint8_t { return x != y; });
  } else {
    binary<T, uint8_t>(a, b, r, n, [](const T& x, const T& y) -> uint8_t { return x == y; });
  }
}

template <class T>
void coalesce(const Column& a, const Column& b, Column& r, size_t n) {
  const uint8_t* __restrict ka = a.known.data();
  const uint8_t* __restrict kb = b.known.data();
  const T* __restrict x = values<T>(a).data();
  const T* __restrict y = values<T>(b).data();
  uint8_t* __restrict k = r.known.data();
  T* __restrict v = values<T>(r).data();
  for (size_t i = 0; i < n; ++i) {
    k[i] = ka[i] | kb[i];
    v[i] = ka[i] ? x[i] : y[i];
  }
}

template <class T>
void select(const Column& c, const Column& a, const Column& b, Column& r, size_t n) {
  const uint8_t* __restrict kc = c.known.data();
  const uint8_t* __restrict vc = c.b.data();
  const uint8_t* __restrict ka = a.known.data();
  const uint8_t* __restrict kb = b.known.data();
  const T* __restrict x = values<T>(a).data();
  const T* __restrict y = values<T>(b).data();
  uint8_t* __restrict k = r.known.data();
  T* __restrict v = values<T>(r).data();
  for (size_t i = 0; i < n; ++i) {
    bool pick_a = kc[i] & vc[i];
    k[i] = pick_a ? ka[i] : kb[i];
    v[i] = pick_a ? x[i] : y[i];
  }
}

template <class T>
void copy_column(const Column& src, Column& r, size_t n) {
  r.known.assign(src.known.begin(), src.known.begin() + n);
  values<T>(r).assign(values<T>(src).begin(), values<T>(src).begin() + n);
}


class Interpreter final : public Evaluator {
 public:
  Interpreter(const ir::Program& program, EvalContext ctx) : program_(program), ctx_(ctx) {}

  void evaluate(const Batch& in, Registers& out) const override {
    const size_t n = in.rows;
    out.regs.resize(program_.code.size());
    for (size_t i = 0; i < program_.code.size(); ++i) run(program_.code[i], in, out.regs, i, n);
  }

 private:
  void run(const ir::Instr& ins, const Batch& in, std::vector<Column>& regs, size_t self, size_t n) const {
    Column& r = regs[self];
    r.prepare(ins.type, n);
    switch (ins.op) {
      case Op::Field: {
        const Column& src = in.inputs[ins.a];
        switch (ins.type) {
          case Type::Num: copy_column<double>(src, r, n); break;
          case Type::Bool: copy_column<uint8_t>(src, r, n); break;
          case Type::Enum: copy_column<int32_t>(src, r, n); break;
          case Type::Str: copy_column<std::string_view>(src, r, n); break;
        }
        return;
      }
      case Op::Const: {
        const ir::Constant& c = ins.value;
        std::fill(r.known.begin(), r.known.end(), c.missing ? 0 : 1);
        switch (ins.type) {
          case Type::Num: std::fill(r.num.begin(), r.num.end(), c.num); break;
          case Type::Bool: std::fill(r.b.begin(), r.b.end(), c.b ? 1 : 0); break;
          case Type::Enum: std::fill(r.member.begin(), r.member.end(), c.member); break;
          case Type::Str: std::fill(r.str.begin(), r.str.end(), std::string_view(c.str)); break;
        }
        return;
      }
      case Op::AsOf:
        std::fill(r.known.begin(), r.known.end(), 1);
        std::fill(r.num.begin(), r.num.end(), ctx_.as_of);
        return;
      default: break;
    }
    const Column& a = regs[ins.a];
    const Column* b = ins.b != ir::kNoReg ? &regs[ins.b] : nullptr;
    switch (ins.op) {
      case Op::Add:
        binary<double, double>(a, *b, r, n, [](double x, double y) { return x + y; });
        return known_if_finite(r, n);
      case Op::Sub:
        binary<double, double>(a, *b, r, n, [](double x, double y) { return x - y; });
        return known_if_finite(r, n);
      case Op::Mul:
        binary<double, double>(a, *b, r, n, [](double x, double y) { return x * y; });
        return known_if_finite(r, n);
      case Op::Div: {
        binary<double, double>(a, *b, r, n, [](double x, double y) { return x / y; });
        const double* __restrict y = b->num.data();
        uint8_t* __restrict k = r.known.data();
        for (size_t i = 0; i < n; ++i) k[i] &= y[i] != 0.0;
        return known_if_finite(r, n);
      }
      case Op::Min: return binary<double, double>(a, *b, r, n, [](double x, double y) { return x < y ? x : y; });
      case Op::Max: return binary<double, double>(a, *b, r, n, [](double x, double y) { return x > y ? x : y; });
      case Op::Eq:
      case Op::Ne: {
        bool ne = ins.op == Op::Ne;
        switch (a.type) {
          case Type::Num: return equality<double>(a, *b, r, n, ne);
          case Type::Bool: return equality<uint8_t>(a, *b, r, n, ne);
          case Type::Enum: return equality<int32_t>(a, *b, r, n, ne);
          case Type::Str: return equality<std::string_view>(a, *b, r, n, ne);
        }
        return;
      }
      case Op::Lt: return binary<double, uint8_t>(a, *b, r, n, [](double x, double y) -> uint8_t { return x < y; });
      case Op::Le: return binary<double, uint8_t>(a, *b, r, n, [](double x, double y) -> uint8_t { return x <= y; });
      case Op::Gt: return binary<double, uint8_t>(a, *b, r, n, [](double x, double y) -> uint8_t { return x > y; });
      case Op::Ge: return binary<double, uint8_t>(a, *b, r, n, [](double x, double y) -> uint8_t { return x >= y; });
      case Op::StartsWith:
        return binary<std::string_view, uint8_t>(a, *b, r, n, [](std::string_view x, std::string_view y) -> uint8_t {
          return text::starts_with(x, y);
        });
      case Op::EndsWith:
        return binary<std::string_view, uint8_t>(a, *b, r, n, [](std::string_view x, std::string_view y) -> uint8_t {
          return text::ends_with(x, y);
        });
      case Op::Contains:
        return binary<std::string_view, uint8_t>(a, *b, r, n, [](std::string_view x, std::string_view y) -> uint8_t {
          return text::contains(x, y);
        });
      case Op::And: {
        const uint8_t *__restrict ka = a.known.data(), *__restrict va = a.b.data();
        const uint8_t *__restrict kb = b->known.data(), *__restrict vb = b->b.data();
        uint8_t *__restrict k = r.known.data(), *__restrict v = r.b.data();
        for (size_t i = 0; i < n; ++i) {
          uint8_t known_false = (ka[i] & (va[i] ^ 1)) | (kb[i] & (vb[i] ^ 1));
          uint8_t both = ka[i] & kb[i];
          k[i] = known_false | both;
          v[i] = both & va[i] & vb[i];
        }
        return;
      }
      case Op::Or: {
        const uint8_t *__restrict ka = a.known.data(), *__restrict va = a.b.data();
        const uint8_t *__restrict kb = b->known.data(), *__restrict vb = b->b.data();
        uint8_t *__restrict k = r.known.data(), *__restrict v = r.b.data();
        for (size_t i = 0; i < n; ++i) {
          uint8_t known_true = (ka[i] & va[i]) | (kb[i] & vb[i]);
          k[i] = known_true | (ka[i] & kb[i]);
          v[i] = known_true;
        }
        return;
      }
      case Op::Not: {
        const uint8_t *__restrict ka = a.known.data(), *__restrict va = a.b.data();
        uint8_t *__restrict k = r.known.data(), *__restrict v = r.b.data();
        for (size_t i = 0; i < n; ++i) {
          k[i] = ka[i];
          v[i] = ka[i] & (va[i] ^ 1);
        }
        return;
      }
      case Op::IsKnown: {
        std::copy(a.known.begin(), a.known.begin() + n, r.b.begin());
        std::fill(r.known.begin(), r.known.end(), 1);
        return;
      }
      case Op::Coalesce:
        switch (ins.type) {
          case Type::Num: return coalesce<double>(a, *b, r, n);
          case Type::Bool: return coalesce<uint8_t>(a, *b, r, n);
          case Type::Enum: return coalesce<int32_t>(a, *b, r, n);
          case Type::Str: return coalesce<std::string_view>(a, *b, r, n);
        }
        return;
      case Op::Select: {
        const Column& c = regs[ins.c];
        switch (ins.type) {
          case Type::Num: return select<double>(a, *b, c, r, n);
          case Type::Bool: return select<uint8_t>(a, *b, c, r, n);
          case Type::Enum: return select<int32_t>(a, *b, c, r, n);
          case Type::Str: return select<std::string_view>(a, *b, c, r, n);
        }
        return;
      }
      case Op::Field:
      case Op::Const:
      case Op::AsOf: return;
    }
  }

  ir::Program program_;  // owned: Const Str registers point into it
  EvalContext ctx_;
};

}  // namespace

Expected<std::unique_ptr<Evaluator>> make_interpreter(const ir::Program& program, EvalContext ctx) {
  if (Status s = ir::verify(program); !s) return Failure{"ill-formed IR program: " + s.error()};
  return std::unique_ptr<Evaluator>(std::make_unique<Interpreter>(program, ctx));
}

}  // namespace leadc::rt
