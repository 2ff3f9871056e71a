// Sets in SQL (docs/sql.md, "Sets"): the multi-select case of tests/e2e/cases/sets,
// loaded raw into SQLite, gives the very expected.csv that `leadc run` gives with both
// engines (tests/e2e/multi_select.sh): `has`, `has any`, `has all`, `is empty` and the
// output of a `;` and a `|` set, trimmed members, file spellings, duplicates, an empty
// required set and a missing optional one. Every dialect writes `has` its own way.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/driver.h"
#include "compiler/sql/emit_sql.h"
#include "sqlite_db.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

const std::string kCase = std::string(LEADC_SOURCE_DIR) + "/tests/e2e/cases/sets/";

// The cells of one CSV line (quotes as in the fixture: whole cells, no `""`).
std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(cells(line));
  return rows;
}

// A SQLite cell as `leadc run` prints it in CSV: NULL is empty, a condition true/false.
std::string as_csv(const SqlCell& c, bool condition) {
  if (std::holds_alternative<std::monostate>(c)) return "";
  if (auto* i = std::get_if<long long>(&c)) return condition ? (*i ? "true" : "false") : std::to_string(*i);
  if (auto* s = std::get_if<std::string>(&c)) return *s;
  return std::to_string(std::get<double>(c));
}

}  // namespace

TEST_CASE("sets on SQLite: the e2e case's expected output from its raw cells") {
  Diagnostics diags;
  Compilation c = compile_file(kCase + "products.lead", diags);
  for (const Diagnostic& d : diags.all()) CAPTURE(d.message);
  REQUIRE(c.program);
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.order_by = "lead_id";
  auto sql = emit_sql(*c.program, opts);
  REQUIRE(sql);
  auto leads = read_csv(kCase + "leads.csv");
  REQUIRE(leads.size() == 8);
  SqliteDb db;
  db.exec("CREATE TABLE leads (lead_id TEXT, \"Products\" TEXT, \"Tags\" TEXT)");
  std::vector<std::vector<SqlValue>> rows;
  for (size_t r = 1; r < leads.size(); ++r) {
    REQUIRE(leads[r].size() == 3);
    rows.push_back({SqlValue(leads[r][0]), SqlValue(leads[r][1]), SqlValue(leads[r][2])});
  }
  db.insert("leads", rows);
  std::vector<std::string> names;
  auto got = db.query(*sql, &names);
  auto expected = read_csv(kCase + "expected.csv");
  REQUIRE(got.size() + 1 == expected.size());
  REQUIRE(names == expected[0]);
  for (size_t r = 0; r < got.size(); ++r)
    for (size_t k = 0; k < names.size(); ++k) {
      CAPTURE(r);
      CAPTURE(names[k]);
      CHECK(as_csv(got[r][k], names[k] == "either") == expected[r + 1][k]);
    }
}

TEST_CASE("every dialect tests a member its own way") {
  Diagnostics diags;
  Compilation c = compile_file(kCase + "products.lead", diags);
  REQUIRE(c.program);
  const std::pair<SqlDialect, const char*> forms[] = {{SqlDialect::SQLite, "json_each("},
                                                      {SqlDialect::Postgres, " ~ '(^|;)[[:blank:]]*(cms|CMS Hub)"},
                                                      {SqlDialect::DuckDB, "regexp_matches("},
                                                      {SqlDialect::ClickHouse, "match(toString("}};
  for (const auto& dialect_form : forms) {
    const SqlDialect dialect = dialect_form.first;
    const char* const form = dialect_form.second;
    SqlOptions opts;
    opts.dialect = dialect;
    auto sql = emit_sql(*c.program, opts);
    REQUIRE(sql);
    CAPTURE(dialect_name(dialect));
    CHECK(sql->find(form) != std::string::npos);
    if (dialect != SqlDialect::SQLite)
      CHECK(sql->find("\\|") != std::string::npos);  // the `|` separator of `tags`, quoted for the expression
  }
}

TEST_CASE("a set's output with a separator of several bytes keeps its first member whole (SQLite counts characters)") {
  Diagnostics diags;
  Compilation c = compile_source("bullet.lead", R"(definition "Bullet"
type product = enum { crm, cms "CMS Hub" }
lead {
  lead_id:  text key
  products: set of product? separator "•" from "Products"
}
classify k (first match) {
  yes when products has crm
  no  otherwise
}
output lead_id, products, k
)",
                                 diags);
  for (const Diagnostic& d : diags.all()) CAPTURE(d.message);
  REQUIRE(c.program);
  SqlOptions opts;
  opts.dialect = SqlDialect::SQLite;
  opts.order_by = "lead_id";
  auto sql = emit_sql(*c.program, opts);
  REQUIRE(sql);
  SqliteDb db;
  db.exec("CREATE TABLE leads (lead_id TEXT, \"Products\" TEXT)");
  db.insert("leads", {{SqlValue(std::string("1")), SqlValue(std::string("crm•CMS Hub"))},
                      {SqlValue(std::string("2")), SqlValue(std::string("CMS Hub"))}});
  auto got = db.query(*sql);
  REQUIRE(got.size() == 2);
  CHECK(as_csv(got[0][1], false) == "crm•cms");  // as `leadc run` writes it
  CHECK(as_csv(got[1][1], false) == "cms");
}
