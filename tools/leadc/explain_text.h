// Why a lead got its labels, in words: the full report of `leadc explain` (field values,
// terms, score rules, each classification's labels in order) and the one-line form
// of `leadc run --explain`. Both read the registers of an interpreter evaluation; the
// source text of every condition comes from the spans kept in ir::Program.
#pragma once

#include <string>
#include <vector>

#include "compiler/driver.h"
#include "runtime/batch.h"

namespace leadc::cli {

class Explainer {
 public:
  // `c` must outlive the Explainer (spans point into its files).
  explicit Explainer(const Compilation& c);

  // The multi-line report for row `row` of `regs` (every register filled).
  std::string full(const rt::Registers& regs, size_t row) const;
  // `fit=A: role == economic_buyer and …; interest=1: soon and hand_raiser`
  void compact(const rt::Registers& regs, size_t row, std::string& out) const;

  // A field's value in its units (`30 days`, `250000 USD`, `"5112"`, `missing`).
  std::string field_value(size_t input, const rt::Registers& regs, size_t row) const;
  // A field's value as plain text, as it would be written in the file (for key lookups).
  std::string field_plain(size_t input, const rt::Batch& batch, size_t row) const;

 private:
  std::string value_text(ir::Reg reg, const rt::Registers& regs, size_t row) const;
  std::string missing_inputs(ir::Reg reg, const rt::Registers& regs, size_t row) const;
  std::string truth(ir::Reg reg, const rt::Registers& regs, size_t row, bool why) const;

  const Compilation& c_;
  const ir::Program& p_;
  std::vector<ir::Reg> field_reg_;         // per input: its Field register
  std::vector<size_t> used_inputs_;        // inputs some term, score or classification reads
  std::vector<size_t> terms_, scores_, classes_;  // indices in source order
  std::vector<std::vector<std::string>> compact_;  // per classification, per label: `fit=A: cond`
};

// Source text of a span on one line: whitespace runs (and // comments) collapsed.
std::string span_text(const Span& span);

}  // namespace leadc::cli
