// Raw loads read every spelling the cell reader reads (LANGUAGE.md sections 7 and 9):
// `±HHMM` offsets (SQLite's strftime gives NULL for `+0000`), currency marks on money,
// `format` number patterns, epoch_seconds/epoch_millis; typed columns still read as
// before; a date/time pattern is named in the query's header (read typed only).
#include <doctest/doctest.h>

#include <string>

#include "compiler/driver.h"
#include "compiler/sql/emit_sql.h"
#include "sqlite_db.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

const char* const kDefinition = R"(definition "cells"
lead {
  id:     text key
  at:     timestamp?
  price:  money(USD)?
  umsatz: money(EUR)? format "1.234,56" from "Umsatz"
  staff:  int? format "1,234"
  share:  number? format "1 234,56"
  synced: timestamp? format epoch_millis
  born:   date? format epoch_seconds
}
output id, at, price, umsatz, staff, share, synced, born
)";

struct Compiled {
  Compilation c;
  Diagnostics diags;
};

const ir::Program& program(Compiled& out, const char* text = kDefinition) {
  out.c = compile_source("cells.lead", text, out.diags);
  for (const Diagnostic& d : out.diags.all()) CAPTURE(d.message);
  REQUIRE(out.c.program);
  return *out.c.program;
}

SqlValue s(const char* t) { return SqlValue(std::string(t)); }

std::vector<std::vector<SqlCell>> run_sqlite(SqliteDb& db, const ir::Program& p) {
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  auto sql = emit_sql(p, opts);
  REQUIRE(sql);
  return db.query(*sql);
}

}  // namespace

TEST_CASE("raw text cells: offsets, currency marks, number patterns and Unix times on SQLite") {
  Compiled c;
  const ir::Program& p = program(c);
  SqliteDb db;
  db.exec("CREATE TABLE leads (id TEXT, at TEXT, price TEXT, \"Umsatz\" TEXT, staff TEXT, share TEXT, synced TEXT, "
          "born TEXT)");
  db.insert("leads", {{s("A"), s("2024-01-15T10:30:00.000+0000"), s("$1200.50"), s("EUR 1.200,50"), s("1,200"),
                       s(" 1 234,5 "), s("1700000000123"), s("1700000000.75")},
                      {s("B"), s("2024-01-15 10:30+0530"), s("12.34 USD"), s("\xE2\x82\xAC" "12,5"), s("12,345,678"),
                       s("-3"), s(""), s("1763807400")},
                      {s("C"), s("2024-01-15T10:30:00-0800"), s("USD 7"), s("1.000.000"), s("-1,000"),
                       s("1\xC2\xA0" "234"), s("86400000"), s("")},
                      {s("D"), s("2024-01-15T10:30:00.5-03:00"), s("0.29"), s("0,29"), s("999"), s("0,1"),
                       s("2023-11-14T22:13:20Z"), s("2025-11-22")}});  // ISO text in the epoch columns: read as ISO
  auto rows = run_sqlite(db, p);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0][1] == SqlCell(std::string("2024-01-15T10:30:00Z")));
  CHECK(rows[1][1] == SqlCell(std::string("2024-01-15T05:00:00Z")));
  CHECK(rows[2][1] == SqlCell(std::string("2024-01-15T18:30:00Z")));
  CHECK(rows[3][1] == SqlCell(std::string("2024-01-15T13:30:00Z")));
  CHECK(rows[0][2] == SqlCell(1200.5));
  CHECK(rows[1][2] == SqlCell(12.34));
  CHECK(rows[2][2] == SqlCell(7.0));
  CHECK(rows[0][3] == SqlCell(1200.5));
  CHECK(rows[1][3] == SqlCell(12.5));
  CHECK(rows[2][3] == SqlCell(1000000.0));
  CHECK(rows[3][3] == SqlCell(0.29));
  CHECK(rows[0][4] == SqlCell(1200LL));
  CHECK(rows[1][4] == SqlCell(12345678LL));
  CHECK(rows[2][4] == SqlCell(-1000LL));
  CHECK(rows[0][5] == SqlCell(1234.5));
  CHECK(rows[1][5] == SqlCell(-3.0));
  CHECK(rows[2][5] == SqlCell(1234.0));
  CHECK(rows[3][5] == SqlCell(0.1));
  CHECK(rows[0][6] == SqlCell(std::string("2023-11-14T22:13:20Z")));
  CHECK(std::holds_alternative<std::monostate>(rows[1][6]));
  CHECK(rows[2][6] == SqlCell(std::string("1970-01-02T00:00:00Z")));
  CHECK(rows[3][6] == SqlCell(std::string("2023-11-14T22:13:20Z")));
  CHECK(rows[0][7] == SqlCell(std::string("2023-11-14")));
  CHECK(rows[1][7] == SqlCell(std::string("2025-11-22")));
  CHECK(std::holds_alternative<std::monostate>(rows[2][7]));
  CHECK(rows[3][7] == SqlCell(std::string("2025-11-22")));
}

