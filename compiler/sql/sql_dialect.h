// The SQL text that differs between DuckDB, PostgreSQL, SQLite and ClickHouse:
// quoting, literals, type names, loading a column into its IR representation, string
// tests, three-valued AND/OR, and turning epoch seconds back into dates and timestamps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/sql/emit_sql.h"

namespace leadc::sql {

class Dialect {
 public:
  explicit Dialect(SqlDialect d) : d_(d) {}
  SqlDialect kind() const { return d_; }

  std::string ident(std::string_view name) const;     // "name" with "" (ClickHouse: \") escaping
  std::string string_lit(std::string_view s) const;   // 'text' with escaping
  // "schema.table" names a table in a schema; each part is quoted on its own.
  std::string table_ref(std::string_view table) const;
  std::string number_lit(double v) const;             // a double-typed literal
  std::string bool_lit(bool v) const;
  std::string null_of(ir::Type t) const;              // a typed NULL
  std::string null_if_zero(const std::string& v) const;  // NULLIF(v, 0)
  // Three-valued AND and OR (ClickHouse 18.16 gets `NULL AND 0` wrong: CASE there),
  // and how many times each writes each operand.
  std::string logic_and(const std::string& a, const std::string& b) const;
  std::string logic_or(const std::string& a, const std::string& b) const;
  int logic_uses() const { return d_ == SqlDialect::ClickHouse ? 2 : 1; }
  // ClickHouse 18.16 has no WITH name AS (subquery): layers nest as subqueries.
  bool has_ctes() const { return d_ != SqlDialect::ClickHouse; }
  // The column type a typed load uses for a field (`--emit schema`), and the clause
  // that ends CREATE TABLE (ClickHouse's table engine).
  std::string column_type(ir::FieldKind k) const;
  std::string table_suffix() const;

  // The IR value of input column `col` (already quoted). `program`: for an enum field,
  // whose members' spellings (`"Decision Maker"`) read as the member's name.
  std::string load(const ir::Input& in, const std::string& col, const ir::Program* program = nullptr) const;
  // A set's member input (FieldKind::Set): whether the cell in `col` lists the
  // member by its name or text (sql_sets.cpp).
  std::string set_member(const ir::Input& in, const std::string& col, const ir::Program& program) const;
  // A set's output text: the names of the members whose Bool SQL is true, in order,
  // joined by `sep`; NULL when the set is missing.
  std::string set_text(const std::vector<std::string>& members, const std::vector<std::string>& names,
                       const std::string& sep) const;
  std::string as_of_now() const;                      // current epoch seconds, double
  // Typed outputs: a whole-number double as an integer column; whole cents as the
  // amount in DECIMAL(digits, 2) where the engine has one.
  std::string integer(const std::string& v) const;
  std::string money(const std::string& cents, int digits) const;
  std::string exp2(const std::string& x) const;       // 2^x, a double

  std::string starts_with(const std::string& a, const std::string& b) const;
  std::string ends_with(const std::string& a, const std::string& b) const;
  std::string contains(const std::string& a, const std::string& b) const;
  // How many times ends_with mentions each operand (the emitter avoids repeating
  // non-trivial expressions).
  int ends_with_uses() const;

  std::string date_from_epoch(const std::string& secs) const;
  std::string timestamp_from_epoch(const std::string& secs) const;

 private:
  std::string double_type() const;
  std::string text_type() const;
  std::string load_clickhouse(const ir::Input& in, const std::string& col) const;
  // The text of a number cell as plain decimal text: a money field's own currency code
  // and symbol dropped, and a `format "1.234,56"` pattern's separators dropped and its
  // decimal mark made a point (LANGUAGE.md section 9, base/cell_format.h). `col`: the
  // quoted column, `text`: its text; a typed column's text is kept as it is.
  std::string number_text(const ir::Input& in, const std::string& col, const std::string& text) const;
  // Whether the number cells of `in` need number_text() (a currency or a pattern).
  static bool number_text_needed(const ir::Input& in);
  std::string replace_all(const std::string& s, std::string_view from, std::string_view to) const;
  // True for a text column (a raw load), false for a typed one: a constant per column.
  std::string is_text_column(const std::string& col) const;
  // A trimmed timestamp cell with a `±HHMM` offset at its end given as `±HH:MM`, the
  // form SQLite (and ClickHouse 18.16) read; any other cell unchanged.
  std::string offset_with_colon(const std::string& cell) const;
  // A date or timestamp's seconds: `iso` (the expression reading the ISO forms from
  // `cell`), or for a `format epoch_seconds|epoch_millis` field the Unix time a raw
  // cell holds, where the cell is not ISO text (a typed column's).
  std::string epoch_or_iso(const ir::Input& in, const std::string& cell, const std::string& iso) const;
  SqlDialect d_;
};

}  // namespace leadc::sql
