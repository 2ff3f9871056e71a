// Column-at-a-time string predicates for the JIT (see string_columns.h). The tests
// compare bytes exactly as runtime/interpreter.cpp does.
#include "runtime/jit/string_columns.h"

#include <cstring>
#include <string_view>
#include <type_traits>

#include "base/text_ops.h"

namespace leadc::jit {

namespace {

using SV = std::string_view;

bool is_direct(const ir::Instr& in) { return in.op == ir::Op::Field || in.op == ir::Op::Const; }

struct Equal {
  static bool test(SV x, SV y) { return text::equal(x, y); }
};
struct NotEqual {
  static bool test(SV x, SV y) { return !text::equal(x, y); }
};
struct StartsWith {
  static bool test(SV x, SV y) { return text::starts_with(x, y); }
};
struct EndsWith {
  static bool test(SV x, SV y) { return text::ends_with(x, y); }
};
struct Contains {
  static bool test(SV x, SV y) { return text::contains(x, y); }
};

// One operand in a batch: an input column, or a constant for every row.
struct Side {
  const uint8_t* known = nullptr;  // null: the constant
  const SV* values = nullptr;
  SV constant;
  uint8_t constant_known = 0;
};

// A column against a constant of N bytes known at compile time: the compare becomes a
// few fixed-size loads instead of a byte loop (`industry starts_with "51"`).
template <class T, size_t N>
struct FixedLength {
  static bool test(SV x, SV y) {
    if constexpr (std::is_same_v<T, Equal> || std::is_same_v<T, NotEqual>) {
      const bool eq = x.size() == N && std::memcmp(x.data(), y.data(), N) == 0;
      return std::is_same_v<T, Equal> ? eq : !eq;
    } else if constexpr (std::is_same_v<T, StartsWith>) {
      return x.size() >= N && std::memcmp(x.data(), y.data(), N) == 0;
    } else if constexpr (std::is_same_v<T, EndsWith>) {
      return x.size() >= N && std::memcmp(x.data() + x.size() - N, y.data(), N) == 0;
    } else {
      return T::test(x, y);
    }
  }
};

template <class Test>
void column_against_constant(const Side& a, SV constant, uint8_t* known, uint8_t* out, size_t rows) {
  for (size_t i = 0; i < rows; ++i) {
    known[i] = a.known[i];
    out[i] = a.known[i] ? static_cast<uint8_t>(Test::test(a.values[i], constant)) : 0;
  }
}

template <class T>
void run(const Side& a, const Side& b, rt::Column& r, size_t rows) {
  uint8_t* known = r.known.data();
  uint8_t* out = r.b.data();
  if (a.known && !b.known) {  // the usual case: a column against a constant
    if (!b.constant_known) {
      std::memset(known, 0, rows);
      std::memset(out, 0, rows);
      return;
    }
    switch (b.constant.size()) {
      case 1: return column_against_constant<FixedLength<T, 1>>(a, b.constant, known, out, rows);
      case 2: return column_against_constant<FixedLength<T, 2>>(a, b.constant, known, out, rows);
      case 3: return column_against_constant<FixedLength<T, 3>>(a, b.constant, known, out, rows);
      case 4: return column_against_constant<FixedLength<T, 4>>(a, b.constant, known, out, rows);
      case 8: return column_against_constant<FixedLength<T, 8>>(a, b.constant, known, out, rows);
      default: return column_against_constant<T>(a, b.constant, known, out, rows);
    }
  }
  for (size_t i = 0; i < rows; ++i) {
    uint8_t ka = a.known ? a.known[i] : a.constant_known;
    uint8_t kb = b.known ? b.known[i] : b.constant_known;
    known[i] = ka & kb;
    out[i] = known[i] ? static_cast<uint8_t>(T::test(a.known ? a.values[i] : a.constant,
                                                      b.known ? b.values[i] : b.constant))
                      : 0;
  }
}

}  // namespace

std::vector<bool> string_predicate_registers(const ir::Program& p) {
  std::vector<bool> pre(p.code.size(), false);
  for (size_t r = 0; r < p.code.size(); ++r) {
    const ir::Instr& in = p.code[r];
    bool str_op = in.op == ir::Op::StartsWith || in.op == ir::Op::EndsWith || in.op == ir::Op::Contains ||
                  ((in.op == ir::Op::Eq || in.op == ir::Op::Ne) && p.code[in.a].type == ir::Type::Str);
    pre[r] = str_op && is_direct(p.code[in.a]) && is_direct(p.code[in.b]);
  }
  return pre;
}

StringPredicates::StringPredicates(const ir::Program& program, const std::vector<bool>& selected) {
  auto operand = [&](ir::Reg r) {
    const ir::Instr& in = program.code[r];
    Operand o;
    if (in.op == ir::Op::Field) {
      o.input = static_cast<int>(in.a);
    } else {
      o.known = !in.value.missing;
      o.constant = o.known ? in.value.str : std::string();
    }
    return o;
  };
  for (size_t r = 0; r < program.code.size() && r < selected.size(); ++r) {
    if (!selected[r]) continue;
    const ir::Instr& in = program.code[r];
    Predicate p{static_cast<ir::Reg>(r), in.op, operand(in.a), operand(in.b)};
    for (size_t k = 0; k < predicates_.size() && p.same_as < 0; ++k) {
      const Predicate& q = predicates_[k];
      if (q.same_as < 0 && q.op == p.op && q.a == p.a && q.b == p.b) p.same_as = static_cast<int>(k);
    }
    predicates_.push_back(std::move(p));
  }
}

void StringPredicates::compute(const rt::Batch& in, rt::Registers& out) const {
  for (const Predicate& p : predicates_) {
    rt::Column& r = out.regs[p.reg];
    if (p.same_as >= 0) {
      const rt::Column& from = out.regs[predicates_[p.same_as].reg];
      std::memcpy(r.known.data(), from.known.data(), in.rows);
      std::memcpy(r.b.data(), from.b.data(), in.rows);
    } else {
      compute_one(p, in, r);
    }
  }
}

void StringPredicates::compute_one(const Predicate& p, const rt::Batch& in, rt::Column& r) const {
  auto side = [&](const Operand& o) {
    Side s;
    if (o.input >= 0) {
      s.known = in.inputs[o.input].known.data();
      s.values = in.inputs[o.input].str.data();
    } else {
      s.constant = o.constant;
      s.constant_known = o.known;
    }
    return s;
  };
  Side a = side(p.a), b = side(p.b);
  switch (p.op) {
    case ir::Op::Eq: return run<Equal>(a, b, r, in.rows);
    case ir::Op::Ne: return run<NotEqual>(a, b, r, in.rows);
    case ir::Op::StartsWith: return run<StartsWith>(a, b, r, in.rows);
    case ir::Op::EndsWith: return run<EndsWith>(a, b, r, in.rows);
    case ir::Op::Contains: return run<Contains>(a, b, r, in.rows);
    default: return;
  }
}

}  // namespace leadc::jit
