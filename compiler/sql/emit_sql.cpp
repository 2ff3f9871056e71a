// ir::Program -> SQL. Registers used once are inlined into the expression that uses
// them; a register used more than once (or an output, or a very deep expression)
// becomes a column. Columns are computed in layers of CTEs: layer L holds the
// columns whose expressions only read columns of layers below L, so a shared value
// is computed once and the text stays linear in the size of the program.
#include "compiler/sql/emit_sql.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "compiler/ir/verify.h"
#include "compiler/sql/sql_dialect.h"

namespace leadc {

bool parse_dialect(std::string_view s, SqlDialect& out) {
  if (s == "duckdb") out = SqlDialect::DuckDB;
  else if (s == "postgres" || s == "postgresql") out = SqlDialect::Postgres;
  else if (s == "sqlite") out = SqlDialect::SQLite;
  else return false;
  return true;
}

const char* dialect_name(SqlDialect d) {
  switch (d) {
    case SqlDialect::DuckDB: return "duckdb";
    case SqlDialect::Postgres: return "postgres";
    case SqlDialect::SQLite: return "sqlite";
  }
  return "?";
}

namespace {

using ir::Op;
using ir::Reg;

// Beyond this nesting depth an expression is made a column, which keeps the text
// readable and far from parser limits (SQLite allows a depth of 1000).
constexpr int kMaxInlineDepth = 24;

class Emitter {
 public:
  Emitter(const ir::Program& p, const SqlOptions& o) : p_(p), o_(o), d_(o.dialect) {}

  std::string run() {
    if (p_.outputs.empty()) throw std::invalid_argument("the program has no outputs");
    plan();
    return assemble();
  }

 private:
  // How often an instruction's SQL text repeats each of its operands.
  int operand_repeats(const ir::Instr& in) const {
    switch (in.op) {
      case Op::Min:
      case Op::Max: return 2;
      case Op::EndsWith: return d_.ends_with_uses();
      default: return 1;
    }
  }

  static bool trivial(const ir::Instr& in) { return ir::is_leaf(in.op); }

  void plan() {
    size_t n = p_.code.size();
    live_.assign(n, false);
    std::vector<int> uses(n, 0);
    std::vector<bool> root(n, false);
    for (const auto& out : p_.outputs) {
      root[out.reg] = true;
      live_[out.reg] = true;
    }
    for (size_t i = n; i-- > 0;) {
      if (!live_[i]) continue;
      const ir::Instr& in = p_.code[i];
      for (Reg r : ir::operands(in)) {
        live_[r] = true;
        uses[r] += operand_repeats(in);
      }
    }

    // Decide, in SSA order, which registers become columns, and at which layer.
    column_.assign(n, false);
    level_.assign(n, 0);
    std::vector<int> depth(n, 0);
    for (size_t i = 0; i < n; ++i) {
      if (!live_[i]) continue;
      const ir::Instr& in = p_.code[i];
      if (trivial(in)) continue;
      int dep = 0, lvl = 0;
      for (Reg r : ir::operands(in)) {
        dep = std::max(dep, column_[r] ? 0 : depth[r]);
        lvl = std::max(lvl, level_[r]);
      }
      depth[i] = dep + 1;
      if (root[i] || uses[i] > 1 || depth[i] > kMaxInlineDepth) {
        column_[i] = true;
        level_[i] = lvl + 1;
        depth[i] = 0;
      } else {
        level_[i] = lvl;  // an inlined expression reads columns up to this layer
      }
    }
    name_columns();
  }

  // Internal column names, readable where the program names a register, and unique.
  void name_columns() {
    std::set<std::string> taken{"leadc_order"};
    auto unique = [&](std::string want, const std::string& fallback) {
      if (want.empty() || taken.count(want)) want = fallback;
      for (int k = 2; taken.count(want); ++k) want = fallback + "_" + std::to_string(k);
      taken.insert(want);
      return want;
    };
    input_col_.assign(p_.inputs.size(), "");
    for (size_t i = 0; i < p_.code.size(); ++i) {
      const ir::Instr& in = p_.code[i];
      if (live_[i] && in.op == Op::Field && input_col_[in.a].empty())
        input_col_[in.a] = unique(p_.inputs[in.a].field, "f" + std::to_string(in.a));
    }
    std::vector<std::string> hint(p_.code.size());
    for (const auto& t : p_.terms) if (t.reg < hint.size()) hint[t.reg] = t.name;
    for (const auto& s : p_.scores) if (s.reg < hint.size()) hint[s.reg] = s.name;
    for (const auto& c : p_.classifications) if (c.reg < hint.size()) hint[c.reg] = c.name;
    for (const auto& o : p_.outputs) if (hint[o.reg].empty()) hint[o.reg] = o.name;
    reg_col_.assign(p_.code.size(), "");
    for (size_t i = 0; i < p_.code.size(); ++i)
      if (column_[i]) reg_col_[i] = unique(hint[i], "r" + std::to_string(i));
  }

