// Why a lead got its values, as data: per field its value, per term its value, per
// score rule what it added and why, per classification each label's three-valued
// result and the label chosen, with the inputs that were missing where a result is
// unknown. `leadc explain`, `run --explain` and `test` render it
// (tools/leadc/explain_text.h); nothing here knows about layout.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

enum class Truth : uint8_t { False, True, Unknown };
const char* truth_name(Truth t);  // "false", "true", "unknown"

// A value as a person reads it: its output text with its unit (`25 days`,
// `250000 USD`, `A`), text values quoted (`"5112"`); `known` false when missing.
struct Shown {
  bool known = false;
  std::string text;
};

struct FieldResult {
  size_t input;
  Shown value;
};

struct TermResult {
  size_t term;
  Shown value;
  std::vector<std::string> missing;  // the missing inputs that make it unknown (sorted)
};

struct RuleResult {
  double added = 0;                  // the rule's contribution
  bool has_condition = false;        // a `when` rule
  Truth condition = Truth::True;
  bool has_per = false;              // a `per` rule
  Shown per_value;
  bool capped = false;               // `max M` cut the contribution
  std::vector<std::string> missing;  // why the condition or value is unknown
};

struct ScoreResult {
  size_t score;
  Shown value;
  double sum = 0, final = 0;         // before and after clamping
  int clamped = 0;                   // Explainer::clamped: -1 below the range, 1 above, 0 not
  std::vector<RuleResult> rules;
};

struct LabelResult {
  bool otherwise = false;
  Truth truth = Truth::True;
  std::vector<std::string> missing;
};

struct ClassificationResult {
  size_t classification;
  bool known = false;                // some label was chosen
  std::string result;                // the chosen label's name
  int chosen = -1;                   // index of the chosen label, -1 when none
  std::vector<LabelResult> labels;
};

struct Explanation {
  std::vector<FieldResult> fields;   // the inputs that something declared reads, key excluded
  std::vector<TermResult> terms;
  std::vector<ScoreResult> scores;
  std::vector<ClassificationResult> classifications;
};

// A value with its unit, as explain and test messages show it (see Shown).
Shown shown(const ir::Program& p, const ir::Output& how, const std::string& unit, const Column& col, size_t row,
            bool quote_text);

class Explainer {
 public:
  // `program` must outlive the Explainer.
  explicit Explainer(const ir::Program& program);

  // For row `row` of `regs`, which must hold every required register.
  Explanation explain(const Registers& regs, size_t row) const;
  // The label of classification `k` chosen for the row, or -1 (labels may share a
  // name: the first one named by the result whose condition holds).
  int chosen_label(size_t k, const Registers& regs, size_t row) const;
  // What rule `j` of score `s` added for the row: 0 when it did not fire (condition
  // false or unknown, `per` value 0 or missing). `run --reasons` and `report` read this
  // instead of the whole explain(), which is per-row work they do not need.
  double rule_added(size_t s, size_t j, const Registers& regs, size_t row) const;
  // Whether score `s`'s rule sum fell outside its declared range for the row and was
  // clamped: -1 below the range, 1 above it, 0 not clamped (inside, or no range). The
  // report's clamped share, `run --reasons` and `leadc explain` all read this.
  int clamped(size_t s, const Registers& regs, size_t row) const;
  // The sum of score `s`'s rules for the row, before clamping.
  double rule_sum(size_t s, const Registers& regs, size_t row) const;
  // Rule `j` of score `s` for the row: what it added, and why (explain() per rule).
  RuleResult rule(size_t s, size_t j, const Registers& regs, size_t row) const;
  // The counted value of a `per` rule (`2`, `90 seconds`).
  Shown rule_per_value(size_t s, size_t j, const Registers& regs, size_t row) const;
  // A field's value in its units (`30 days`, `"5112"`), `known` false when missing.
  Shown field_value(size_t input, const Registers& regs, size_t row) const;
  // An input cell of a batch as the output would write it (for key lookups).
  std::string input_text(size_t input, const Batch& batch, size_t row) const;

 private:
  Shown value_of(ir::Reg reg, const Registers& regs, size_t row) const;
  Truth truth_of(ir::Reg reg, const Registers& regs, size_t row) const;
  std::vector<std::string> missing_inputs(ir::Reg reg, const Registers& regs, size_t row) const;

  const ir::Program& p_;
  std::vector<ir::Reg> field_reg_;    // per input: its Field register
  std::vector<ir::NamedValue> input_display_;  // per input: how its value prints (fields and aggregates)
  std::vector<size_t> used_inputs_;
  std::vector<const ir::NamedValue*> display_;  // per register: the declared name that shows it, or null
};

}  // namespace leadc::rt
