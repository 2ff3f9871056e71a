// Lowers the checked AST to the SSA IR of compiler/ir/ir.h.
#include "compiler/builtins.h"
#include "compiler/lower.h"

#include <cmath>
#include <map>
#include <memory>
#include <tuple>

#include "base/civil_time.h"
#include "compiler/resolve.h"

namespace leadc {

ir::Type ir_type(const Type& t) {
  switch (t.kind) {
    case TypeKind::Bool: return ir::Type::Bool;
    case TypeKind::Text: case TypeKind::Email: case TypeKind::Phone: return ir::Type::Str;
    case TypeKind::Enum: return ir::Type::Enum;
    default: return ir::Type::Num;
  }
}

ir::Constant lower_literal(const Checked& c, const ast::Expr& e, const Type& type) {
  ir::Constant k;
  switch (e.kind) {
    case ast::ExprKind::Missing: k.missing = true; break;
    case ast::ExprKind::Number:
      if (e.sema.ref == ast::RefKind::Member) k.member = e.sema.index;
      else k.num = e.number;
      break;
    case ast::ExprKind::Quantity:
      k.num = is_currency(e.text) ? std::round(e.number * 100) : e.number * unit_seconds(e.text);
      break;
    case ast::ExprKind::String: k.str = e.text; break;
    case ast::ExprKind::Date: parse_iso_timestamp(e.text, k.num); break;
    case ast::ExprKind::Bool: k.b = e.boolean; break;
    case ast::ExprKind::Name: k.member = e.sema.index; break;
    case ast::ExprKind::Neg: k = lower_literal(c, *e.args[0], type), k.num = -k.num; break;
    default: k.missing = true; break;
  }
  return k;
}

namespace {

using ast::Expr;
using ast::ExprKind;
using ir::Op;
using ir::Reg;

class Lowerer {
 public:
  explicit Lowerer(const Checked& c) : c_(c) {}

  ir::Program run() {
    auto& m = c_.module;
    p_.name = m.name;
    for (auto& e : c_.enums) p_.enums.push_back({e.name, e.members});
    for (size_t i = 0; i < m.fields.size(); ++i) add_input(m.fields[i]);
    if (m.has_activity) {
      // The event side is lowered into a program of its own (see ir::Activity).
      events_ = std::make_unique<Lowerer>(c_);
      events_->p_.name = m.name;
      events_->p_.enums = p_.enums;
      for (auto& f : m.activity_fields) events_->add_input(f);
      events_->const_reg_.assign(m.consts.size(), ir::kNoReg);  // consts may be used in conditions
      events_->time_ = c_.activity_time >= 0 ? events_->field_reg_[c_.activity_time] : ir::kNoReg;
      activity_ = std::make_shared<ir::Activity>();
      activity_->key_input = c_.activity_key;
      activity_->time = events_->time_;
    }
    term_reg_.assign(m.terms.size(), ir::kNoReg);
    const_reg_.assign(m.consts.size(), ir::kNoReg);
    score_reg_.assign(m.scores.size(), ir::kNoReg);
    class_reg_.assign(m.classifications.size(), ir::kNoReg);
    for (size_t i = 0; i < m.consts.size(); ++i) const_value(i);
    for (size_t i = 0; i < m.terms.size(); ++i) term(i);
    for (size_t i = 0; i < m.scores.size(); ++i) score(i);
    for (size_t i = 0; i < m.classifications.size(); ++i) classification(i);
    for (const auto& [name, symbol] : c_.values) p_.names.push_back(named_value(name, symbol));
    for (auto& o : c_.outputs) {
      if (const ir::NamedValue* n = p_.find_name(o.name)) p_.outputs.push_back(n->value);
    }
    if (activity_) {
      activity_->events = std::move(events_->p_);
      p_.activity = activity_;
    }
    return std::move(p_);
  }

