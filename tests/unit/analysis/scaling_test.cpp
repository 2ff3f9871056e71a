// The analysis stays fast on large definitions (issue 19, items 3-5): a shared term
// graph, long classifications and a long term chain finish under a generous time
// bound, and the findings on them are still exact. Sizes shrink under sanitizers.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "analysis_test_util.h"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr double kBoundSeconds = 20;
size_t scaled(size_t n) { return kSanitized ? n / 4 : n; }

const char* kHeader =
    "definition \"Scaling\"\n"
    "lead {\n  lead_id: text key\n  n: int?\n  m: int?\n  flag: bool?\n  company: text?\n}\n";

struct Timed {
  leadc::testing::Analysed result;
  double seconds;
};

Timed timed(const std::string& text) {
  auto t0 = std::chrono::steady_clock::now();
  Timed t{leadc::testing::analyse_text(text), 0};
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return t;
}

std::string labels(size_t n, bool unique, long overlap_at = -1, long shadowed = -1) {
  std::string s = kHeader;
  s += unique ? "classify c (unique) {\n" : "classify c (first match) {\n";
  for (size_t i = 0; i < n; ++i) {
    long lo = static_cast<long>(i) * 10;
    if (static_cast<long>(i) == overlap_at) lo -= 5;  // overlaps the label before
    if (static_cast<long>(i) == shadowed) lo = static_cast<long>(i - 1) * 10;  // inside the label before
    long hi = static_cast<long>(i) == shadowed ? lo + 5 : lo + 9;
    s += "  L" + std::to_string(i) + " when n in " + std::to_string(lo) + ".." + std::to_string(hi) + "\n";
  }
  s += "  Rest otherwise\n}\n";
  return s;
}

}  // namespace

using leadc::DiagCode;
using leadc::testing::find;

TEST_CASE("a shared term graph of depth 35 is analysed in linear time") {
  std::string s = kHeader;
  s += "term t0 = flag\n";
  for (int i = 1; i <= 35; ++i) s += "term t" + std::to_string(i) + " = t" + std::to_string(i - 1) + " and t" + std::to_string(i - 1) + "\n";
  s += "classify c (first match) {\n  A when t35\n  B otherwise\n}\n";
  Timed t = timed(s);
  CHECK(t.seconds < kBoundSeconds);
  CHECK(t.result.diags.all().empty());
}

TEST_CASE("a chain of 400 terms is analysed under the bound") {
  size_t n = scaled(400);
  std::string s = kHeader;
  s += "term t0 = n >= 0\n";
  for (size_t i = 1; i < n; ++i) {
    std::string k = std::to_string(i);
    s += "term t" + k + " = t" + std::to_string(i - 1) + " and (m >= " + k + " or n < " + k + ")\n";
  }
  s += "classify c (first match) {\n  A when t" + std::to_string(n - 1) + "\n  B otherwise\n}\n";
  Timed t = timed(s);
  CHECK(t.seconds < kBoundSeconds);
  CHECK(t.result.diags.all().empty());
}

TEST_CASE("800 first-match labels: every one reachable, one shadowed label found") {
  size_t n = scaled(800);
  Timed t = timed(labels(n, false));
  CHECK(t.seconds < kBoundSeconds);
  CHECK(t.result.diags.all().empty());
  Timed s = timed(labels(n, false, -1, static_cast<long>(n / 2)));
  CHECK(s.seconds < kBoundSeconds);
  auto e = find(s.result.diags, DiagCode::E0403);
  REQUIRE(e.size() == 1);
  CHECK(e[0]->message.find("`L" + std::to_string(n / 2) + "`") != std::string::npos);
  CHECK(e[0]->message.find("taken by `L" + std::to_string(n / 2 - 1) + "`") != std::string::npos);
}

