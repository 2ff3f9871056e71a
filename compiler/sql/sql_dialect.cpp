// Dialect-specific SQL fragments; see sql_dialect.h. Every number is computed as a
// double (as in the IR), so integer division and decimal rounding never apply.
#include "compiler/sql/sql_dialect.h"

#include <charconv>
#include <cmath>

#include "base/cell_format.h"
#include "base/cell_words.h"

namespace leadc::sql {

std::string Dialect::ident(std::string_view name) const {
  // ClickHouse reads a backslash in a quoted name as an escape (18.16 knows no ""),
  // so both the backslash and the quote are escaped with one.
  const bool ch = d_ == SqlDialect::ClickHouse;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += ch ? '\\' : '"';
    if (c == '\\' && ch) out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string Dialect::table_ref(std::string_view table) const {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = table.find('.', start);
    out += ident(table.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

std::string Dialect::string_lit(std::string_view s) const {
  if (d_ == SqlDialect::ClickHouse) {
    // Backslash escapes, the only form 18.16 and current releases both read.
    std::string out = "'";
    for (char c : s) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out + "'";
  }
  // PostgreSQL reads backslashes literally only with standard_conforming_strings on;
  // an E'' literal with doubled backslashes means the same under either setting.
  bool escape_backslash = d_ == SqlDialect::Postgres && s.find('\\') != std::string_view::npos;
  std::string out = escape_backslash ? "E'" : "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    if (c == '\\' && escape_backslash) out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string Dialect::double_type() const {
  switch (d_) {
    case SqlDialect::DuckDB: return "DOUBLE";
    case SqlDialect::Postgres: return "DOUBLE PRECISION";
    case SqlDialect::SQLite: return "REAL";
    case SqlDialect::ClickHouse: return "Float64";
  }
  return "DOUBLE";
}

std::string Dialect::text_type() const {
  if (d_ == SqlDialect::ClickHouse) return "String";
  return d_ == SqlDialect::DuckDB ? "VARCHAR" : "TEXT";
}

std::string Dialect::number_lit(double v) const {
  if (std::isnan(v)) return null_of(ir::Type::Num);
  if (std::isinf(v)) {
    if (d_ == SqlDialect::SQLite) return v > 0 ? "9e999" : "(-9e999)";
    if (d_ == SqlDialect::ClickHouse) return v > 0 ? "inf" : "(-inf)";
    return "CAST('" + std::string(v > 0 ? "Infinity" : "-Infinity") + "' AS " + double_type() + ")";
  }
  char buf[64];
  bool integral = v == std::floor(v) && std::fabs(v) < 1e15;
  auto res = integral ? std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v))
                      : std::to_chars(buf, buf + sizeof buf, v);
  std::string text(buf, res.ptr);
  if (d_ == SqlDialect::SQLite || d_ == SqlDialect::ClickHouse) {
    // A literal with a '.' or an exponent is REAL in SQLite (Float64 in ClickHouse); parentheses keep a
    // minus sign from meeting another one ("a - -1.0", never "a--1.0").
    if (integral) text += ".0";
    return v < 0 ? "(" + text + ")" : text;
  }
  // A string cast is parsed as a double directly, with no detour through a decimal
  // type, so the value is the same double the interpreter uses.
  if (!integral) text = "'" + text + "'";
  return "CAST(" + text + " AS " + double_type() + ")";
}

std::string Dialect::bool_lit(bool v) const {
  // ClickHouse 18.16 has no Bool: conditions are UInt8 0/1 there, as in SQLite.
  if (d_ == SqlDialect::SQLite || d_ == SqlDialect::ClickHouse) return v ? "1" : "0";
  return v ? "TRUE" : "FALSE";
}

std::string Dialect::null_of(ir::Type t) const {
  if (d_ == SqlDialect::SQLite) return "NULL";
  if (d_ == SqlDialect::ClickHouse) {
    switch (t) {
      case ir::Type::Bool: return "CAST(NULL AS Nullable(UInt8))";
      case ir::Type::Num: return "CAST(NULL AS Nullable(Float64))";
      case ir::Type::Str:
      case ir::Type::Enum: return "CAST(NULL AS Nullable(String))";
    }
  }
  switch (t) {
    case ir::Type::Bool: return "CAST(NULL AS BOOLEAN)";
    case ir::Type::Num: return "CAST(NULL AS " + double_type() + ")";
    case ir::Type::Str:
    case ir::Type::Enum: return "CAST(NULL AS " + text_type() + ")";
  }
  return "NULL";
}

std::string Dialect::null_if_zero(const std::string& v) const {
  return (d_ == SqlDialect::ClickHouse ? "nullIf(" : "NULLIF(") + v + ", 0)";
}

std::string Dialect::logic_and(const std::string& a, const std::string& b) const {
  if (d_ != SqlDialect::ClickHouse) return "(" + a + " AND " + b + ")";
  // False when either is false, else b when a is true, else unknown. CASE sends an
  // unknown condition on, which both 18.16 and current releases do right.
  return "CASE WHEN NOT " + a + " THEN 0 WHEN NOT " + b + " THEN 0 WHEN " + a + " THEN " + b + " END";
}

std::string Dialect::logic_or(const std::string& a, const std::string& b) const {
  if (d_ != SqlDialect::ClickHouse) return "(" + a + " OR " + b + ")";
  // True when either is true, else b when a is false, else unknown.
  return "CASE WHEN " + a + " THEN 1 WHEN " + b + " THEN 1 WHEN NOT " + a + " THEN " + b + " END";
}

std::string Dialect::column_type(ir::FieldKind k) const {
  const bool ch = d_ == SqlDialect::ClickHouse;
  auto nullable = [&](std::string t) { return ch ? "Nullable(" + t + ")" : t; };
  switch (k) {
    case ir::FieldKind::Bool:
      return ch ? nullable("UInt8") : d_ == SqlDialect::SQLite ? "INTEGER" : "BOOLEAN";
    case ir::FieldKind::Int: return ch ? nullable("Int64") : d_ == SqlDialect::SQLite ? "INTEGER" : "BIGINT";
    case ir::FieldKind::Number:
    case ir::FieldKind::Duration: return nullable(double_type());
    case ir::FieldKind::Money:
      switch (d_) {
        case SqlDialect::SQLite: return "REAL";
        case SqlDialect::Postgres: return "NUMERIC(18, 2)";
        case SqlDialect::DuckDB: return "DECIMAL(18, 2)";
        case SqlDialect::ClickHouse: return nullable("Decimal(18, 2)");
      }
      break;
    case ir::FieldKind::Date: return ch ? nullable("Date") : d_ == SqlDialect::SQLite ? "TEXT" : "DATE";
    case ir::FieldKind::Timestamp:
      return ch ? nullable("DateTime('UTC')") : d_ == SqlDialect::SQLite ? "TEXT" : "TIMESTAMPTZ";
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone:
    case ir::FieldKind::Enum:
    case ir::FieldKind::Set: return nullable(text_type());
  }
  return text_type();
}

std::string Dialect::table_suffix() const {
  // 18.16 and current releases both take this MergeTree form; nullable columns
  // cannot be a sort key, so the table has none.
  return d_ == SqlDialect::ClickHouse ? " ENGINE = MergeTree() ORDER BY tuple()" : "";
}

std::string Dialect::load_clickhouse(const ir::Input& in, const std::string& col) const {
  // toString() turns a typed column into the text a raw load holds, so one query
  // serves both; 18.16 has no trimBoth(), so the spaces go with a regular expression.
  const std::string text = "toString(" + col + ")";
  auto trimmed = [](const std::string& t) { return "nullIf(replaceRegexpAll(" + t + ", '^ +| +$', ''), '')"; };
  const std::string cell = trimmed(text);
  const std::string number =
      "toFloat64OrNull(" + (number_text_needed(in) ? trimmed(number_text(in, col, text)) : cell) + ")";
  auto scaled = [&] { return in.scale == 1 ? number : "(" + number + " * " + number_lit(in.scale) + ")"; };
  switch (in.kind) {
    case ir::FieldKind::Bool: {
      const std::string v = "lower(" + cell + ")";
      auto words = [](const auto& list) {
        std::string s;
        for (std::string_view w : list) s += (s.empty() ? "'" : ", '") + std::string(w) + "'";
        return s;
      };
      return "CASE WHEN " + v + " IN (" + words(cell_words::kTrue) + ") THEN 1 WHEN " + v + " IN (" +
             words(cell_words::kFalse) + ") THEN 0 END";
    }
    case ir::FieldKind::Int:
    case ir::FieldKind::Number:
    case ir::FieldKind::Duration: return scaled();
    case ir::FieldKind::Money: return "round(" + scaled() + ")";
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone:
    case ir::FieldKind::Enum:
    case ir::FieldKind::Set: return "nullIf(" + text + ", '')";  // a set: load() reads it with set_member()
    case ir::FieldKind::Date:
    case ir::FieldKind::Timestamp:
      // DateTime holds whole seconds from 1970 on (18.16 has no DateTime64).
      return epoch_or_iso(in, cell, "toFloat64(toUnixTimestamp(parseDateTimeBestEffortOrNull(" +
                                        (in.kind == ir::FieldKind::Timestamp ? offset_with_colon(cell) : cell) +
                                        ", 'UTC')))");
  }
  return col;
}

bool Dialect::number_text_needed(const ir::Input& in) {
  using K = ir::FieldKind;
  if (in.kind != K::Int && in.kind != K::Number && in.kind != K::Duration && in.kind != K::Money) return false;
  return (in.kind == K::Money && !in.unit.empty()) || (!in.format.empty() && !in.format_is_name);
}

std::string Dialect::replace_all(const std::string& s, std::string_view from, std::string_view to) const {
  return (d_ == SqlDialect::ClickHouse ? "replaceAll(" : "REPLACE(") + s + ", " + string_lit(from) + ", " +
         string_lit(to) + ")";
}

std::string Dialect::is_text_column(const std::string& col) const {
  switch (d_) {
    case SqlDialect::SQLite: return "(typeof(" + col + ") = 'text')";
    case SqlDialect::Postgres: return "(pg_typeof(" + col + ") IN ('text'::regtype, 'character varying'::regtype))";
    case SqlDialect::DuckDB: return "(typeof(" + col + ") = 'VARCHAR')";
    case SqlDialect::ClickHouse: return "(toTypeName(" + col + ") IN ('String', 'Nullable(String)'))";
  }
  return "";
}

std::string Dialect::number_text(const ir::Input& in, const std::string& col, const std::string& text) const {
  std::string t = text;
  if (in.kind == ir::FieldKind::Money && !in.unit.empty()) {
    // `$1200.50`, `1200.50 USD`, `USD 1200.50`: the field's own currency mark is dropped,
    // as the reader drops it (runtime/cell_numbers.cpp); a typed column has none.
    t = replace_all(t, in.unit, "");
    for (const cell_words::CurrencySymbol& c : cell_words::kCurrencySymbols)
      if (c.code == in.unit) t = replace_all(t, c.symbol, "");
  }
  cellfmt::NumberPattern p;
  if (in.format.empty() || in.format_is_name ||
      !cellfmt::compile_number_pattern(in.format, in.kind == ir::FieldKind::Int, p).empty())
    return t;
  // `1,234.56`, `1.234,56`, `1 234,56`: the thousands separators go (a space group also
  // takes the no-break spaces the reader takes), the decimal mark becomes a point.
  std::string normal = t;
  if (p.group != 0) {
    normal = replace_all(normal, std::string(1, p.group), "");
    if (p.group == ' ') normal = replace_all(replace_all(normal, "\xC2\xA0", ""), "\xE2\x80\xAF", "");
  }
  if (p.decimal != '.') normal = replace_all(normal, std::string(1, p.decimal), ".");
  // A typed column's text has a decimal point, which a `.` separator would drop (SQLite
  // asks the same question around every number cell, in load()).
  if (p.group == '.' && d_ != SqlDialect::SQLite)
    return "CASE WHEN " + is_text_column(col) + " THEN " + normal + " ELSE " + t + " END";
  return normal;
}

std::string Dialect::epoch_or_iso(const ir::Input& in, const std::string& cell, const std::string& iso) const {
  cellfmt::Epoch e = cellfmt::Epoch::None;
  if (!in.format_is_name || !cellfmt::epoch_format(in.format, e)) return iso;
  // `format epoch_seconds` / `epoch_millis` (base/cell_format.cpp's read_epoch): the
  // number, in seconds; a date is the UTC day of that instant. A typed DATE/TIMESTAMP
  // column's text is ISO, whose fifth character (after the year) is always a '-',
  // which a Unix time's never is.
  const bool ch = d_ == SqlDialect::ClickHouse;
  std::string v = ch ? "toFloat64OrNull(" + cell + ")" : "CAST(" + cell + " AS " + double_type() + ")";
  if (e == cellfmt::Epoch::Millis) v = "(" + v + " / " + number_lit(1000) + ")";
  if (in.kind == ir::FieldKind::Date) v = "(floor(" + v + " / " + number_lit(86400) + ") * " + number_lit(86400) + ")";
  return "CASE WHEN " + std::string(ch ? "substring(" : "substr(") + cell + ", 5, 1) = '-' THEN " + iso + " ELSE " + v +
         " END";
}

std::string Dialect::offset_with_colon(const std::string& cell) const {
  if (d_ == SqlDialect::ClickHouse)
    return "replaceRegexpOne(" + cell + ", '([0-9][+-][0-9][0-9])([0-9][0-9])$', '\\\\1:\\\\2')";
  return "CASE WHEN " + cell + " GLOB '*[0-9][+-][0-9][0-9][0-9][0-9]' THEN substr(" + cell + ", 1, length(" + cell +
         ") - 2) || ':' || substr(" + cell + ", -2) ELSE " + cell + " END";
}

std::string Dialect::load(const ir::Input& in, const std::string& col, const ir::Program* program) const {
  if (in.kind == ir::FieldKind::Set && program) return set_member(in, col, *program);
  if (d_ == SqlDialect::ClickHouse) return load_clickhouse(in, col);
  // A table loaded straight from the CSV holds every cell as text, and an empty cell
  // as '' (not NULL): '' is missing, as in a lead file, and numbers, booleans and
  // dates are parsed from the trimmed text. A typed column goes through the same path
  // (its text form converts back to the same value), so one query serves both loads.
  const std::string text = d_ == SqlDialect::SQLite ? col : "CAST(" + col + " AS " + text_type() + ")";
  const std::string cell = "NULLIF(TRIM(" + text + "), '')";
  const bool plain = !number_text_needed(in);
  const std::string number_cell = plain ? cell : "NULLIF(TRIM(" + number_text(in, col, text) + "), '')";
  // SQLite: a REAL's text form keeps 15 digits only, so numbers are cast directly;
  // CAST('' AS REAL) would be 0, hence the NULLIF. A text cell with a currency or a
  // pattern's separators goes through number_text() (CAST('1,200' AS REAL) is 1).
  std::string number = d_ == SqlDialect::SQLite ? "CAST(NULLIF(" + col + ", '') AS REAL)"
                                                : "CAST(" + number_cell + " AS " + double_type() + ")";
  if (d_ == SqlDialect::SQLite && !plain)
    number = "CASE WHEN " + is_text_column(col) + " THEN CAST(" + number_cell + " AS REAL) ELSE " + number + " END";
  auto scaled = [&] {
    if (in.scale == 1) return number;
    return "(" + number + " * " + number_lit(in.scale) + ")";
  };
  switch (in.kind) {
    case ir::FieldKind::Bool: {
      // What a lead file accepts, in any case (base/cell_words.h).
      const std::string v = "LOWER(" + cell + ")";
      auto words = [](const auto& list) {
        std::string s;
        for (std::string_view w : list) s += (s.empty() ? "'" : ", '") + std::string(w) + "'";
        return s;
      };
      return "CASE WHEN " + v + " IN (" + words(cell_words::kTrue) + ") THEN " + bool_lit(true) + " WHEN " + v +
             " IN (" + words(cell_words::kFalse) + ") THEN " + bool_lit(false) + " END";
    }
    case ir::FieldKind::Int:
    case ir::FieldKind::Number:
    case ir::FieldKind::Duration:
      return scaled();
    case ir::FieldKind::Money:
      // The file holds at most two decimals, so the IR value is a whole number of cents.
      return "ROUND(" + scaled() + ")";
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Set:  // read by set_member() above when the program is given
    case ir::FieldKind::Phone:
    case ir::FieldKind::Enum: {
      // SQLite may hold digits-only text as a number when the column has no type.
      const std::string v = "NULLIF(" + (d_ == SqlDialect::SQLite ? "CAST(" + col + " AS TEXT)" : text) + ", '')";
      if (in.kind != ir::FieldKind::Enum || !program || in.enum_id < 0 ||
          static_cast<size_t>(in.enum_id) >= program->enums.size())
        return v;
      // A cell matches a member's name or its spelling, exactly (LANGUAGE.md section 9).
      const ir::EnumType& e = program->enums[static_cast<size_t>(in.enum_id)];
      std::string cases;
      for (size_t m = 0; m < e.spellings.size() && m < e.members.size(); ++m)
        if (!e.spellings[m].empty()) cases += " WHEN " + string_lit(e.spellings[m]) + " THEN " + string_lit(e.members[m]);
      return cases.empty() ? v : "CASE " + v + cases + " ELSE " + v + " END";
    }
    case ir::FieldKind::Date:
    case ir::FieldKind::Timestamp: {
      const bool date = in.kind == ir::FieldKind::Date;
      switch (d_) {
        case SqlDialect::DuckDB: {
          // DuckDB wants the seconds ("2024-01-01T10:00Z" is not a timestamp to it).
          const std::string t = date ? cell
                                     : "regexp_replace(" + cell + ", '^(\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d)([^:]|$)', '\\1:00\\2')";
          return epoch_or_iso(in, cell, "CAST(epoch(CAST(" + t + " AS " + (date ? "DATE" : "TIMESTAMPTZ") + ")) AS DOUBLE)");
        }
        case SqlDialect::Postgres:
          return epoch_or_iso(in, cell, "CAST(EXTRACT(EPOCH FROM CAST(" + cell + " AS " + (date ? "DATE" : "TIMESTAMPTZ") +
                                            ")) AS DOUBLE PRECISION)");
        case SqlDialect::SQLite: {
          if (date) return epoch_or_iso(in, cell, "CAST(strftime('%s', " + cell + ") AS REAL)");
          // %s is whole seconds; %f - %S adds the milliseconds SQLite keeps.
          const std::string t = offset_with_colon(cell);
          return epoch_or_iso(in, cell, "(CAST(strftime('%s', " + t + ") AS REAL) + (CAST(strftime('%f', " + t +
                                            ") AS REAL) - CAST(strftime('%S', " + t + ") AS REAL)))");
        }
        case SqlDialect::ClickHouse: break;  // load_clickhouse()
      }
    }
  }
  return col;
}

std::string Dialect::integer(const std::string& v) const {
  if (d_ == SqlDialect::ClickHouse) return "toInt64(" + v + ")";
  return "CAST(" + v + (d_ == SqlDialect::SQLite ? " AS INTEGER)" : " AS BIGINT)");
}

std::string Dialect::money(const std::string& cents, int digits) const {
  // SQLite has no decimal type: the amount stays a REAL (12.34, 250000.0).
  if (d_ == SqlDialect::SQLite) return "(" + cents + " / " + number_lit(100) + ")";
  // Whole cents at scale 2, then divided: exact (a double divided first would round).
  if (d_ == SqlDialect::ClickHouse)
    return "(" + std::string(digits > 18 ? "toDecimal128(" : "toDecimal64(") + cents + ", 2) / 100)";
  return "CAST(" + cents + " / " + number_lit(100) + " AS " + (d_ == SqlDialect::Postgres ? "NUMERIC" : "DECIMAL") +
         "(" + std::to_string(digits) + ", 2))";
}

std::string Dialect::exp2(const std::string& x) const {
  return "power(" + number_lit(2) + ", " + x + ")";
}

std::string Dialect::as_of_now() const {
  switch (d_) {
    case SqlDialect::DuckDB: return "CAST(epoch(current_timestamp) AS DOUBLE)";
    case SqlDialect::Postgres:
      return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) AS DOUBLE PRECISION)";
    case SqlDialect::SQLite: return "CAST(strftime('%s', 'now') AS REAL)";
    case SqlDialect::ClickHouse: return "toFloat64(toUnixTimestamp(now()))";
  }
  return "";
}

