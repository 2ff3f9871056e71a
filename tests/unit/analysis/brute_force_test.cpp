// Property test: random small classifications over an optional bool, an optional
// enum of three and an optional int compared with 0..5, checked against brute-force
// enumeration of every lead (missing values included). Findings must match exactly
// and every witness must reproduce its finding when evaluated. A second generator
// does the same over an optional date with `within`, `days_since` and fixed dates,
// enumerating the as-of time too (the analysis holds for every as-of). A third does
// the same over one optional text, e-mail or phone field compared with short constants
// (==, !=, starts_with, ends_with, contains), enumerating values the reader accepts. A
// fourth does the same over an optional `set of` three members, every subset enumerated.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "base/civil_time.h"
#include "base/contact_syntax.h"
#include "base/text_ops.h"
#include "compiler/analysis/analyze.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using leadc::testing::ProgramBuilder;
using ir::FieldKind;
using ir::Op;
using ir::Reg;

namespace {

// One lead: index 0 is the key; optional fields use known = false for missing. The
// last cell is the as-of time of the run (num, epoch seconds).
struct Cell {
  bool known = false;
  double num = 0;
  bool b = false;
  int member = 0;
  std::string str;
};
using Lead = std::vector<Cell>;

// Three-valued evaluation of the ops the generator uses (the rules of ir.h).
std::vector<Cell> evaluate(const ir::Program& p, const Lead& lead) {
  std::vector<Cell> r(p.code.size());
  for (size_t i = 0; i < p.code.size(); ++i) {
    const ir::Instr& in = p.code[i];
    Cell& o = r[i];
    auto A = [&] { return r[in.a]; };
    auto B = [&] { return r[in.b]; };
    auto cmp = [&](auto f) {
      o.known = A().known && B().known;
      const ir::Type t = p.code[in.a].type;
      if (t == ir::Type::Str) {
        const int order = A().str.compare(B().str);  // only == and != occur on text
        o.b = o.known && f(order, 0);
        return;
      }
      double a = t == ir::Type::Enum ? A().member : t == ir::Type::Bool ? A().b : A().num;
      double b = t == ir::Type::Enum ? B().member : t == ir::Type::Bool ? B().b : B().num;
      o.b = o.known && f(a, b);
    };
    // The interpreter's text predicates (base/text_ops.h).
    auto text = [&](bool (*f)(std::string_view, std::string_view)) {
      o.known = A().known && B().known;
      o.b = o.known && f(A().str, B().str);
    };
    switch (in.op) {
      case Op::Field: o = lead[in.a]; break;
      case Op::AsOf: o = {true, lead.back().num, false, 0, ""}; break;
      case Op::Sub: o = {A().known && B().known, A().num - B().num, false, 0, ""}; break;
      case Op::Div: o = {A().known && B().known && B().num != 0, A().num / B().num, false, 0, ""}; break;
      case Op::Const:
        o.known = !in.value.missing;
        o.b = in.value.b;
        o.num = in.value.num;
        o.member = in.value.member;
        o.str = in.value.str;
        break;
      case Op::StartsWith: text(leadc::text::starts_with); break;
      case Op::EndsWith: text(leadc::text::ends_with); break;
      case Op::Contains: text(leadc::text::contains); break;
      case Op::Eq: cmp([](double a, double b) { return a == b; }); break;
      case Op::Ne: cmp([](double a, double b) { return a != b; }); break;
      case Op::Lt: cmp([](double a, double b) { return a < b; }); break;
      case Op::Le: cmp([](double a, double b) { return a <= b; }); break;
      case Op::Gt: cmp([](double a, double b) { return a > b; }); break;
      case Op::Ge: cmp([](double a, double b) { return a >= b; }); break;
      case Op::And: {
        bool ta = A().known && A().b, tb = B().known && B().b;
        bool fa = A().known && !A().b, fb = B().known && !B().b;
        o.known = (ta && tb) || fa || fb;
        o.b = ta && tb;
        break;
      }
      case Op::Or: {
        bool ta = A().known && A().b, tb = B().known && B().b;
        o.known = ta || tb || (A().known && B().known);
        o.b = ta || tb;
        break;
      }
      case Op::Not: o.known = A().known; o.b = !A().b; break;
      case Op::IsKnown: o.known = true; o.b = A().known; break;
      case Op::Select: o = (A().known && A().b) ? B() : r[in.c]; break;
      default: FAIL("unexpected op in generated program");
    }
  }
  return r;
}

bool is_true(const std::vector<Cell>& regs, Reg r) { return regs[r].known && regs[r].b; }

// Every lead up to equivalence: int values -1..6 cover all comparisons with 0..5.
std::vector<Lead> all_leads() {
  std::vector<Lead> out;
  for (int b = -1; b < 2; ++b) {
    for (int e = -1; e < 3; ++e) {
      for (int n = -2; n <= 6; ++n) {
        Lead l(5);
        l[0].known = true;
        l[1] = {b >= 0, 0, b == 1, 0, ""};
        l[2] = {e >= 0, 0, false, std::max(e, 0), ""};
        l[3] = {n >= -1, static_cast<double>(n), false, 0, ""};
        out.push_back(l);
      }
    }
  }
  return out;
}

constexpr double kDay = 86400;
constexpr double kDay0 = 20779;  // 2026-11-22, the analysis' preferred as-of

// Every (date, as-of) up to equivalence: the atoms' breakpoints are multiples of half a
// day around kDay0, so dates kDay0-6..kDay0+6 (or missing) and as-of times in quarter
// days from kDay0-8 to kDay0+8 meet each breakpoint and each interval between them.
std::vector<Lead> all_dated_leads() {
  std::vector<Lead> out;
  for (int d = -7; d <= 6; ++d) {
    for (int q = -32; q <= 32; ++q) {
      Lead l(3);
      l[0].known = true;
      l[1] = {d >= -6, (kDay0 + d) * kDay, false, 0, ""};
      l[2] = {true, (kDay0 + q / 4.0) * kDay, false, 0, ""};
      out.push_back(l);
    }
  }
  return out;
}

// Reads a witness `given { lead_id: "x", b: true, e: y, n: 3 }` (or `d: 2026-11-20`,
// then maybe ` as_of 2026-11-22T06:00:00Z`) back into a lead of `size` cells.
Lead parse_witness(std::string w, size_t size = 5) {
  Lead l(size);
  l[0].known = true;
  l.back() = {true, kDay0 * kDay, false, 0, ""};  // a finding that names no as-of holds at any
  auto at = w.find(" } as_of ");
  if (at != std::string::npos) {
    REQUIRE(parse_iso_timestamp(w.substr(at + 9), l.back().num));
    w = w.substr(0, at + 2);
  }
  REQUIRE(w.rfind("given { ", 0) == 0);
  std::string body = w.substr(8, w.size() - 10);
  std::stringstream ss(body);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item[0] == ' ') item.erase(0, 1);
    auto colon = item.find(": ");
    std::string name = item.substr(0, colon), value = item.substr(colon + 2);
    if (name == "lead_id") continue;
    if (name == "d") {
      if (value != "missing") l[1].known = parse_iso_date(value, l[1].num);
      continue;
    }
    int idx = name == "b" ? 1 : name == "e" ? 2 : 3;
    REQUIRE((name == "b" || name == "e" || name == "n"));
    if (value == "missing") continue;
    l[idx].known = true;
    if (idx == 1) l[idx].b = value == "true";
    if (idx == 2) l[idx].member = value == "x" ? 0 : value == "y" ? 1 : 2;
    if (idx == 3) l[idx].num = std::stod(value);
  }
  return l;
}

