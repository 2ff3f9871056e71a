// Lowers the checked AST to the SSA IR of compiler/ir/ir.h: the lead program here,
// the events program of an `activity` block in compiler/lower_aggregates.cpp, both
// through the expression lowering of compiler/lower_expr.cpp.
#include "compiler/lower.h"

#include <map>
#include <memory>

#include "base/source.h"
#include "compiler/builtins.h"
#include "compiler/lower_aggregates.h"
#include "compiler/lower_expr.h"
#include "compiler/lower_types.h"

namespace leadc {

namespace {

using ast::Expr;
using ast::ExprKind;
using ir::Op;
using ir::Reg;

// The lead program: the fields, consts, terms, scores and classifications, each
// lowered once (on first use) and referenced by register.
class LeadLowerer : private LoweringScope {
 public:
  explicit LeadLowerer(const Checked& c) : c_(c), expr_(c, code_, *this) {}

  ir::Program run() {
    auto& m = c_.module;
    ir::Program& p = code_.program();
    p.name = m.name;
    for (auto& e : c_.enums) p.enums.push_back({e.name, e.members, e.spellings});
    for (size_t i = 0; i < m.fields.size(); ++i) field_reg_.push_back(field(m.fields[i]));
    // The event side is lowered into a program of its own (see ir::Activity).
    if (m.has_activity) events_ = std::make_unique<EventsLowerer>(c_, p.enums);
    term_reg_.assign(m.terms.size(), ir::kNoReg);
    const_reg_.assign(m.consts.size(), ir::kNoReg);
    score_reg_.assign(m.scores.size(), ir::kNoReg);
    class_reg_.assign(m.classifications.size(), ir::kNoReg);
    for (size_t i = 0; i < m.consts.size(); ++i) const_value(i);
    for (size_t i = 0; i < m.terms.size(); ++i) term(i);
    for (size_t i = 0; i < m.scores.size(); ++i) score(i);
    for (size_t i = 0; i < m.classifications.size(); ++i) classification(i);
    for (const auto& [name, symbol] : c_.values) p.names.push_back(named_value(c_, p, name, symbol, symbol_reg(symbol)));
    for (auto& o : c_.outputs) {
      if (const ir::NamedValue* n = p.find_name(o.name)) p.outputs.push_back(n->value);
    }
    if (events_) p.activity = events_->finish();
    return code_.take();
  }

 private:
  // A field's Field register; for a set, its first member's (one input per member,
  // consecutive, so member k is that register + k: see ir.h and ir::set_registers).
  Reg field(const ast::Field& f) {
    ir::Input in = field_input(f);
    if (in.kind != ir::FieldKind::Set) return code_.input(std::move(in));
    Reg first = ir::kNoReg;
    for (size_t k = 0; k < c_.enums[in.enum_id].members.size(); ++k) {
      ir::Input member = in;
      member.set_member = static_cast<int32_t>(k);
      Reg r = code_.input(std::move(member));
      if (k == 0) first = r;
    }
    return first;
  }

  Reg const_value(size_t i) {
    if (const_reg_[i] != ir::kNoReg) return const_reg_[i];
    return const_reg_[i] = lower_const(c_, code_, i);
  }

  Reg term(size_t i) {
    if (term_reg_[i] != ir::kNoReg) return term_reg_[i];
    auto& t = c_.module.terms[i];
    Reg r = expr_.lower(*t.value);
    code_.program().terms.push_back({t.name.name, r, t.value->span, c_.term_types[i].kind == TypeKind::Bool});
    return term_reg_[i] = r;
  }

  Reg score(size_t i) {
    if (score_reg_[i] != ir::kNoReg) return score_reg_[i];
    auto& s = c_.module.scores[i];
    ir::Score out;
    out.name = s.name.name;
    out.has_range = s.has_range;
    out.lo = s.lo;
    out.hi = s.hi;
    out.span = s.span;
    // `decay half_life D` weighs the events of `per count(…)` and `when any(…)` rules.
    double half_life = s.decay ? decay_seconds(*s.decay) : 0;
    std::string decay_text = s.decay ? one_line_text(s.decay->span) : "";
    auto decayed = [&](const ast::ScoreRule& r, const char* aggregate) {
      return half_life > 0 && r.expr->kind == ExprKind::Aggregate && r.expr->text == aggregate;
    };
    Reg sum = ir::kNoReg;
    for (auto& r : s.rules) {
      ir::ScoreRule rule;
      rule.points = r.points;
      rule.span = r.span;
      if (r.kind == ast::ScoreRule::Kind::When) {
        rule.condition = expr_.lower(*r.expr);
        Reg points = code_.num(r.points);
        if (decayed(r, "any")) {
          Reg weight = aggregate(*r.expr, ir::AggregateKind::DecayedAny, half_life, decay_text);
          points = code_.op(Op::Mul, ir::Type::Num, points, weight);
        }
        rule.contribution = code_.op(Op::Select, ir::Type::Num, rule.condition, points, code_.num(0));
      } else {
        rule.per_value = decayed(r, "count") ? aggregate(*r.expr, ir::AggregateKind::DecayedCount, half_life, decay_text)
                                             : expr_.lower(*r.expr);
        // A count is never negative: a negative value in the file counts as 0.
        Reg count = code_.op(Op::Max, ir::Type::Num, rule.per_value, code_.num(0));
        Reg v = code_.op(Op::Mul, ir::Type::Num, code_.num(r.points), count);
        if (r.cap) {
          rule.cap = *r.cap;
          // The cap bounds the magnitude: -5 per x max 15 adds at least -15.
          v = r.points >= 0 ? code_.op(Op::Min, ir::Type::Num, v, code_.num(*r.cap))
                            : code_.op(Op::Max, ir::Type::Num, v, code_.num(-*r.cap));
        }
        rule.contribution = code_.op(Op::Coalesce, ir::Type::Num, v, code_.num(0));
      }
      sum = sum == ir::kNoReg ? rule.contribution : code_.op(Op::Add, ir::Type::Num, sum, rule.contribution);
      out.rules.push_back(rule);
    }
    if (sum == ir::kNoReg) sum = code_.num(0);
    out.unclamped = sum;
    out.reg = sum;
    if (s.has_range)
      out.reg = code_.op(Op::Max, ir::Type::Num, code_.op(Op::Min, ir::Type::Num, sum, code_.num(s.hi)), code_.num(s.lo));
    code_.program().scores.push_back(out);
    return score_reg_[i] = out.reg;
  }

