// The shape of the emitted SQL: quoting that makes hostile names harmless, shared
// registers computed once, options (view, table, order, as-of) and refusals.
#include <doctest/doctest.h>

#include <stdexcept>

#include "compiler/sql/emit_sql.h"
#include "sqlite_db.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

namespace {

// The shared builder, with key fields and outputs of any display set by hand.
struct Builder : ProgramBuilder {
  ir::Reg field(const std::string& name, const std::string& column, ir::FieldKind kind, Type t, bool key = false) {
    ir::Input in;
    in.field = name;
    in.column = column;
    in.kind = kind;
    in.type = t;
    in.key = key;
    in.optional = !key;
    return add_input(in);
  }
  void output(const std::string& name, ir::Reg r, ir::Display d) {
    p.outputs.push_back({name, r, p.code[r].type, d, 1, -1});
  }
};

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("dialect names") {
  SqlDialect d;
  CHECK((parse_dialect("sqlite", d) && d == SqlDialect::SQLite));
  CHECK((parse_dialect("postgres", d) && d == SqlDialect::Postgres));
  CHECK((parse_dialect("postgresql", d) && d == SqlDialect::Postgres));
  CHECK((parse_dialect("duckdb", d) && d == SqlDialect::DuckDB));
  CHECK_FALSE(parse_dialect("mysql", d));
  CHECK(std::string(dialect_name(SqlDialect::Postgres)) == "postgres");
}

TEST_CASE("hostile column, output, string and view names are inert on SQLite") {
  const std::string evil = "\"; DROP TABLE leads; --";
  Builder b;
  ir::Reg id = b.field("lead_id", "id'; DROP TABLE leads; --", ir::FieldKind::Text, Type::Str, true);
  ir::Reg name = b.field("name", evil, ir::FieldKind::Text, Type::Str);
  ir::Reg hit = b.op(Op::Contains, Type::Bool, name, b.str("'); DROP TABLE leads; --"));
  ir::Reg backslash = b.op(Op::Eq, Type::Bool, name, b.str("a\\b"));
  b.output("lead_id", id, ir::Display::Text);
  b.output(evil, hit, ir::Display::Bool);
  b.output("it's", backslash, ir::Display::Bool);
  b.p.name = "x\n DROP TABLE leads;";

  SqliteDb db;
  db.exec("CREATE TABLE leads (\"id'; DROP TABLE leads; --\" TEXT, \"\"\"; DROP TABLE leads; --\" TEXT)");
  db.insert("leads", {{std::string("k2"), std::string("a\\b")},
                      {std::string("k1"), std::string("x'); DROP TABLE leads; --y")},
                      {std::string("k3"), std::monostate{}}});
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.view = "v\"; DROP TABLE leads; --";
  db.exec(*emit_sql(b.p, opts));

  std::vector<std::string> names;
  auto rows = db.query("SELECT * FROM \"v\"\"; DROP TABLE leads; --\"", &names);
  CHECK(names == std::vector<std::string>{"lead_id", evil, "it's"});
  REQUIRE(rows.size() == 3);
  // Ordered by the key column.
  CHECK(rows[0][0] == SqlCell(std::string("k1")));
  CHECK(rows[0][1] == SqlCell(1LL));
  CHECK(rows[1][1] == SqlCell(0LL));
  CHECK(rows[1][2] == SqlCell(1LL));
  CHECK(std::holds_alternative<std::monostate>(rows[2][1]));
  CHECK(db.query("SELECT count(*) FROM leads")[0][0] == SqlCell(3LL));

  opts.dialect = SqlDialect::Postgres;
  std::string pg = *emit_sql(b.p, opts);
  CHECK(count(pg, "E'a\\\\b'") == 1);  // backslashes are literal whatever standard_conforming_strings says
}

TEST_CASE("a register used several times is computed once, as a named column") {
  Builder b;
  ir::Reg x = b.field("x", "x", ir::FieldKind::Number, Type::Num);
  ir::Reg y = b.field("y", "y", ir::FieldKind::Number, Type::Num);
  ir::Reg sum = b.op(Op::Add, Type::Num, x, y);
  ir::Reg shared = b.op(Op::Mul, Type::Num, sum, b.num(3));
  b.p.terms.push_back({"tripled", shared, {}, false});
  ir::Reg acc = shared;
  for (int i = 0; i < 6; ++i) acc = b.op(Op::Add, Type::Num, acc, shared);
  b.output("total", acc, ir::Display::Number);
  for (SqlDialect d : {SqlDialect::DuckDB, SqlDialect::Postgres, SqlDialect::SQLite}) {
    SqlOptions opts;
    opts.dialect = d;
    std::string sql = *emit_sql(b.p, opts);
    CAPTURE(sql);
    CHECK(count(sql, "(\"x\" + \"y\")") == 1);
    CHECK(count(sql, " AS \"tripled\"") == 1);
    CHECK(count(sql, "ORDER BY") == 0);  // no key and no order column
  }

  SqliteDb db;
  db.exec("CREATE TABLE leads (x REAL, y REAL)");
  db.insert("leads", {{1.5, 2.0}, {std::monostate{}, 1.0}});
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.order_by = "rowid";
  auto rows = db.query(*emit_sql(b.p, opts));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == SqlCell(3.5 * 3 * 7));
  CHECK(std::holds_alternative<std::monostate>(rows[1][0]));
}

