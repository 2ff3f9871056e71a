#include "tests/unit/ir_support/random_program.h"

#include <algorithm>

namespace leadc::testing {

using ir::FieldKind;
using ir::Op;
using ir::Reg;
using ir::Type;

ir::Program RandomProgram::make(const RandomProgramOptions& options) {
  pb_ = ProgramBuilder();
  pools_.assign(4, {});
  if (options.shape == RandomProgramOptions::Shape::EveryFieldKind) make_every_field_kind(options.instructions);
  else make_structured();
  return std::move(pb_.p);
}

// ---- Shape::Structured ------------------------------------------------------------

void RandomProgram::make_structured() {
  int n_enums = 1 + pick(2);
  for (int e = 0; e < n_enums; ++e) {
    ir::EnumType et{"E" + std::to_string(e), {}};
    for (int m = 0, n = 2 + pick(4); m < n; ++m) et.members.push_back("m" + std::to_string(m));
    pb_.p.enums.push_back(et);
  }
  for (ir::Type t : {ir::Type::Num, ir::Type::Bool, ir::Type::Str, ir::Type::Enum}) {
    for (int k = 0, n = 1 + pick(3); k < n; ++k) field(t);
  }
  int steps = 5 + pick(50);
  for (int s = 0; s < steps; ++s) {
    int kind = pick(10);
    if (kind == 0) {
      classification();
    } else if (kind == 1) {
      score();
    } else {
      random_op();
    }
  }
  name_registers();
}

rt::Batch RandomProgram::batch(const ir::Program& program, size_t rows) {
  rt::Batch b;
  b.rows = rows;
  for (const ir::Input& in : program.inputs) {
    rt::Column c;
    c.reset(in.type, rows);
    for (size_t i = 0; i < rows; ++i) {
      c.known[i] = pick(5) != 0;
      switch (in.type) {
        case ir::Type::Num: c.num[i] = num_value(); break;
        case ir::Type::Bool: c.b[i] = static_cast<uint8_t>(pick(2)); break;
        case ir::Type::Str: c.str[i] = b.keep(str_value()); break;
        case ir::Type::Enum:
          c.member[i] = pick(static_cast<int>(program.enums[in.enum_id].members.size()));
          break;
      }
      // Missing cells keep the reset values: engines must not look at them.
      if (!c.known[i] && in.type == ir::Type::Str) c.str[i] = {};
    }
    b.inputs.push_back(std::move(c));
  }
  return b;
}

double RandomProgram::num_value() {
  static const double values[] = {-2, -1, 0, -0.0, 0.5, 1, 2, 3, 100, 1e300, -1e300, 0.1, 1.0 / 3};
  if (pick(4) == 0) return static_cast<double>(static_cast<int32_t>(rng_() % 2001) - 1000) / 8;
  return values[pick(sizeof values / sizeof values[0])];
}
std::string RandomProgram::str_value() {
  static const char* values[] = {"", "a", "ab", "abc", "b", "VP", "VP Sales", "sales", "é", "a\xC3\xA9", "ba"};
  return values[pick(sizeof values / sizeof values[0])];
}

ir::Reg RandomProgram::field(ir::Type t) {
  int32_t e = t == ir::Type::Enum ? pick(static_cast<int>(pb_.p.enums.size())) : -1;
  ir::Reg r = pb_.input("f" + std::to_string(pb_.p.inputs.size()), t, e);
  add(t, r, e);
  return r;
}

ir::Reg RandomProgram::constant(ir::Type t, int32_t enum_id) {
  ir::Reg r = ir::kNoReg;
  if (pick(8) == 0) {
    r = pb_.missing(t);
    pb_.p.code[r].enum_id = enum_id;
  } else {
    switch (t) {
      case ir::Type::Num: r = pb_.num(num_value()); break;
      case ir::Type::Bool: r = pb_.boolean(pick(2)); break;
      case ir::Type::Str: r = pb_.str(str_value()); break;
      case ir::Type::Enum:
        r = pb_.member(enum_id, pick(static_cast<int>(pb_.p.enums[enum_id].members.size())));
        break;
    }
  }
  add(t, r, enum_id);
  return r;
}

// An operand of type `t` (and enum `enum_id`, or any enum when -1): usually an
// existing register, sometimes a fresh constant, field or AsOf.
RandomProgram::Typed RandomProgram::operand(ir::Type t, int32_t enum_id) {
  std::vector<Typed> fits;
  for (const Typed& x : pools_[static_cast<int>(t)]) {
    if (enum_id < 0 || x.enum_id == enum_id) fits.push_back(x);
  }
  int roll = pick(10);
  if (!fits.empty() && roll < 7) {
    // Prefer recent registers so expressions nest deeply.
    size_t from = fits.size() > 8 && pick(2) ? fits.size() - 8 : 0;
    return fits[from + pick(static_cast<int>(fits.size() - from))];
  }
  if (enum_id < 0 && t == ir::Type::Enum) enum_id = pick(static_cast<int>(pb_.p.enums.size()));
  if (t == ir::Type::Num && roll == 7) {
    ir::Reg r = pb_.op(ir::Op::AsOf, ir::Type::Num, ir::kNoReg);
    add(t, r);
    return {r, -1};
  }
  if (roll == 8 && enum_id >= 0) {
    // A field of the wanted enum.
    ir::Reg r = pb_.input("f" + std::to_string(pb_.p.inputs.size()), t, enum_id);
    add(t, r, enum_id);
    return {r, enum_id};
  }
  if (roll == 8) return {field(t), enum_id};
  return {constant(t, enum_id), enum_id};
}

ir::Reg RandomProgram::emit(ir::Op op, ir::Type t, int32_t enum_id, ir::Reg a, ir::Reg b, ir::Reg c) {
  ir::Reg r = pb_.op(op, t, a, b, c);
  pb_.p.code[r].enum_id = enum_id;
  add(t, r, enum_id);
  return r;
}

void RandomProgram::random_op() {
  static const Op ops[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Min, Op::Max, Op::Eq, Op::Ne,
                           Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::StartsWith, Op::EndsWith, Op::Contains,
                           Op::And, Op::Or, Op::Not, Op::IsKnown, Op::Coalesce, Op::Select, Op::And,
                           Op::Or, Op::Not};
  Op op = ops[pick(sizeof ops / sizeof ops[0])];
  switch (op) {
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Div: case Op::Min: case Op::Max:
      emit(op, Type::Num, -1, operand(Type::Num).reg, operand(Type::Num).reg);
      return;
    case Op::Eq: case Op::Ne: {
      Type t = any_type();
      Typed a = operand(t);
      emit(op, Type::Bool, -1, a.reg, operand(t, a.enum_id).reg);
      return;
    }
    case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
      emit(op, Type::Bool, -1, operand(Type::Num).reg, operand(Type::Num).reg);
      return;
    case Op::StartsWith: case Op::EndsWith: case Op::Contains:
      emit(op, Type::Bool, -1, operand(Type::Str).reg, operand(Type::Str).reg);
      return;
    case Op::And: case Op::Or:
      emit(op, Type::Bool, -1, operand(Type::Bool).reg, operand(Type::Bool).reg);
      return;
    case Op::Not: emit(op, Type::Bool, -1, operand(Type::Bool).reg); return;
    case Op::IsKnown: emit(op, Type::Bool, -1, operand(any_type()).reg); return;
    case Op::Coalesce: {
      Type t = any_type();
      Typed a = operand(t);
      emit(op, t, a.enum_id, a.reg, operand(t, a.enum_id).reg);
      return;
    }
    case Op::Select: {
      Type t = any_type();
      ir::Reg cond = operand(Type::Bool).reg;
      Typed a = operand(t);
      emit(op, t, a.enum_id, cond, a.reg, operand(t, a.enum_id).reg);
      return;
    }
    default: return;
  }
}

// first-match classification: Select(c1, l1, Select(c2, l2, ... otherwise/missing)).
void RandomProgram::classification() {
  int32_t e = pick(static_cast<int>(pb_.p.enums.size()));
  int n = static_cast<int>(pb_.p.enums[e].members.size());
  ir::Classification c;
  c.name = "class" + std::to_string(pb_.p.classifications.size());
  c.enum_id = e;
  bool otherwise = pick(2);
  ir::Reg acc = otherwise ? pb_.member(e, n - 1) : pb_.missing(ir::Type::Enum);
  pb_.p.code[acc].enum_id = e;
  std::vector<ir::Label> labels;
  for (int m = (otherwise ? n - 2 : n - 1); m >= 0; --m) {
    ir::Reg cond = operand(ir::Type::Bool).reg;
    if (pick(2)) cond = emit(ir::Op::And, ir::Type::Bool, -1, cond, operand(ir::Type::Bool).reg);
    ir::Reg label = pb_.member(e, m);
    acc = emit(ir::Op::Select, ir::Type::Enum, e, cond, label, acc);
    labels.insert(labels.begin(), ir::Label{"m" + std::to_string(m), m, cond, {}, {}});
  }
  if (otherwise) labels.push_back(ir::Label{"m" + std::to_string(n - 1), n - 1, ir::kNoReg, {}, {}});
  c.labels = labels;
  c.reg = acc;
  pb_.p.classifications.push_back(c);
}

// Rules: `when` -> Select(cond, points, 0); `per` -> min(coalesce(v, 0) * points, cap).
void RandomProgram::score() {
  ir::Score s;
  s.name = "score" + std::to_string(pb_.p.scores.size());
  ir::Reg zero = pb_.num(0);
  ir::Reg sum = zero;
  for (int k = 0, n = 1 + pick(4); k < n; ++k) {
    ir::ScoreRule rule;
    rule.points = static_cast<double>(pick(41) - 20);
    if (pick(2)) {
      rule.condition = operand(ir::Type::Bool).reg;
      rule.contribution = emit(ir::Op::Select, ir::Type::Num, -1, rule.condition, pb_.num(rule.points), zero);
    } else {
      rule.per_value = operand(ir::Type::Num).reg;
      ir::Reg v = emit(ir::Op::Coalesce, ir::Type::Num, -1, rule.per_value, zero);
      rule.contribution = emit(ir::Op::Mul, ir::Type::Num, -1, v, pb_.num(rule.points));
      if (pick(2)) {
        rule.cap = static_cast<double>(pick(50));
        rule.contribution = emit(ir::Op::Min, ir::Type::Num, -1, rule.contribution, pb_.num(rule.cap));
      }
    }
    sum = emit(ir::Op::Add, ir::Type::Num, -1, sum, rule.contribution);
    s.rules.push_back(rule);
  }
  s.unclamped = sum;
  s.reg = sum;
  if (pick(2)) {
    s.has_range = true;
    s.lo = 0;
    s.hi = 100;
    s.reg = emit(ir::Op::Max, ir::Type::Num, -1, emit(ir::Op::Min, ir::Type::Num, -1, sum, pb_.num(100)), zero);
  }
  pb_.p.scores.push_back(s);
}

// Most programs expose every register as an output (so every value is compared);
// the others only name a few, so the JIT keeps the rest in machine registers.
void RandomProgram::name_registers() {
  ir::Program& p = pb_.p;
  bool all = pick(10) < 6;
  for (ir::Reg r = 0; r < p.code.size(); ++r) {
    if (!all && pick(6) != 0) continue;
    if (p.code[r].type == ir::Type::Bool && pick(2)) {
      p.terms.push_back({"t" + std::to_string(r), r, {}, true});
    } else {
      p.outputs.push_back({"o" + std::to_string(r), r, p.code[r].type, ir::Display::Number, 1, p.code[r].enum_id});
    }
  }
}

// ---- Shape::EveryFieldKind --------------------------------------------------------

namespace {

struct KindSpec {
  FieldKind kind;
  Type type;
  double scale;
  const char* column;
};

// Column names that must survive quoting: the first one would drop the table if
// it were pasted into the query unquoted.
const KindSpec kKinds[] = {
    {FieldKind::Bool, Type::Bool, 1, "\"; DROP TABLE leads; --"},
    {FieldKind::Int, Type::Num, 1, "int col"},
    {FieldKind::Number, Type::Num, 1, "num'ber"},
    {FieldKind::Duration, Type::Num, 86400, "timeframe_days"},
    {FieldKind::Duration, Type::Num, 1, "seconds"},
    {FieldKind::Money, Type::Num, 100, "revenue_usd"},
    {FieldKind::Text, Type::Str, 1, "text"},
    {FieldKind::Email, Type::Str, 1, "Email"},
    {FieldKind::Date, Type::Num, 1, "created"},
    {FieldKind::Timestamp, Type::Num, 1, "seen_at"},
    {FieldKind::Enum, Type::Enum, 1, "role"},
};

const char* const kMembers[] = {"alpha", "beta", "gamma_1", "O'Brien"};

template <class T>
const T& pick_recent(std::mt19937& rng, const std::vector<T>& v) {
  // Favour recent registers so that expressions grow deep.
  std::uniform_int_distribution<size_t> any(0, v.size() - 1);
  size_t i = any(rng);
  if (rng() % 2) i = std::max(i, any(rng));
  return v[i];
}

// An instruction whose Enum result (if any) is of enum 0.
ir::Instr instr(Op op, Type t, Reg a = ir::kNoReg, Reg b = ir::kNoReg, Reg c = ir::kNoReg) {
  ir::Instr in = ProgramBuilder::make(op, t, a, b, c);
  if (t == Type::Enum) in.enum_id = 0;
  return in;
}

}  // namespace

// Every value field is drawn, whatever the type, so the draws do not depend on it.
Reg RandomProgram::any_constant(Type t) {
  ir::Instr in = instr(Op::Const, t);
  in.value.missing = coin(10);
  static const double nums[] = {0, 1, -2.5, 0.1, 3, 90 * 86400.0, 1250, 1e6, 7};
  in.value.num = nums[rng_() % 9];
  in.value.b = coin(50);
  in.value.str = kRandomStrings[rng_() % 10];
  in.value.member = static_cast<int32_t>(rng_() % 4);
  Reg r = pb_.emit(in);
  add(t, r, in.enum_id);
  return r;
}

Reg RandomProgram::any_of(Type t) {
  auto& v = pools_[static_cast<int>(t)];
  if (v.empty() || coin(8)) return any_constant(t);
  return pick_recent(rng_, v).reg;
}

void RandomProgram::random_instr() {
  static const Op num_ops[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Min, Op::Max};
  static const Op cmp_ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge};
  static const Op str_ops[] = {Op::StartsWith, Op::EndsWith, Op::Contains};
  auto pooled = [&](ir::Instr in) {
    Reg r = pb_.emit(in);
    add(in.type, r, in.enum_id);
  };
  switch (rng_() % 12) {
    case 0:
    case 1: {
      Op op = num_ops[rng_() % 6];
      pooled(instr(op, Type::Num, any_of(Type::Num), any_of(Type::Num)));
      return;
    }
    case 2: {
      Type t = static_cast<Type>(rng_() % 4);
      pooled(instr(coin(50) ? Op::Eq : Op::Ne, Type::Bool, any_of(t), any_of(t)));
      return;
    }
    case 3:
      pooled(instr(cmp_ops[rng_() % 4], Type::Bool, any_of(Type::Num), any_of(Type::Num)));
      return;
    case 4:
      pooled(instr(str_ops[rng_() % 3], Type::Bool, any_of(Type::Str), any_of(Type::Str)));
      return;
    case 5:
    case 6:
      pooled(instr(coin(50) ? Op::And : Op::Or, Type::Bool, any_of(Type::Bool), any_of(Type::Bool)));
      return;
    case 7:
      pooled(instr(Op::Not, Type::Bool, any_of(Type::Bool)));
      return;
    case 8: {
      Type t = static_cast<Type>(rng_() % 4);
      pooled(instr(Op::IsKnown, Type::Bool, any_of(t)));
      return;
    }
    case 9: {
      Type t = static_cast<Type>(rng_() % 4);
      pooled(instr(Op::Coalesce, t, any_of(t), any_of(t)));
      return;
    }
    case 10: {
      Type t = static_cast<Type>(rng_() % 4);
      Reg c = any_of(Type::Bool);
      pooled(instr(Op::Select, t, c, any_of(t), any_of(t)));
      return;
    }
    default:
      if (coin(30)) pooled(instr(Op::AsOf, Type::Num));
      else any_constant(static_cast<Type>(rng_() % 4));
      return;
  }
}