// A random condition of depth <= `depth` over g.atom(): not, and (twice as likely), or.
template <class G>
Reg random_cond(G& g, int depth) {
  if (depth == 0 || g.pick(3) == 0) return g.atom();
  switch (g.pick(5)) {
    case 0: return g.b.not_(random_cond(g, depth - 1));
    case 1:
    case 2: return g.b.and_(random_cond(g, depth - 1), random_cond(g, depth - 1));
    default: return g.b.or_(random_cond(g, depth - 1), random_cond(g, depth - 1));
  }
}

struct Gen {
  std::mt19937 rng;
  ProgramBuilder& b;
  Reg fb, fe, fn;
  int enum_id;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  Reg atom() {
    switch (pick(7)) {
      case 0: return fb;
      case 1: return b.is_known(pick(3) == 0 ? fb : pick(2) ? fe : fn);
      case 2: return b.cmp(Op::Eq, fe, b.member(enum_id, pick(3)));
      case 3: return b.cmp(Op::Ne, fe, b.member(enum_id, pick(3)));
      default: {
        static const Op ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
        return b.cmp(ops[pick(6)], fn, b.num(pick(6)));
      }
    }
  }
  Reg cond(int depth) { return random_cond(*this, depth); }
};

// Conditions over an optional date d and the as-of: `d within K days`, `d < C`,
// `d >= C`, `days_since(d) <= k`, `days_since(d) > k`, `d is known`.
struct DateGen {
  std::mt19937 rng;
  ProgramBuilder& b;
  Reg fd;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  Reg atom() {
    Reg now = b.as_of();
    switch (pick(6)) {
      case 0: {
        Reg from = b.arith(Op::Sub, now, b.num((1 + pick(2)) * kDay));
        return b.and_(b.cmp(Op::Ge, fd, from), b.cmp(Op::Le, fd, now));
      }
      case 1: return b.cmp(Op::Lt, fd, b.num((kDay0 - 1 + pick(3)) * kDay));
      case 2: return b.cmp(Op::Ge, fd, b.num((kDay0 - 1 + pick(3)) * kDay));
      case 3:
      case 4: {
        Reg days = b.arith(Op::Div, b.arith(Op::Sub, now, fd), b.num(kDay));
        static const double ks[] = {0, 0.5, 1, 2};
        return b.cmp(pick(2) ? Op::Le : Op::Gt, days, b.num(ks[pick(4)]));
      }
      default: return b.is_known(fd);
    }
  }
  Reg cond(int depth) {
    if (depth == 0 || pick(3) == 0) return atom();
    switch (pick(4)) {
      case 0: return b.not_(cond(depth - 1));
      case 1: return b.and_(cond(depth - 1), cond(depth - 1));
      default: return b.or_(cond(depth - 1), cond(depth - 1));
    }
  }
};

using Finding = std::pair<DiagCode, uint32_t>;  // code, line of the span

std::string show(const std::set<Finding>& fs) {
  std::string out;
  for (auto& [code, line] : fs) out += std::string(code_name(code)) + "@" + std::to_string(line) + " ";
  return out;
}

// Every string over `alphabet` of length lo..hi.
std::vector<std::string> strings_over(const std::string& alphabet, size_t lo, size_t hi) {
  std::vector<std::string> out, level{""};
  for (size_t len = 1; len <= hi; ++len) {
    std::vector<std::string> next;
    for (const std::string& s : level) {
      for (char c : alphabet) next.push_back(s + c);
    }
    level = std::move(next);
    if (len >= lo) out.insert(out.end(), level.begin(), level.end());
  }
  return out;
}

