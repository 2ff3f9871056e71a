// Front-end behaviour that the golden files do not pin down: name binding in enum
// context, units and currencies, lowering of scores and classifications.
#include <doctest/doctest.h>

#include "compiler/driver.h"
#include "compiler/vague_words.h"

namespace {

struct Result {
  leadc::Diagnostics diags;
  leadc::Compilation c;
  bool has(leadc::DiagCode code) const {
    for (auto& d : diags.all())
      if (d.code == code) return true;
    return false;
  }
};

std::unique_ptr<Result> compile(const std::string& body) {
  auto r = std::make_unique<Result>();
  r->c = leadc::compile_source("t.lead", body, r->diags);
  return r;
}

const char* kLead = R"(
type role = enum { economic_buyer, technical_buyer, user }
lead {
  lead_id: text key
  role: role?
  timeframe: duration? in days from "timeframe_days"
  revenue: money(USD)?
  employees: int?
  demo: bool
}
)";

}  // namespace

TEST_CASE("vague words are found as whole names and as _-separated parts, any case") {
  CHECK(leadc::is_vague_word("soon"));
  CHECK(leadc::is_vague_word("strong_interest"));
  CHECK(leadc::is_vague_word("Very_HOT_lead"));
  CHECK(leadc::is_vague_word("qualified"));
  CHECK_FALSE(leadc::is_vague_word("soonest"));
  CHECK_FALSE(leadc::is_vague_word("highway"));
  CHECK_FALSE(leadc::is_vague_word("target_segment"));
}

TEST_CASE("declaring a vague word defines it") {
  auto r = compile(std::string(kLead) + "term soon = timeframe <= 90 days\nclassify t (first match) { Hot when soon\n Cold otherwise }\n");
  CHECK_FALSE(r->diags.has_errors());
  REQUIRE(r->c.program);
}

TEST_CASE("enum members bind from the other side of a comparison") {
  auto r = compile(std::string(kLead) + "term a = economic_buyer == role\nterm b = role in [user, technical_buyer]\noutput lead_id, a, b\n");
  CHECK_FALSE(r->diags.has_errors());
  auto r2 = compile(std::string(kLead) + "term a = role == economic_buyr\noutput lead_id, a\n");
  CHECK(r2->has(leadc::DiagCode::E0304));
}

TEST_CASE("quantities keep their units") {
  CHECK(compile(std::string(kLead) + "term a = timeframe <= 90\noutput lead_id, a\n")->has(leadc::DiagCode::E0302));
  CHECK(compile(std::string(kLead) + "term a = revenue >= 5M\noutput lead_id, a\n")->has(leadc::DiagCode::E0302));
  CHECK(compile(std::string(kLead) + "term a = revenue >= 5M EUR\noutput lead_id, a\n")->has(leadc::DiagCode::E0303));
  CHECK(compile(std::string(kLead) + "term a = timeframe <= 90 fortnights\noutput lead_id, a\n")->has(leadc::DiagCode::E0201));
  auto ok = compile(std::string(kLead) + "term a = timeframe * 2 <= 6 months and revenue / 2 >= 250k USD\noutput lead_id, a\n");
  CHECK_FALSE(ok->diags.has_errors());
}

TEST_CASE("literals: suffixes, separators, units") {
  auto r = compile(std::string(kLead) + "const big = 1_500k USD\nconst wait = 2 weeks\nterm a = revenue >= big and timeframe <= wait\noutput lead_id, a\n");
  REQUIRE(r->c.program);
  const auto& p = *r->c.program;
  REQUIRE(p.consts.size() == 2);
  CHECK(p.code[p.consts[0].reg].value.num == doctest::Approx(1.5e6 * 100));  // cents
  CHECK(p.code[p.consts[1].reg].value.num == doctest::Approx(14 * 86400.0));  // seconds
  CHECK(p.inputs[2].column == "timeframe_days");
  CHECK(p.inputs[2].scale == 86400.0);
  CHECK(p.inputs[3].scale == 100.0);
}

TEST_CASE("--set replaces a const before checking") {
  leadc::Diagnostics diags;
  leadc::CompileOptions opts;
  opts.overrides = {{"window", "30 days"}};
  auto c = leadc::compile_source("t.lead", std::string(kLead) + "const window = 90 days\nterm a = timeframe <= window\noutput lead_id, a\n", diags, opts);
  REQUIRE(c.program);
  CHECK(c.program->code[c.program->consts[0].reg].value.num == doctest::Approx(30 * 86400.0));
  leadc::Diagnostics bad;
  opts.overrides = {{"window", "30"}};
  leadc::compile_source("t.lead", std::string(kLead) + "const window = 90 days\nterm a = timeframe <= window\noutput lead_id, a\n", bad, opts);
  CHECK(bad.has_errors());
}

