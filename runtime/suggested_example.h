// `leadc test --suggest`: the expectations of a suggested example. The lead comes from
// the analysis (lead_for_label, compiler/analysis/analyze.h); here it is run by the
// interpreter exactly as the pasted `given` block will be (aggregates from the example's
// events, so from none: the values a witness shows as comments are not given), and the
// current value of the classification and of every output is written as an `expect`.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::rt {

struct SuggestedExample {
  bool reaches = false;  // as pasted, the lead gets the label
  std::string got;       // what the classification gives it instead ("missing" for none)
  std::vector<std::string> problems;  // why the lead cannot be run as an example
  std::string expect;    // `NAME == VALUE, …`: the classification first, then the outputs
  bool timed = false;    // the expectations differ at another as-of: the example needs `as_of`
};

// `with_aggregates`: the lead's aggregate values are given too (what events that give
// them would make the outputs), instead of being those of a lead without events.
// `events`: the lead's events (`events { … }`), folded as `run --activities` folds them.
SuggestedExample suggest_expectations(const ir::Program& program, const std::vector<ir::Example::Given>& given,
                                      double as_of, size_t classification, size_t label, bool with_aggregates = false,
                                      const std::vector<std::vector<ir::Example::Given>>& events = {});

// A value of `named` in the language's syntax, as an `expect` or `given` writes it
// (`25 days`, `30 USD`, `"text"`, an enum member or label by name, `missing`).
std::string literal_text(const ir::Program& program, const ir::NamedValue& named, const ir::Constant& value);

}  // namespace leadc::rt