std::string Dialect::starts_with(const std::string& a, const std::string& b) const {
  switch (d_) {
    case SqlDialect::DuckDB: return "starts_with(" + a + ", " + b + ")";
    case SqlDialect::Postgres: return "(strpos(" + a + ", " + b + ") = 1)";
    // LIKE would ignore case and treat % and _ specially; instr() compares bytes.
    case SqlDialect::SQLite: return "(instr(" + a + ", " + b + ") = 1)";
    case SqlDialect::ClickHouse: return "startsWith(" + a + ", " + b + ")";
  }
  return "";
}

std::string Dialect::ends_with(const std::string& a, const std::string& b) const {
  switch (d_) {
    case SqlDialect::DuckDB: return "ends_with(" + a + ", " + b + ")";
    case SqlDialect::Postgres: return "(right(" + a + ", length(" + b + ")) = " + b + ")";
    case SqlDialect::SQLite:
      // substr(a, -0) would be the whole string, so count from the front.
      return "(length(" + a + ") >= length(" + b + ") AND substr(" + a + ", length(" + a +
             ") - length(" + b + ") + 1) = " + b + ")";
    case SqlDialect::ClickHouse: return "endsWith(" + a + ", " + b + ")";
  }
  return "";
}

int Dialect::ends_with_uses() const {
  switch (d_) {
    case SqlDialect::DuckDB:
    case SqlDialect::ClickHouse: return 1;
    case SqlDialect::Postgres: return 2;
    case SqlDialect::SQLite: return 3;
  }
  return 3;
}

