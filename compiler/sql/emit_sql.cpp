// ir::Program -> SQL. Registers used once are inlined into the expression that uses
// them; a register used more than once (or an output, or a very deep expression)
// becomes a column. Columns are computed in layers of CTEs: layer L holds the
// columns whose expressions only read columns of layers below L, so a shared value
// is computed once and the text stays linear in the size of the program.
#include "compiler/sql/emit_sql.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "compiler/ir/verify.h"
#include "compiler/sql/sql_dialect.h"
#include "compiler/ir/value_range.h"

namespace leadc {

bool parse_dialect(std::string_view s, SqlDialect& out) {
  if (s == "duckdb") out = SqlDialect::DuckDB;
  else if (s == "postgres" || s == "postgresql") out = SqlDialect::Postgres;
  else if (s == "sqlite") out = SqlDialect::SQLite;
  else if (s == "clickhouse") out = SqlDialect::ClickHouse;
  else return false;
  return true;
}

const char* dialect_name(SqlDialect d) {
  switch (d) {
    case SqlDialect::DuckDB: return "duckdb";
    case SqlDialect::Postgres: return "postgres";
    case SqlDialect::SQLite: return "sqlite";
    case SqlDialect::ClickHouse: return "clickhouse";
  }
  return "?";
}

namespace {

using ir::Op;
using ir::Reg;

// Beyond this nesting depth an expression is made a column, which keeps the text
// readable and far from parser limits (SQLite allows a depth of 1000).
constexpr int kMaxInlineDepth = 24;

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string as_of_sql(const SqlOptions& o, const sql::Dialect& d) {
  return o.as_of ? d.number_lit(*o.as_of) : d.as_of_now();
}

// One program's registers as a chain of CTEs (layer 0 loads the inputs, layer L
// computes the columns that read only layers below). `roots` are the registers the
// caller reads from the top layer with ref(); they are always available there.
class Layers {
 public:
  // How layer 0 is built: the FROM clause, the expression that loads each input, and
  // extra columns (an order column) carried unchanged to the top.
  struct Source {
    std::string from;
    std::function<std::string(size_t input)> load;
    std::vector<std::pair<std::string, std::string>> carry;  // (expression, column name)
  };

  Layers(const ir::Program& p, const SqlOptions& o, std::vector<Reg> roots, std::string prefix)
      : p_(p), o_(o), d_(o.dialect), roots_(std::move(roots)), prefix_(std::move(prefix)) {
    plan();
  }

  // The SQL of register r as used by another expression: a column reference, a
  // literal, or the inlined expression.
  std::string ref(Reg r) const {
    const ir::Instr& in = p_.code[r];
    if (in.op == Op::Field) return d_.ident(input_col_[in.a]);
    if (column_[r]) return d_.ident(reg_col_[r]);
    return expr(r);
  }
  bool input_used(size_t i) const { return !input_col_[i].empty(); }

  // "name AS (…),\nname AS (…)" for every layer.
  std::string ctes(const Source& src) const {
    std::vector<std::string> bodies = selects(src);
    std::string sql;
    for (size_t l = 0; l < bodies.size(); ++l)
      sql += (l ? ",\n" : "") + layer_name(l) + " AS (\n  " + bodies[l] + "\n  FROM " +
             (l ? layer_name(l - 1) : src.from) + "\n)";
    return sql;
  }

  // The same layers nested as subqueries, for a FROM clause (ClickHouse 18.16 has no
  // WITH … AS (subquery)); each layer's text still appears once.
  std::string nested(const Source& src) const {
    std::string from = src.from;
    std::vector<std::string> bodies = selects(src);
    for (size_t l = 0; l < bodies.size(); ++l) from = "(\n  " + bodies[l] + "\n  FROM " + from + "\n) AS " + layer_name(l);
    return from;
  }
  std::string top() const { return layer_name(top_); }

