// Multi-select cells (LANGUAGE.md section 9, `set of ENUM`): each member input of a set
// reads the whole cell — names or spellings, trimmed, empty pieces skipped, a member
// listed twice listed once — and only member 0 reports a cell that does not read.
#include <doctest/doctest.h>

#include "compiler/driver.h"
#include "runtime/cell_parse.h"

using namespace leadc;
using namespace leadc::rt;

namespace {

struct Sets {
  Diagnostics diags;
  Compilation c;
  Sets() {
    c = compile_source("s.lead", R"(type product = enum { crm, cms "CMS Hub", ops }
lead {
  id: text key
  opt: set of product?
  req: set of product separator " | "
}
output id, opt, req
)", diags);
    for (const Diagnostic& d : diags.all()) CAPTURE(d.message);
    REQUIRE(c.program);
  }
  // The inputs of `field`, members in order.
  std::vector<size_t> members(const std::string& field) const {
    std::vector<size_t> out;
    for (size_t i = 0; i < c.program->inputs.size(); ++i)
      if (c.program->inputs[i].field == field) out.push_back(i);
    return out;
  }
  // Each member's (known, listed) after reading `text`, and each member's error.
  std::vector<std::pair<int, int>> read(const std::string& field, std::string_view text,
                                        std::vector<CellError>* errors = nullptr) const {
    std::vector<std::pair<int, int>> out;
    for (size_t i : members(field)) {
      Column col;
      col.reset(ir::Type::Bool, 1);
      FieldReader fr(*c.program, i);
      CellError e = fr.read(text, col, 0);
      if (errors) errors->push_back(e);
      out.push_back({col.known[0], col.known[0] ? col.b[0] : -1});
    }
    return out;
  }
};

using KL = std::vector<std::pair<int, int>>;

}  // namespace

TEST_CASE("a set's inputs: one Bool per member, in order, reading one column") {
  Sets s;
  const auto& in = s.c.program->inputs;
  REQUIRE(s.members("opt").size() == 3);
  for (size_t k = 0; k < 3; ++k) {
    const ir::Input& m = in[s.members("opt")[k]];
    CHECK(m.kind == ir::FieldKind::Set);
    CHECK(m.type == ir::Type::Bool);
    CHECK(m.set_member == static_cast<int32_t>(k));
    CHECK(m.column == "opt");
  }
  CHECK(ir::set_separator(in[s.members("opt")[0]]) == ";");
  CHECK(ir::set_separator(in[s.members("req")[0]]) == " | ");
}

TEST_CASE("members match by name or spelling, trimmed; empty pieces and repeats are harmless") {
  Sets s;
  CHECK(s.read("opt", "crm;CMS Hub") == KL{{1, 1}, {1, 1}, {1, 0}});
  CHECK(s.read("opt", "  ops ;\tcrm ; ") == KL{{1, 1}, {1, 0}, {1, 1}});
  CHECK(s.read("opt", ";;cms;cms;") == KL{{1, 0}, {1, 1}, {1, 0}});
  CHECK(s.read("req", "ops | crm") == KL{{1, 1}, {1, 0}, {1, 1}});
  CHECK(s.read("req", "ops") == KL{{1, 0}, {1, 0}, {1, 1}});
}

TEST_CASE("an empty cell: missing for an optional set, the empty set for a required one") {
  Sets s;
  CHECK(s.read("opt", "") == KL{{0, -1}, {0, -1}, {0, -1}});
  CHECK(s.read("opt", "   ") == KL{{0, -1}, {0, -1}, {0, -1}});
  CHECK(s.read("req", "") == KL{{1, 0}, {1, 0}, {1, 0}});
  CHECK(s.read("opt", ";") == KL{{1, 0}, {1, 0}, {1, 0}});  // a separator alone lists nothing
}

TEST_CASE("a cell naming no member: one error, at member 0, naming the text and the closest member") {
  Sets s;
  std::vector<CellError> errors;
  CHECK(s.read("opt", "crm;cmz", &errors) == KL{{0, -1}, {0, -1}, {0, -1}});
  CHECK(errors == std::vector<CellError>{CellError::Syntax, CellError::None, CellError::None});
  CHECK(s.read("opt", "crm hub") == KL{{0, -1}, {0, -1}, {0, -1}});  // spellings match exactly
  FieldReader fr(*s.c.program, s.members("opt")[0]);
  CHECK(fr.message(CellError::Syntax, "crm;cmz") ==
        "field `opt` (column \"opt\"): cannot read \"crm;cmz\" as set of product: \"cmz\" is not a member; did you mean "
        "cms?; expected members separated by \";\", each one of crm, cms (\"CMS Hub\"), ops");
}

TEST_CASE("a JSON Lines array: the same rules, item by item") {
  Sets s;
  for (size_t i : s.members("req")) {
    Column col;
    col.reset(ir::Type::Bool, 1);
    FieldReader fr(*s.c.program, i);
    REQUIRE(fr.read_set_items({" CMS Hub", "cms", ""}, col, 0) == CellError::None);
    CHECK(col.known[0] == 1);
    CHECK(col.b[0] == (s.c.program->inputs[i].set_member == 1));
    CHECK(fr.read_set_items({}, col, 0) == CellError::None);  // [] is the empty set
    CHECK(col.b[0] == 0);
    CHECK(fr.read_set_items({"nope"}, col, 0) == (s.c.program->inputs[i].set_member == 0 ? CellError::Syntax : CellError::None));
    CHECK(col.known[0] == 0);
  }
}