// Values of a text field of `kind` that the reader accepts: every short string over
// the constants' characters and the abstraction's fillers (x for text and e-mail
// parts, 5 for phones), and the strings `p Z w1 Z w2 Z q` over the program's
// constants (Z a filler), which meet any combination of their atoms that a value
// can meet.
std::vector<std::string> text_values(FieldKind kind, std::vector<std::string> used) {
  used.erase(std::remove(used.begin(), used.end(), ""), used.end());
  auto shaped = [](const std::vector<std::string>& pieces, const std::string& z, size_t contains) {
    std::vector<std::string> ends{""}, out;
    ends.insert(ends.end(), pieces.begin(), pieces.end());
    std::vector<std::string> middles{z};
    for (const std::string& w : pieces) middles.push_back(z + w + z);
    if (contains > 1) {
      for (const std::string& w1 : pieces) {
        for (const std::string& w2 : pieces) {
          if (w1 < w2) middles.push_back(z + w1 + z + w2 + z);
        }
      }
    }
    for (const std::string& p : ends) {
      for (const std::string& m : middles) {
        for (const std::string& q : ends) out.push_back(p + m + q);
      }
    }
    return out;
  };
  std::vector<std::string> out;
  if (kind == FieldKind::Text) {
    out = strings_over("ab@x", 1, 4);
    for (const std::string& v : shaped(used, "x", 2)) out.push_back(v);
    for (const std::string& c : used) out.push_back(c);
  } else if (kind == FieldKind::Email) {
    // The constants' pieces between `@`s, for the local and the host part.
    std::vector<std::string> pieces;
    for (const std::string& c : used) {
      if (c.find(' ') != std::string::npos) continue;
      size_t from = 0;
      for (size_t at; (at = c.find('@', from)) != std::string::npos; from = at + 1) pieces.push_back(c.substr(from, at - from));
      pieces.push_back(c.substr(from));
    }
    std::sort(pieces.begin(), pieces.end());
    pieces.erase(std::unique(pieces.begin(), pieces.end()), pieces.end());
    pieces.erase(std::remove(pieces.begin(), pieces.end(), ""), pieces.end());
    std::vector<std::string> parts = strings_over("abx", 1, 2);
    for (const std::string& v : shaped(pieces, "x", 1)) parts.push_back(v);
    parts.insert(parts.end(), pieces.begin(), pieces.end());
    for (const std::string& l : parts) {
      for (const std::string& h : parts) out.push_back(l + "@" + h);
    }
  } else {
    for (const std::string& d : strings_over("15", 7, 7)) {
      out.push_back(d);
      for (size_t k = 0; k <= d.size(); ++k) out.push_back(d.substr(0, k) + "-" + d.substr(k));
    }
    std::vector<std::string> valid;
    for (const std::string& c : used) {
      if (c.find('a') == std::string::npos && !c.empty()) valid.push_back(c);
    }
    for (const std::string& v : shaped(valid, "5555555", 2)) out.push_back(v);
    for (const std::string& c : valid) {
      if (contact::phone_is_valid(c)) out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  // Only values the reader accepts (else a finding could rest on an unreadable lead).
  size_t unreadable = 0;
  for (const std::string& v : out) {
    unreadable += contact::text_is_missing(v) || (kind == FieldKind::Email && !contact::email_is_valid(v)) ||
                  (kind == FieldKind::Phone && !contact::phone_is_valid(v));
  }
  CHECK(unreadable == 0);
  return out;
}

}  // namespace

using WitnessParser = std::function<Lead(const std::string&)>;

// Compares the analysis of b's only classification with enumeration over `leads`;
// every gap and overlap witness, read back with `parse`, must reproduce its finding.
// Returns the expected findings and whether there is a gap.
std::set<Finding> check_against(ProgramBuilder& b, const std::vector<Lead>& leads, const WitnessParser& parse, bool otherwise,
                                bool unique, bool& has_gap, int* timed_witnesses = nullptr) {
  const ir::Classification& cls = b.p.classifications[0];
  // Expected findings from enumeration.
  size_t n = cls.labels.size();
  std::vector<std::vector<bool>> truth;  // per lead, per label
  for (const Lead& l : leads) {
    auto regs = evaluate(b.p, l);
    std::vector<bool> row(n, false);
    for (size_t i = 0; i < n; ++i) row[i] = cls.labels[i].condition != ir::kNoReg && is_true(regs, cls.labels[i].condition);
    truth.push_back(row);
  }
  auto exists = [&](auto pred) {
    for (auto& row : truth) {
      if (pred(row)) return true;
    }
    return false;
  };
  std::set<Finding> expected;
  std::vector<bool> never(n, false);
  for (size_t i = 0; i < n; ++i) {
    if (cls.labels[i].condition == ir::kNoReg) continue;
    never[i] = !exists([&](auto& row) { return row[i]; });
    bool always = !exists([&](auto& row) { return !row[i]; });
    if (never[i]) expected.insert({DiagCode::E0404, cls.labels[i].span.line});
    if (always && !never[i]) expected.insert({DiagCode::W0405, cls.labels[i].span.line});
  }
  has_gap = !otherwise && exists([&](auto& row) {
    for (bool t : row) {
      if (t) return false;
    }
    return true;
  });
  if (has_gap) expected.insert({DiagCode::E0402, cls.span.line});
  if (unique) {
    for (size_t j = 0; j < n; ++j) {
      for (size_t i = 0; i < j; ++i) {
        if (exists([&](auto& row) { return row[i] && row[j]; })) expected.insert({DiagCode::E0401, cls.labels[j].span.line});
      }
    }
  } else {
    for (size_t i = 1; i < n; ++i) {
      if (never[i]) continue;
      bool any_earlier = false;
      for (size_t j = 0; j < i; ++j) any_earlier |= !never[j] && cls.labels[j].condition != ir::kNoReg;
      if (!any_earlier) continue;
      bool is_otherwise = cls.labels[i].condition == ir::kNoReg;
      bool reachable = exists([&](auto& row) {
        for (size_t j = 0; j < i; ++j) {
          if (row[j]) return false;
        }
        return is_otherwise || row[i];
      });
      if (!reachable) expected.insert({DiagCode::E0403, cls.labels[i].span.line});
    }
  }

  Diagnostics diags;
  analyze(b.p, AnalyzeOptions{}, diags);
  std::set<Finding> actual;
  std::set<std::string> gap_witnesses, gap_leads;
  // A lead as text: the same for two witnesses that read back as the same lead.
  auto lead_text = [](const Lead& l) {
    std::string out;
    for (const Cell& c : l) {
      out += c.known ? std::to_string(c.num) + ":" + std::to_string(c.b) + ":" + std::to_string(c.member) + ":" + c.str + ";"
                     : std::string("missing;");
    }
    return out;
  };
  for (const Diagnostic& d : diags.all()) {
    actual.insert({d.code, d.span.line});
    if (timed_witnesses && d.witness && d.witness->find(" as_of ") != std::string::npos) ++*timed_witnesses;
    if (d.code == DiagCode::E0402) {
      REQUIRE(d.witness);
      CAPTURE(*d.witness);
      CHECK(gap_witnesses.insert(*d.witness).second);
      CHECK(gap_leads.insert(lead_text(parse(*d.witness))).second);  // never the same lead twice
      auto regs = evaluate(b.p, parse(*d.witness));
      for (size_t i = 0; i < n; ++i) {
        if (cls.labels[i].condition != ir::kNoReg) CHECK_FALSE(is_true(regs, cls.labels[i].condition));
      }
    }
    if (d.code == DiagCode::E0401) {
      REQUIRE(d.witness);
      CAPTURE(*d.witness);
      auto regs = evaluate(b.p, parse(*d.witness));
      size_t count = 0;
      for (size_t i = 0; i < n; ++i) {
        if (cls.labels[i].condition != ir::kNoReg) count += is_true(regs, cls.labels[i].condition);
      }
      CHECK(count >= 2);
    }
  }
  CHECK(show(actual) == show(expected));  // the same as actual == expected, but printable
  return expected;
}

TEST_CASE("random classifications agree with brute-force enumeration") {
  const std::vector<Lead> leads = all_leads();
  int overlaps = 0, gaps = 0, unreachable = 0, contradictions = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    ProgramBuilder b;
    b.input("lead_id", FieldKind::Text, false);
    int eid = b.add_enum("kind", {"x", "y", "z"});
    Gen g{std::mt19937(seed), b, b.input("b", FieldKind::Bool, true), b.input("e", FieldKind::Enum, true, eid),
          b.input("n", FieldKind::Int, true), eid};
    bool unique = g.pick(2) == 0;
    int nlabels = 2 + g.pick(3);
    std::vector<std::pair<std::string, Reg>> labels;
    for (int k = 0; k < nlabels; ++k) labels.push_back({std::string(1, static_cast<char>('A' + k)), g.cond(3)});
    bool otherwise = g.pick(3) == 0;
    if (otherwise) labels.push_back({"O", ir::kNoReg});
    b.classify("c", unique, labels);
    CAPTURE(seed);
    bool has_gap = false;
    std::set<Finding> expected = check_against(b, leads, [](const std::string& w) { return parse_witness(w, 5); }, otherwise, unique, has_gap);

    gaps += has_gap;
    for (auto& f : expected) {
      overlaps += f.first == DiagCode::E0401;
      unreachable += f.first == DiagCode::E0403;
      contradictions += f.first == DiagCode::E0404;
    }
  }
  // The generator must exercise every kind of finding.
  CHECK(overlaps > 20);
  CHECK(gaps > 20);
  CHECK(unreachable > 10);
  CHECK(contradictions > 5);
}