TEST_CASE("as-of: pinned as a literal, or the database clock") {
  Builder b;
  ir::Reg d = b.field("created", "created", ir::FieldKind::Date, Type::Num);
  ir::Reg age = b.op(Op::Sub, Type::Num, b.op(Op::AsOf, Type::Num), d);
  b.p.outputs.push_back({"age", age, Type::Num, ir::Display::Number, 86400, -1});
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  CHECK(count(*emit_sql(b.p, opts), "'now'") == 1);
  opts.dialect = SqlDialect::Postgres;
  CHECK(count(*emit_sql(b.p, opts), "CURRENT_TIMESTAMP") == 1);
  opts.dialect = SqlDialect::SQLite;
  opts.as_of = 1767225600;  // 2026-01-01
  opts.table = "main.leads";

  SqliteDb db;
  db.exec("CREATE TABLE leads (created TEXT)");
  db.insert("leads", {{std::string("2025-12-22")}, {std::monostate{}}});
  std::string sql = *emit_sql(b.p, opts);
  CHECK(count(sql, "FROM \"main\".\"leads\"") == 1);
  auto rows = db.query(sql);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == SqlCell(10.0));
}

TEST_CASE("string tests never use LIKE") {
  Builder b;
  ir::Reg s = b.field("s", "s", ir::FieldKind::Text, Type::Str);
  ir::Reg p = b.str("A%");
  ir::Reg all = b.op(Op::And, Type::Bool, b.op(Op::StartsWith, Type::Bool, s, p),
                       b.op(Op::Or, Type::Bool, b.op(Op::EndsWith, Type::Bool, s, p),
                              b.op(Op::Contains, Type::Bool, s, p)));
  b.output("all", all, ir::Display::Bool);
  for (SqlDialect d : {SqlDialect::DuckDB, SqlDialect::Postgres, SqlDialect::SQLite}) {
    SqlOptions opts;
    opts.dialect = d;
    CHECK(count(*emit_sql(b.p, opts), "LIKE") == 0);
  }
}

TEST_CASE("programs it cannot express are refused") {
  Builder b;
  b.field("x", "x", ir::FieldKind::Number, Type::Num);
  auto no_outputs = emit_sql(b.p, SqlOptions{});
  REQUIRE_FALSE(no_outputs);
  CHECK(no_outputs.error() == "the program has no outputs");

  b.p.enums.push_back({"tier", {"gold"}});
  ir::Reg bad = b.op(Op::Const, Type::Enum);
  b.p.code[bad].enum_id = 0;
  b.p.code[bad].value.member = 3;
  b.p.outputs.push_back({"tier", bad, Type::Enum, ir::Display::Enum, 1, 0});
  auto bad_member = emit_sql(b.p, SqlOptions{});
  REQUIRE_FALSE(bad_member);
  CHECK(bad_member.error().find("ill-formed IR program") == 0);
}

TEST_CASE("a schema with no column to create is refused") {
  Builder b;
  b.output("one", b.num(1), ir::Display::Number);
  auto schema = emit_sql_schema(b.p, SqlOptions{});
  REQUIRE_FALSE(schema);
  CHECK(schema.error().find("reads no column of leads") != std::string::npos);
  SqlOptions ordered;
  ordered.order_by = "leadc_row";  // the order column alone is a table
  REQUIRE(emit_sql_schema(b.p, ordered));
  CHECK(*emit_sql_schema(b.p, ordered) == "CREATE TABLE \"leads\" (\n  \"leadc_row\" BIGINT\n);\n");
}
