// Conditions evaluated on a solver model, fast. First-match reachability
// (classify.cpp) asks a small solver for a lead of label k alone and then needs to
// know which earlier labels that lead makes true: thousands of labels on each of
// thousands of leads, so Z3's model evaluation (a rewrite per call) is too slow for it.
// Here a comparison of a number, enum or bool field with a constant is read off the
// field's value in the model, exactly (a value that is not a whole number of at most
// 2^53 is left to the model), and/or/not follow the Kleene rules of the encoder;
// every other atom is evaluated by the model. The result is the encoder's
// is_true(cond) on the model, by construction of the same rules.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

class ConditionEvaluator {
 public:
  explicit ConditionEvaluator(const Encoder& enc);
  // Sets the model the next is_true() calls read.
  void load(const z3::model& model);
  // Whether condition `r` (a Bool register) is known and true in the loaded model.
  bool is_true(ir::Reg r);

 private:
  enum class Tri : uint8_t { False, True, Unknown };
  struct FieldValue {
    uint32_t stamp = 0;
    bool known = false;
    bool exact = false;  // `num` is the value exactly
    double num = 0;      // Num and Enum values; Bool: 0 or 1
  };
  Tri eval(ir::Reg r);
  Tri by_model(ir::Reg r);
  const FieldValue& field(uint32_t input, ir::Reg reg);

  const Encoder& enc_;
  const ir::Program& program_;
  std::optional<z3::model> model_;
  uint32_t stamp_ = 0;
  std::vector<uint32_t> memo_stamp_;
  std::vector<Tri> memo_;
  std::vector<FieldValue> fields_;  // by input
};

}  // namespace leadc::analysis