TEST_CASE("random classifications over a date agree with enumeration of dates and as-of times") {
  const std::vector<Lead> leads = all_dated_leads();
  int overlaps = 0, gaps = 0, timed_witnesses = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    ProgramBuilder b;
    b.input("lead_id", FieldKind::Text, false);
    DateGen g{std::mt19937(seed), b, b.input("d", FieldKind::Date, true)};
    bool unique = g.pick(2) == 0;
    int nlabels = 2 + g.pick(2);
    std::vector<std::pair<std::string, Reg>> labels;
    for (int k = 0; k < nlabels; ++k) labels.push_back({std::string(1, static_cast<char>('A' + k)), g.cond(2)});
    b.classify("c", unique, labels);
    CAPTURE(seed);
    bool has_gap = false;
    std::set<Finding> expected = check_against(b, leads, [](const std::string& w) { return parse_witness(w, 3); }, false, unique, has_gap, &timed_witnesses);
    gaps += has_gap;
    for (auto& f : expected) overlaps += f.first == DiagCode::E0401;
  }
  CHECK(overlaps > 5);
  CHECK(gaps > 5);
  CHECK(timed_witnesses > 5);
}

TEST_CASE("random text classifications agree with brute-force enumeration") {
  // Constants that relate in every way: prefixes of each other, overlapping,
  // containing `@` (once or twice), a space, outside a phone's characters, empty.
  const std::vector<std::string> kText = {"a", "b", "ab", "ba", "aa", "bab", "@", "a@", "@b", "a@b", "@@", ""};
  const std::vector<std::string> kEmail = {"a", "b", "ab", "ba", "aa", "bab", "@", "a@", "@b", "a@b", "b@a", "@@", "", "a b"};
  const std::vector<std::string> kPhone = {"1", "11", "1-", "-1", "1-1", "a", "", "1111111", "1111-111", "111111"};
  static const Op kPreds[] = {Op::Eq, Op::Ne, Op::StartsWith, Op::EndsWith, Op::Contains};
  int overlaps = 0, gaps = 0, unreachable = 0, contradictions = 0;
  int seed = 0;
  for (FieldKind kind : {FieldKind::Text, FieldKind::Email, FieldKind::Phone}) {
    const std::vector<std::string>& constants = kind == FieldKind::Text ? kText : kind == FieldKind::Email ? kEmail : kPhone;
    for (int k = 0; k < 20; ++k) {
      ++seed;
      std::mt19937 rng(static_cast<unsigned>(seed));
      auto pick = [&](size_t n) { return static_cast<size_t>(std::uniform_int_distribution<size_t>(0, n - 1)(rng)); };
      ProgramBuilder b;
      b.input("lead_id", FieldKind::Text, false);
      const Reg flag = b.input("f", FieldKind::Bool, true);
      const Reg t = b.input("t", kind, true);
      std::function<Reg(int)> cond = [&](int depth) -> Reg {
        if (depth == 0 || pick(3) == 0) {
          if (pick(8) == 0) return pick(2) ? flag : b.is_known(t);
          return b.op(kPreds[pick(5)], ir::Type::Bool, t, b.str(constants[pick(constants.size())]));
        }
        switch (pick(4)) {
          case 0: return b.not_(cond(depth - 1));
          case 1: return b.or_(cond(depth - 1), cond(depth - 1));
          default: return b.and_(cond(depth - 1), cond(depth - 1));
        }
      };
      bool unique = pick(2) == 0;
      std::vector<std::pair<std::string, Reg>> labels;
      for (size_t n = 2 + pick(3), i = 0; i < n; ++i) labels.push_back({std::string(1, static_cast<char>('A' + i)), cond(2)});
      const bool otherwise = pick(3) == 0;
      if (otherwise) labels.push_back({"O", ir::kNoReg});
      b.classify("c", unique, labels);
      CAPTURE(seed);
      std::vector<std::string> used;
      for (const ir::Instr& in : b.p.code) {
        if (in.op == Op::Const && in.type == ir::Type::Str) used.push_back(in.value.str);
      }
      std::sort(used.begin(), used.end());
      used.erase(std::unique(used.begin(), used.end()), used.end());
      std::vector<Lead> leads;
      for (const std::string& v : text_values(kind, used)) {
        Lead l(3);
        l[0].known = true;
        l[2].known = true;
        l[2].str = v;
        for (int flag = -1; flag < 2; ++flag) {
          l[1] = {flag >= 0, 0, flag == 1, 0, ""};
          leads.push_back(l);
        }
      }
      for (int flag = -1; flag < 2; ++flag) {
        Lead missing(3);
        missing[0].known = true;
        missing[1] = {flag >= 0, 0, flag == 1, 0, ""};
        leads.push_back(missing);
      }
      auto parse = [](const std::string& w) {
        Lead l(3);
        l[0].known = true;
        auto field = [&](const std::string& name) -> std::optional<std::string> {
          auto at = w.find(", " + name + ": ");
          if (at == std::string::npos) return std::nullopt;
          auto from = at + name.size() + 4;
          std::string v = w.substr(from, w.find_first_of(",}", from + (w[from] == '"' ? 1 : 0)) - from);
          while (!v.empty() && v.back() == ' ') v.pop_back();
          return v;
        };
        if (auto f = field("f"); f && *f != "missing") l[1] = {true, 0, *f == "true", 0, ""};
        if (auto v = field("t"); v && v->rfind("missing", 0) != 0) {
          REQUIRE(v->front() == '"');
          l[2].known = true;
          l[2].str = v->substr(1, v->rfind('"') - 1);
        }
        return l;
      };
      bool has_gap = false;
      std::set<Finding> expected = check_against(b, leads, parse, otherwise, unique, has_gap);
      gaps += has_gap;
      for (auto& f : expected) {
        overlaps += f.first == DiagCode::E0401;
        unreachable += f.first == DiagCode::E0403;
        contradictions += f.first == DiagCode::E0404;
      }
    }
  }
  CHECK(overlaps > 5);
  CHECK(gaps > 5);
  CHECK(unreachable > 3);
  CHECK(contradictions > 5);
}

