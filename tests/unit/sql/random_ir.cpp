// Random IR programs and rows, and the SQLite-versus-interpreter comparison that
// the differential unit tests run on them.
#include "random_ir.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "runtime/evaluator.h"

namespace leadc::testing {

using ir::FieldKind;
using ir::Op;
using ir::Reg;
using ir::Type;

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
const char* const kStrings[] = {"", "ab", "abc", "b", "AB", "a%_", "x'y", "\xC3\xA9t\xC3\xA9", "--", "\"q\""};

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  // Favour recent registers so that expressions grow deep.
  std::uniform_int_distribution<size_t> any(0, v.size() - 1);
  size_t i = any(rng);
  if (rng() % 2) i = std::max(i, any(rng));
  return v[i];
}

bool coin(std::mt19937& rng, int percent) { return static_cast<int>(rng() % 100) < percent; }

struct Gen {
  std::mt19937& rng;
  ir::Program p;
  std::vector<Reg> pool[4];  // by ir::Type

  Reg emit(ir::Instr in) {
    p.code.push_back(std::move(in));
    Reg r = static_cast<Reg>(p.code.size() - 1);
    pool[static_cast<int>(p.code.back().type)].push_back(r);
    return r;
  }
  ir::Instr make(Op op, Type t, Reg a = ir::kNoReg, Reg b = ir::kNoReg, Reg c = ir::kNoReg) {
    ir::Instr in;
    in.op = op;
    in.type = t;
    in.a = a;
    in.b = b;
    in.c = c;
    if (t == Type::Enum) in.enum_id = 0;
    return in;
  }
  Reg constant(Type t) {
    ir::Instr in = make(Op::Const, t);
    in.value.missing = coin(rng, 10);
    static const double nums[] = {0, 1, -2.5, 0.1, 3, 90 * 86400.0, 1250, 1e6, 7};
    in.value.num = nums[rng() % 9];
    in.value.b = coin(rng, 50);
    in.value.str = kStrings[rng() % 10];
    in.value.member = static_cast<int32_t>(rng() % 4);
    return emit(in);
  }
  Reg any_of(Type t) {
    auto& v = pool[static_cast<int>(t)];
    if (v.empty() || coin(rng, 8)) return constant(t);
    return pick(rng, v);
  }

  void random_instr() {
    static const Op num_ops[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Min, Op::Max};
    static const Op cmp_ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge};
    static const Op str_ops[] = {Op::StartsWith, Op::EndsWith, Op::Contains};
    switch (rng() % 12) {
      case 0:
      case 1: {
        Op op = num_ops[rng() % 6];
        emit(make(op, Type::Num, any_of(Type::Num), any_of(Type::Num)));
        return;
      }
      case 2: {
        Type t = static_cast<Type>(rng() % 4);
        emit(make(coin(rng, 50) ? Op::Eq : Op::Ne, Type::Bool, any_of(t), any_of(t)));
        return;
      }
      case 3:
        emit(make(cmp_ops[rng() % 4], Type::Bool, any_of(Type::Num), any_of(Type::Num)));
        return;
      case 4:
        emit(make(str_ops[rng() % 3], Type::Bool, any_of(Type::Str), any_of(Type::Str)));
        return;
      case 5:
      case 6:
        emit(make(coin(rng, 50) ? Op::And : Op::Or, Type::Bool, any_of(Type::Bool), any_of(Type::Bool)));
        return;
      case 7:
        emit(make(Op::Not, Type::Bool, any_of(Type::Bool)));
        return;
      case 8: {
        Type t = static_cast<Type>(rng() % 4);
        emit(make(Op::IsKnown, Type::Bool, any_of(t)));
        return;
      }
      case 9: {
        Type t = static_cast<Type>(rng() % 4);
        emit(make(Op::Coalesce, t, any_of(t), any_of(t)));
        return;
      }
      case 10: {
        Type t = static_cast<Type>(rng() % 4);
        Reg c = any_of(Type::Bool);
        emit(make(Op::Select, t, c, any_of(t), any_of(t)));
        return;
      }
      default:
        if (coin(rng, 30)) emit(make(Op::AsOf, Type::Num));
        else constant(static_cast<Type>(rng() % 4));
        return;
    }
  }
};

