// Compiles an ir::Program to one SQL query (or view) over a table of leads (and, for
// a definition with an `activity` block, a table of events), for DuckDB, PostgreSQL,
// SQLite or ClickHouse. The query yields the program's outputs, row for row the same values
// `leadc run` prints; docs/sql.md describes the tables it expects.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/expected.h"
#include "compiler/ir/ir.h"

namespace leadc {

enum class SqlDialect { DuckDB, Postgres, SQLite, ClickHouse };

struct SqlOptions {
  SqlDialect dialect = SqlDialect::DuckDB;
  std::string table = "leads";
  std::string activities_table = "activities";  // the events, with activities
  std::string view;                // non-empty: CREATE VIEW name AS …
  // Column that gives the rows' order (the order of the lead file). Empty: the key
  // column's; no key either: no ORDER BY.
  std::string order_by;
  // The as-of time in seconds since the epoch; unset: the database's current time.
  std::optional<double> as_of;
  std::string as_of_text;          // as given on the command line, for the query's comment
};

// The query, or why the program cannot be expressed (no outputs, activities without
// a key, or an ill-formed program).
Expected<std::string> emit_sql(const ir::Program& program, const SqlOptions& opts);

// The CREATE TABLE statements of the tables the query reads (the leads, and the
// events with activities), with the column types a typed load gives each field.
Expected<std::string> emit_sql_schema(const ir::Program& program, const SqlOptions& opts);

// "duckdb", "postgres" (or "postgresql"), "sqlite", "clickhouse".
bool parse_dialect(std::string_view s, SqlDialect& out);
const char* dialect_name(SqlDialect d);

}  // namespace leadc