 private:
  // "SELECT …" of every layer, without its FROM.
  std::vector<std::string> selects(const Source& src) const {
    // The last layer that reads each column (what reads from the top counts as top + 1).
    std::vector<std::vector<Reg>> at(top_ + 1);
    std::map<long, int> last;
    for (size_t i = 0; i < p_.code.size(); ++i) {
      if (!column_[i]) continue;
      at[level_[i]].push_back(i);
      std::set<long> cols;
      reads(i, cols);
      for (long c : cols) last[c] = std::max(last[c], level_[i]);
    }
    for (Reg root : roots_) {
      std::set<long> cols;
      if (column_[root]) cols.insert(root);
      else reads(root, cols);
      for (long c : cols) last[c] = top_ + 1;
    }

    std::vector<std::string> bodies;
    std::vector<std::string> items;
    for (const auto& [e, name] : src.carry) items.push_back(e + " AS " + d_.ident(name));
    for (size_t i = 0; i < p_.inputs.size(); ++i) {
      if (input_col_[i].empty()) continue;
      items.push_back(src.load(i) + " AS " + d_.ident(input_col_[i]));
    }
    if (items.empty()) items.push_back("1 AS " + d_.ident("leadc_row"));
    bodies.push_back("SELECT " + join(items, ",\n         "));

    for (int l = 1; l <= top_; ++l) {
      items.clear();
      for (const auto& c : src.carry) items.push_back(d_.ident(c.second));
      for (const auto& [c, last_use] : last) {
        bool defined_below = c < 0 || level_[c] < l;
        if (defined_below && last_use > l) items.push_back(d_.ident(col_name(c)));
      }
      for (Reg r : at[l]) items.push_back(expr(r) + " AS " + d_.ident(reg_col_[r]));
      bodies.push_back("SELECT " + join(items, ",\n         "));
    }
    return bodies;
  }

  std::string layer_name(int l) const { return d_.ident(prefix_ + std::to_string(l)); }

  // How often an instruction's SQL text repeats each of its operands.
  int operand_repeats(const ir::Instr& in) const {
    switch (in.op) {
      case Op::Min:
      case Op::Max: return 2;
      case Op::EndsWith: return d_.ends_with_uses();
      case Op::And:
      case Op::Or: return d_.logic_uses();
      default: return 1;
    }
  }

  static bool trivial(const ir::Instr& in) { return ir::is_leaf(in.op); }

