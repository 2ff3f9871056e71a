// `leadc fmt`: on every example and golden file that parses, formatting keeps the AST
// and every comment and is idempotent; hand-written cases pin the layout rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/ast.h"
#include "compiler/syntax/format.h"
#include "compiler/syntax/parse.h"

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::string> fmt(const std::string& text) {
  leadc::SourceFile file("t.lead", text);
  leadc::Diagnostics diags;
  auto out = leadc::format_source(file, diags);
  if (!out) return std::nullopt;
  return std::move(*out);
}

std::string ast_of(const std::string& text) {
  leadc::SourceFile file("t.lead", text);
  leadc::Diagnostics diags;
  auto module = leadc::parse(file, diags);
  REQUIRE(module);
  return leadc::ast::dump(*module);
}

// The text of every `//` comment, in order, trailing blanks dropped. Good enough for
// these files: none has `//` inside a string.
std::vector<std::string> comments(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("//");
    if (at == std::string::npos) continue;
    std::string c = line.substr(at);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\r')) c.pop_back();
    out.push_back(c);
  }
  return out;
}

std::vector<std::filesystem::path> lead_files() {
  std::vector<std::filesystem::path> out;
  for (const char* dir : {"examples", "tests/golden/cases", "tests/e2e/cases", "stdlib"})
    for (auto& e : std::filesystem::directory_iterator(std::filesystem::path(LEADC_SOURCE_DIR) / dir))
      if (e.path().extension() == ".lead") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("formatting every example and golden file keeps its AST and comments and is idempotent") {
  size_t formatted = 0;
  for (const auto& path : lead_files()) {
    CAPTURE(path.string());
    std::string text = read(path);
    auto once = fmt(text);
    leadc::SourceFile file(path.string(), text);
    leadc::Diagnostics diags;
    bool parses = leadc::parse(file, diags) != nullptr;
    CHECK(once.has_value() == parses);  // only the E0101 golden cases are refused
    if (!once) continue;
    ++formatted;
    CHECK(ast_of(*once) == ast_of(text));
    CHECK(comments(*once) == comments(text));
    auto twice = fmt(*once);
    REQUIRE(twice);
    CHECK(*twice == *once);
  }
  CHECK(formatted >= 50);
}

TEST_CASE("the examples are formatted, and readytalk.lead is the layout of LANGUAGE.md section 1") {
  for (auto& e : std::filesystem::directory_iterator(std::filesystem::path(LEADC_SOURCE_DIR) / "examples")) {
    if (e.path().extension() != ".lead") continue;
    CAPTURE(e.path().string());
    std::string text = read(e.path());
    auto out = fmt(text);
    REQUIRE(out);
    CHECK(*out == text);
  }
}

TEST_CASE("a file with syntax errors is not formatted and its errors are reported") {
  leadc::SourceFile file("t.lead", "term a = b = c\n");
  leadc::Diagnostics diags;
  CHECK_FALSE(bool(leadc::format_source(file, diags)));
  CHECK(diags.has_errors());
}

TEST_CASE("spaces are normalised: operators, commas, calls, ranges, signs") {
  auto out = fmt("term  t =min( 1 , 2 )+ max(3,4)*-k   and x in 1 days .. 2 days and y not in[ a,b ]\n"
                 "type  r=enum{a,b,  c}\n"
                 "score s ( -10 .. 10 ) {\n+1 when t\n-10  per count( activity . t where t within 3 days ) max 3\n}\n");
  REQUIRE(out);
  CHECK(*out ==
        "term t = min(1, 2) + max(3, 4) * -k and x in 1 days..2 days and y not in [a, b]\n"
        "type r = enum { a, b, c }\n"
        "score s (-10..10) {\n"
        "  +1  when t\n"
        "  -10 per count(activity.t where t within 3 days) max 3\n"
        "}\n");
}

TEST_CASE("lead blocks get aligned name, type and from columns; comments stay at the end of their line") {
  auto out = fmt("lead{\n"
                 "lead_id :text key // the id\n"
                 "  decision_timeframe: duration?   in days from \"days\"\n"
                 "   revenue: money( USD )?  from \"rev\"\n"
                 "}\n");
  REQUIRE(out);
  CHECK(*out ==
        "lead {\n"
        "  lead_id:            text key          // the id\n"
        "  decision_timeframe: duration? in days from \"days\"\n"
        "  revenue:            money(USD)?       from \"rev\"\n"
        "}\n");
}

TEST_CASE("labels line up their `when`, and the author's line breaks in a condition stay") {
  auto out = fmt("classify c (first match) {\n"
                 "A when x and\n    y\n"
                 "long_label when (a or\n  b)\n"
                 "  // the rest\n"
                 "B otherwise\n"
                 "}\n");
  REQUIRE(out);
  CHECK(*out ==
        "classify c (first match) {\n"
        "  A          when x and\n"
        "                  y\n"
        "  long_label when (a or\n"
        "                   b)\n"
        "  // the rest\n"
        "  B          otherwise\n"
        "}\n");
}

TEST_CASE("`=` of consecutive terms is aligned only when the author aligned it") {
  CHECK(fmt("term a    = 1\nterm bcd  = 2\n") == std::optional<std::string>("term a   = 1\nterm bcd = 2\n"));
  CHECK(fmt("term a = 1\nterm bcd = 2\n") == std::optional<std::string>("term a = 1\nterm bcd = 2\n"));
  // A blank line or a comment line ends the group.
  CHECK(fmt("term a   = 1\n\nterm bcd = 2\n") == std::optional<std::string>("term a = 1\n\nterm bcd = 2\n"));
}

TEST_CASE("blank lines are kept but collapsed to one; none at the start of a block or the file") {
  auto out = fmt("\n\n// top\n\n\ndefinition \"x\"\n\n\n\nlead {\n\n  id: text key\n\n\n  b: int\n\n}\n\n\n");
  REQUIRE(out);
  CHECK(*out == "// top\n\ndefinition \"x\"\n\nlead {\n  id: text key\n\n  b:  int\n}\n");
}

TEST_CASE("examples: given keeps its line breaks aligned inside the braces, expect on its own line") {
  auto out = fmt("example \"e\" { given { a : 1 , b: 2 days,\n c: x } expect f == A , g == 1 }\n");
  REQUIRE(out);
  CHECK(*out ==
        "example \"e\" {\n"
        "  given { a: 1, b: 2 days,\n"
        "          c: x }\n"
        "  expect f == A, g == 1\n"
        "}\n");
}

TEST_CASE("examples: events on their own line, records keep their line breaks aligned inside the braces") {
  auto out = fmt("example \"e\" { given { a: 1 }   events {  { kind : demo, at: 2026-11-20 } ,\n"
                 "{ kind: visit } }  as_of 2026-11-22 expect f == A }\n");
  REQUIRE(out);
  CHECK(*out ==
        "example \"e\" {\n"
        "  given { a: 1 }\n"
        "  events { { kind: demo, at: 2026-11-20 },\n"
        "           { kind: visit } }\n"
        "  as_of 2026-11-22\n"
        "  expect f == A\n"
        "}\n");
}

TEST_CASE("comments inside expressions and after headers keep their lines") {
  std::string text =
      "term t = // why\n"
      "  a and // first\n"
      "  // between\n"
      "  b\n"
      "lead { // columns\n"
      "  id: text key\n"
      "} // done\n";
  auto out = fmt(text);
  REQUIRE(out);
  CHECK(*out == text);
}

TEST_CASE("sets: `set of`, `separator`, `has any [ … ]`, `is empty` and `[a, b]` values keep their layout") {
  const std::string canonical = R"(type product = enum { crm, cms "CMS Hub" }
lead {
  lead_id:  text key
  products: set of product?                    from "Products"
  tags:     set of enum { a, b } separator "|"
}
term t = products has any [crm, cms] and not (products has all [crm]) or tags is not empty or products has cms
example "e" {
  given { lead_id: "x", products: [crm, cms], tags: [] }
  expect t == true
}
)";
  auto once = fmt(canonical);
  REQUIRE(once);
  CHECK(*once == canonical);
  auto squeezed = fmt("type product = enum { crm, cms \"CMS Hub\" }\nlead {\n lead_id: text key\n products: set   of product?  "
                      "from \"Products\"\n tags: set of enum {a,b} separator \"|\"\n}\nterm t = products has any[crm,cms] and "
                      "not (products has all [ crm ]) or tags is not empty or products has cms\nexample \"e\" {\n given { "
                      "lead_id: \"x\", products: [crm,cms], tags: [ ] }\n expect t == true\n}\n");
  REQUIRE(squeezed);
  CHECK(*squeezed == canonical);
  CHECK(ast_of(*squeezed) == ast_of(canonical));
}
