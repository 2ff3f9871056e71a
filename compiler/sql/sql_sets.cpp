// Sets in SQL (LANGUAGE.md section 9, `set of ENUM`): a set's column holds the raw cell
// text, members separated by the field's separator. Each member input (ir.h: one Bool
// per member) loads as "the cell lists one of this member's texts", trimmed of spaces
// and tabs as the reader trims them; an empty cell is missing (optional) or the empty
// set. PostgreSQL (`~`), DuckDB (regexp_matches) and ClickHouse (match) test a regular
// expression; SQLite has none built in, so its cell is split with json_each.
#include <string>

#include "compiler/sql/sql_dialect.h"

namespace leadc::sql {
namespace {

// `s` with the characters of a regular expression (POSIX ARE and RE2 alike) escaped.
std::string regex_quote(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.^$|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// `s` as the inside of a JSON string (what the SQLite query makes of the cell).
std::string json_inner(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string Dialect::set_member(const ir::Input& in, const std::string& col, const ir::Program& program) const {
  const ir::EnumType& e = program.enums.at(static_cast<size_t>(in.enum_id));
  const size_t m = static_cast<size_t>(in.set_member);
  std::vector<std::string> texts{e.members.at(m)};
  if (m < e.spellings.size() && !e.spellings[m].empty()) texts.push_back(e.spellings[m]);
  const std::string& sep = ir::set_separator(in);
  const std::string empty = in.optional ? null_of(ir::Type::Bool) : bool_lit(false);
  if (d_ == SqlDialect::SQLite) {
    const std::string text = "CAST(" + col + " AS TEXT)";
    std::string json = text;
    for (auto [from, to] : {std::pair<const char*, const char*>{"'\\'", "'\\\\'"}, {"'\"'", "'\\\"'"},
                            {"char(9)", "'\\t'"}, {"char(10)", "'\\n'"}, {"char(13)", "'\\r'"}})
      json = std::string("replace(") + json + ", " + from + ", " + to + ")";
    json = "'[\"' || replace(" + json + ", " + string_lit(json_inner(sep)) + ", '\",\"') || '\"]'";
    std::string in_list;
    for (const std::string& t : texts) in_list += (in_list.empty() ? "" : ", ") + string_lit(t);
    return "CASE WHEN COALESCE(trim(" + text + ", ' ' || char(9)), '') = '' THEN " + empty +
           " ELSE EXISTS (SELECT 1 FROM json_each(" + json + ") WHERE trim(value, ' ' || char(9)) IN (" + in_list +
           ")) END";
  }
  std::string alternatives;
  for (const std::string& t : texts) alternatives += (alternatives.empty() ? "" : "|") + regex_quote(t);
  const std::string q = regex_quote(sep);
  const std::string pattern =
      string_lit("(^|" + q + ")[[:blank:]]*(" + alternatives + ")[[:blank:]]*(" + q + "|$)");
  const std::string blank = string_lit("^[[:blank:]]*$");
  const std::string text = d_ == SqlDialect::ClickHouse ? "toString(" + col + ")" : "CAST(" + col + " AS " + text_type() + ")";
  auto test = [&](const std::string& re) {
    switch (d_) {
      case SqlDialect::Postgres: return "(" + text + " ~ " + re + ")";
      case SqlDialect::DuckDB: return "regexp_matches(" + text + ", " + re + ")";
      default: return "match(" + text + ", " + re + ")";
    }
  };
  return "CASE WHEN " + col + " IS NULL OR " + test(blank) + " THEN " + empty + " ELSE " + test(pattern) + " END";
}

std::string Dialect::set_text(const std::vector<std::string>& members, const std::vector<std::string>& names,
                              const std::string& sep) const {
  // Each listed member as SEP + name, concatenated, the first SEP cut off: the members
  // in declaration order joined by the separator ('' for the empty set).
  std::string parts;
  for (size_t k = 0; k < members.size(); ++k) {
    const std::string piece = "CASE WHEN " + members[k] + " = " + bool_lit(true) + " THEN " + string_lit(sep + names[k]) +
                              " ELSE '' END";
    parts += d_ == SqlDialect::ClickHouse ? (parts.empty() ? "" : ", ") + piece : (parts.empty() ? "" : " || ") + piece;
  }
  const std::string all = d_ == SqlDialect::ClickHouse ? "concat(" + parts + (members.size() == 1 ? ", ''" : "") + ")" : "(" + parts + ")";
  // ClickHouse's substring counts bytes; SQLite's, PostgreSQL's and DuckDB's substr
  // count characters, so a separator such as "•" (3 bytes) is one there.
  size_t sep_chars = 0;
  for (unsigned char c : sep) sep_chars += (c & 0xC0) != 0x80;
  const std::string from = std::to_string((d_ == SqlDialect::ClickHouse ? sep.size() : sep_chars) + 1);
  const std::string cut = d_ == SqlDialect::ClickHouse ? "substring(" + all + ", " + from + ")" : "substr(" + all + ", " + from + ")";
  return "CASE WHEN " + members[0] + " IS NULL THEN " + null_of(ir::Type::Str) + " ELSE " + cut + " END";
}

}  // namespace leadc::sql
