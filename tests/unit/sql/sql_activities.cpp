// Activities in SQL: every aggregate as one GROUP BY per key, LEFT JOINed to the
// leads, on tables loaded raw (every cell text, '' for an empty cell) as `sqlite3
// .import` loads a CSV; typed output columns; the as-of comment; hostile table names.
#include <doctest/doctest.h>

#include <string>

#include "compiler/driver.h"
#include "compiler/sql/emit_sql.h"
#include "sqlite_db.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

const char* const kDefinition = R"(definition "acts"
lead {
  lead_id: text key
  budget:  money(USD)?
}
activity {
  lead_id: text key
  kind:    enum { view, buy }
  at:      timestamp
  amount:  money(USD)?
}
term views  = count(activity where kind == view)
term bought = any(activity where kind == buy)
term silent = none(activity within 30 days)
term spent  = sum(activity.amount)
term last   = latest(activity.at)
term first  = earliest(activity.at where kind == buy)
term half   = spent / 2
score heat {
  decay half_life 10 days
  +10 per count(activity where kind == view)
}
score fit {
  +5 per views max 20
  +3 when bought
}
output lead_id, views, bought, silent, spent, last, first, heat, fit, budget, half
)";

struct Compiled {
  Compilation c;
  Diagnostics diags;
};

const ir::Program& program(Compiled& out) {
  out.c = compile_source("acts.lead", kDefinition, out.diags);
  for (const Diagnostic& d : out.diags.all()) CAPTURE(d.message);
  REQUIRE(out.c.program);
  return *out.c.program;
}

const double kAsOf = 1772323200;  // 2026-03-01T00:00:00Z
const std::string kEvents = "ev\"; DROP TABLE leads; --";

void load_raw(SqliteDb& db) {
  db.exec("CREATE TABLE leads (lead_id TEXT, budget TEXT)");
  db.insert("leads", {{std::string("B"), std::string("")}, {std::string("A"), std::string("1234.5")}});
  db.exec("CREATE TABLE \"ev\"\"; DROP TABLE leads; --\" (lead_id TEXT, kind TEXT, at TEXT, amount TEXT)");
  auto s = [](const char* t) { return SqlValue(std::string(t)); };
  db.insert("\"ev\"\"; DROP TABLE leads; --\"",
            {{s("A"), s("view"), s("2026-03-01T00:00:00Z"), s("")},
             {s("A"), s("view"), s("2026-02-19T00:00:00Z"), s("")},
             {s("A"), s("buy"), s("2026-01-01T00:00:00Z"), s("12.34")},
             {s("A"), s("buy"), s("2026-02-01T00:00:00Z"), s("")},
             {s("Z"), s("view"), s("2026-02-28T00:00:00Z"), s("5")}});  // no lead has key Z
}

}  // namespace

TEST_CASE("activities on SQLite: every aggregate, leads without events, events without leads") {
  Compiled c;
  const ir::Program& p = program(c);
  SqliteDb db;
  load_raw(db);
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.activities_table = kEvents;
  opts.as_of = kAsOf;
  std::string sql = *emit_sql(p, opts);
  CAPTURE(sql);
  CHECK(sql.find("LEFT JOIN") != std::string::npos);
  CHECK(sql.find("-- as-of time: fixed") != std::string::npos);
  std::vector<std::string> names;
  auto rows = db.query(sql, &names);
  CHECK(names == std::vector<std::string>{"lead_id", "views", "bought", "silent", "spent", "last", "first", "heat",
                                          "fit", "budget", "half"});
  REQUIRE(rows.size() == 2);
  using S = std::string;
  // A: two views (one now, one 10 days ago: weights 1 and 1/2), two buys (one amount missing).
  CHECK(rows[0] == std::vector<SqlCell>{S("A"), 2LL, 1LL, 0LL, 12.34, S("2026-03-01T00:00:00Z"),
                                        S("2026-01-01T00:00:00Z"), 15.0, 13LL, 1234.5, 6.17});
  // B: no events; the integer columns stay INTEGER, the others REAL.
  CHECK(rows[1] == std::vector<SqlCell>{S("B"), 0LL, 0LL, 1LL, 0.0, std::monostate{}, std::monostate{}, 0.0, 0LL,
                                        std::monostate{}, 0.0});
  CHECK(db.query("SELECT count(*) FROM leads")[0][0] == SqlCell(2LL));
}

TEST_CASE("activities: the clock, typed columns and quoting in every dialect") {
  Compiled c;
  const ir::Program& p = program(c);
  for (SqlDialect d : {SqlDialect::DuckDB, SqlDialect::Postgres, SqlDialect::SQLite}) {
    SqlOptions opts;
    opts.dialect = d;
    opts.table = "crm.le\"ads";
    opts.activities_table = kEvents;
    std::string sql = *emit_sql(p, opts);
    CAPTURE(sql);
    CHECK(sql.find("-- as-of time: the database's current time") != std::string::npos);
    CHECK(sql.find("FROM \"ev\"\"; DROP TABLE leads; --\"") != std::string::npos);
    CHECK(sql.find("FROM \"crm\".\"le\"\"ads\" AS \"leadc_lead\"") != std::string::npos);
    const std::string integer = d == SqlDialect::SQLite ? " AS INTEGER) AS " : " AS BIGINT) AS ";
    CHECK(sql.find(integer + "\"views\"") != std::string::npos);
    CHECK(sql.find(integer + "\"fit\"") != std::string::npos);
    CHECK(sql.find(integer + "\"heat\"") == std::string::npos);  // decayed: a double
    if (d != SqlDialect::SQLite) {
      CHECK(sql.find("(18, 2)) AS \"budget\"") != std::string::npos);
      CHECK(sql.find("(38, 2)) AS \"spent\"") != std::string::npos);  // a sum over events
      CHECK(sql.find("2)) AS \"half\"") == std::string::npos);        // half cents: a double
    }
  }
}

