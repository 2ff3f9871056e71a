// Explanations in words: the full report of `leadc explain` (field values, terms,
// score rules, each classification's labels in order) and the one-line form of
// `leadc run --explain`. What is true and why comes from rt::Explainer
// (runtime/explain.h); this file only lays it out, in source order.
#pragma once

#include <string>
#include <vector>

#include "compiler/driver.h"
#include "runtime/batch.h"
#include "runtime/explain.h"
#include "runtime/output_format.h"

namespace leadc::cli {

class ExplainText {
 public:
  // `c` must outlive this (spans point into its files).
  explicit ExplainText(const Compilation& c);

  // The multi-line report for row `row` of `regs` (every register filled).
  std::string full(const rt::Registers& regs, size_t row) const;
  // `fit=A: role == economic_buyer and …; interest=1: soon and hand_raiser`
  void compact(const rt::Registers& regs, size_t row, std::string& out) const;

  // The `reasons` cell of `leadc run --reasons`, as items: per classification (source
  // order) `fit=A: role == economic_buyer and …`, then per score
  // `engagement=35: +25 lead_source == referral, +10 (2 × 5) per webinar_attended`
  // (the rules that added points, in order). Joined by `; ` the items are at most
  // kReasonsLimit characters: where they would be longer they are cut and end in
  // kReasonsCut (a CRM text field of 255 characters takes the whole cell).
  void reasons(const rt::Registers& regs, size_t row, rt::ItemList& items) const;
  static constexpr size_t kReasonsLimit = 255;
  static constexpr const char* kReasonsCut = "… [truncated]";

  const rt::Explainer& explainer() const { return explainer_; }

 private:
  const Compilation& c_;
  const ir::Program& p_;
  rt::Explainer explainer_;
  std::vector<size_t> terms_, scores_, classes_;   // indices in source order
  std::vector<std::vector<std::string>> compact_;  // per classification, per label: `fit=A: cond`
  std::vector<std::vector<std::string>> rule_text_;  // per score, per rule: `lead_source == referral`, `per x max 15`
};

}  // namespace leadc::cli
