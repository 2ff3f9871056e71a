// Witnesses: a solver model printed as a `given { … }` block that can be pasted
// into an `example` — values in the fields' declared units, enums by name, only
// the fields that matter plus simple values for required fields that do not.
#pragma once

#include <z3++.h>

#include <string>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

// A numeral as plain decimal text that reads back as the same number: `181`, `12.5`,
// `-3` exactly; a value with no exact decimal of up to 20 places (1/3) as the nearest
// double's shortest form.
std::string decimal_text(const z3::expr& numeral);
// The exact decimal text of a numeral with at most `max_digits` decimals, or "".
std::string exact_decimal(const z3::expr& numeral, unsigned max_digits = 20);

// An as-of time (a model value, epoch seconds) as a timestamp literal.
std::string format_as_of(const z3::expr& seconds);

// One input's value (a model value of InputVars::raw) in the language's syntax, and
// the IR value that text reads back as (what an `example` with it gives).
std::string format_value(const ir::Program& program, size_t input, const z3::expr& raw, ir::Constant& read_back);

// A finding's witness: the `given { … }` text and the lead it reads back as.
struct Witness {
  std::string text;
  WitnessLead lead;
};

// The lead a witness reads back as, as text that is the same for two witnesses of the
// same lead: an input left out and one given as `missing` are the same.
std::string lead_identity(const WitnessLead& lead);

// `relevant` (sorted) inputs take their value from `model` (`missing` when unknown);
// other required inputs print their fallback value, other optional ones are left out.
// `names` (per input, optional) replaces the inputs' names in the text; an input
// named "" is left out of the text (not of the lead).
Witness make_witness(const Encoder& enc, const z3::model& model, const std::vector<uint32_t>& relevant, double as_of,
                     const std::vector<std::string>* names = nullptr);

// Soft preferences for readable witnesses, one per input and kind: whole numbers in
// the declared unit and printable ASCII text...
std::vector<z3::expr> nice_values(const Encoder& enc, const std::vector<uint32_t>& relevant);
// ...and, where a whole number is impossible, values with a short exact decimal form.
std::vector<z3::expr> short_values(const Encoder& enc, const std::vector<uint32_t>& relevant);

// Inputs not in `relevant` take their fallback (required) or are missing (optional).
z3::expr fallbacks_except(const Encoder& enc, const std::vector<uint32_t>& inputs,
                          const std::vector<uint32_t>& relevant);

}  // namespace leadc::analysis