namespace {

// Aggregates over events: kind (enum a, b) and v (optional int). The summed values
// are those of v in 0..2 (every sum's condition says so), so every value an event
// can have is one of missing, -1, 0, 1, 2, 3 for what the conditions can tell apart.
// A label atom compares one aggregate with a small constant; every atom is monotone
// in the events (more events: count, any and sum grow, none shrinks), so a lead that
// makes some atoms true and the others false has a sub-multiset of at most
// sum(atom cost) events that does the same (cost: the constant + 1), and enumerating
// every multiset of that many events decides every finding exactly.
struct AggGen {
  std::mt19937 rng;
  ProgramBuilder& lead;
  ProgramBuilder& ev;
  ir::Activity& act;
  Reg kind, v;
  int kind_enum;
  int cost = 0;
  std::vector<Reg> agg_fields;  // per aggregate: its input's Field register in `lead`

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  Reg leaf() {
    switch (pick(7)) {
      case 0:
      case 1: return ev.cmp(Op::Eq, kind, ev.member(kind_enum, pick(2)));
      case 2: return ev.cmp(Op::Ne, kind, ev.member(kind_enum, pick(2)));
      case 3: return ev.cmp(pick(2) ? Op::Ge : Op::Lt, v, ev.num(pick(3)));
      case 4: return ev.cmp(Op::Eq, v, ev.num(pick(3)));
      case 5: return ev.is_known(v);
      default: return ev.boolean(true);
    }
  }
  Reg event_cond(int depth) {
    if (depth == 0 || pick(2) == 0) return leaf();
    switch (pick(3)) {
      case 0: return ev.not_(event_cond(depth - 1));
      case 1: return ev.and_(event_cond(depth - 1), event_cond(depth - 1));
      default: return ev.or_(event_cond(depth - 1), event_cond(depth - 1));
    }
  }
  // A new aggregate of `k` over a random condition, or an earlier one of that kind.
  Reg aggregate(ir::AggregateKind k) {
    for (size_t g = 0; g < act.aggregates.size(); ++g) {
      if (act.aggregates[g].kind == k && pick(3) == 0) return agg_fields[g];
    }
    ir::Aggregate a;
    a.kind = k;
    a.condition = event_cond(2);
    if (k == ir::AggregateKind::Sum) {
      a.value = v;
      a.condition = ev.and_(a.condition, ev.and_(ev.cmp(Op::Ge, v, ev.num(0)), ev.cmp(Op::Le, v, ev.num(2))));
    }
    const FieldKind fk = k == ir::AggregateKind::Any || k == ir::AggregateKind::None ? FieldKind::Bool : FieldKind::Int;
    const std::string name = "agg" + std::to_string(act.aggregates.size());
    Reg f = lead.input(name, fk, false);
    ir::Input& in = lead.p.inputs.back();
    in.column.clear();
    in.synthetic = true;
    in.aggregate = static_cast<int32_t>(act.aggregates.size());
    a.input = static_cast<uint32_t>(lead.p.inputs.size() - 1);
    act.aggregates.push_back(a);
    agg_fields.push_back(f);
    return f;
  }
  Reg atom() {
    static const Op ops[] = {Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq, Op::Ne};
    switch (pick(4)) {
      case 0: cost += 1; return aggregate(ir::AggregateKind::Any);
      case 1: cost += 1; return aggregate(ir::AggregateKind::None);
      case 2: {
        const int k = pick(3);
        const Op op = ops[pick(6)];
        cost += k + 1 + (op == Op::Gt || op == Op::Le);
        return lead.cmp(op, aggregate(ir::AggregateKind::Count), lead.num(k));
      }
      default: {
        const int k = pick(4);
        const Op op = ops[pick(6)];
        cost += k + 1 + (op == Op::Gt || op == Op::Le);
        return lead.cmp(op, aggregate(ir::AggregateKind::Sum), lead.num(k));
      }
    }
  }
  Reg cond(int depth) {
    if (depth == 0 || pick(3) == 0) return atom();
    switch (pick(4)) {
      case 0: return lead.not_(cond(depth - 1));
      case 1: return lead.and_(cond(depth - 1), cond(depth - 1));
      default: return lead.or_(cond(depth - 1), cond(depth - 1));
    }
  }
};

// One kind of event: its kind and v (missing: known false).
struct EventType {
  int kind;
  bool known;
  int v;
};

// The events program's verdict on one event: whether it matches each aggregate's
// condition (unknown does not match), and what it adds to a sum.
std::vector<std::pair<bool, double>> event_verdicts(const ir::Activity& act, const EventType& e) {
  Lead l(act.events.inputs.size() + 1);
  l[0].known = true;
  l[1] = {true, 0, false, e.kind, ""};
  l[2] = {e.known, static_cast<double>(e.v), false, 0, ""};
  auto regs = evaluate(act.events, l);
  std::vector<std::pair<bool, double>> out;
  for (const ir::Aggregate& a : act.aggregates) {
    const bool match = is_true(regs, a.condition);
    const double add = a.value != ir::kNoReg && regs[a.value].known ? regs[a.value].num : 0;
    out.push_back({match, add});
  }
  return out;
}

// Every lead (up to its aggregate values) that a multiset of at most `max_events`
// events gives, folded as the runtime folds (runtime/activities.cpp).
std::vector<Lead> all_event_leads(const ir::Program& p, int max_events) {
  const ir::Activity& act = *p.activity;
  std::vector<std::vector<std::pair<bool, double>>> types;
  for (int kind = 0; kind < 2; ++kind) {
    types.push_back(event_verdicts(act, {kind, false, 0}));
    for (int v = -1; v <= 3; ++v) types.push_back(event_verdicts(act, {kind, true, v}));
  }
  const size_t n = act.aggregates.size();
  std::set<std::vector<double>> seen;
  std::vector<Lead> out;
  std::vector<size_t> multiset;  // non-decreasing type indices
  std::function<void(size_t)> walk = [&](size_t from) {
    std::vector<double> count(n, 0), sum(n, 0);
    for (size_t t : multiset) {
      for (size_t g = 0; g < n; ++g) {
        if (!types[t][g].first) continue;
        count[g] += 1;
        sum[g] += types[t][g].second;
      }
    }
    std::vector<double> values;
    Lead l(p.inputs.size() + 1);
    l[0].known = true;
    for (size_t g = 0; g < n; ++g) {
      const ir::Aggregate& a = act.aggregates[g];
      Cell& c = l[a.input];
      c.known = true;
      switch (a.kind) {
        case ir::AggregateKind::Count: c.num = count[g]; break;
        case ir::AggregateKind::Sum: c.num = sum[g]; break;
        case ir::AggregateKind::Any: c.b = count[g] > 0; break;
        case ir::AggregateKind::None: c.b = count[g] == 0; break;
        default: FAIL("unexpected aggregate");
      }
      values.push_back(c.num + (c.b ? 0.5 : 0));
    }
    l.back() = {true, kDay0 * kDay, false, 0, ""};
    if (seen.insert(values).second) out.push_back(l);
    if (multiset.size() == static_cast<size_t>(max_events)) return;
    for (size_t t = from; t < types.size(); ++t) {
      multiset.push_back(t);
      walk(t);
      multiset.pop_back();
    }
  };
  walk(0);
  return out;
}

// Reads the aggregates of a witness: folded from its `events { { kind: a, v: 1 }, … }`
// (issue 18: check's witnesses give events) as the runtime folds them, or as it lists
// them (`// agg3: 2`) where it has no events; those it does not list have the value
// of a lead without events, as in an example without `events`.
Lead parse_event_witness(const ir::Program& p, const std::string& w) {
  Lead l(p.inputs.size() + 1);
  l[0].known = true;
  l.back() = {true, kDay0 * kDay, false, 0, ""};
  if (const size_t ev = w.find(" events { "); ev != std::string::npos) {
    const ir::Activity& act = *p.activity;
    const size_t n = act.aggregates.size();
    std::vector<double> count(n, 0), sum(n, 0);
    for (size_t at = w.find('{', ev + 9); at != std::string::npos; at = w.find('{', at + 1)) {
      const size_t end = w.find('}', at);
      REQUIRE(end != std::string::npos);
      const std::string one = w.substr(at + 1, end - at - 1);
      EventType e{0, false, 0};
      if (one.find("kind: b") != std::string::npos) e.kind = 1;
      if (const size_t v = one.find("v: "); v != std::string::npos && one.compare(v + 3, 7, "missing") != 0) {
        e.known = true;
        e.v = std::stoi(one.substr(v + 3));
      }
      const auto verdicts = event_verdicts(act, e);
      for (size_t g = 0; g < n; ++g) {
        if (!verdicts[g].first) continue;
        count[g] += 1;
        sum[g] += verdicts[g].second;
      }
      at = end;
    }
    for (size_t g = 0; g < n; ++g) {
      const ir::Aggregate& a = act.aggregates[g];
      Cell& c = l[a.input];
      c.known = true;
      switch (a.kind) {
        case ir::AggregateKind::Count: c.num = count[g]; break;
        case ir::AggregateKind::Sum: c.num = sum[g]; break;
        case ir::AggregateKind::Any: c.b = count[g] > 0; break;
        case ir::AggregateKind::None: c.b = count[g] == 0; break;
        default: FAIL("unexpected aggregate");
      }
    }
    return l;
  }
  for (const ir::Aggregate& a : p.activity->aggregates) {
    Cell& c = l[a.input];
    c.known = true;
    c.b = a.kind == ir::AggregateKind::None;
    const std::string tag = "// " + p.inputs[a.input].field + ": ";
    auto at = w.find(tag);
    if (at == std::string::npos) continue;
    std::string value = w.substr(at + tag.size(), w.find('\n', at) - at - tag.size());
    if (p.inputs[a.input].type == ir::Type::Bool) {
      REQUIRE((value == "true" || value == "false"));
      c.b = value == "true";
    } else {
      c.num = std::stod(value);
    }
  }
  return l;
}

}  // namespace