TEST_CASE("typed columns are not read with a pattern's separators") {
  Compiled c;
  const ir::Program& p = program(c);
  SqliteDb db;
  db.exec("CREATE TABLE leads (id TEXT, at TEXT, price REAL, \"Umsatz\" REAL, staff INTEGER, share REAL, synced TEXT, "
          "born TEXT)");
  db.insert("leads", {{s("A"), s("2024-01-15T10:30:00Z"), SqlValue(12.34), SqlValue(1234.5), SqlValue(1200LL),
                       SqlValue(0.25), s("2023-11-14T22:13:20Z"), s("2023-11-14")}});
  auto rows = run_sqlite(db, p);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][2] == SqlCell(12.34));
  CHECK(rows[0][3] == SqlCell(1234.5));  // not 12345: the '.' is the typed value's point
  CHECK(rows[0][4] == SqlCell(1200LL));
  CHECK(rows[0][5] == SqlCell(0.25));
  CHECK(rows[0][6] == SqlCell(std::string("2023-11-14T22:13:20Z")));
}

TEST_CASE("every dialect reads the spellings: the fragments it uses") {
  Compiled c;
  const ir::Program& p = program(c);
  SqlOptions opts;
  opts.dialect = SqlDialect::ClickHouse;
  auto ch = emit_sql(p, opts);
  REQUIRE(ch);
  CHECK(ch->find("replaceAll(") != std::string::npos);  // currency marks, separators
  CHECK(ch->find("replaceRegexpOne(") != std::string::npos);  // ±HHMM -> ±HH:MM
  CHECK(ch->find("toTypeName(") != std::string::npos);  // a '.' separator only on text
  for (SqlDialect d : {SqlDialect::Postgres, SqlDialect::DuckDB}) {
    opts.dialect = d;
    auto sql = emit_sql(p, opts);
    REQUIRE(sql);
    CHECK(sql->find("REPLACE(") != std::string::npos);
    CHECK(sql->find("'\xE2\x82\xAC'") != std::string::npos);  // the EUR symbol
  }
}

TEST_CASE("a date or time pattern, or a zone, is named in the header: read from typed columns") {
  Compiled c;
  const ir::Program& p = program(c, R"(lead {
  id:      text key
  created: date format "MM/DD/YYYY" from "Create Date"
  seen:    timestamp? zone "America/New_York"
  synced:  timestamp? format epoch_millis
}
output id, created, seen, synced
)");
  for (SqlDialect d : {SqlDialect::SQLite, SqlDialect::Postgres, SqlDialect::DuckDB, SqlDialect::ClickHouse}) {
    SqlOptions opts;
    opts.dialect = d;
    auto sql = emit_sql(p, opts);
    REQUIRE(sql);
    CHECK(sql->find("-- column \"Create Date\" (format \"MM/DD/YYYY\"): load it typed (DATE); a text column is read "
                    "in the ISO forms only\n") != std::string::npos);
    CHECK(sql->find("-- column \"seen\" (zone \"America/New_York\"): load it typed (TIMESTAMP)") != std::string::npos);
    CHECK(sql->find("-- column \"synced\"") == std::string::npos);  // a Unix time is read
  }
}
