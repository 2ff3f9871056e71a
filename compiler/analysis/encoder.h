// Z3 encoding of an ir::Program. Every register becomes a pair (known, value) that
// follows the three-valued rules of ir.h exactly; every input becomes solver
// constants plus a domain constraint (what any lead read from a file satisfies).
// Registers are encoded once, in order, so conditions see terms, scores and
// classifications through their definitions.
#pragma once

#include <z3++.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/analysis/text_domain.h"
#include "compiler/ir/ir.h"

namespace leadc::analysis {

struct InputVars {
  z3::expr known;    // Bool; the constant true for non-optional inputs
  z3::expr raw;      // the value as written in a lead file, in the declared unit
  z3::expr value;    // the IR value (Real for numbers, Int for enums)
  z3::expr domain;   // holds for every lead a file can hold
  z3::expr fallback; // a simple raw value used when the input does not matter
  z3::expr is_fallback;  // the input has that value (for an abstract text: its atoms' values on it)
};

// A constraint that holds for every lead and ties several inputs together (such as
// count(C1) <= count(C2) when C1 implies C2). It joins a domain once all of
// `inputs` (sorted) are in it.
struct Relation {
  std::vector<uint32_t> inputs;
  z3::expr holds;
};

// The as-of time a witness uses when the finding allows it (2026-11-22T00:00:00Z), and
// the value of date and timestamp fields that do not matter to a finding.
constexpr double kDefaultAsOf = 1795305600;
// Resource limit (Z3 `rlimit`) of each question about the events of aggregates.
constexpr uint64_t kRelateRlimit = 500000;
// Text literals longer than this many bytes are not given to Z3's sequence theory
// (Encoder::inexact). The finite text abstraction (text_domain.h) takes any length.
constexpr size_t kMaxSolverText = 4096;

class ActivityEncoding;

class Encoder {
 public:
  // `as_of` is the run's as-of time, a Real of `ctx` (a free constant: findings hold
  // for every as-of, or name the one they need). Inputs are named `prefix` + field.
  // `relate_rlimit` bounds each question about aggregate conditions
  // (aggregate_relations.h) asked while encoding.
  // `share`: a Bool or Num register whose expression (counted as a tree through the
  // registers it reads) grows past kShareAbove nodes is encoded as named constants
  // with a definition (known == …, value == …), which domain_for() brings in with the
  // formulas that use them. Without it a chain of terms, each built on the one before,
  // is a DAG that Z3's rewriter flattens into a formula quadratic in the chain's
  // length (5,000 terms: past 30 s and 700 MB); with it every term costs a constant.
  Encoder(z3::context& ctx, const ir::Program& program, const z3::expr& as_of, const std::string& prefix = "",
          uint64_t relate_rlimit = kRelateRlimit, bool share = false);
  ~Encoder();
  Encoder(const Encoder&) = delete;
  Encoder& operator=(const Encoder&) = delete;

  z3::context& ctx() const { return ctx_; }
  const ir::Program& program() const { return program_; }
  const z3::expr& known(ir::Reg r) const { return known_[r]; }
  const z3::expr& value(ir::Reg r) const { return value_[r]; }
  const z3::expr& is_true(ir::Reg r) const { return true_[r]; }  // known and true
  z3::expr is_false(ir::Reg r) const { return known_[r] && !value_[r]; }
  // Inputs register r depends on, transitively, sorted.
  const std::vector<uint32_t>& deps(ir::Reg r) const { return deps_[r]; }
  const InputVars& input(size_t i) const { return inputs_[i]; }
  const std::vector<Relation>& relations() const { return relations_; }
  const z3::expr& as_of() const { return as_of_; }
  // Whether register r's value depends on the as-of time.
  bool timed(ir::Reg r) const { return timed_[r]; }
  // Whether register r reads a text literal longer than kMaxSolverText that the
  // sequence theory would have to decide: such a literal is encoded as a free string
  // (Z3 cannot even take a 1 MB one in), so answers about r that are not "never" are
  // not certain.
  bool inexact(ir::Reg r) const { return inexact_[r]; }
  // Whether some of `inputs` is an aggregate whose relations to the others could not
  // all be decided (a finding that rests on it is not certain).
  bool approximate(const std::vector<uint32_t>& inputs) const;
  // Whether some register is shared (named with a definition; see `share`).
  bool shares() const { return !defs_.empty(); }
  // Whether some register multiplies two values that are not constants or divides by
  // one (here or in the events program): nonlinear arithmetic, which Z3 4.8's
  // default incremental arithmetic solver decides without counting resources.
  bool nonlinear() const { return nonlinear_; }
  // How text inputs are decided (text_domain.h).
  const TextDomain& text() const { return text_; }
  // Conjunction of the domain constraints of `inputs` (sorted) and of the relations
  // among them.
  z3::expr domain(const std::vector<uint32_t>& inputs) const;
  // The domains of the inputs whose values occur in `formula`, and the definitions of
  // the shared registers it reads (transitively). An input used only through its
  // known flag needs no domain, and string domains are costly to solve.
  z3::expr domain_for(const z3::expr& formula) const;

 private:
  void make_input(size_t i);
  void encode(ir::Reg r);

  z3::context& ctx_;
  const ir::Program& program_;
  z3::expr as_of_;
  std::string prefix_;
  std::unique_ptr<ActivityEncoding> activity_;  // the lead's events, when there is an activity block
  TextDomain text_;  // after prefix_: built from it
  std::vector<InputVars> inputs_;
  std::unordered_map<unsigned, uint32_t> input_of_var_;  // Z3 ast id of InputVars::raw -> input
  std::vector<Relation> relations_;
  std::vector<z3::expr> known_, value_, true_;
  std::vector<bool> timed_, inexact_;
  bool nonlinear_ = false;
  std::vector<std::vector<uint32_t>> deps_;
  bool share_;
  std::vector<uint64_t> tree_;  // expression size of each register, through unshared operands
  std::vector<z3::expr> defs_;  // definitions of shared registers, in register order
  std::unordered_map<unsigned, size_t> def_of_var_;  // Z3 ast id of a shared constant -> defs_ index
};

// Registers whose expression would be larger than this are shared (Encoder `share`).
constexpr uint64_t kShareAbove = 64;
// Solver parameters that make nonlinear queries end on their resource limit: Z3
// 4.8.12's default arithmetic solver (`arith.solver` 6) does not count resources in
// its nonlinear part when used incrementally, so such a query ended on the wall clock
// (not the same on every machine); the older simplex-based solver (2) counts them.
// Set on every solver of an encoding with nonlinear() arithmetic.
void set_nonlinear_params(z3::params& p, bool nonlinear);

// An exact Z3 real for a double (its shortest decimal form).
z3::expr real_of(z3::context& ctx, double d);
// Merges two sorted index lists.
std::vector<uint32_t> merge_sorted(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace leadc::analysis