  Reg classification(size_t i) {
    if (class_reg_[i] != ir::kNoReg) return class_reg_[i];
    auto& cl = c_.module.classifications[i];
    int enum_id = c_.classification_enum[i];
    const EnumInfo& labels = c_.enums[enum_id];
    ir::Classification out;
    out.name = cl.name.name;
    out.unique = cl.unique;
    out.enum_id = enum_id;
    out.span = cl.span;
    for (auto& l : cl.labels) {
      ir::Label lab;
      lab.name = l.label.name;
      lab.member = labels.member(l.label.name);
      lab.span = l.label.span;
      if (l.condition) {
        lab.condition = expr_.lower(*l.condition);
        lab.condition_span = l.condition->span;
      }
      out.labels.push_back(lab);
    }
    // First match: fold from the last label so the earliest true condition wins.
    Reg acc = code_.missing(ir::Type::Enum, enum_id);
    for (size_t k = out.labels.size(); k-- > 0;) {
      const ir::Label& lab = out.labels[k];
      if (lab.member < 0) continue;
      Reg value = code_.member(enum_id, lab.member);
      acc = lab.condition == ir::kNoReg ? value
                                        : code_.op(Op::Select, ir::Type::Enum, lab.condition, value, acc, enum_id);
    }
    out.reg = acc;
    code_.program().classifications.push_back(out);
    return class_reg_[i] = acc;
  }

  // In the lead program the type checker admits fields, terms, consts, scores and
  // classifications (activity fields only inside an aggregate).
  Reg reference(const Expr& e) override {
    switch (e.sema.ref) {
      case ast::RefKind::Field: return field_reg_[e.sema.index];
      case ast::RefKind::Term: return term(e.sema.index);
      case ast::RefKind::Const: return const_value(e.sema.index);
      case ast::RefKind::Score: return score(e.sema.index);
      case ast::RefKind::Classification: return classification(e.sema.index);
      default: return code_.missing(ir_type(e.sema.type));
    }
  }

  // A declared name's register; every one was lowered by run() before, so this emits nothing.
  Reg symbol_reg(const Symbol& s) {
    switch (s.kind) {
      case SymbolKind::Field: return field_reg_[s.index];
      case SymbolKind::Term: return term(s.index);
      case SymbolKind::Const: return const_value(s.index);
      case SymbolKind::Score: return score(s.index);
      case SymbolKind::Classification: return classification(s.index);
    }
    return ir::kNoReg;
  }

  Reg aggregate(const Expr& e) override { return aggregate(e, *find_aggregate(e.text), 0, ""); }
  Reg event_time() override { return ir::kNoReg; }  // `C within D` with a condition C is only in aggregates

  double decay_seconds(const Expr& e) {
    const Expr* lit = &e;
    if (e.kind == ExprKind::Name && e.sema.ref == ast::RefKind::Const) lit = c_.module.consts[e.sema.index].value.get();
    return lower_literal(c_, *lit, e.sema.type).num;
  }

  // The synthetic input that holds an aggregate (one per distinct aggregate and kind):
  // its condition and value are lowered into the events program.
  Reg aggregate(const Expr& e, ir::AggregateKind kind, double half_life, const std::string& decay_text) {
    std::string name = one_line_text(e.span);
    if (kind == ir::AggregateKind::DecayedCount || kind == ir::AggregateKind::DecayedAny)
      name = "decayed " + name + " (half_life " + decay_text + ")";
    ir::Program& p = code_.program();
    auto [it, fresh] = aggregate_input_.emplace(name, static_cast<uint32_t>(p.inputs.size()));
    if (fresh) p.inputs.push_back(events_->aggregate_input(e, kind, half_life, name, it->second));
    return code_.op(Op::Field, p.inputs[it->second].type, it->second);
  }

  const Checked& c_;
  CodeBuilder code_;
  ExprLowerer expr_;
  std::vector<Reg> field_reg_, term_reg_, const_reg_, score_reg_, class_reg_;
  // Activities: the events program, and the aggregates' synthetic inputs by name.
  std::unique_ptr<EventsLowerer> events_;
  std::map<std::string, uint32_t> aggregate_input_;
};

}  // namespace

ir::Program lower(const Checked& checked) { return LeadLowerer(checked).run(); }

}  // namespace leadc