void civil(long long days, int& y, unsigned& m, unsigned& d) {
  // Howard Hinnant's days -> civil date algorithm.
  days += 719468;
  long long era = (days >= 0 ? days : days - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(days - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long yy = static_cast<long long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

std::string format_date(double secs) {
  int y;
  unsigned m, d;
  civil(static_cast<long long>(std::floor(secs / 86400)), y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string format_timestamp(double secs) {
  long long s = static_cast<long long>(std::floor(secs));
  long long days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  long long rem = s - days * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", format_date(days * 86400.0).c_str(), rem / 3600,
                rem / 60 % 60, rem % 60);
  return buf;
}

ir::Program random_program(std::mt19937& rng, int instructions) {
  Gen g{rng, {}, {}};
  g.p.name = "random\n-- with a newline in its name";
  g.p.enums.push_back({"role", {std::begin(kMembers), std::end(kMembers)}});
  g.p.enums.push_back({"label", {"A", "B", "1"}});
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
    g.p.inputs.push_back(in);
    ir::Instr f = g.make(ir::Op::Field, k.type);
    f.a = static_cast<Reg>(g.p.inputs.size() - 1);
    g.emit(f);
  }
  g.p.inputs[1].field = "leadc_order";  // collides with the emitter's own column name
  for (int i = 0; i < instructions; ++i) g.random_instr();

  // A classification-like chain over label constants (enum 1).
  auto label = [&](int32_t m) {
    ir::Instr in = g.make(Op::Const, Type::Enum);
    in.enum_id = 1;
    in.value.member = m;
    g.p.code.push_back(in);
    return static_cast<Reg>(g.p.code.size() - 1);
  };
  Reg otherwise = label(2);
  Reg cond_b = g.any_of(Type::Bool), label_b = label(1);
  ir::Instr sel_b = g.make(Op::Select, Type::Enum, cond_b, label_b, otherwise);
  sel_b.enum_id = 1;
  g.p.code.push_back(sel_b);
  Reg rest = static_cast<Reg>(g.p.code.size() - 1);
  Reg cond_a = g.any_of(Type::Bool), label_a = label(0);
  ir::Instr sel_a = g.make(Op::Select, Type::Enum, cond_a, label_a, rest);
  sel_a.enum_id = 1;
  g.p.code.push_back(sel_a);
  Reg cls = static_cast<Reg>(g.p.code.size() - 1);
  g.p.classifications.push_back({"fit", false, 1, {}, cls, {}});
  g.p.terms.push_back({"f_2", g.any_of(Type::Bool), {}, true});

  auto output = [&](Reg r, ir::Display d, double scale, int32_t enum_id) {
    ir::Output o;
    o.name = "out " + std::to_string(g.p.outputs.size());
    o.reg = r;
    o.type = g.p.code[r].type;
    o.display = d;
    o.scale = scale;
    o.enum_id = enum_id;
    g.p.outputs.push_back(o);
  };
  output(0, ir::Display::Bool, 1, -1);
  output(8, ir::Display::Date, 1, -1);
  output(9, ir::Display::Timestamp, 1, -1);
  output(10, ir::Display::Enum, 1, 0);
  output(cls, ir::Display::Enum, 1, 1);
  for (int i = 0; i < 6; ++i) {
    Type t = static_cast<Type>(rng() % 4);
    Reg r = g.any_of(t);
    static const double scales[] = {1, 86400, 100};
    switch (t) {
      case Type::Bool: output(r, ir::Display::Bool, 1, -1); break;
      case Type::Num: output(r, ir::Display::Number, scales[rng() % 3], -1); break;
      case Type::Str: output(r, ir::Display::Text, 1, -1); break;
      case Type::Enum: output(r, ir::Display::Enum, 1, g.p.code[r].enum_id); break;
    }
  }
  return std::move(g.p);
}

LeadRows random_rows(const ir::Program& p, std::mt19937& rng, int count) {
  LeadRows out;
  for (int r = 0; r < count; ++r) {
    std::vector<LeadCell> row;
    for (const ir::Input& in : p.inputs) {
      LeadCell c;
      c.missing = coin(rng, 20);
      if (c.missing) {
        c.sql = std::monostate{};
        row.push_back(c);
        continue;
      }
      switch (in.kind) {
        case FieldKind::Bool:
          c.b = coin(rng, 50);
          c.sql = static_cast<long long>(c.b);
          break;
        case FieldKind::Int: {
          long long v = static_cast<long long>(rng() % 11) - 5;
          c.num = static_cast<double>(v);
          c.sql = v;
          break;
        }
        case FieldKind::Number:
        case FieldKind::Duration: {
          static const double vals[] = {0, 1, 1.5, 2.5, 30, 90, 0.1, 12.25};
          double v = vals[rng() % 8];
          if (in.kind == FieldKind::Number && coin(rng, 30)) v = -v;
          c.num = v * in.scale;
          c.sql = v;
          break;
        }
        case FieldKind::Money: {
          static const long long cents[] = {0, 1, 29, 115, 1234, 99999, 25000000};
          long long v = cents[rng() % 7];
          c.num = static_cast<double>(v);
          c.sql = static_cast<double>(v) / 100;
          break;
        }
        case FieldKind::Text:
        case FieldKind::Email:
        case FieldKind::Phone:
          // Never "": an empty cell is missing, in a lead file and in the SQL (NULLIF).
          c.str = kStrings[1 + rng() % 9];
          c.sql = c.str;
          break;
        case FieldKind::Date: {
          long long days = 19000 + static_cast<long long>(rng() % 1000);
          c.num = static_cast<double>(days) * 86400;
          c.sql = format_date(c.num);
          break;
        }
        case FieldKind::Timestamp: {
          long long s = 1600000000 + static_cast<long long>(rng() % 100000000);
          c.num = static_cast<double>(s);
          std::string ts = format_timestamp(c.num);
          if (coin(rng, 30)) {
            // The same instant written with a +02:00 offset and a space.
            ts = format_timestamp(c.num + 7200);
            ts = ts.substr(0, 10) + " " + ts.substr(11, 8) + "+02:00";
          }
          c.sql = ts;
          break;
        }
        case FieldKind::Enum:
          c.member = static_cast<int32_t>(rng() % p.enums[in.enum_id].members.size());
          c.sql = p.enums[in.enum_id].members[c.member];
          break;
      }
      row.push_back(c);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string sqlite_column_type(const ir::Input& in) {
  switch (in.kind) {
    case FieldKind::Bool:
    case FieldKind::Int: return "INTEGER";
    case FieldKind::Number:
    case FieldKind::Duration:
    case FieldKind::Money: return "REAL";
    default: return "TEXT";
  }
}

}  // namespace leadc::testing