TEST_CASE("800 unique labels: no overlap, then exactly the one overlapping pair") {
  size_t n = scaled(800);
  Timed t = timed(labels(n, true));
  CHECK(t.seconds < kBoundSeconds);
  CHECK(find(t.result.diags, DiagCode::E0401).empty());
  CHECK(find(t.result.diags, DiagCode::W0406).empty());
  size_t at = n / 3;
  Timed s = timed(labels(n, true, static_cast<long>(at)));
  CHECK(s.seconds < kBoundSeconds);
  auto e = find(s.result.diags, DiagCode::E0401);
  REQUIRE(e.size() == 1);
  CHECK(e[0]->message.find("`L" + std::to_string(at - 1) + "` and `L" + std::to_string(at) + "`") != std::string::npos);
  CHECK(e[0]->witness.has_value());
}

TEST_CASE("a 10,000-character text literal is analysed under the bound") {
  size_t n = scaled(10000);
  std::string lit;
  while (lit.size() < n) lit += "abcdefghij";
  std::string s = kHeader;
  s += "term long = company == \"" + lit + "\"\nclassify c (first match) {\n  A when long\n  B otherwise\n}\n";
  Timed t = timed(s);
  CHECK(t.seconds < kBoundSeconds);
  CHECK(find(t.result.diags, DiagCode::E0404).empty());
}

TEST_CASE("200 terms and 40 classifications of every kind of field are analysed under the bound") {
  // Issue 18, point 9: tools/bench/gen_big_definition.py --terms 200 --classifications 40
  // --unique 20 (int, text, enum, duration, money and bool fields; half unique, half first
  // match). Its findings are first-match labels taken by earlier ones, contradictions
  // and unused declarations; the unique classifications are clean.
  std::ifstream in(std::string(LEADC_SOURCE_DIR) + "/tests/unit/analysis/cases/mixed_200_terms_40_classifications.lead");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  Timed t = timed(text.str());
  CHECK(t.seconds < (kSanitized ? 4 : 2) * kBoundSeconds);
  CHECK(find(t.result.diags, DiagCode::E0401).empty());
  CHECK(find(t.result.diags, DiagCode::E0402).empty());
  CHECK(!find(t.result.diags, DiagCode::E0403).empty());
}

// Issue 19's three scaling cases at full size (5,000 labels, 5,000 terms, a 1 MB
// literal), each decided (no W0406) under a time bound that holds on a loaded 2-core
// machine and under ASan (measured 2026-12-02: 0.3-4.4 s each, docs/performance.md).
namespace {

Timed timed_with(const std::string& text, unsigned total_ms) {
  leadc::AnalyzeOptions opts;
  opts.total_ms = total_ms;
  auto t0 = std::chrono::steady_clock::now();
  Timed t{leadc::testing::analyse_text(text, opts), 0};
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return t;
}

// The whole-analysis limit of the cases below (a case that reached it would be a
// W0406, which they check is absent), and the bound on their wall time.
constexpr unsigned kLimitMs = 60000;
constexpr double kLabelsBound = kSanitized ? 40 : 12;
constexpr double kChainBound = kSanitized ? 45 : 15;

bool names_limit(const leadc::Diagnostics& diags) {
  for (const leadc::Diagnostic* d : find(diags, DiagCode::W0406)) {
    if (d->message.find("ran out of its time limit") == std::string::npos) return false;
  }
  return true;
}

std::string long_literal(size_t n) {
  std::string lit;
  while (lit.size() < n) lit += "abcdefghij";
  lit.resize(n);
  return lit;
}

std::string nested(size_t n, const std::string& atom) {
  std::string s = kHeader;
  s += "classify c (first match) {\n";
  for (size_t i = 0; i < n; ++i) {
    std::string k = std::to_string(2 * i);
    std::string cond = atom;
    for (size_t p; (p = cond.find('#')) != std::string::npos;) cond.replace(p, 1, k);
    s += "  L" + std::to_string(i) + " when " + cond + "\n";
  }
  s += "  Rest otherwise\n}\n";
  return s;
}

}  // namespace

TEST_CASE("reliability: 5,000 first-match labels are decided under the bound") {
  Timed t = timed_with(labels(5000, false, -1, 2500), kLimitMs);
  CHECK(t.seconds < kLabelsBound);
  auto e = find(t.result.diags, DiagCode::E0403);
  REQUIRE(e.size() == 1);
  CHECK(e[0]->message.find("`L2500`") != std::string::npos);
  CHECK(find(t.result.diags, DiagCode::W0406).empty());
}