TEST_CASE("random classifications over aggregates agree with enumeration of small event sets") {
  int overlaps = 0, gaps = 0, unreachable = 0, contradictions = 0, checked = 0, sums = 0;
  for (unsigned seed = 1; checked < 150 && seed <= 2000; ++seed) {
    ProgramBuilder ev;
    const int kind_enum = ev.add_enum("kind", {"a", "b"});
    ev.input("lead_id", FieldKind::Text, false);
    const Reg kind = ev.input("kind", FieldKind::Enum, false, kind_enum);
    const Reg v = ev.input("v", FieldKind::Int, true);
    auto act = std::make_shared<ir::Activity>();
    act->key_input = 0;
    ProgramBuilder b;
    b.add_enum("kind", {"a", "b"});  // the events' enums are the lead program's
    b.input("lead_id", FieldKind::Text, false);
    AggGen g{std::mt19937(seed), b, ev, *act, kind, v, kind_enum, 0, {}};
    const bool unique = g.pick(2) == 0;
    const int nlabels = 2 + g.pick(2);
    std::vector<std::pair<std::string, Reg>> labels;
    for (int k = 0; k < nlabels; ++k) labels.push_back({std::string(1, static_cast<char>('A' + k)), g.cond(1)});
    // The bound on the events a finding needs; larger ones take too long to enumerate.
    if (g.cost > 5) continue;
    const bool otherwise = g.pick(4) == 0;
    if (otherwise) labels.push_back({"O", ir::kNoReg});
    b.classify("c", unique, labels);
    act->events = ev.p;
    b.p.activity = act;
    ++checked;
    for (const ir::Aggregate& a : act->aggregates) sums += a.kind == ir::AggregateKind::Sum;
    CAPTURE(seed);
    const std::vector<Lead> leads = all_event_leads(b.p, g.cost);
    const ir::Program& p = b.p;
    bool has_gap = false;
    std::set<Finding> expected =
        check_against(b, leads, [&](const std::string& w) { return parse_event_witness(p, w); }, otherwise, unique, has_gap);
    gaps += has_gap;
    for (auto& f : expected) {
      overlaps += f.first == DiagCode::E0401;
      unreachable += f.first == DiagCode::E0403;
      contradictions += f.first == DiagCode::E0404;
    }
  }
  CHECK(checked == 150);
  CHECK(sums > 60);
  CHECK(overlaps > 15);
  CHECK(gaps > 15);
  CHECK(unreachable > 5);
  CHECK(contradictions > 5);
}