  void plan() {
    size_t n = p_.code.size();
    live_.assign(n, false);
    std::vector<int> uses(n, 0);
    std::vector<bool> root(n, false);
    for (Reg r : roots_) {
      root[r] = true;
      live_[r] = true;
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
    top_ = 0;
    for (size_t i = 0; i < n; ++i) if (column_[i]) top_ = std::max(top_, level_[i]);
    name_columns();
  }

  // Internal column names, readable where the program names a register, and unique.
  void name_columns() {
    std::set<std::string> taken{"leadc_order", "leadc_row", "leadc_key", "leadc_has"};
    // In ClickHouse an alias is seen by every expression of its SELECT, so a loaded
    // column must not take the name of a source column that another load reads.
    if (!d_.has_ctes())
      for (const ir::Input& in : p_.inputs) if (!in.synthetic) taken.insert(in.column);
    auto unique = [&](std::string want, const std::string& fallback) {
      if (want.empty() || taken.count(want)) want = fallback;
      for (int k = 2; taken.count(want); ++k) want = fallback + "_" + std::to_string(k);
      taken.insert(want);
      return want;
    };
    input_col_.assign(p_.inputs.size(), "");
    for (size_t i = 0; i < p_.code.size(); ++i) {
      const ir::Instr& in = p_.code[i];
      if (!live_[i] || in.op != Op::Field || !input_col_[in.a].empty()) continue;
      const ir::Input& input = p_.inputs[in.a];
      // An aggregate's "field" is its source text: too long for a name.
      input_col_[in.a] = input.synthetic ? unique("", "aggregate_" + std::to_string(input.aggregate))
                         : unique(input.field, d_.has_ctes() ? "f" + std::to_string(in.a) : "leadc_" + input.field);
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
      case Op::Field: return d_.ident(input_col_[in.a]);
      case Op::Const: return constant(in);
      case Op::AsOf: return as_of_sql(o_, d_);
      case Op::Add: return bin("+");
      case Op::Sub: return bin("-");
      case Op::Mul: return bin("*");
      case Op::Div: return "(" + ref(in.a) + " / " + d_.null_if_zero(ref(in.b)) + ")";
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
      case Op::And: return d_.logic_and(ref(in.a), ref(in.b));
      case Op::Or: return d_.logic_or(ref(in.a), ref(in.b));
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

  const ir::Program& p_;
  const SqlOptions& o_;
  sql::Dialect d_;
  std::vector<Reg> roots_;
  std::string prefix_;
  std::vector<bool> live_, column_;
  std::vector<int> level_;
  int top_ = 0;
  std::vector<std::string> input_col_, reg_col_;
};

std::string comment_safe(std::string s) {
  for (char& c : s) if (c == '\n' || c == '\r') c = ' ';
  return s;
}

bool uses_as_of(const ir::Program& p) {
  for (const auto& in : p.code) if (in.op == Op::AsOf) return true;
  if (!p.activity) return false;
  for (const auto& g : p.activity->aggregates) if (g.half_life > 0) return true;
  return uses_as_of(p.activity->events);
}

// A date or timestamp field with a `format` pattern or a `zone`: the query reads such a
// column when it is typed (DATE, TIMESTAMP), or text in the ISO forms only; the file's
// own spelling (`11/22/2026`, a zoneless local time in the zone) is not read from a raw
// load (docs/sql.md). Said in the query's header, one line per field.
std::string raw_text_notes(const ir::Program& p) {
  std::string out;
  for (const ir::Input& in : p.inputs) {
    if (in.synthetic || (in.kind != ir::FieldKind::Date && in.kind != ir::FieldKind::Timestamp)) continue;
    if ((in.format.empty() || in.format_is_name) && in.zone.empty()) continue;  // ISO or epoch_*: read
    std::string how = in.format.empty() ? "" : in.format_is_name ? "format " + in.format : "format \"" + in.format + "\"";
    if (!in.zone.empty()) how += (how.empty() ? "zone \"" : ", zone \"") + in.zone + "\"";
    out += "-- column " + comment_safe("\"" + in.column + "\" (" + how + ")") + ": load it typed (" +
           (in.kind == ir::FieldKind::Date ? "DATE" : "TIMESTAMP") + "); a text column is read in the ISO forms only\n";
  }
  return out;
}

// The whole query: the events' CTEs and their GROUP BY (with activities), the leads'
// CTEs, and the final SELECT of the outputs.
class Emitter {
 public:
  Emitter(const ir::Program& p, const SqlOptions& o) : p_(p), o_(o), d_(o.dialect) {}

  std::string run() {
    std::vector<Reg> roots;
    for (const auto& out : p_.outputs) {
      roots.push_back(out.reg);
      for (Reg r : ir::set_registers(p_, out)) roots.push_back(r);  // a set's output reads every member
    }
    Layers leads(p_, o_, roots, "leadc_");
    ranges_ = ir::value_ranges(p_);

    std::string sql = "-- " + comment_safe(p_.name.empty() ? "lead definition" : p_.name) +
                      ": compiled by leadc for " + dialect_name(d_.kind()) + "\n";
    if (uses_as_of(p_)) {
      sql += o_.as_of ? "-- as-of time: fixed by --as-of (" + comment_safe(o_.as_of_text.empty() ? d_.number_lit(*o_.as_of)
                                                                                                : o_.as_of_text) + ")\n"
                      : "-- as-of time: the database's current time when the query runs (compile with --as-of to fix it)\n";
    }
    sql += raw_text_notes(p_);
    if (p_.activity) sql += raw_text_notes(p_.activity->events);
    if (!o_.view.empty()) sql += "CREATE VIEW " + d_.ident(o_.view) + " AS\n";

    const std::string order = order_column();
    Layers::Source src;
    const std::string lead_alias = d_.ident("leadc_lead");
    const bool joined = p_.activity != nullptr;
    // ClickHouse joins USING a column of the same name on both sides, and its columns
    // are named without the table's alias.
    const bool qualify = joined && d_.has_ctes();
    auto lead_col = [&](const std::string& c) { return qualify ? lead_alias + "." + d_.ident(c) : d_.ident(c); };
    if (!order.empty()) src.carry.push_back({lead_col(order), "leadc_order"});
    src.from = d_.table_ref(o_.table);
    std::string events;
    if (joined) {
      const ir::Input& key = p_.inputs[p_.key_input()];  // checked by emit_sql()
      events = events_query();
      const std::string agg = d_.ident("leadc_agg"), key_col = d_.ident("leadc_key");
      if (d_.has_ctes()) {
        src.from += " AS " + lead_alias + "\n  LEFT JOIN " + d_.ident("leadc_events") + " AS " + agg + " ON " + agg +
                    "." + key_col + " = " + d_.load(key, lead_col(key.column));
      } else {
        // The events are grouped to one row per key, so ANY (which 18.16 requires)
        // and ALL agree.
        src.from = "(\n  SELECT *, " + d_.load(key, lead_col(key.column)) + " AS " + key_col + "\n  FROM " + src.from +
                   "\n) AS " + lead_alias + "\n  ANY LEFT JOIN (\n" + events + "\n) AS " + agg + " USING " + key_col;
      }
    }
    src.load = [&](size_t i) {
      const ir::Input& in = p_.inputs[i];
      if (!in.synthetic) return d_.load(in, lead_col(in.column), &p_);
      return aggregate_of_lead(in);
    };

    std::string from;
    if (d_.has_ctes()) {
      sql += "WITH ";
      if (joined) sql += events + ",\n";
      sql += leads.ctes(src);
      from = leads.top();
    } else {
      from = leads.nested(src);
    }

    std::vector<std::string> items;
    for (const auto& out : p_.outputs) items.push_back(output_value(leads, out) + " AS " + d_.ident(out.name));
    sql += (d_.has_ctes() ? "\n" : "") + std::string("SELECT ") + join(items, ",\n       ") + "\nFROM " + from;
    if (!order.empty()) sql += "\nORDER BY " + d_.ident("leadc_order");
    sql += ";\n";
    return sql;
  }

 private:
  // A lead's value of an aggregate: the grouped events' value, or, for a lead without
  // events (no row in the join), what the interpreter gives a key with no event.
  std::string aggregate_of_lead(const ir::Input& in) const {
    const ir::Aggregate& g = p_.activity->aggregates[in.aggregate];
    const std::string name = d_.ident("leadc_a" + std::to_string(in.aggregate));
    const std::string v = d_.has_ctes() ? d_.ident("leadc_agg") + "." + name : name;
    std::string none;
    switch (g.kind) {
      case ir::AggregateKind::Any: none = d_.bool_lit(false); break;
      case ir::AggregateKind::None: none = d_.bool_lit(true); break;
      case ir::AggregateKind::Latest:
      case ir::AggregateKind::Earliest: none = d_.null_of(ir::Type::Num); break;
      default: none = d_.number_lit(0);
    }
    const bool nullable = g.kind == ir::AggregateKind::Latest || g.kind == ir::AggregateKind::Earliest;
    // ClickHouse fills the columns of an unmatched row with defaults (0), not NULL,
    // unless join_use_nulls is set: leadc_has tells the two apart either way.
    if (!d_.has_ctes())
      return "CASE WHEN " + d_.ident("leadc_has") + " = 1 THEN " + (nullable ? v : "COALESCE(" + v + ", " + none + ")") +
             " ELSE " + none + " END";
    return nullable ? v : "COALESCE(" + v + ", " + none + ")";
  }

  // The events program's layers over the activities table, then one row per key with
  // every aggregate: CTEs ending in "leadc_events", or (ClickHouse) one SELECT over
  // nested subqueries. Events whose key has no lead are grouped too but never joined,
  // so they change no lead's result.
  std::string events_query() const {
    const ir::Activity& act = *p_.activity;
    ir::Program ev = act.events;
    // The key as a register (lowering emits a Field for it, but do not rely on it).
    Reg key = ir::kNoReg;
    for (size_t i = 0; i < ev.code.size(); ++i)
      if (ev.code[i].op == Op::Field && ev.code[i].a == static_cast<Reg>(act.key_input)) key = static_cast<Reg>(i);
    if (key == ir::kNoReg) {
      ir::Instr f;
      f.op = Op::Field;
      f.type = ev.inputs[act.key_input].type;
      f.enum_id = ev.inputs[act.key_input].enum_id;
      f.a = static_cast<Reg>(act.key_input);
      ev.code.push_back(f);
      key = static_cast<Reg>(ev.code.size() - 1);
    }
    std::vector<Reg> roots{key};
    if (act.time != ir::kNoReg) roots.push_back(act.time);
    for (const auto& g : act.aggregates) {
      roots.push_back(g.condition);
      if (g.value != ir::kNoReg) roots.push_back(g.value);
    }
    Layers events(ev, o_, roots, "leadc_event_");
    Layers::Source src;
    src.from = d_.table_ref(o_.activities_table);
    src.load = [&](size_t i) { return d_.load(ev.inputs[i], d_.ident(ev.inputs[i].column), &ev); };

    const std::string as_of = as_of_sql(o_, d_);
    std::vector<std::string> items{events.ref(key) + " AS " + d_.ident("leadc_key")};
    for (size_t a = 0; a < act.aggregates.size(); ++a) {
      const ir::Aggregate& g = act.aggregates[a];
      const std::string c = events.ref(g.condition);
      const std::string one = d_.number_lit(1), zero = d_.number_lit(0);
      std::string e;
      switch (g.kind) {
        case ir::AggregateKind::Count: e = "SUM(CASE WHEN " + c + " THEN " + one + " ELSE " + zero + " END)"; break;
        case ir::AggregateKind::Any: e = "(MAX(CASE WHEN " + c + " THEN 1 ELSE 0 END) = 1)"; break;
        case ir::AggregateKind::None: e = "(MAX(CASE WHEN " + c + " THEN 1 ELSE 0 END) = 0)"; break;
        // Missing values add nothing; no known value at all is a sum of 0 (COALESCE in the join).
        case ir::AggregateKind::Sum: e = "SUM(CASE WHEN " + c + " THEN " + events.ref(g.value) + " END)"; break;
        case ir::AggregateKind::Latest: e = "MAX(CASE WHEN " + c + " THEN " + events.ref(g.value) + " END)"; break;
        case ir::AggregateKind::Earliest: e = "MIN(CASE WHEN " + c + " THEN " + events.ref(g.value) + " END)"; break;
        case ir::AggregateKind::DecayedCount:
        case ir::AggregateKind::DecayedAny: {
          // An event without a time has no weight; a future event weighs 1 (age 0).
          if (act.time == ir::kNoReg) { e = zero; break; }
          const std::string t = events.ref(act.time);
          const std::string age = "CASE WHEN " + as_of + " - " + t + " > " + zero + " THEN " + as_of + " - " + t +
                                  " ELSE " + zero + " END";
          const std::string w = d_.exp2("(" + zero + " - (" + age + ") / " + d_.number_lit(g.half_life) + ")");
          e = std::string(g.kind == ir::AggregateKind::DecayedCount ? "SUM" : "MAX") + "(CASE WHEN " + t +
              " IS NULL THEN " + zero + " WHEN " + c + " THEN " + w + " ELSE " + zero + " END)";
          break;
        }
      }
      items.push_back(e + " AS " + d_.ident("leadc_a" + std::to_string(a)));
    }
    if (!d_.has_ctes()) {
      items.push_back("1 AS " + d_.ident("leadc_has"));
      return "  SELECT " + join(items, ",\n         ") + "\n  FROM " + events.nested(src) + "\n  GROUP BY " +
             events.ref(key);
    }
    return events.ctes(src) + ",\n" + d_.ident("leadc_events") + " AS (\n  SELECT " + join(items, ",\n         ") +
           "\n  FROM " + events.top() + "\n  GROUP BY " + events.ref(key) + "\n)";
  }

  std::string output_value(const Layers& l, const ir::Output& out) const {
    std::string v = l.ref(out.reg);
    const ir::ValueRange& range = ranges_[out.reg];
    switch (out.display) {
      case ir::Display::Number:
        // Whole numbers (points, counts, ints) are integer columns; whole cents are
        // money (scale 100 is only ever money). Bounds keep every cast exact.
        if (out.scale == 1 && range.within(4e18)) return d_.integer(v);
        // DECIMAL(18, 2) holds any amount a lead file can hold; a sum over events
        // may need DECIMAL(38, 2).
        if (out.scale == 100 && range.within(1e17)) return d_.money(v, 18);
        if (out.scale == 100 && range.within(1e35)) return d_.money(v, 38);
        return out.scale == 1 ? v : "(" + v + " / " + d_.number_lit(out.scale) + ")";
      case ir::Display::Date: return d_.date_from_epoch(v);
      case ir::Display::Timestamp: return d_.timestamp_from_epoch(v);
      case ir::Display::Bool:
      case ir::Display::Text:
      case ir::Display::Enum: return v;
      case ir::Display::Set: {
        std::vector<std::string> members;
        for (Reg r : ir::set_registers(p_, out)) members.push_back(l.ref(r));
        return d_.set_text(members, p_.enums.at(static_cast<size_t>(out.enum_id)).members,
                           ir::set_separator(p_, out));
      }
    }
    return v;
  }

  std::string order_column() const {
    if (!o_.order_by.empty()) return o_.order_by;
    int k = p_.key_input();
    return k >= 0 ? p_.inputs[k].column : "";
  }

  const ir::Program& p_;
  const SqlOptions& o_;
  sql::Dialect d_;
  std::vector<ir::ValueRange> ranges_;
};

}  // namespace

Expected<std::string> emit_sql(const ir::Program& program, const SqlOptions& opts) {
  if (Status s = ir::verify(program, {.enum_names = true}); !s) return Failure{"ill-formed IR program: " + s.error()};
  if (program.outputs.empty()) return Failure{"the program has no outputs"};

  if (program.activity && program.key_input() < 0) return Failure{"a definition with activities needs a key field"};
  return Emitter(program, opts).run();
}

}  // namespace leadc
