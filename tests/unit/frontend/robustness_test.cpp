// A bad definition never crashes leadc: every example file, truncated at many points
// and garbled at random, must come back from the front end as diagnostics (or as a
// program, when the damage happens to leave a valid definition).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/driver.h"

namespace {

std::vector<std::string> example_files() {
  std::vector<std::string> out;
  for (auto& e : std::filesystem::directory_iterator(std::string(LEADC_SOURCE_DIR) + "/examples"))
    if (e.path().extension() == ".lead") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Either a program came out, or at least one error explains why not.
void expect_diagnosed(const std::string& name, const std::string& text) {
  leadc::Diagnostics diags;
  auto c = leadc::compile_source(name, text, diags);
  INFO(name);
  CHECK((c.program.has_value() || diags.has_errors()));
  for (const auto& d : diags.all()) {
    CHECK(!d.message.empty());
    if (d.span.file) CHECK(d.span.end <= d.span.file->text.size());
  }
}

}  // namespace

TEST_CASE("truncated example files give diagnostics, not crashes") {
  for (const auto& path : example_files()) {
    std::string text = read(path);
    REQUIRE(!text.empty());
    size_t step = std::max<size_t>(1, text.size() / 150);
    for (size_t cut = 0; cut < text.size(); cut += step) expect_diagnosed(path + " cut at " + std::to_string(cut), text.substr(0, cut));
  }
}

TEST_CASE("garbled example files give diagnostics, not crashes") {
  std::mt19937 rng(20261123);
  const std::string junk = "{}()[]=,.:?\"+-*/<>!_ \n\t0123456789abcXYZ\xc3\xa9\x80\xff";
  for (const auto& path : example_files()) {
    std::string text = read(path);
    for (int round = 0; round < 60; ++round) {
      std::string g = text;
      int edits = 1 + static_cast<int>(rng() % 6);
      for (int e = 0; e < edits && !g.empty(); ++e) {
        size_t pos = rng() % g.size();
        switch (rng() % 4) {
          case 0: g[pos] = junk[rng() % junk.size()]; break;              // replace a byte
          case 1: g.erase(pos, 1 + rng() % 12); break;                     // delete a run
          case 2: g.insert(pos, 1, junk[rng() % junk.size()]); break;      // insert a byte
          case 3: g.insert(pos, g.substr(rng() % g.size(), 1 + rng() % 30)); break;  // duplicate a run
        }
      }
      expect_diagnosed(path + " garbled round " + std::to_string(round), g);
    }
  }
}

TEST_CASE("pathological inputs") {
  expect_diagnosed("empty", "");
  expect_diagnosed("only a comment", "// nothing here\n");
  expect_diagnosed("deep parentheses", "lead { id: text key }\nterm t = " + std::string(2000, '(') + "true" + std::string(2000, ')') + "\n");
  expect_diagnosed("unterminated string", "definition \"abc\nlead { id: text key }\n");
  expect_diagnosed("NUL bytes", std::string("lead {\0 id: text key }", 22));
  expect_diagnosed("very deep parentheses", "lead { id: text key }\nterm t = " + std::string(100000, '(') + "true" + std::string(100000, ')') + "\n");
  expect_diagnosed("very long chain", [] {
    std::string s = "lead { id: text key\n n: int }\nterm t = n > 0";
    for (int i = 0; i < 50000; ++i) s += " and n > 1";
    return s + "\noutput id, t\n";
  }());
  expect_diagnosed("long chain", [] {
    std::string s = "lead { id: text key\n n: int }\nterm t = n > 0";
    for (int i = 0; i < 3000; ++i) s += " and n > " + std::to_string(i);
    return s + "\noutput id, t\n";
  }());
}
