// Witnesses: a solver model printed as a `given { … }` block that can be pasted
// into an `example` — values in the fields' declared units, enums by name, only
// the fields that matter plus simple values for required fields that do not.
#pragma once

#include <z3++.h>

#include <string>
#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

// A numeral as plain decimal text: `181`, `12.5`, `-3` (rounded when it does not terminate).
std::string decimal_text(const z3::expr& numeral);

// An as-of time (a model value, epoch seconds) as a timestamp literal.
std::string format_as_of(const z3::expr& seconds);

// One input's value (a model value of InputVars::raw) in the language's syntax.
std::string format_value(const ir::Program& program, size_t input, const z3::expr& raw);

// `relevant` (sorted) inputs take their value from `model` (`missing` when unknown);
// other required inputs print their fallback value, other optional ones are left out.
std::string format_witness(const Encoder& enc, const z3::model& model, const std::vector<uint32_t>& relevant);

// Soft preferences for readable witnesses: whole numbers in the declared unit and
// printable ASCII text.
z3::expr nice_values(const Encoder& enc, const std::vector<uint32_t>& relevant);

// Inputs not in `relevant` take their fallback (required) or are missing (optional).
z3::expr fallbacks_except(const Encoder& enc, const std::vector<uint32_t>& inputs,
                          const std::vector<uint32_t>& relevant);

// Calendar helpers (proleptic Gregorian, UTC).

}  // namespace leadc::analysis