  // The SQL of register r as used by another expression: a column reference, a
  // literal, or the inlined expression.
  std::string ref(Reg r) const {
    const ir::Instr& in = p_.code[r];
    if (in.op == Op::Field) return sql::Dialect::ident(input_col_[in.a]);
    if (column_[r]) return sql::Dialect::ident(reg_col_[r]);
    return expr(r);
  }

  std::string constant(const ir::Instr& in) const {
    const ir::Constant& c = in.value;
    if (c.missing) return d_.null_of(in.type);
    switch (in.type) {
      case ir::Type::Bool: return d_.bool_lit(c.b);
      case ir::Type::Num: return d_.number_lit(c.num);
      case ir::Type::Str: return d_.string_lit(c.str);
      case ir::Type::Enum: return d_.string_lit(member_name(in.enum_id, c.member));
    }
    return "NULL";
  }

  // Verified: the enum type and the member exist (compiler/ir/verify.h).
  std::string member_name(int32_t enum_id, int32_t member) const { return p_.enums[enum_id].members[member]; }

  std::string expr(Reg r) const {
    const ir::Instr& in = p_.code[r];
    auto bin = [&](const char* op) { return "(" + ref(in.a) + " " + op + " " + ref(in.b) + ")"; };
    switch (in.op) {
      case Op::Field: return sql::Dialect::ident(input_col_[in.a]);
      case Op::Const: return constant(in);
      case Op::AsOf: return o_.as_of ? d_.number_lit(*o_.as_of) : d_.as_of_now();
      case Op::Add: return bin("+");
      case Op::Sub: return bin("-");
      case Op::Mul: return bin("*");
      case Op::Div: return "(" + ref(in.a) + " / NULLIF(" + ref(in.b) + ", 0))";
      case Op::Min:
      case Op::Max: {
        // LEAST/GREATEST skip NULLs in PostgreSQL and DuckDB; the IR does not.
        std::string a = ref(in.a), b = ref(in.b);
        // Ties pick b, as the interpreter does (it matters only for -0 and +0).
        const char* lt = in.op == Op::Min ? " < " : " > ";
        const char* ge = in.op == Op::Min ? " >= " : " <= ";
        return "CASE WHEN " + a + lt + b + " THEN " + a + " WHEN " + a + ge + b + " THEN " + b + " END";
      }
      case Op::Eq: return bin("=");
      case Op::Ne: return bin("<>");
      case Op::Lt: return bin("<");
      case Op::Le: return bin("<=");
      case Op::Gt: return bin(">");
      case Op::Ge: return bin(">=");
      case Op::StartsWith: return d_.starts_with(ref(in.a), ref(in.b));
      case Op::EndsWith: return d_.ends_with(ref(in.a), ref(in.b));
      case Op::Contains: return d_.contains(ref(in.a), ref(in.b));
      case Op::And: return bin("AND");
      case Op::Or: return bin("OR");
      case Op::Not: return "(NOT " + ref(in.a) + ")";
      case Op::IsKnown: return "(" + ref(in.a) + " IS NOT NULL)";
      case Op::Coalesce: return "COALESCE(" + ref(in.a) + ", " + ref(in.b) + ")";
      case Op::Select:
        return "CASE WHEN " + ref(in.a) + " THEN " + ref(in.b) + " ELSE " + ref(in.c) + " END";
    }
    return "NULL";
  }

  // Columns that an expression reads: registers as themselves, inputs as negative
  // numbers that sort first and in input order.
  static constexpr long kInputBase = 1L << 40;
  void reads(Reg r, std::set<long>& out) const {
    const ir::Instr& in = p_.code[r];
    if (in.op == Op::Field) { out.insert(static_cast<long>(in.a) - kInputBase); return; }
    for (Reg o : ir::operands(in)) {
      if (column_[o]) out.insert(o);
      else reads(o, out);
    }
  }

  std::string col_name(long c) const {
    return c < 0 ? input_col_[c + kInputBase] : reg_col_[c];
  }

  std::string output_value(const ir::Output& out) const {
    std::string v = ref(out.reg);
    switch (out.display) {
      case ir::Display::Number:
        return out.scale == 1 ? v : "(" + v + " / " + d_.number_lit(out.scale) + ")";
      case ir::Display::Date: return d_.date_from_epoch(v);
      case ir::Display::Timestamp: return d_.timestamp_from_epoch(v);
      case ir::Display::Bool:
      case ir::Display::Text:
      case ir::Display::Enum: return v;
    }
    return v;
  }