namespace {

// Leads over an optional `set of kind {x, y, z}` (cells 1..3, one per member, known
// together) and an optional int (cell 4): every subset or missing, ints -2..6.
std::vector<Lead> all_set_leads() {
  std::vector<Lead> out;
  for (int s = -1; s < 8; ++s) {
    for (int n = -2; n <= 6; ++n) {
      Lead l(6);
      l[0].known = true;
      for (int k = 0; k < 3; ++k) l[1 + k] = {s >= 0, 0, s >= 0 && ((s >> k) & 1), 0, ""};
      l[4] = {n >= -1, static_cast<double>(n), false, 0, ""};
      l[5] = {true, kDay0 * kDay, false, 0, ""};
      out.push_back(l);
    }
  }
  return out;
}

// `given { lead_id: "x", s: [x, z], n: 3 }` (or `s: missing`) back into a lead.
Lead parse_set_witness(const std::string& w) {
  Lead l = all_set_leads()[0];
  l[4].known = false;
  REQUIRE(w.rfind("given { ", 0) == 0);
  const size_t s_at = w.find("s: ");
  if (s_at != std::string::npos) {
    if (w.compare(s_at + 3, 7, "missing") == 0) {
      for (int k = 0; k < 3; ++k) l[1 + k].known = false;
    } else {
      REQUIRE(w[s_at + 3] == '[');
      const std::string list = w.substr(s_at + 4, w.find(']', s_at) - s_at - 4);
      for (int k = 0; k < 3; ++k) {
        l[1 + k].known = true;
        l[1 + k].b = (", " + list + ",").find(std::string(", ") + "xyz"[k] + ",") != std::string::npos;
      }
    }
  }
  const size_t n_at = w.find(", n: ");
  if (n_at != std::string::npos && w.compare(n_at + 5, 7, "missing") != 0) {
    l[4].known = true;
    l[4].num = std::stod(w.substr(n_at + 5));
  }
  return l;
}

// Conditions over the set: `s has m`, `s has any [..]`, `s has all [..]`, `s is empty`,
// `s is known`, and the int compared with 0..5.
struct SetGen {
  std::mt19937 rng;
  ProgramBuilder& b;
  Reg member[3];
  Reg fn;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  Reg over(bool all, int mask) {
    Reg r = ir::kNoReg;
    for (int k = 0; k < 3; ++k) {
      if (!((mask >> k) & 1)) continue;
      r = r == ir::kNoReg ? member[k] : all ? b.and_(r, member[k]) : b.or_(r, member[k]);
    }
    return r;
  }
  Reg atom() {
    switch (pick(7)) {
      case 0:
      case 1: return member[pick(3)];
      case 2: return over(false, 1 + pick(7));
      case 3: return over(true, 1 + pick(7));
      case 4: return b.not_(over(false, 7));
      case 5: return b.is_known(member[0]);
      default: {
        static const Op ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
        return b.cmp(ops[pick(6)], fn, b.num(pick(6)));
      }
    }
  }
  Reg cond(int depth) { return random_cond(*this, depth); }
};

}  // namespace

