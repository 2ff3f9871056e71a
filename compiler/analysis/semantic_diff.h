// The semantic diff (LANGUAGE.md section 10): for every output name two versions of a
// definition share, whether some lead gets a different value, proved with Z3 over one
// encoding of both versions (merge_versions.h). A classification gets every possible
// transition `from -> to`, a score its largest rise and fall, a term or field whether
// it can differ; each change comes with the smallest witness lead the solver finds,
// and a change is only reported when that witness, run through both versions by an
// engine, reproduces it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/ir/ir.h"

namespace leadc {

// What a witness lead gets from one version: per asked register its value, or
// nullopt when the version cannot read the lead (a field it requires is missing).
// Supplied by the caller (rt::replay_witness(), the interpreter): compiler/ cannot
// run a program.
using ReplayWitness = std::function<std::optional<std::vector<ir::Constant>>(
    const ir::Program&, const WitnessLead&, const std::vector<ir::Reg>&)>;

struct DiffOptions {
  unsigned timeout_ms = 2000;  // per solver query; an undecided query is said, never dropped
  ReplayWitness replay;        // required: no witness is reported unreplayed
};

// The label a lead gets when the version has no label for it / cannot read it.
inline constexpr const char* kNoLabel = "missing";
inline constexpr const char* kRejected = "rejected";

struct DiffChange {
  // Classification: the labels (or kNoLabel / kRejected). Score: from is "rise" or
  // "fall", to is empty. Term or field: from and to are the printed values.
  std::string from, to;
  double points = 0;       // score: the largest rise or fall, in points (> 0)
  bool unbounded = false;  // score: no largest one (the witness shows `points` of it)
  // Score: `points` is only what a witness reproduces and the largest change is not
  // decided (OutputDiff::undecided is set; decision 94).
  bool largest_undecided = false;
  std::string witness;     // `given { … }`, with ` as_of …` when the outputs depend on it
  // The witness as the old version names its fields, when that text differs ("": the
  // same text; `witness` names the new version's fields).
  std::string old_witness;
  WitnessLead old_lead, new_lead;  // the witness as each version reads it (its inputs)
};

struct OutputDiff {
  std::string name;
  std::string kind;  // "classification", "score", "term" or "field"
  bool equivalent = false;  // proved: no lead gets a different value
  bool undecided = false;   // some question ran out of time (or its witness did not reproduce)
  std::vector<std::string> undecided_what;  // which ones: "Warm -> Hot", "rise"
  std::vector<DiffChange> changes;
  // Score: whether a rise / a fall was proved impossible.
  bool no_rise = false, no_fall = false;
};

struct SemanticDiff {
  std::string error;  // a field whose type changed: nothing is compared
  std::vector<OutputDiff> outputs;  // in the old version's order of names
  std::vector<std::string> only_old, only_new;  // output names one version has
};

SemanticDiff semantic_diff(const ir::Program& old_version, const ir::Program& new_version, const DiffOptions& opts);

}  // namespace leadc