TEST_CASE("cycles through scores and classifications are reported once") {
  auto r = compile(std::string(kLead) + "term a = b\nterm b = a\noutput lead_id, a\n");
  int cycles = 0;
  for (auto& d : r->diags.all()) cycles += d.code == leadc::DiagCode::E0204;
  CHECK(cycles == 1);
  auto r2 = compile(std::string(kLead) + "score s { +1 when c == X }\nclassify c (first match) { X when s > 0\n Y otherwise }\n");
  CHECK(r2->has(leadc::DiagCode::E0204));
}

TEST_CASE("default output is the key, every score and every classification") {
  auto r = compile(std::string(kLead) + "score s { +1 when demo }\nclassify c (first match) { X when s > 0\n Y otherwise }\n");
  REQUIRE(r->c.program);
  const auto& outs = r->c.program->outputs;
  REQUIRE(outs.size() == 3);
  CHECK(outs[0].name == "lead_id");
  CHECK(outs[1].name == "s");
  CHECK(outs[2].name == "c");
}

TEST_CASE("declaration errors") {
  CHECK(compile("lead { a: int }\n")->has(leadc::DiagCode::E0205));                       // no key
  CHECK(compile("lead { a: text key\n d: duration }\n")->has(leadc::DiagCode::E0205));     // no unit
  CHECK(compile("lead { a: text key\n m: money }\n")->has(leadc::DiagCode::E0205));        // no currency
  CHECK(compile("lead { a: text key\n r: rol }\n")->has(leadc::DiagCode::E0201));          // unknown type
  CHECK(compile(std::string(kLead) + "classify c (first match) { X otherwise\n Y when demo }\n")->has(leadc::DiagCode::E0205));
  CHECK(compile(std::string(kLead) + "import \"../../etc/passwd\"\n")->has(leadc::DiagCode::E0002));
}

TEST_CASE("sets: `set of` a declared or inline enum; what may not be a set") {
  const std::string head = "type product = enum { crm, cms, ops }\n";
  auto ok = compile(head + "lead {\n lead_id: text key\n p: set of product?\n q: set of enum { a, b } separator \"|\"\n}\n"
                           "term t = p has crm and q has any [a, b] and not (p has all [crm, ops]) and q is not empty\n"
                           "output lead_id, p, t\n");
  for (auto& d : ok->diags.all()) CAPTURE(d.message);
  CHECK_FALSE(ok->diags.has_errors());
  REQUIRE(ok->c.program);
  CHECK(ok->c.program->find_name("p")->value.display == leadc::ir::Display::Set);
  // A set never is the key, an activity field, a term, a compared value; separator is for sets.
  CHECK(compile(head + "lead {\n p: set of product key\n}\n")->has(leadc::DiagCode::E0205));
  CHECK(compile(head + "lead {\n lead_id: text key\n n: int separator \"|\"\n}\n")->has(leadc::DiagCode::E0205));
  CHECK(compile(head + "lead {\n lead_id: text key\n p: set of product separator \" \"\n}\n")->has(leadc::DiagCode::E0205));
  CHECK(compile(head + "lead {\n lead_id: text key\n}\nactivity {\n lead_id: text key\n at: timestamp\n p: set of product\n}\n")
            ->has(leadc::DiagCode::E0205));
  CHECK(compile(head + "lead {\n lead_id: text key\n p: set of prodct\n}\n")->has(leadc::DiagCode::E0201));
  const std::string lead = head + "lead {\n lead_id: text key\n p: set of product?\n}\n";
  CHECK(compile(lead + "term t = p\noutput lead_id, t\n")->has(leadc::DiagCode::E0301));
  CHECK(compile(lead + "term t = p in [crm]\noutput lead_id, t\n")->has(leadc::DiagCode::E0301));
  CHECK(compile(lead + "term t = p has any []\noutput lead_id, t\n")->has(leadc::DiagCode::E0301));
  CHECK(compile(lead + "term t = p has crn\noutput lead_id, t\n")->has(leadc::DiagCode::E0304));
  CHECK(compile(lead + "term t = p has all [crm, opz]\noutput lead_id, t\n")->has(leadc::DiagCode::E0304));
  CHECK(compile(lead + "example \"e\" {\n given { lead_id: \"x\", p: [crm, nope] }\n}\n")->has(leadc::DiagCode::E0304));
  CHECK(compile(lead + "term t = p is empty\nexample \"e\" {\n given { lead_id: \"x\", p: [] }\n expect t == true\n}\n"
                       "output lead_id, t\n")->diags.has_errors() == false);
}

TEST_CASE("sets lower to And/Or/Not over the members' Bool inputs") {
  auto r = compile("type product = enum { crm, cms, ops }\nlead {\n lead_id: text key\n p: set of product?\n}\n"
                   "term any_of = p has any [crm, cms]\nterm either = p has crm or p has cms\n"
                   "output lead_id, any_of, either\n");
  REQUIRE(r->c.program);
  const auto& p = *r->c.program;
  // The CodeBuilder shares equal instructions: `has any [a, b]` is `has a or has b`.
  CHECK(p.find_name("any_of")->value.reg == p.find_name("either")->value.reg);
  CHECK(p.code[p.find_name("any_of")->value.reg].op == leadc::ir::Op::Or);
}
