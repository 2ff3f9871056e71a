// The ambiguity analysis (LANGUAGE.md section 5): proves with Z3 that unique
// classifications have no overlaps and no gaps, that first-match labels are
// reachable, that conditions are neither contradictions nor tautologies and that
// scores stay in range. Findings, with witnesses, are appended to a Diagnostics list.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/ir/ir.h"

namespace leadc {

// A finding's witness as the lead its printed `given { … }` block reads back as:
// one value per input it sets (inputs it leaves out are missing; an aggregate over
// activities gets the value the witness shows as a comment), and the as-of time the
// finding was found at.
struct WitnessLead {
  std::vector<ir::Example::Given> given;
  double as_of = 0;
  // The lead's events (`events { … }`, over Program::activity->events inputs); empty:
  // none, or aggregates given as values in `given`.
  std::vector<std::vector<ir::Example::Given>> events;
};

// What the witness lead must do for the finding to hold, register by register.
struct WitnessClaim {
  enum class Kind : uint8_t { True, NotTrue, Above, Below };
  ir::Reg reg;
  Kind kind;
  double bound = 0;  // Above / Below: the Num register's value is > / < bound
};

// Evaluates the witness lead with an engine (the analysis cannot: it knows no engine)
// and says whether every claim holds. Supplied by whoever runs the analysis
// (rt::witness_confirmation() for the interpreter); empty: witnesses are not confirmed.
using ConfirmWitness =
    std::function<bool(const ir::Program&, const WitnessLead&, const std::vector<WitnessClaim>&)>;

struct AnalyzeOptions {
  unsigned timeout_ms = 2000;  // per solver query; an undecided query becomes W0406
  // The whole analysis, building formulas included; 0: the larger of 30 s and 10 x
  // timeout_ms. What is not decided when it runs out is a W0406 that names it.
  unsigned total_ms = 0;
  // A finding whose witness this rejects is reported as W0406, never as an error.
  ConfirmWitness confirm;
  // Run the solver in a child process (compiler/analysis/contain.h), so that a crash
  // inside it (a signal) is a W0406 for the part it happened in, not the end of
  // leadc. For single-threaded callers (the command line): fork() copies one thread.
  bool contain = false;
};

// A lead for which classification `classification` (an index of Program::classifications)
// chooses its label `label` (an index of its labels), for `leadc test --suggest`: the
// solver's lead, printed as a witness is (`given { … }`, with ` as_of …` when the
// result depends on it), made of readable values, and confirmed by `opts.confirm` when
// that is set. Impossible: no lead gets the label (E0403/E0404 say why); Undecided: the
// solver ran out of its budget or the lead did not reproduce.
struct LabelLead {
  enum class Status : uint8_t { Found, Impossible, Undecided };
  Status status = Status::Undecided;
  std::string given;  // Found: the `given { … }` block
  WitnessLead lead;   // Found: the lead it reads back as (aggregates included)
};
LabelLead lead_for_label(const ir::Program& program, size_t classification, size_t label, const AnalyzeOptions& opts);

// Appends findings E0401 E0402 E0403 E0404 W0405 W0406 W0502 to `diags`.
void analyze(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags);

}  // namespace leadc
