// `leadc test --coverage`: which parts of a definition the examples (and cases)
// exercise. Each goal is one outcome the examples should show at least once:
//   - every label of a classification is the result of some example, and the
//     condition of each `when` label is false in some example;
//   - every `when` score rule has its condition true in one example and false in
//     another; every `per` rule adds points in some example;
//   - every condition term (a bool term) is true in one example and false in another.
// A missing value (unknown) is neither true nor false. Recorded from the registers
// of evaluated examples (runtime/examples.h), so it measures what the engines compute.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

struct CoverageGoal {
  enum class Kind { Label, Rule, Term };
  Kind kind;
  std::string name;    // the label, the rule's source text or the term's name
  std::string of;      // the classification or score it belongs to ("" for a term)
  bool want = true;    // true: something must make it true (a label: be the result); false: false
  Span span;           // the label, the rule or the term's expression
  bool reached = false;
};
const char* coverage_kind_name(CoverageGoal::Kind kind);  // "label", "score rule", "term"

class Coverage {
 public:
  explicit Coverage(const ir::Program& program);

  // Records the outcomes of row `row` of an evaluated batch.
  void record(const Registers& regs, size_t row);

  const std::vector<CoverageGoal>& goals() const { return goals_; }
  size_t reached() const;
  // reached / goals in percent; 100 for a definition without goals.
  double percent() const;

 private:
  struct Probe {
    enum class Test { BoolIs, MemberIs, NonZero } test;
    ir::Reg reg;
    bool value = true;     // BoolIs
    int32_t member = 0;    // MemberIs
  };
  std::vector<CoverageGoal> goals_;
  std::vector<Probe> probes_;  // parallel to goals_
};

}  // namespace leadc::rt