 private:
  Reg emit(ir::Instr in) {
    p_.code.push_back(std::move(in));
    return static_cast<Reg>(p_.code.size() - 1);
  }
  // Every op is pure, so an instruction that was already emitted with the same
  // operands is reused (`x is missing` written twice becomes one register).
  Reg op(Op o, ir::Type t, Reg a, Reg b = ir::kNoReg, Reg c = ir::kNoReg, int enum_id = -1) {
    auto key = std::make_tuple(static_cast<int>(o), static_cast<int>(t), a, b, c, enum_id);
    auto it = seen_.find(key);
    if (it != seen_.end()) return it->second;
    ir::Instr in{o, t, enum_id, a, b, c, {}};
    return seen_[key] = emit(std::move(in));
  }
  Reg num(double v) {
    auto it = num_consts_.find(v);
    if (it != num_consts_.end()) return it->second;
    ir::Instr in{Op::Const, ir::Type::Num, -1, ir::kNoReg, ir::kNoReg, ir::kNoReg, {}};
    in.value.num = v;
    return num_consts_[v] = emit(std::move(in));
  }
  Reg constant(ir::Type t, ir::Constant k, int enum_id = -1) {
    if (t == ir::Type::Num && !k.missing) return num(k.num);
    ir::Instr in{Op::Const, t, enum_id, ir::kNoReg, ir::kNoReg, ir::kNoReg, std::move(k)};
    return emit(std::move(in));
  }
  Reg member(int enum_id, int m) {
    ir::Constant k;
    k.member = m;
    return constant(ir::Type::Enum, k, enum_id);
  }
  Reg missing(ir::Type t, int enum_id = -1) {
    ir::Constant k;
    k.missing = true;
    return constant(t, k, enum_id);
  }

  void add_input(const ast::Field& f) {
    ir::Input in;
    in.field = f.name.name;
    in.column = f.from ? f.from->name : f.name.name;
    in.type = ir_type(f.resolved);
    in.enum_id = f.resolved.kind == TypeKind::Enum ? f.resolved.enum_id : -1;
    in.optional = f.optional;
    in.key = f.key;
    in.span = f.name.span;
    switch (f.resolved.kind) {
      case TypeKind::Bool: in.kind = ir::FieldKind::Bool; break;
      case TypeKind::Int: in.kind = ir::FieldKind::Int; break;
      case TypeKind::Number: in.kind = ir::FieldKind::Number; break;
      case TypeKind::Email: in.kind = ir::FieldKind::Email; break;
      case TypeKind::Phone: in.kind = ir::FieldKind::Phone; break;
      case TypeKind::Date: in.kind = ir::FieldKind::Date; break;
      case TypeKind::Timestamp: in.kind = ir::FieldKind::Timestamp; break;
      case TypeKind::Duration:
        in.kind = ir::FieldKind::Duration;
        in.unit = f.unit ? f.unit->name : "seconds";
        in.scale = unit_seconds(in.unit);
        break;
      case TypeKind::Money:
        in.kind = ir::FieldKind::Money;
        in.unit = f.resolved.currency;
        in.scale = 100;
        break;
      case TypeKind::Enum: in.kind = ir::FieldKind::Enum; break;
      default: in.kind = ir::FieldKind::Text; break;
    }
    p_.inputs.push_back(in);
    field_reg_.push_back(op(Op::Field, in.type, static_cast<Reg>(p_.inputs.size() - 1), ir::kNoReg, ir::kNoReg, in.enum_id));
  }

  Reg const_value(size_t i) {
    if (const_reg_[i] != ir::kNoReg) return const_reg_[i];
    auto& k = c_.module.consts[i];
    Type t = c_.const_types[i];
    Reg r = constant(ir_type(t), lower_literal(c_, *k.value, t), t.kind == TypeKind::Enum ? t.enum_id : -1);
    // A const gets its own instruction (not a shared constant), so the analysis and
    // explain can name it; `--set` is applied to the AST before lowering.
    if (ir_type(t) == ir::Type::Num) {
      ir::Instr in{Op::Const, ir::Type::Num, -1, ir::kNoReg, ir::kNoReg, ir::kNoReg, p_.code[r].value};
      r = emit(std::move(in));
    }
    p_.consts.push_back({k.name.name, r, k.span});
    return const_reg_[i] = r;
  }