TEST_CASE("an empty string is missing in every input column (raw loads)") {
  Compiled c;
  const ir::Program& p = program(c);
  SqliteDb db;
  load_raw(db);
  db.exec("INSERT INTO leads VALUES ('', '')");  // a key that is '' matches no event
  db.exec("INSERT INTO \"ev\"\"; DROP TABLE leads; --\" VALUES ('', 'view', '2026-03-01T00:00:00Z', '')");
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.activities_table = kEvents;
  opts.as_of = kAsOf;
  opts.order_by = "rowid";
  auto rows = db.query(*emit_sql(p, opts));
  REQUIRE(rows.size() == 3);
  CHECK(std::holds_alternative<std::monostate>(rows[2][0]));  // the key
  CHECK(rows[2][1] == SqlCell(0LL));                          // no events joined
  CHECK(std::holds_alternative<std::monostate>(rows[2][9]));  // budget
}

TEST_CASE("ClickHouse: nested subqueries, ANY LEFT JOIN, backslash quoting, CASE for AND/OR") {
  Compiled c;
  const ir::Program& p = program(c);
  SqlOptions opts;
  opts.dialect = SqlDialect::ClickHouse;
  opts.table = "crm.le\"ads\\";
  opts.activities_table = kEvents;
  std::string sql = *emit_sql(p, opts);
  CAPTURE(sql);
  CHECK(sql.find("WITH") == std::string::npos);  // 18.16 has no WITH … AS (subquery)
  CHECK(sql.find("FROM \"crm\".\"le\\\"ads\\\\\"") != std::string::npos);
  CHECK(sql.find("FROM \"ev\\\"; DROP TABLE leads; --\"") != std::string::npos);
  CHECK(sql.find("ANY LEFT JOIN (") != std::string::npos);
  CHECK(sql.find("USING \"leadc_key\"") != std::string::npos);
  CHECK(sql.find("toInt64(") != std::string::npos);
  CHECK(sql.find("toDecimal128(") != std::string::npos);  // a sum of money over events
  CHECK(sql.find(" AND ") == std::string::npos);
  CHECK(sql.find(" OR ") == std::string::npos);
  CHECK(sql.find("toFloat64(toUnixTimestamp(now()))") != std::string::npos);
}

TEST_CASE("ClickHouse string literals escape quotes and backslashes") {
  const char* src = R"(lead {
  id: text key
  name: text?
}
term odd = (name == "it's a \\ \"test\"" or name == "x") and id == "y"
output id, odd
)";
  Diagnostics diags;
  Compilation comp = compile_source("odd.lead", src, diags);
  for (const Diagnostic& d : diags.all()) CAPTURE(d.message);
  REQUIRE(comp.program);
  SqlOptions opts;
  opts.dialect = SqlDialect::ClickHouse;
  std::string sql = *emit_sql(*comp.program, opts);
  CAPTURE(sql);
  CHECK(sql.find(R"('it\'s a \\ "test"')") != std::string::npos);
  CHECK(sql.find("CASE WHEN NOT ") != std::string::npos);  // AND as CASE
  CHECK(sql.find(" THEN 1 WHEN ") != std::string::npos);    // OR as CASE
}

TEST_CASE("--emit schema: the tables the query reads, typed as it expects") {
  Compiled c;
  const ir::Program& p = program(c);
  SqlOptions opts;
  opts.activities_table = kEvents;
  opts.order_by = "leadc_row";
  opts.dialect = SqlDialect::Postgres;
  std::string pg = *emit_sql_schema(p, opts);
  CHECK(pg == "CREATE TABLE \"leads\" (\n  \"leadc_row\" BIGINT,\n  \"lead_id\" TEXT,\n  \"budget\" NUMERIC(18, 2)\n);\n"
              "CREATE TABLE \"ev\"\"; DROP TABLE leads; --\" (\n  \"lead_id\" TEXT,\n  \"kind\" TEXT,\n"
              "  \"at\" TIMESTAMPTZ,\n  \"amount\" NUMERIC(18, 2)\n);\n");
  opts.dialect = SqlDialect::ClickHouse;
  std::string ch = *emit_sql_schema(p, opts);
  CAPTURE(ch);
  CHECK(ch.find("\"budget\" Nullable(Decimal(18, 2))") != std::string::npos);
  CHECK(ch.find("\"at\" Nullable(DateTime('UTC'))") != std::string::npos);
  CHECK(ch.find(") ENGINE = MergeTree() ORDER BY tuple();") != std::string::npos);

  // On SQLite the schema is run, filled, and the query reads it.
  opts.dialect = SqlDialect::SQLite;
  opts.as_of = kAsOf;
  SqliteDb db;
  db.exec(*emit_sql_schema(p, opts));
  db.exec("INSERT INTO leads VALUES (0, 'A', 10.5)");
  db.exec("INSERT INTO \"ev\"\"; DROP TABLE leads; --\" VALUES ('A', 'view', '2026-02-28T00:00:00Z', NULL)");
  auto rows = db.query(*emit_sql(p, opts));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][1] == SqlCell(1LL));    // views
  CHECK(rows[0][9] == SqlCell(10.5));  // budget
}