TEST_CASE("random classifications over a set agree with enumeration of every subset") {
  const std::vector<Lead> leads = all_set_leads();
  int overlaps = 0, gaps = 0, contradictions = 0;
  for (unsigned seed = 1; seed <= 150; ++seed) {
    ProgramBuilder b;
    b.input("lead_id", FieldKind::Text, false);
    const int eid = b.add_enum("kind", {"x", "y", "z"});
    SetGen g{std::mt19937(seed), b, {}, ir::kNoReg};
    for (int k = 0; k < 3; ++k) {
      g.member[k] = b.input("s", FieldKind::Set, true, eid);
      b.p.inputs.back().set_member = k;
    }
    g.fn = b.input("n", FieldKind::Int, true);
    const bool unique = g.pick(2) == 0;
    const int nlabels = 2 + g.pick(3);
    std::vector<std::pair<std::string, Reg>> labels;
    for (int k = 0; k < nlabels; ++k) labels.push_back({std::string(1, static_cast<char>('A' + k)), g.cond(3)});
    b.classify("c", unique, labels);
    CAPTURE(seed);
    bool has_gap = false;
    std::set<Finding> expected = check_against(b, leads, parse_set_witness, false, unique, has_gap);
    gaps += has_gap;
    for (auto& f : expected) {
      overlaps += f.first == DiagCode::E0401;
      contradictions += f.first == DiagCode::E0404;
    }
  }
  CHECK(overlaps > 10);
  CHECK(gaps > 10);
  CHECK(contradictions > 3);
}