  Reg term(size_t i) {
    if (term_reg_[i] != ir::kNoReg) return term_reg_[i];
    auto& t = c_.module.terms[i];
    Reg r = expr(*t.value);
    p_.terms.push_back({t.name.name, r, t.value->span, c_.term_types[i].kind == TypeKind::Bool});
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
        rule.condition = expr(*r.expr);
        Reg points = num(r.points);
        if (decayed(r, "any")) {
          Reg weight = aggregate(*r.expr, ir::AggregateKind::DecayedAny, half_life, decay_text);
          points = op(Op::Mul, ir::Type::Num, points, weight);
        }
        rule.contribution = op(Op::Select, ir::Type::Num, rule.condition, points, num(0));
      } else {
        rule.per_value = decayed(r, "count") ? aggregate(*r.expr, ir::AggregateKind::DecayedCount, half_life, decay_text)
                                             : expr(*r.expr);
        // A count is never negative: a negative value in the file counts as 0.
        Reg count = op(Op::Max, ir::Type::Num, rule.per_value, num(0));
        Reg v = op(Op::Mul, ir::Type::Num, num(r.points), count);
        if (r.cap) {
          rule.cap = *r.cap;
          // The cap bounds the magnitude: -5 per x max 15 adds at least -15.
          v = r.points >= 0 ? op(Op::Min, ir::Type::Num, v, num(*r.cap)) : op(Op::Max, ir::Type::Num, v, num(-*r.cap));
        }
        rule.contribution = op(Op::Coalesce, ir::Type::Num, v, num(0));
      }
      sum = sum == ir::kNoReg ? rule.contribution : op(Op::Add, ir::Type::Num, sum, rule.contribution);
      out.rules.push_back(rule);
    }
    if (sum == ir::kNoReg) sum = num(0);
    out.unclamped = sum;
    out.reg = sum;
    if (s.has_range) out.reg = op(Op::Max, ir::Type::Num, op(Op::Min, ir::Type::Num, sum, num(s.hi)), num(s.lo));
    p_.scores.push_back(out);
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
        lab.condition = expr(*l.condition);
        lab.condition_span = l.condition->span;
      }
      out.labels.push_back(lab);
    }
    // First match: fold from the last label so the earliest true condition wins.
    Reg acc = missing(ir::Type::Enum, enum_id);
    for (size_t k = out.labels.size(); k-- > 0;) {
      const ir::Label& lab = out.labels[k];
      if (lab.member < 0) continue;
      Reg value = member(enum_id, lab.member);
      acc = lab.condition == ir::kNoReg ? value : op(Op::Select, ir::Type::Enum, lab.condition, value, acc, enum_id);
    }
    out.reg = acc;
    p_.classifications.push_back(out);
    return class_reg_[i] = acc;
  }

  Reg reference(const Expr& e) {
    switch (e.sema.ref) {
      case ast::RefKind::Field: return field_reg_[e.sema.index];
      case ast::RefKind::Term: return term(e.sema.index);
      case ast::RefKind::Const: return const_value(e.sema.index);
      case ast::RefKind::Score: return score(e.sema.index);
      case ast::RefKind::Classification: return classification(e.sema.index);
      case ast::RefKind::Member: return member(e.sema.type.enum_id, e.sema.index);
      case ast::RefKind::ActivityField: return field_reg_[e.sema.index];  // only in the events program
      case ast::RefKind::Unresolved: break;
    }
    return missing(ir_type(e.sema.type));
  }

  Reg all_of(const std::vector<Reg>& regs, Op combine) {
    Reg acc = regs[0];
    for (size_t i = 1; i < regs.size(); ++i) acc = op(combine, ir::Type::Bool, acc, regs[i]);
    return acc;
  }

  Reg expr(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Number:
      case ExprKind::Quantity:
      case ExprKind::String:
      case ExprKind::Date:
      case ExprKind::Bool:
      case ExprKind::Missing:
        return constant(ir_type(e.sema.type), lower_literal(c_, e, e.sema.type),
                        e.sema.type.kind == TypeKind::Enum ? e.sema.type.enum_id : -1);
      case ExprKind::Name: return reference(e);
      case ExprKind::Neg: return op(Op::Sub, ir::Type::Num, num(0), expr(*e.args[0]));
      case ExprKind::Arith: {
        static const std::map<std::string, Op> ops = {{"+", Op::Add}, {"-", Op::Sub}, {"*", Op::Mul}, {"/", Op::Div}};
        return op(ops.at(e.text), ir::Type::Num, expr(*e.args[0]), expr(*e.args[1]));
      }
      case ExprKind::Compare: {
        static const std::map<std::string, Op> ops = {{"==", Op::Eq}, {"!=", Op::Ne}, {"<", Op::Lt},
                                                      {"<=", Op::Le}, {">", Op::Gt},  {">=", Op::Ge}};
        return op(ops.at(e.text), ir::Type::Bool, expr(*e.args[0]), expr(*e.args[1]));
      }
      case ExprKind::TextOp: {
        Op o = e.text == "starts_with" ? Op::StartsWith : e.text == "ends_with" ? Op::EndsWith : Op::Contains;
        return op(o, ir::Type::Bool, expr(*e.args[0]), expr(*e.args[1]));
      }
      case ExprKind::InRange: {
        Reg x = expr(*e.args[0]);
        Reg r = op(Op::And, ir::Type::Bool, op(Op::Ge, ir::Type::Bool, x, expr(*e.args[1])),
                   op(Op::Le, ir::Type::Bool, x, expr(*e.args[2])));
        return e.negated ? op(Op::Not, ir::Type::Bool, r) : r;
      }
      case ExprKind::InList: {
        Reg x = expr(*e.args[0]);
        std::vector<Reg> eqs;
        for (size_t i = 1; i < e.args.size(); ++i) eqs.push_back(op(Op::Eq, ir::Type::Bool, x, expr(*e.args[i])));
        Reg r = all_of(eqs, Op::Or);
        return e.negated ? op(Op::Not, ir::Type::Bool, r) : r;
      }
      case ExprKind::IsKnown: {
        Reg r = op(Op::IsKnown, ir::Type::Bool, expr(*e.args[0]));
        return e.negated ? op(Op::Not, ir::Type::Bool, r) : r;
      }
      case ExprKind::Within: {
        Reg x = expr(*e.args[0]);
        // In an aggregate (the events program), `C within D` means `C and at within D`.
        if (e.args[0]->sema.type.kind == TypeKind::Bool) return op(Op::And, ir::Type::Bool, x, within(time_, expr(*e.args[1])));
        return within(x, expr(*e.args[1]));
      }
      case ExprKind::Not: return op(Op::Not, ir::Type::Bool, expr(*e.args[0]));
      case ExprKind::And: return op(Op::And, ir::Type::Bool, expr(*e.args[0]), expr(*e.args[1]));
      case ExprKind::Or: return op(Op::Or, ir::Type::Bool, expr(*e.args[0]), expr(*e.args[1]));
      case ExprKind::KnownCall: {
        std::vector<Reg> known;
        for (auto& a : e.args) known.push_back(op(Op::IsKnown, ir::Type::Bool, expr(*a)));
        return all_of(known, Op::And);
      }
      case ExprKind::Call: {
        const Builtin fn = *find_builtin(e.text);  // the type checker admits builtins only
        if (fn == Builtin::DaysSince) {
          Reg now = op(Op::AsOf, ir::Type::Num, ir::kNoReg);
          return op(Op::Div, ir::Type::Num, op(Op::Sub, ir::Type::Num, now, expr(*e.args[0])), num(86400));
        }
        Op o = fn == Builtin::Min ? Op::Min : Op::Max;
        Reg acc = expr(*e.args[0]);
        for (size_t i = 1; i < e.args.size(); ++i) acc = op(o, ir::Type::Num, acc, expr(*e.args[i]));
        return acc;
      }
      case ExprKind::Aggregate: {
        return aggregate(e, *find_aggregate(e.text), 0, "");
      }
    }
    return missing(ir_type(e.sema.type));
  }

  // as-of - d <= x <= as-of
  Reg within(Reg x, Reg d) {
    Reg now = op(Op::AsOf, ir::Type::Num, ir::kNoReg);
    Reg from = op(Op::Sub, ir::Type::Num, now, d);
    return op(Op::And, ir::Type::Bool, op(Op::Ge, ir::Type::Bool, x, from), op(Op::Le, ir::Type::Bool, x, now));
  }

  double decay_seconds(const Expr& e) {
    const Expr* lit = &e;
    if (e.kind == ExprKind::Name && e.sema.ref == ast::RefKind::Const) lit = c_.module.consts[e.sema.index].value.get();
    return lower_literal(c_, *lit, e.sema.type).num;
  }

  // Seconds of the `within` every matching event satisfies (the explicit one, or the
  // tightest in the `where`'s outer `and`s), -1 when there is none or it is not constant.
  double within_of(const Expr* e) {
    if (!e) return -1;
    if (e->kind == ExprKind::Within && e->args[0]->sema.type.kind == TypeKind::Bool) {
      const ir::Instr& d = events_->p_.code[events_->expr(*e->args[1])];
      double inner = within_of(e->args[0].get());
      double here = d.op == Op::Const && !d.value.missing ? d.value.num : -1;
      return inner < 0 ? here : here < 0 ? inner : std::min(inner, here);
    }
    if (e->kind == ExprKind::And) {
      double a = within_of(e->args[0].get()), b = within_of(e->args[1].get());
      return a < 0 ? b : b < 0 ? a : std::min(a, b);
    }
    return -1;
  }

  // The synthetic input that holds an aggregate (one per distinct aggregate and kind):
  // its condition and value are lowered into the events program.
  Reg aggregate(const Expr& e, ir::AggregateKind kind, double half_life, const std::string& decay_text) {
    std::string name = one_line_text(e.span);
    if (kind == ir::AggregateKind::DecayedCount || kind == ir::AggregateKind::DecayedAny)
      name = "decayed " + name + " (half_life " + decay_text + ")";
    auto [it, fresh] = aggregate_input_.emplace(name, static_cast<uint32_t>(p_.inputs.size()));
    if (fresh) {
      Lowerer& ev = *events_;
      ir::Aggregate g;
      g.kind = kind;
      g.half_life = half_life;
      g.span = e.span;
      g.input = it->second;
      g.condition = e.args[0] ? ev.expr(*e.args[0]) : ir::kNoReg;
      g.within = within_of(e.args[0].get());
      if (e.args[1]) {
        Reg d = ev.expr(*e.args[1]);
        Reg recent = ev.within(ev.time_, d);
        g.condition = g.condition == ir::kNoReg ? recent : ev.op(Op::And, ir::Type::Bool, g.condition, recent);
        const ir::Instr& di = ev.p_.code[d];
        if (di.op == Op::Const && !di.value.missing) g.within = g.within < 0 ? di.value.num : std::min(g.within, di.value.num);
      }
      if (g.condition == ir::kNoReg) g.condition = ev.constant(ir::Type::Bool, ir::Constant{false, true, 0, {}, 0});
      ir::Input in;
      in.field = name;
      in.synthetic = true;
      in.aggregate = static_cast<int32_t>(activity_->aggregates.size());
      in.span = e.span;
      switch (kind) {
        case ir::AggregateKind::Count: in.kind = ir::FieldKind::Int; in.type = ir::Type::Num; break;
        case ir::AggregateKind::Any:
        case ir::AggregateKind::None: in.kind = ir::FieldKind::Bool; in.type = ir::Type::Bool; break;
        case ir::AggregateKind::DecayedCount:
        case ir::AggregateKind::DecayedAny: in.kind = ir::FieldKind::Number; in.type = ir::Type::Num; break;
        case ir::AggregateKind::Sum:
        case ir::AggregateKind::Latest:
        case ir::AggregateKind::Earliest: {
          int f = e.field.empty() ? c_.activity_time : c_.activity_values.at(e.field);
          g.value = ev.field_reg_[f];
          const ir::Input& src = ev.p_.inputs[f];
          in.kind = src.kind;
          in.type = ir::Type::Num;
          in.scale = src.scale;
          in.unit = src.unit;
          in.optional = kind != ir::AggregateKind::Sum;
          break;
        }
      }
      activity_->aggregates.push_back(g);
      p_.inputs.push_back(std::move(in));
    }
    return op(Op::Field, p_.inputs[it->second].type, it->second);
  }

  // A declared name's register and display. Every such register was lowered by
  // run() before this is called, so this emits nothing.
  ir::NamedValue named_value(const std::string& name, const Symbol& s) {
    ir::NamedValue n;
    ir::Output& o = n.value;
    o.name = name;
    Type t;
    switch (s.kind) {
      case SymbolKind::Field: {
        n.kind = ir::NameKind::Field;
        o.reg = field_reg_[s.index];
        t = c_.module.fields[s.index].resolved;
        if (t.kind == TypeKind::Duration) {
          o.scale = p_.inputs[s.index].scale;
          n.unit = p_.inputs[s.index].unit;
        }
        break;
      }
      case SymbolKind::Term:
        n.kind = ir::NameKind::Term;
        o.reg = term(s.index);
        t = c_.term_types[s.index];
        if (t.kind == TypeKind::Duration) o.scale = 86400, n.unit = "days";  // durations of terms print in days
        break;
      case SymbolKind::Const:
        n.kind = ir::NameKind::Const;
        o.reg = const_value(s.index);
        t = c_.const_types[s.index];
        if (t.kind == TypeKind::Duration) o.scale = 86400, n.unit = "days";
        break;
      case SymbolKind::Score:
        n.kind = ir::NameKind::Score;
        o.reg = score(s.index);
        t = Type::of(TypeKind::Number);
        break;
      case SymbolKind::Classification:
        n.kind = ir::NameKind::Classification;
        o.reg = classification(s.index);
        t = Type::enumeration(c_.classification_enum[s.index]);
        break;
    }
    if (t.kind == TypeKind::Money) o.scale = 100, n.unit = t.currency;
    o.type = ir_type(t);
    o.enum_id = t.kind == TypeKind::Enum ? t.enum_id : -1;
    switch (t.kind) {
      case TypeKind::Bool: o.display = ir::Display::Bool; break;
      case TypeKind::Text: case TypeKind::Email: case TypeKind::Phone: o.display = ir::Display::Text; break;
      case TypeKind::Enum: o.display = ir::Display::Enum; break;
      case TypeKind::Date: o.display = ir::Display::Date; break;
      case TypeKind::Timestamp: o.display = ir::Display::Timestamp; break;
      default: o.display = ir::Display::Number; break;
    }
    return n;
  }

  const Checked& c_;
  ir::Program p_;
  std::vector<Reg> field_reg_, term_reg_, const_reg_, score_reg_, class_reg_;
  std::map<double, Reg> num_consts_;
  std::map<std::tuple<int, int, Reg, Reg, Reg, int>, Reg> seen_;
  // Activities: the lowerer of the events program, the event time's register there,
  // the aggregates found so far and their synthetic inputs by name.
  std::unique_ptr<Lowerer> events_;
  Reg time_ = ir::kNoReg;
  std::shared_ptr<ir::Activity> activity_;
  std::map<std::string, uint32_t> aggregate_input_;
};

}  // namespace

ir::Program lower(const Checked& checked) { return Lowerer(checked).run(); }

}  // namespace leadc