  std::string order_column() const {
    if (!o_.order_by.empty()) return o_.order_by;
    int k = p_.key_input();
    return k >= 0 ? p_.inputs[k].column : "";
  }

  std::string assemble() const {
    const std::string order = order_column();
    int top = 0;
    for (size_t i = 0; i < p_.code.size(); ++i) if (column_[i]) top = std::max(top, level_[i]);

    // The last layer that reads each column (the final SELECT counts as top + 1).
    std::vector<std::vector<Reg>> at(top + 1);
    std::map<long, int> last;
    for (size_t i = 0; i < p_.code.size(); ++i) {
      if (!column_[i]) continue;
      at[level_[i]].push_back(i);
      std::set<long> cols;
      reads(i, cols);
      for (long c : cols) last[c] = std::max(last[c], level_[i]);
    }
    for (const auto& out : p_.outputs) {
      std::set<long> cols;
      if (column_[out.reg]) cols.insert(out.reg);
      else reads(out.reg, cols);
      for (long c : cols) last[c] = top + 1;
    }

    std::string sql = "-- " + comment_safe(p_.name.empty() ? "lead definition" : p_.name) +
                      ": compiled by leadc for " + dialect_name(d_.kind()) + "\n";
    if (!o_.view.empty()) sql += "CREATE VIEW " + sql::Dialect::ident(o_.view) + " AS\n";
    auto layer_name = [](int l) { return sql::Dialect::ident("leadc_" + std::to_string(l)); };

    // Layer 0: the input columns in their IR representation.
    sql += "WITH " + layer_name(0) + " AS (\n  SELECT ";
    std::vector<std::string> items;
    if (!order.empty()) items.push_back(sql::Dialect::ident(order) + " AS " + sql::Dialect::ident("leadc_order"));
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      if (input_col_[i].empty()) continue;
      items.push_back(d_.load(p_.inputs[i], sql::Dialect::ident(p_.inputs[i].column)) + " AS " +
                      sql::Dialect::ident(input_col_[i]));
    }
    if (items.empty()) items.push_back("1 AS " + sql::Dialect::ident("leadc_row"));
    sql += join(items, ",\n         ") + "\n  FROM " + table_ref() + "\n)";

    for (int l = 1; l <= top; ++l) {
      items.clear();
      if (!order.empty()) items.push_back(sql::Dialect::ident("leadc_order"));
      for (const auto& [c, last_use] : last) {
        bool defined_below = c < 0 || level_[c] < l;
        if (defined_below && last_use > l) items.push_back(sql::Dialect::ident(col_name(c)));
      }
      for (Reg r : at[l]) items.push_back(expr(r) + " AS " + sql::Dialect::ident(reg_col_[r]));
      sql += ",\n" + layer_name(l) + " AS (\n  SELECT " + join(items, ",\n         ") + "\n  FROM " +
             layer_name(l - 1) + "\n)";
    }

    items.clear();
    for (const auto& out : p_.outputs) items.push_back(output_value(out) + " AS " + sql::Dialect::ident(out.name));
    sql += "\nSELECT " + join(items, ",\n       ") + "\nFROM " + layer_name(top);
    if (!order.empty()) sql += "\nORDER BY " + sql::Dialect::ident("leadc_order");
    sql += ";\n";
    return sql;
  }

  std::string table_ref() const {
    // "schema.table" names a table in a schema; each part is quoted on its own.
    std::string out;
    size_t start = 0;
    while (true) {
      size_t dot = o_.table.find('.', start);
      out += sql::Dialect::ident(o_.table.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      out += '.';
      start = dot + 1;
    }
    return out;
  }

  static std::string comment_safe(std::string s) {
    for (char& c : s) if (c == '\n' || c == '\r') c = ' ';
    return s;
  }

  static std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
  }

  const ir::Program& p_;
  const SqlOptions& o_;
  sql::Dialect d_;
  std::vector<bool> live_, column_;
  std::vector<int> level_;
  std::vector<std::string> input_col_, reg_col_;
};

}  // namespace

std::string emit_sql(const ir::Program& program, const SqlOptions& opts) {
  // Aggregates over activities would need a join with the events table; not emitted yet.
  if (program.activity)
    throw std::invalid_argument("the definition has an `activity` block; SQL output does not support activities yet "
                                "(use `leadc run --activities`)");
  if (Status s = ir::verify(program, {.enum_names = true}); !s) throw std::invalid_argument("ill-formed IR program: " + s.error());
  return Emitter(program, opts).run();
}

}  // namespace leadc
