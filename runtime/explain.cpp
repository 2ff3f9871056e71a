// Explanations as data (see explain.h).
#include "runtime/explain.h"

#include <algorithm>
#include <cmath>

#include "runtime/output_format.h"

namespace leadc::rt {

const char* truth_name(Truth t) {
  switch (t) {
    case Truth::False: return "false";
    case Truth::True: return "true";
    case Truth::Unknown: return "unknown";
  }
  return "?";
}

Shown shown(const ir::Program& p, const ir::Output& how, const std::string& unit_name, const Column& col, size_t row,
            bool quote_text) {
  Shown s;
  if (row >= col.known.size() || !col.known[row]) return s;
  s.known = true;
  if (how.display == ir::Display::Text && quote_text) {
    append_json_string(s.text, col.str[row]);
    return s;
  }
  s.text = format_cell(p, how, col, row);
  if (how.display == ir::Display::Number && !unit_name.empty()) {
    // `1 days` reads badly; declared units are plural, so drop the `s` for exactly one.
    std::string unit = unit_name;
    if (col.num[row] / how.scale == 1 && unit.size() > 1 && unit.back() == 's') unit.pop_back();
    s.text += " " + unit;
  }
  return s;
}

Explainer::Explainer(const ir::Program& program) : p_(program) {
  field_reg_.assign(p_.inputs.size(), ir::kNoReg);
  for (size_t r = 0; r < p_.code.size(); ++r)
    if (p_.code[r].op == ir::Op::Field && p_.code[r].a < p_.inputs.size()) field_reg_[p_.code[r].a] = ir::Reg(r);
  for (size_t i = 0; i < p_.inputs.size(); ++i) {
    input_display_.push_back(ir::input_named_value(p_.inputs[i], field_reg_[i]));
    // A set is shown once, at its member 0 (format_set reads every member's register);
    // another member's input alone is its Bool.
    if (p_.inputs[i].kind == ir::FieldKind::Set && p_.inputs[i].set_member > 0)
      input_display_.back().value.display = ir::Display::Bool;
  }

  // Inputs that something the user declared reads: walk operands back from the roots.
  std::vector<uint8_t> live(p_.code.size(), 0);
  auto mark = [&](ir::Reg r) { if (r < live.size()) live[r] = 1; };
  for (const auto& t : p_.terms) mark(t.reg);
  for (const auto& s : p_.scores) mark(s.reg);
  for (const auto& k : p_.classifications) mark(k.reg);
  for (size_t r = live.size(); r-- > 0;) {
    if (!live[r]) continue;
    for (ir::Reg o : ir::operands(p_.code[r])) mark(o);
  }
  for (size_t i = 0; i < p_.inputs.size(); ++i) {
    if (p_.inputs[i].key || field_reg_[i] == ir::kNoReg || !live[field_reg_[i]]) continue;
    // A set's member counts as the set, listed once at its member 0.
    const size_t shown = p_.inputs[i].kind == ir::FieldKind::Set ? i - static_cast<size_t>(p_.inputs[i].set_member) : i;
    if (used_inputs_.empty() || used_inputs_.back() != shown) used_inputs_.push_back(shown);
  }

  // Terms show in their declared unit; other numbers (scores, counts) as they are.
  display_.assign(p_.code.size(), nullptr);
  for (const ir::Term& t : p_.terms) {
    const ir::NamedValue* n = p_.find_name(t.name);
    if (n && t.reg < display_.size() && !display_[t.reg]) display_[t.reg] = n;
  }
}

// A declared field and an aggregate input alike (input_display_): an aggregate has no
// entry in Program::names, and its value is in the batch as run read it (LeadSource).
Shown Explainer::field_value(size_t input, const Registers& regs, size_t row) const {
  const ir::Reg r = field_reg_[input];
  if (r == ir::kNoReg || r >= regs.regs.size()) return {};
  const ir::NamedValue& n = input_display_[input];
  if (n.value.display == ir::Display::Set) {
    const Column& first = regs.regs[r];
    if (row >= first.known.size() || !first.known[row]) return {};
    return Shown{true, format_set(p_, n.value, regs.regs, row, SetStyle::Literal)};
  }
  return shown(p_, n.value, n.unit, regs.regs[r], row, /*quote_text=*/true);
}

std::string Explainer::input_text(size_t input, const Batch& batch, size_t row) const {
  return format_cell(p_, input_display_[input].value, batch.inputs[input], row);
}

Shown Explainer::value_of(ir::Reg reg, const Registers& regs, size_t row) const {
  if (display_[reg]) return shown(p_, display_[reg]->value, display_[reg]->unit, regs.regs[reg], row, true);
  const ir::Instr& ins = p_.code[reg];
  ir::Output how;
  how.type = ins.type;
  how.enum_id = ins.enum_id;
  how.display = ins.type == ir::Type::Bool   ? ir::Display::Bool
                : ins.type == ir::Type::Str  ? ir::Display::Text
                : ins.type == ir::Type::Enum ? ir::Display::Enum
                                             : ir::Display::Number;
  return shown(p_, how, "", regs.regs[reg], row, true);
}

Truth Explainer::truth_of(ir::Reg reg, const Registers& regs, size_t row) const {
  const Column& c = regs.regs[reg];
  if (row >= c.known.size() || !c.known[row]) return Truth::Unknown;
  return c.b[row] ? Truth::True : Truth::False;
}

std::vector<std::string> Explainer::missing_inputs(ir::Reg reg, const Registers& regs, size_t row) const {
  std::vector<uint8_t> seen(reg + 1, 0);
  seen[reg] = 1;
  std::vector<std::string> names;
  for (size_t r = reg + 1; r-- > 0;) {
    if (!seen[r]) continue;
    const ir::Instr& ins = p_.code[r];
    if (ins.op == ir::Op::Field) {
      const Column& col = regs.regs[r];
      if (row >= col.known.size() || !col.known[row]) names.push_back(p_.inputs[ins.a].field);
      continue;
    }
    for (ir::Reg o : ir::operands(ins))
      if (o < r) seen[o] = 1;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

int Explainer::chosen_label(size_t k, const Registers& regs, size_t row) const {
  const ir::Classification& c = p_.classifications[k];
  const Column& col = regs.regs[c.reg];
  if (row >= col.known.size() || !col.known[row]) return -1;
  for (size_t j = 0; j < c.labels.size(); ++j) {
    const ir::Label& l = c.labels[j];
    if (l.member != col.member[row]) continue;
    if (l.condition == ir::kNoReg || truth_of(l.condition, regs, row) == Truth::True) return static_cast<int>(j);
  }
  return -1;
}

double Explainer::rule_added(size_t s, size_t j, const Registers& regs, size_t row) const {
  return regs.regs[p_.scores[s].rules[j].contribution].num[row];
}

int Explainer::clamped(size_t s, const Registers& regs, size_t row) const {
  const ir::Score& sc = p_.scores[s];
  const Column& sum = regs.regs[sc.unclamped];
  if (!sc.has_range || !sum.known[row]) return 0;
  return sum.num[row] < sc.lo ? -1 : sum.num[row] > sc.hi ? 1 : 0;
}

double Explainer::rule_sum(size_t s, const Registers& regs, size_t row) const {
  return regs.regs[p_.scores[s].unclamped].num[row];
}

Shown Explainer::rule_per_value(size_t s, size_t j, const Registers& regs, size_t row) const {
  const ir::ScoreRule& rule = p_.scores[s].rules[j];
  return rule.per_value == ir::kNoReg ? Shown{} : value_of(rule.per_value, regs, row);
}

RuleResult Explainer::rule(size_t s, size_t j, const Registers& regs, size_t row) const {
  const ir::ScoreRule& rule = p_.scores[s].rules[j];
  RuleResult rr;
  rr.added = rule_added(s, j, regs, row);
  if (rule.condition != ir::kNoReg) {
    rr.has_condition = true;
    rr.condition = truth_of(rule.condition, regs, row);
    if (rr.condition == Truth::Unknown) rr.missing = missing_inputs(rule.condition, regs, row);
  } else if (rule.per_value != ir::kNoReg) {
    rr.has_per = true;
    rr.per_value = rule_per_value(s, j, regs, row);
    if (!rr.per_value.known) {
      rr.missing = missing_inputs(rule.per_value, regs, row);
    } else {
      rr.capped = rule.cap >= 0 && std::abs(rr.added) < std::abs(regs.regs[rule.per_value].num[row] * rule.points);
    }
  }
  return rr;
}

Explanation Explainer::explain(const Registers& regs, size_t row) const {
  Explanation e;
  for (size_t i : used_inputs_) e.fields.push_back({i, field_value(i, regs, row)});

  for (size_t i = 0; i < p_.terms.size(); ++i) {
    const ir::Term& t = p_.terms[i];
    TermResult r{i, value_of(t.reg, regs, row), {}};
    if (!r.value.known) r.missing = missing_inputs(t.reg, regs, row);
    e.terms.push_back(std::move(r));
  }

  for (size_t i = 0; i < p_.scores.size(); ++i) {
    const ir::Score& s = p_.scores[i];
    ScoreResult sr{i, value_of(s.reg, regs, row), rule_sum(i, regs, row), regs.regs[s.reg].num[row], clamped(i, regs, row), {}};
    for (size_t j = 0; j < s.rules.size(); ++j) sr.rules.push_back(rule(i, j, regs, row));
    e.scores.push_back(std::move(sr));
  }

  for (size_t k = 0; k < p_.classifications.size(); ++k) {
    const ir::Classification& c = p_.classifications[k];
    ClassificationResult cr;
    cr.classification = k;
    Shown result = value_of(c.reg, regs, row);
    cr.known = result.known;
    cr.result = result.text;
    cr.chosen = chosen_label(k, regs, row);
    for (const ir::Label& l : c.labels) {
      LabelResult lr;
      lr.otherwise = l.condition == ir::kNoReg;
      if (!lr.otherwise) {
        lr.truth = truth_of(l.condition, regs, row);
        if (lr.truth == Truth::Unknown) lr.missing = missing_inputs(l.condition, regs, row);
      }
      cr.labels.push_back(std::move(lr));
    }
    e.classifications.push_back(std::move(cr));
  }
  return e;
}

}  // namespace leadc::rt
