// Runs one program both ways — emit_sql on SQLite and the interpreter on a Batch —
// and reports the first cell where they differ.
#include <algorithm>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

#include "random_ir.h"
#include "runtime/evaluator.h"

namespace leadc::testing {

namespace {

std::string show(const SqlCell& c) {
  if (std::holds_alternative<std::monostate>(c)) return "NULL";
  if (auto* i = std::get_if<long long>(&c)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&c)) {
    std::ostringstream s;
    s.precision(17);
    s << *d;
    return s.str();
  }
  return "'" + std::get<std::string>(c) + "'";
}

// The interpreter's value of an output at one row, as the SQLite cell it must equal.
SqlCell expected(const ir::Program& p, const ir::Output& out, const rt::Column& col, size_t row) {
  if (!col.known[row]) return std::monostate{};
  switch (out.display) {
    case ir::Display::Bool: return static_cast<long long>(col.b[row]);
    case ir::Display::Number: return col.num[row] / out.scale;
    case ir::Display::Text: return std::string(col.str[row]);
    case ir::Display::Enum: return p.enums[out.enum_id].members[col.member[row]];
    case ir::Display::Date: return format_date(col.num[row]);
    case ir::Display::Timestamp: return format_timestamp(col.num[row]);
    case ir::Display::Set: throw std::logic_error("expected: a set output needs every member's register");
  }
  return std::monostate{};
}

bool same(const SqlCell& want, const SqlCell& got) {
  // SQLite may hand back an integral REAL as INTEGER after arithmetic on integers.
  auto* w = std::get_if<double>(&want);
  if (w) {
    if (auto* g = std::get_if<double>(&got)) return *w == *g;
    if (auto* g = std::get_if<long long>(&got)) return *w == static_cast<double>(*g);
    return false;
  }
  return want == got;
}

}  // namespace

std::string compare_sqlite_with_interpreter(const ir::Program& p, const LeadRows& data, double as_of) {
  SqliteDb db;
  std::string create = "CREATE TABLE leads (row_no INTEGER";
  for (const ir::Input& in : p.inputs)
    create += ", \"" + [&] {
      std::string q;
      for (char c : in.column) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q;
    }() + "\" " + sqlite_column_type(in);
  db.exec(create + ")");

  // Insert in a scrambled order: only ORDER BY may restore the file's order.
  std::vector<size_t> order(data.rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(static_cast<unsigned>(data.rows.size()));
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<std::vector<SqlValue>> rows;
  for (size_t r : order) {
    std::vector<SqlValue> row{static_cast<long long>(r)};
    for (const LeadCell& c : data.rows[r]) row.push_back(c.sql);
    rows.push_back(std::move(row));
  }
  db.insert("leads", rows);

  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.order_by = "row_no";
  opts.as_of = as_of;
  std::string sql = *emit_sql(p, opts);
  std::vector<std::string> names;
  auto got = db.query(sql, &names);

  rt::Batch batch;
  batch.rows = data.rows.size();
  batch.inputs.resize(p.inputs.size());
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    rt::Column& col = batch.inputs[i];
    col.reset(p.inputs[i].type, batch.rows);
    for (size_t r = 0; r < batch.rows; ++r) {
      const LeadCell& c = data.rows[r][i];
      col.known[r] = !c.missing;
      switch (col.type) {
        case ir::Type::Num: col.num[r] = c.num; break;
        case ir::Type::Bool: col.b[r] = c.b; break;
        case ir::Type::Enum: col.member[r] = c.member; break;
        case ir::Type::Str: col.str[r] = c.str; break;
      }
    }
  }
  rt::Registers regs;
  // Str registers may point into the evaluator's own copy of the constants.
  auto interp = rt::make_interpreter(p, rt::EvalContext{as_of}).value();
  interp->evaluate(batch, regs);

  if (got.size() != batch.rows) return "row count " + std::to_string(got.size()) + " != " + std::to_string(batch.rows);
  for (size_t o = 0; o < p.outputs.size(); ++o)
    if (names.at(o) != p.outputs[o].name) return "column " + std::to_string(o) + " is named " + names[o];
  for (size_t r = 0; r < batch.rows; ++r) {
    for (size_t o = 0; o < p.outputs.size(); ++o) {
      const ir::Output& out = p.outputs[o];
      SqlCell want = expected(p, out, regs.regs[out.reg], r);
      if (!same(want, got[r][o]))
        return "row " + std::to_string(r) + " output `" + out.name + "`: interpreter " + show(want) + ", sqlite " +
               show(got[r][o]) + "\n" + ir::print(p) + "\n" + sql;
    }
  }
  return "";
}

}  // namespace leadc::testing
