// Contradictory and tautological conditions (E0404, W0405) of terms, score rules and
// labels. All of them are asked on one solver that holds every condition's definition
// once, at its base level, named by a Bool; a question is a check under the
// assumption "this name is true" (or false). Nothing is re-encoded or re-internalised
// per question, and the SAT core keeps what it learnt. A model of that solver is a
// lead (it satisfies the domains of every input any condition reads), so a question
// that one of the last few models already answers is not asked: in a chain of terms
// built on each other, two models usually answer all of them.
#include <fmt/format.h>

#include <algorithm>

#include "compiler/analysis/checker.h"

namespace leadc::analysis {

namespace {

// How many models are kept to answer later questions. Looking one up is a constant-
// time evaluation of a named Bool, so the cost is this many lookups per question.
constexpr size_t kRecentModels = 8;
// A condition whose expression tree has at most this many nodes is asked on its own
// (a solver holding only it and its inputs' domains: constant work for the many
// small conditions of a long classification). A larger one is asked on the solver
// that holds every condition, whose models then answer the conditions built on it.
constexpr uint64_t kSmallCondition = 64;

}  // namespace

bool Checker::follows_from(ir::Reg r, const std::unordered_set<ir::Reg>& reported, ir::Op through) const {
  if (reported.empty()) return false;
  std::vector<ir::Reg> stack{r};
  std::unordered_set<ir::Reg> seen;
  while (!stack.empty()) {
    ir::Reg x = stack.back();
    stack.pop_back();
    if (!seen.insert(x).second) continue;
    if (reported.count(x)) return true;
    const ir::Instr& in = program_.code[x];
    if (in.op == through) {
      stack.push_back(in.a);
      stack.push_back(in.b);
    }
  }
  return false;
}

const z3::expr& Checker::named(ir::Reg r) {
  auto it = names_.find(r);
  if (it != names_.end()) return it->second;
  // Only reached for a condition not collected up front; define it now.
  z3::expr p(ctx_, Z3_mk_fresh_const(ctx_, "cond", ctx_.bool_sort()));
  conds_->add(enc_.domain_for(enc_.is_true(r)));
  conds_->add(p == enc_.is_true(r));
  return names_.emplace(r, p).first->second;
}

bool Checker::seen_in_model(const z3::expr& lit) const {
  return std::any_of(recent_.begin(), recent_.end(),
                     [&](const z3::model& m) { return m.eval(lit, false).is_true(); });
}

void Checker::remember(const z3::model& m) {
  recent_.push_front(m);
  if (recent_.size() > kRecentModels) recent_.pop_back();
}

void Checker::harvest(const std::vector<ir::Reg>& large) {
  if (large.empty()) return;
  // Each model answers, for every large condition, one of the two questions.
  auto learn = [&](const z3::model& m) {
    for (ir::Reg c : large) {
      z3::expr v = m.eval(names_.at(c), false);
      if (v.is_true()) can_hold_.emplace(c, Answer{z3::sat, ""});
      if (v.is_false()) can_fail_.emplace(c, Answer{z3::sat, ""});
    }
  };
  auto ask = [&](ir::Reg c, bool hold) {
    auto& answers = hold ? can_hold_ : can_fail_;
    if (answers.count(c) || deadline_.passed()) return;  // unasked: checked one by one, and named then
    z3::expr_vector as(ctx_);
    as.push_back(hold ? names_.at(c) : !names_.at(c));
    z3::check_result r = conds_->check(as);
    if (r == z3::sat) {
      learn(conds_->get_model());
    } else {
      answers.emplace(c, Answer{r, r == z3::unknown ? conds_->reason_unknown() : ""});
    }
  };
  // Two leads first, each fixing every input the conditions read (Checker::prime): all
  // known with their simple values, and all optional ones missing. Each model answers
  // one of the two questions of every large condition, and the first check, which
  // builds the solver's internal form of every definition, is not a question's budget.
  // (By search, Z3 does not find any lead for the last term of a 4,500-term chain
  // `t_i = t_{i-1} and (m >= i or n < i)` within one question's budget.)
  std::vector<uint32_t> inputs;
  for (ir::Reg c : large) inputs = merge_sorted(inputs, enc_.deps(c));
  for (bool known : {true, false}) {
    if (deadline_.passed()) return;
    if (std::optional<z3::model> m = prime(*conds_, inputs, known, decision_params())) learn(*m);
  }
  // A condition built on others usually implies them (`t2 = t1 and …`): a lead for
  // the last one is a lead for the ones before, so "can be true" goes backwards...
  for (auto it = large.rbegin(); it != large.rend(); ++it) ask(*it, true);
  // ...and a lead for which the first one is false often fails those after it.
  for (ir::Reg c : large) ask(c, false);
}

bool Checker::check_condition(ir::Reg cond, Span span, const std::string& what) {
  if (follows_from(cond, contradictions_, ir::Op::And)) return true;
  const z3::expr p = named(cond);
  const bool small = tree_size_[cond] <= kSmallCondition;
  std::string reason;
  auto ask_conds = [&](const z3::expr& lit) {
    if (seen_in_model(lit)) return z3::sat;
    if (small) {
      // On its own: `lit` names the condition only on conds_, so ask the formula.
      scratch_->push();
      scratch_->add(enc_.domain_for(enc_.is_true(cond)));
      scratch_->add(lit.is_not() ? !enc_.is_true(cond) : enc_.is_true(cond));
      z3::check_result r = scratch_->check();
      if (r == z3::unknown) reason = scratch_->reason_unknown();
      scratch_->pop();
      return r;
    }
    auto& answers = lit.is_not() ? can_fail_ : can_hold_;
    auto it = answers.find(cond);
    if (it != answers.end()) {
      reason = it->second.reason;
      return it->second.result;
    }
    z3::expr_vector as(ctx_);
    as.push_back(lit);
    z3::check_result r = conds_->check(as);
    if (r == z3::sat) remember(conds_->get_model());
    if (r == z3::unknown) reason = conds_->reason_unknown();
    return r;
  };
  z3::check_result can_hold = ask_conds(p);
  if (can_hold == z3::unknown) {
    undecided(span, "the condition of " + what + " can be true", reason);
    return false;
  }
  if (can_hold == z3::unsat) {
    contradictions_.insert(cond);
    diags_.report(DiagCode::E0404, span, fmt::format("condition of {} can never be true", what));
    return true;
  }
  if (follows_from(cond, tautologies_, ir::Op::Or)) return false;
  z3::check_result can_fail = ask_conds(!p);
  if (can_fail == z3::unknown) {
    undecided(span, "the condition of " + what + " is always true", reason);
  } else if (can_fail == z3::unsat) {
    tautologies_.insert(cond);
    diags_.report(DiagCode::W0405, span, fmt::format("condition of {} is always true", what));
  } else if (enc_.inexact(cond)) {
    // Both "can be true" and "can be false" rest on a literal left free.
    undecided_because(span, "the condition of " + what + " can be true and false",
                      fmt::format("it compares text with a literal of more than {} bytes, which the solver is not given",
                                  kMaxSolverText));
  }
  return false;
}

void Checker::check_conditions() {
  struct Question {
    ir::Reg reg;
    Span span;
    std::string what;
  };
  std::vector<Question> qs;
  // Terms in register order, so that a term is checked before the terms built on it;
  // then score rules, then labels (as the findings used to be reported).
  std::vector<const ir::Term*> terms;
  for (const ir::Term& t : program_.terms) {
    if (t.is_condition) terms.push_back(&t);
  }
  std::stable_sort(terms.begin(), terms.end(), [](const ir::Term* a, const ir::Term* b) { return a->reg < b->reg; });
  for (const ir::Term* t : terms) qs.push_back({t->reg, t->span, fmt::format("term `{}`", t->name)});
  for (const ir::Score& s : program_.scores) {
    for (const ir::ScoreRule& rule : s.rules) {
      if (rule.condition != ir::kNoReg) qs.push_back({rule.condition, rule.span, fmt::format("a rule of score `{}`", s.name)});
    }
  }
  for (const ir::Classification& cls : program_.classifications) {
    for (const ir::Label& l : cls.labels) {
      if (l.condition == ir::kNoReg) continue;
      qs.push_back({l.condition, l.condition_span, fmt::format("label `{}` of `{}`", l.name, cls.name)});
    }
  }
  if (qs.empty()) return;

  // Every condition's definition, once, and the domains of the inputs they read.
  z3::expr_vector defs(ctx_);
  for (const Question& q : qs) {
    if (names_.count(q.reg)) continue;
    z3::expr p(ctx_, Z3_mk_fresh_const(ctx_, "cond", ctx_.bool_sort()));
    names_.emplace(q.reg, p);
    defs.push_back(p == enc_.is_true(q.reg));
  }
  z3::expr all = z3::mk_and(defs);
  // These solvers only answer yes or no (no witness comes from them): bound
  // propagation, which costs as much as there are bounds on a variable per step, is off.
  z3::params p = decision_params();
  conds_.emplace(ctx_);
  conds_->set(p);
  conds_->add(enc_.domain_for(all));
  conds_->add(all);
  scratch_.emplace(ctx_);
  scratch_->set(p);
  // Tree sizes (saturating), in register order: which conditions count as small.
  tree_size_.assign(program_.code.size(), 1);
  for (ir::Reg r = 0; r < program_.code.size(); ++r) {
    const ir::Instr& in = program_.code[r];
    uint64_t size = 1;
    for (ir::Reg x : {in.a, in.b, in.c}) {
      if (in.op != ir::Op::Field && in.op != ir::Op::Const && x != ir::kNoReg && x < r) size += tree_size_[x];
    }
    tree_size_[r] = std::min<uint64_t>(size, uint64_t{1} << 40);
  }

  std::vector<ir::Reg> large;
  for (const Question& q : qs) {
    if (tree_size_[q.reg] > kSmallCondition) large.push_back(q.reg);
  }
  std::sort(large.begin(), large.end());
  large.erase(std::unique(large.begin(), large.end()), large.end());
  harvest(large);

  for (size_t k = 0; k < qs.size(); ++k) {
    const Question& q = qs[k];
    if (deadline_.passed()) {
      std::vector<std::string> left;
      for (size_t j = k; j < qs.size(); ++j) left.push_back("the condition of " + qs[j].what + " can be true and false");
      out_of_time(q.span, "", left);
      break;
    }
    bool never = check_condition(q.reg, q.span, q.what);
    auto [it, fresh] = never_true_.emplace(q.reg, never);
    if (!fresh) it->second = it->second || never;
  }
}

}  // namespace leadc::analysis