TEST_CASE("reliability: 5,000 unique labels are decided under the bound, the one overlap found") {
  Timed t = timed_with(labels(5000, true, 3000), kLimitMs);
  CHECK(t.seconds < kLabelsBound);
  auto e = find(t.result.diags, DiagCode::E0401);
  REQUIRE(e.size() == 1);
  CHECK(e[0]->message.find("`L2999` and `L3000`") != std::string::npos);
  CHECK(find(t.result.diags, DiagCode::W0406).empty());
}

TEST_CASE("reliability: 5,000 nested first-match labels (each containing the ones before) are decided") {
  Timed t = timed_with(nested(5000, "n <= #"), kLimitMs);
  CHECK(t.seconds < kLabelsBound);
  CHECK(t.result.diags.all().empty());
}

TEST_CASE("reliability: a chain of 5,000 terms is decided under the bound") {
  std::string s = kHeader;
  s += "term t0 = n >= 0\n";
  for (size_t i = 1; i < 5000; ++i) {
    std::string k = std::to_string(i);
    s += "term t" + k + " = t" + std::to_string(i - 1) + " and (m >= " + k + " or n < " + k + ")\n";
  }
  s += "classify c (first match) {\n  A when t4999\n  B otherwise\n}\n";
  Timed t = timed_with(s, kLimitMs);
  CHECK(t.seconds < kChainBound);
  CHECK(t.result.diags.all().empty());
}

TEST_CASE("reliability: a 1 MB text literal is decided by the text abstraction, quickly") {
  std::string lit = long_literal(1000000);
  std::string s = kHeader;
  s += "term long = company == \"" + lit + "\"\nterm pre = company starts_with \"" + lit.substr(0, 500000) +
       "\"\nclassify c (first match) {\n  A when long\n  B when pre\n  C otherwise\n}\n";
  Timed t = timed_with(s, kLimitMs);
  CHECK(t.seconds < (kSanitized ? 15 : 5));
  CHECK(t.result.diags.all().empty());
}

TEST_CASE("reliability: a 1 MB literal the sequence theory would need is a W0406 that says why, not a hang") {
  std::string lit = long_literal(1000000);
  std::string s = kHeader;
  // `company == lead_id` keeps company out of the text abstraction.
  s += "term long = company == \"" + lit + "\"\nterm same = company == lead_id\n"
       "classify c (first match) {\n  A when long\n  B when same\n  C otherwise\n}\n";
  Timed t = timed_with(s, kLimitMs);
  CHECK(t.seconds < (kSanitized ? 15 : 5));
  auto w = find(t.result.diags, DiagCode::W0406);
  REQUIRE(!w.empty());
  CHECK(w[0]->message.find("term `long`") != std::string::npos);
  // No time limit was hit: the wording does not name one.
  CHECK(w[0]->message.find(" ms") == std::string::npos);
  CHECK(w[0]->message.rfind("could not decide whether", 0) == 0);
  REQUIRE(!w[0]->notes.empty());
  CHECK(w[0]->notes[0].message.find("literal of more than") != std::string::npos);
  for (DiagCode c : {DiagCode::E0401, DiagCode::E0402, DiagCode::E0403, DiagCode::E0404}) CHECK(find(t.result.diags, c).empty());
}

TEST_CASE("reliability: the time limit covers the whole analysis") {
  // Nested first-match labels over two fields (no single-field shape: each label is
  // asked with every earlier one), which take longer than the limit given here: what
  // is left is a W0406 that names it and the limit that was hit.
  Timed t = timed_with(nested(3000, "n + m <= #"), 1500);
  CHECK(t.seconds < (kSanitized ? 30 : 10));
  CHECK(names_limit(t.result.diags));
  // Which part the limit cuts depends on the machine's speed; the classification's
  // labels are left in any case, and named.
  auto w = find(t.result.diags, DiagCode::W0406);
  REQUIRE(!w.empty());
  CHECK(w.back()->message.find("`c`") != std::string::npos);
  CHECK(w.back()->message.find("(1500 ms)") != std::string::npos);
  CHECK(find(t.result.diags, DiagCode::E0403).empty());
}