void RandomProgram::make_every_field_kind(int instructions) {
  ir::Program& p = pb_.p;
  p.name = "random\n-- with a newline in its name";
  p.enums.push_back({"role", {std::begin(kMembers), std::end(kMembers)}});
  p.enums.push_back({"label", {"A", "B", "1"}});
  int idx = 0;
  for (const KindSpec& k : kKinds) {
    ir::Input in;
    in.field = std::string("f_") + std::to_string(idx++);
    in.column = k.column;
    in.kind = k.kind;
    in.type = k.type;
    in.scale = k.scale;
    in.optional = true;
    if (k.kind == FieldKind::Enum) in.enum_id = 0;
    add(k.type, pb_.add_input(in), in.enum_id);
  }
  p.inputs[1].field = "leadc_order";  // collides with the emitter's own column name
  for (int i = 0; i < instructions; ++i) random_instr();

  // A classification-like chain over label constants (enum 1), not in the pools.
  Reg otherwise = pb_.member(1, 2);
  Reg cond_b = any_of(Type::Bool), label_b = pb_.member(1, 1);
  ir::Instr sel_b = instr(Op::Select, Type::Enum, cond_b, label_b, otherwise);
  sel_b.enum_id = 1;
  Reg rest = pb_.emit(sel_b);
  Reg cond_a = any_of(Type::Bool), label_a = pb_.member(1, 0);
  ir::Instr sel_a = instr(Op::Select, Type::Enum, cond_a, label_a, rest);
  sel_a.enum_id = 1;
  Reg cls = pb_.emit(sel_a);
  p.classifications.push_back({"fit", false, 1, {}, cls, {}});
  p.terms.push_back({"f_2", any_of(Type::Bool), {}, true});

  auto output = [&](Reg r, ir::Display d, double scale, int32_t enum_id) {
    ir::Output o;
    o.name = "out " + std::to_string(p.outputs.size());
    o.reg = r;
    o.type = p.code[r].type;
    o.display = d;
    o.scale = scale;
    o.enum_id = enum_id;
    p.outputs.push_back(o);
  };
  output(0, ir::Display::Bool, 1, -1);
  output(8, ir::Display::Date, 1, -1);
  output(9, ir::Display::Timestamp, 1, -1);
  output(10, ir::Display::Enum, 1, 0);
  output(cls, ir::Display::Enum, 1, 1);
  for (int i = 0; i < 6; ++i) {
    Type t = static_cast<Type>(rng_() % 4);
    Reg r = any_of(t);
    static const double scales[] = {1, 86400, 100};
    switch (t) {
      case Type::Bool: output(r, ir::Display::Bool, 1, -1); break;
      case Type::Num: output(r, ir::Display::Number, scales[rng_() % 3], -1); break;
      case Type::Str: output(r, ir::Display::Text, 1, -1); break;
      case Type::Enum: output(r, ir::Display::Enum, 1, p.code[r].enum_id); break;
    }
  }
}

}  // namespace leadc::testing
