// What `leadc report` shows, counted while `run_leads` streams the leads (a RunObserver:
// partial aggregates per chunk, merged in file order), so memory stays flat with the
// file and every count comes from the same evaluation `leadc run` does. The label
// counts themselves are RunStats::label_counts; this adds score histograms, how often
// each score rule fired, the fit × interest grid and, with `--vs`, label transitions
// against an older definition. Layout is elsewhere (runtime/report_write.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/evaluator.h"
#include "runtime/explain.h"
#include "runtime/label_transitions.h"
#include "runtime/lead_source.h"
#include "runtime/run.h"

namespace leadc::rt {

// The two classifications a definition's heat map crosses when `--grid` names none:
// the first classification (in declaration order) whose label conditions read two or
// more other classifications; the first two it reads, in declaration order (ReadyTalk's
// `route` reads `fit` and `interest`: the grid is fit × interest). {-1, -1}: none.
std::pair<int, int> inferred_grid(const ir::Program& p);

// Classification `k`'s members in funnel order (widest stage first) when every label
// is a funnel stage name (case-insensitive): suspect, inquiry, lead, prospect, MQL,
// SAL, SQL, opportunity, customer; at least two of them. Empty: not a funnel.
std::vector<int32_t> funnel_stages(const ir::Program& p, size_t k);

// Values of one score over the leads. Exact counts per distinct value while there are
// at most kMaxValues of them; past that, values are pooled into buckets of a width that
// grows until they fit again (memory stays bounded whatever the score's range): for a
// whole-number score the widths are 10, 100, 1000, …, so a bucket never straddles a
// whole-number bin edge (every bin width of histogram() is a multiple of the bucket's).
struct ScoreValues {
  static constexpr size_t kMaxValues = 4096;
  bool whole = false;                          // every value is a whole number (ir::value_ranges)
  uint64_t known = 0, missing = 0;
  uint64_t clamped_low = 0, clamped_high = 0;  // the sum was below lo / above hi
  double sum = 0, min = 0, max = 0;
  double bucket = 0;                           // 0: exact values
  std::map<double, uint64_t> values;           // value (bucket start) -> leads

  void add(double v);
  void merge(const ScoreValues& later);

  struct Bin {
    double lo, hi;   // whole: the values lo..hi, both included; else [lo, hi), the last bin [lo, hi]
    uint64_t count;
  };
  struct Histogram {
    bool whole = false;  // whole-number bins: `width` values each, edges at multiples of it
    double width = 0;
    std::vector<Bin> bins;
  };
  // The bins over lo..hi (the declared range, else the values seen). A whole-number
  // score: the first width of 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, … that makes at
  // most kMaxWholeBins bins, edges at multiples of the width (0..50: 0–4, 5–9, …, 45–49,
  // 50); any other score: kBins equal bins.
  static constexpr size_t kMaxWholeBins = 25, kBins = 20;
  Histogram histogram(const ir::Score& s) const;

 private:
  void coarsen();
};

struct ReportStats {
  std::vector<ScoreValues> scores;                   // per Program::scores
  std::vector<std::vector<uint64_t>> rule_fired;     // per score, per rule: leads it added points for
  int grid_a = -1, grid_b = -1;                      // classifications of the heat map, -1: none
  std::vector<std::vector<uint64_t>> grid;           // [label of a or missing][label of b or missing]
  // --vs: label transitions per classification both define, and what only one defines.
  bool compared = false;
  uint64_t compared_rows = 0;                        // rows both definitions read
  // Rows only one definition reads: the old one rejects them (a cell invalid for one of
  // its fields), or the new one does (with --on-error skip; rejected rows of the run).
  uint64_t only_old_rows = 0, only_new_rows = 0;
  uint64_t neither_rows = 0;                         // rows both definitions reject (`by neither`)
  std::vector<LabelTransitions> transitions;
  std::vector<std::string> only_old, only_new;
  struct ScoreShift {
    std::string name;
    size_t old_index = 0, new_index = 0;
    double old_sum = 0, new_sum = 0;
    uint64_t old_known = 0, new_known = 0, changed = 0;
  };
  std::vector<ScoreShift> score_shifts;              // per score both define
};

// The older definition of `report --vs`: evaluated on the same chunks as the new one.
struct OldDefinition {
  const ir::Program* program = nullptr;
  const Evaluator* eval = nullptr;
  const LeadSource* source = nullptr;  // the lead file opened for the old program
  const Explainer* explainer = nullptr;
  size_t examples = 3;                 // example keys per changed cell
};

class ReportAggregator : public RunObserver {
 public:
  // `program` and `explainer` (and `old`'s members) must outlive the aggregator; `eval`
  // must fill every register (the interpreter). grid_a/grid_b: -1 for none.
  ReportAggregator(const ir::Program& program, const Explainer& explainer, int grid_a, int grid_b,
                   const OldDefinition* old = nullptr);

  std::unique_ptr<Partial> observe(const Batch& batch, const Registers& regs, Chunk* raw) const override;
  void merge(Partial& part) override;
  bool wants_raw_chunk() const override { return old_ != nullptr; }

  const ReportStats& stats() const { return total_; }

 private:
  ReportStats empty() const;

  const ir::Program& p_;
  const Explainer& explainer_;
  const OldDefinition* old_;
  std::vector<uint8_t> whole_;  // per score: its values are whole numbers
  ReportStats total_;
};

}  // namespace leadc::rt
