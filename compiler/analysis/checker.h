// The state shared by the analysis passes: one Z3 context, the encoded program,
// the options and the findings. analyze.cpp checks terms, rules and scores;
// classify.cpp checks classifications.
#pragma once

#include <z3++.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/analysis/encoder.h"
#include "compiler/analysis/int_intervals.h"
#include "compiler/analysis/region.h"
#include "compiler/analysis/witness.h"

namespace leadc::analysis {

// Solver budgets are Z3 resource limits (`rlimit`), so that the same file gives the
// same findings on every run and machine: a query gets kRlimitPerMs units per
// millisecond of --solver-timeout (about half of what a millisecond buys on the
// 2026 build machine, so the limit, not the clock, ends a query). The wall clock,
// kWallClockFactor x --solver-timeout + kWallClockSlackMs, is only the outer safety
// net: Z3 4.8's incremental nonlinear arithmetic does not count resources, so such a
// query can still end on the clock (a W0406 either way, never an error).
constexpr uint64_t kRlimitPerMs = 500;
constexpr unsigned kWallClockFactor = 2;
constexpr unsigned kWallClockSlackMs = 200;

// The time limit of the whole analysis. A watchdog thread interrupts the context's
// solvers when it passes (Z3_interrupt: every later check on the context answers
// `unknown` at once, and formula simplification stops), so that a hang inside Z3 or
// a formula too large to build in time ends as a W0406, never as a hang.
// The time limit of the whole analysis in ms (AnalyzeOptions::total_ms or its default).
unsigned analysis_ms(const AnalyzeOptions& opts);

class Deadline {
 public:
  Deadline(z3::context& ctx, unsigned ms);
  ~Deadline();
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  bool passed() const { return passed_.load(std::memory_order_relaxed); }
  unsigned ms() const { return ms_; }

 private:
  unsigned ms_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::atomic<bool> passed_{false};
  std::thread watchdog_;
};

// The analysis in parts, in the order in which it runs them: the conditions, each
// score's range, each classification; `what` names the part in a W0406. A crash of
// the solver costs only the part it happened in (contain.cpp).
struct AnalysisPart {
  enum class Kind : uint8_t { Conditions, Score, Classification };
  Kind kind;
  size_t index;  // into Program::scores / classifications
  Span span;
  std::string what;
};
std::vector<AnalysisPart> analysis_parts(const ir::Program& program);

// Whether and how Checker::run runs a part: Run (its findings kept), Replay (run for
// the state later parts read, its findings already known), Skip.
enum class PartMode : uint8_t { Run, Replay, Skip };
struct PartHooks {
  std::function<PartMode(size_t part)> mode;
  std::function<void(size_t part)> begin, end;  // around each part that runs
};

class Checker {
 public:
  Checker(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags);
  // Every part (analysis_parts), or as `hooks` say.
  void run(const PartHooks* hooks = nullptr);
  // reach.cpp: lead_for_label (analyze.h).
  LabelLead lead_for_label(size_t classification, size_t label);

 private:
  // witness_events.cpp: the witness of `goal` with events that give its aggregates
  // (event_witness.h): the `given { … } events { … }` text (with ` as_of …` when one
  // of `roots` depends on it) and the lead it reads back as, confirmed against
  // `claims`; nullopt when none of `relevant` is an aggregate, no set of events within
  // the bounds gives them, or the lead does not reproduce. `model`: the lead with
  // aggregate values, which says how many events to allow. `shown`, when given, is
  // set to the model of the witness returned.
  std::optional<Witness> events_witness(z3::solver& s, const z3::expr& goal, const std::vector<uint32_t>& relevant,
                                        const z3::model& model, const std::vector<ir::Reg>& roots,
                                        const std::vector<WitnessClaim>& claims, z3::model* shown = nullptr);

 private:
  // analyze.cpp
  void check_score_range(const ir::Score& score);

  // conditions.cpp: E0404 / W0405 for every condition (terms, score rules, labels) on
  // one solver that holds each condition's definition once (conds_), asked with
  // assumptions; a question a recent model already answers is not asked.
  void check_conditions();
  // Reports E0404 / W0405 for `cond`. Returns whether it can never be true.
  bool check_condition(ir::Reg cond, Span span, const std::string& what);
  // Whether some recent model of conds_ makes `lit` true.
  bool seen_in_model(const z3::expr& lit) const;
  void remember(const z3::model& m);
  // Asks conds_ about the large conditions ahead, in the order in which one model
  // answers the most questions, and keeps the answers.
  void harvest(const std::vector<ir::Reg>& large);
  // The Bool that names "condition `r` is true" on conds_ (defined when first asked).
  const z3::expr& named(ir::Reg r);

  // classify.cpp
  void check_classification(const ir::Classification& cls);
  // A yes/no solver of the labels' definitions, and earlier[i] naming "a label
  // before i is true" (none before the first label that can be true).
  z3::solver label_solver(const ir::Classification& cls, const std::vector<z3::expr>& holds,
                          const std::vector<bool>& never, std::vector<std::optional<z3::expr>>& earlier);
  void find_overlaps(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                     const std::vector<bool>& never);
  void report_overlap(z3::solver& s, const ir::Classification& cls, size_t i, size_t j,
                      const std::vector<z3::expr>& holds);
  void find_unreachable(z3::solver& s, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                        const std::vector<bool>& never);
  void find_gaps(z3::solver& solver, const ir::Classification& cls, const std::vector<z3::expr>& holds,
                 const std::vector<ir::Reg>& conds, const std::vector<uint32_t>& deps);

