#include "runtime/coverage.h"

namespace leadc::rt {

const char* coverage_kind_name(CoverageGoal::Kind kind) {
  switch (kind) {
    case CoverageGoal::Kind::Label: return "label";
    case CoverageGoal::Kind::Rule: return "score rule";
    case CoverageGoal::Kind::Term: return "term";
  }
  return "";
}

Coverage::Coverage(const ir::Program& p) {
  using K = CoverageGoal::Kind;
  using T = Probe::Test;
  auto add = [&](CoverageGoal g, Probe probe) {
    goals_.push_back(std::move(g));
    probes_.push_back(probe);
  };
  for (const ir::Term& t : p.terms) {
    if (!t.is_condition) continue;
    add({K::Term, t.name, "", true, t.span, false}, {T::BoolIs, t.reg, true, 0});
    add({K::Term, t.name, "", false, t.span, false}, {T::BoolIs, t.reg, false, 0});
  }
  for (const ir::Score& s : p.scores) {
    for (const ir::ScoreRule& r : s.rules) {
      const std::string text = one_line_text(r.span);
      if (r.condition != ir::kNoReg) {
        add({K::Rule, text, s.name, true, r.span, false}, {T::BoolIs, r.condition, true, 0});
        add({K::Rule, text, s.name, false, r.span, false}, {T::BoolIs, r.condition, false, 0});
      } else {
        add({K::Rule, text, s.name, true, r.span, false}, {T::NonZero, r.contribution, true, 0});
      }
    }
  }
  for (const ir::Classification& c : p.classifications) {
    for (const ir::Label& l : c.labels) {
      add({K::Label, l.name, c.name, true, l.span, false}, {T::MemberIs, c.reg, true, l.member});
      if (l.condition != ir::kNoReg)
        add({K::Label, l.name, c.name, false, l.condition_span, false}, {T::BoolIs, l.condition, false, 0});
    }
  }
}

void Coverage::record(const Registers& regs, size_t row) {
  for (size_t i = 0; i < goals_.size(); ++i) {
    if (goals_[i].reached) continue;
    const Probe& probe = probes_[i];
    const Column& c = regs.regs[probe.reg];
    if (!c.known[row]) continue;
    switch (probe.test) {
      case Probe::Test::BoolIs: goals_[i].reached = (c.b[row] != 0) == probe.value; break;
      case Probe::Test::MemberIs: goals_[i].reached = c.member[row] == probe.member; break;
      case Probe::Test::NonZero: goals_[i].reached = c.num[row] != 0; break;
    }
  }
}

size_t Coverage::reached() const {
  size_t n = 0;
  for (const CoverageGoal& g : goals_) n += g.reached;
  return n;
}

double Coverage::percent() const { return goals_.empty() ? 100.0 : 100.0 * double(reached()) / double(goals_.size()); }

}  // namespace leadc::rt
