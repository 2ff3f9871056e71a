// libFuzzer target for the ambiguity analysis: the fuzz bytes choose a small
// definition (fields of every kind, terms built on atoms and on each other, unique
// and first-match classifications, a score with a range, an activity block with
// aggregates), written as source text and compiled; the analysis must end, within
// its whole-analysis limit, with findings and never a crash, a hang or a sanitizer
// report, and every witness it prints is confirmed by the interpreter (a witness
// that does not reproduce is a W0406, never an error).
//
//   cmake --build build-fuzz --target fuzz_analysis
//   ./build-fuzz/tools/fuzz/fuzz_analysis -max_total_time=30 build-fuzz/corpus-fuzz_analysis
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/driver.h"
#include "runtime/witness_confirmation.h"

namespace {

// Reads choices from the fuzz bytes; zeros once they run out.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  unsigned next(unsigned n) { return n == 0 ? 0 : (pos_ < size_ ? data_[pos_++] : 0) % n; }
  bool left() const { return pos_ < size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

struct Field {
  const char* name;
  const char* decl;
  std::vector<std::string> atoms;  // conditions on it alone
};

const std::vector<Field>& fields() {
  static const std::vector<Field> f = {
      {"n", "int?", {"n >= 10", "n < 5", "n == 7", "n in 0..20", "n > 100", "n is known", "n != 3"}},
      {"x", "number?", {"x > 0.5", "x <= 0.1 + 0.2", "x < -1", "x == 0", "x is known"}},
      {"amount", "money(USD)?", {"amount >= 1000 USD", "amount < 0.01 USD", "amount > 99.99 USD"}},
      {"wait", "duration? in days", {"wait > 3 days", "wait <= 12 hours", "wait >= 1 weeks"}},
      {"flag", "bool?", {"flag", "not flag", "flag is known"}},
      {"kind", "kind?", {"kind == a", "kind in [a, b]", "kind != c", "kind is known"}},
      {"company", "text?", {"company == \"Acme\"", "company starts_with \"Ac\"", "company ends_with \"me\"",
                            "company contains \"cm\"", "company is known"}},
      {"mail", "email?", {"mail ends_with \"@x.com\"", "mail starts_with \"a\"", "mail contains \"@\""}},
      {"tel", "phone?", {"tel starts_with \"+1\"", "tel contains \"555\""}},
      {"since", "date?", {"since < 2026-01-01", "days_since(since) > 30", "since is known"}},
      {"events", "", {"count(activity) >= 2", "any(activity where act == visit)",
                      "none(activity where act == call within 30 days)", "count(activity where act == call) < 1"}},
  };
  return f;
}

std::string definition(Bytes& in) {
  std::string s = "definition \"Fuzz\" version \"1.0\"\ntype kind = enum { a, b, c }\nlead {\n  lead_id: text key\n";
  for (const Field& f : fields()) {
    if (*f.decl) s += std::string("  ") + f.name + ": " + f.decl + "\n";
  }
  s += "}\nactivity {\n  lead_id: text key\n  act: enum { visit, call }\n  at: timestamp\n}\n";
  std::vector<std::string> conds;
  auto atom = [&] {
    const Field& f = fields()[in.next(static_cast<unsigned>(fields().size()))];
    return f.atoms[in.next(static_cast<unsigned>(f.atoms.size()))];
  };
  auto cond = [&](int depth, auto& self) -> std::string {
    unsigned k = depth > 2 ? 0 : in.next(6);
    if (k == 1 && !conds.empty()) return conds[in.next(static_cast<unsigned>(conds.size()))];
    if (k == 2) return "(" + self(depth + 1, self) + " and " + self(depth + 1, self) + ")";
    if (k == 3) return "(" + self(depth + 1, self) + " or " + self(depth + 1, self) + ")";
    if (k == 4) return "not (" + self(depth + 1, self) + ")";
    return atom();
  };
  const unsigned terms = in.next(6);
  for (unsigned t = 0; t < terms; ++t) {
    s += "term t" + std::to_string(t) + " = " + cond(0, cond) + "\n";
    conds.push_back("t" + std::to_string(t));
  }
  if (in.next(2)) {
    s += "score s (0..10) {\n";
    for (unsigned r = 0, n = 1 + in.next(3); r < n; ++r) s += "  +" + std::to_string(1 + in.next(9)) + " when " + cond(1, cond) + "\n";
    s += "}\n";
  }
  for (unsigned c = 0, n = 1 + in.next(2); c < n; ++c) {
    s += "classify c" + std::to_string(c) + (in.next(2) ? " (unique)" : " (first match)") + " {\n";
    for (unsigned l = 0, m = 1 + in.next(5); l < m; ++l) s += "  L" + std::to_string(l) + " when " + cond(0, cond) + "\n";
    if (in.next(2)) s += "  Rest otherwise\n";
    s += "}\n";
  }
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  std::string text = definition(in);
  leadc::Diagnostics diags;
  auto c = leadc::compile_source("fuzz.lead", text, diags);
  if (!c.program) return 0;  // a choice the language refuses (a type error): not the analysis' input
  leadc::AnalyzeOptions opts;
  opts.timeout_ms = 100;
  opts.total_ms = 3000;
  opts.confirm = leadc::rt::witness_confirmation();
  leadc::analyze(*c.program, opts, diags);
  return 0;
}