  // Shared helpers
  // A check of `s` under a lead that fixes every one of `inputs` (`known`: each at its
  // simple value; else each optional one missing), without a query's budget (the
  // deadline still ends it): with the inputs fixed it is propagation, not search, and
  // it builds the solver's internal form of everything asserted, which for a large
  // definition costs more than one question's budget. `restore` are the solver's own
  // parameters, set again after. Its model, if the lead is one.
  std::optional<z3::model> prime(z3::solver& s, const std::vector<uint32_t>& inputs, bool known,
                                 const z3::params& restore);
  // prime() when the encoding shares registers (a large definition), else nothing.
  void prime_large(z3::solver& s, const std::vector<uint32_t>& inputs, const z3::params& restore);
  // A solver holding the domains of the inputs `formula` uses.
  z3::solver make_solver(const z3::expr& formula);
  z3::check_result ask(z3::solver& solver, const z3::expr& query);
  // Parameters of solvers that only answer yes or no (no witness comes from them):
  // bound propagation, which costs as much as there are bounds on a variable per
  // step, is off. (A copy of params_ would share and change it.)
  z3::params decision_params();
  // The budget of one query: a resource limit, and a wall-clock safety net.
  void set_budget(z3::params& p) const;
  void undecided(Span span, const std::string& what, z3::solver& solver);
  // `reason`: Z3's reason_unknown() of a query run under its budget: "could not decide
  // within N ms whether …", a reason other than the budget as a note.
  void undecided(Span span, const std::string& what, const std::string& reason);
  // Undecided for a reason of the analysis itself (`why`, a note), not a limit.
  void undecided_because(Span span, const std::string& what, const std::string& why);
  // After the deadline: one W0406 at `span` for the questions `whats` (not yet
  // asked), naming the first few of them.
  void out_of_time(Span span, const std::string& part, const std::vector<std::string>& whats);
  // A finding about leads whose witness rests on aggregates whose relations could not
  // all be decided: reported as undecided (W0406), never as an error. Returns true then.
  bool doubtful(Span span, const std::string& what, const std::vector<uint32_t>& relevant);
  // The witness of `model`: the `given` block, and the as-of time it needs when one of
  // `roots` depends on it (`given { … } as_of 2026-11-22T00:00:00Z`); the lead it
  // reads back as is evaluated at that as-of.
  Witness witness_of(const z3::model& model, const std::vector<uint32_t>& relevant, const std::vector<ir::Reg>& roots);
  // The witness model for a finding: a model of `region` (which implies the finding
  // and constrains only `relevant` inputs), preferring readable values: as many
  // inputs as can be get a whole number, the others a short decimal where they can.
  z3::model witness(z3::solver& solver, const z3::expr& region, const std::vector<uint32_t>& relevant,
                    const z3::model& fallback);
  // Prints the witness of `model` and has it confirmed (AnalyzeOptions::confirm):
  // `claims` are what the finding says of that lead. A lead whose aggregates matter is
  // given as events (events_witness, asked on `s` for `goal`, the formula `model`
  // satisfies), else with the aggregates' values as comments. A finding whose witness
  // does not reproduce is reported as W0406 at `span` ("could not confirm whether
  // `what`"), and null is returned; otherwise the finding is reported with `code` and
  // `message`, the witness attached. `shown`, when given, is set to the model of the
  // witness printed (`model` or the one with events).
  Diagnostic* report_witnessed(DiagCode code, Span span, const std::string& message, const std::string& what,
                               z3::solver& s, const z3::expr& goal, const z3::model& model,
                               const std::vector<uint32_t>& relevant, const std::vector<WitnessClaim>& claims,
                               const std::vector<ir::Reg>& roots, z3::model* shown = nullptr);
  // Generalises `model` over the atoms of `roots` for `goal`; returns the region's
  // literals and sets `relevant` to the inputs they depend on.
  std::vector<Literal> region_of(z3::solver& solver, const z3::model& model, const std::vector<ir::Reg>& roots,
                                 const z3::expr& goal, std::vector<uint32_t>& relevant);
  // Whether `r` is, through and (resp. or), a condition already reported as a
  // contradiction (resp. tautology), so that it is not reported twice. The walk
  // visits each register once (terms share subterms: a DAG, not a tree).
  bool follows_from(ir::Reg r, const std::unordered_set<ir::Reg>& reported, ir::Op through) const;

  const ir::Program& program_;
  AnalyzeOptions opts_;
  Diagnostics& diags_;
  z3::context ctx_;
  Deadline deadline_;  // before enc_: building the encoding is inside the limit
  z3::expr as_of_;  // the run's as-of time: free in every query
  Encoder enc_;
  z3::params params_;
  std::unordered_set<ir::Reg> contradictions_, tautologies_;
  // The condition solver (conditions.cpp) and what it has answered.
  std::optional<z3::solver> conds_, scratch_;
  std::vector<uint64_t> tree_size_;
  struct Answer {
    z3::check_result result;
    std::string reason;  // of an unknown
  };
  std::unordered_map<ir::Reg, Answer> can_hold_, can_fail_;
  std::unordered_map<ir::Reg, z3::expr> names_;
  std::deque<z3::model> recent_;
  std::unordered_map<ir::Reg, bool> never_true_;  // label conditions: can never be true
  // Conditions on one `int` field as exact sets of values (int_intervals.h): answers
  // that need no finding come from them, without a solver question.
  IntShapes shapes_;
};

}  // namespace leadc::analysis