std::string Dialect::contains(const std::string& a, const std::string& b) const {
  switch (d_) {
    case SqlDialect::DuckDB: return "contains(" + a + ", " + b + ")";
    case SqlDialect::Postgres: return "(strpos(" + a + ", " + b + ") > 0)";
    case SqlDialect::SQLite: return "(instr(" + a + ", " + b + ") > 0)";
    case SqlDialect::ClickHouse: return "(position(" + a + ", " + b + ") > 0)";
  }
  return "";
}

std::string Dialect::date_from_epoch(const std::string& secs) const {
  switch (d_) {
    case SqlDialect::DuckDB: return "CAST(" + timestamp_from_epoch(secs) + " AS DATE)";
    case SqlDialect::Postgres: return "CAST(" + timestamp_from_epoch(secs) + " AS DATE)";
    case SqlDialect::SQLite: return "date(" + secs + ", 'unixepoch')";
    case SqlDialect::ClickHouse: return "toDate(" + timestamp_from_epoch(secs) + ")";
  }
  return "";
}

std::string Dialect::timestamp_from_epoch(const std::string& secs) const {
  switch (d_) {
    case SqlDialect::DuckDB:
      return "make_timestamp(CAST(floor(" + secs + ") * 1000000 AS BIGINT))";
    case SqlDialect::Postgres:
      return "(to_timestamp(floor(" + secs + ")) AT TIME ZONE 'UTC')";
    case SqlDialect::SQLite:
      return "strftime('%Y-%m-%dT%H:%M:%SZ', " + secs + ", 'unixepoch')";
    case SqlDialect::ClickHouse: return "toDateTime(toUInt32(floor(" + secs + ")), 'UTC')";
  }
  return "";
}

}  // namespace leadc::sql
