// Turns IR registers into Z3 (known, value) pairs and inputs into constants with
// domains. The three-valued rules mirror the op comments in compiler/ir/ir.h.
#include "compiler/analysis/encoder.h"

#include <fmt/format.h>

#include "compiler/analysis/aggregate_relations.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace leadc::analysis {

using ir::FieldKind;
using ir::Op;

z3::expr real_of(z3::context& ctx, double d) {
  std::string s = fmt::format("{}", d);
  auto e = s.find_first_of("eE");
  if (e == std::string::npos) return ctx.real_val(s.c_str());
  // Scientific form: mantissa * 10^exp, built exactly.
  int exp = std::stoi(s.substr(e + 1));
  z3::expr mant = ctx.real_val(s.substr(0, e).c_str());
  std::string pow = "1" + std::string(static_cast<size_t>(std::abs(exp)), '0');
  return exp >= 0 ? mant * ctx.real_val(pow.c_str()) : mant / ctx.real_val(pow.c_str());
}

std::vector<uint32_t> merge_sorted(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (b.empty()) return a;
  if (a.empty()) return b;
  std::vector<uint32_t> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

namespace {

// IR strings are bytes; every byte becomes one Z3 character (escaped, because
// Z3 reads escape sequences in string literals).
z3::expr bytes_val(z3::context& ctx, const std::string& s) {
  std::string esc;
  for (unsigned char ch : s) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == ' ') {
      esc += static_cast<char>(ch);
    } else {
      esc += fmt::format("\\u{{{:x}}}", ch);
    }
  }
  return ctx.string_val(esc.c_str());
}

z3::expr zero_of(z3::context& ctx, ir::Type t) {
  switch (t) {
    case ir::Type::Bool: return ctx.bool_val(false);
    case ir::Type::Num: return ctx.real_val(0);
    case ir::Type::Str: return ctx.string_val("");
    case ir::Type::Enum: return ctx.int_val(0);
  }
  return ctx.bool_val(false);
}

// The structure of register r of p as text: equal for two registers that compute the
// same thing (the lowering does not share constants other than numbers).
std::string shape(const ir::Program& p, ir::Reg r, std::unordered_map<ir::Reg, std::string>& memo) {
  auto it = memo.find(r);
  if (it != memo.end()) return it->second;
  const ir::Instr& in = p.code[r];
  std::string out = ir::op_name(in.op);
  if (in.op == Op::Field) {
    out += std::to_string(in.a);
  } else if (in.op == Op::Const) {
    const ir::Constant& k = in.value;
    out += k.missing ? "?" : fmt::format("{}:{}:{}:{}:{:?}", static_cast<int>(in.type), k.b, k.num, k.member, k.str);
  } else {
    out += "(";
    for (ir::Reg x : {in.a, in.b, in.c})
      if (x != ir::kNoReg && x < r) out += shape(p, x, memo) + ",";
    out += ")";
  }
  return memo[r] = out;
}

}  // namespace

Encoder::Encoder(z3::context& ctx, const ir::Program& program, double as_of, unsigned relate_timeout_ms)
    : ctx_(ctx), program_(program), as_of_(as_of), text_(ctx, program) {
  if (program.activity) some_of_aggregate_.assign(program.activity->aggregates.size(), ctx.bool_val(false));
  for (size_t i = 0; i < program.inputs.size(); ++i) make_input(i);
  if (program.activity) relations_ = relate_aggregates(program, inputs_, some_of_aggregate_, as_of, relate_timeout_ms);
  size_t n = program.code.size();
  known_.reserve(n);
  value_.reserve(n);
  true_.reserve(n);
  deps_.resize(n);
  for (ir::Reg r = 0; r < n; ++r) encode(r);
}

z3::expr Encoder::domain(const std::vector<uint32_t>& inputs) const {
  z3::expr_vector parts(ctx_);
  for (uint32_t i : inputs) parts.push_back(inputs_[i].domain);
  for (const Relation& rel : relations_) {
    if (std::includes(inputs.begin(), inputs.end(), rel.inputs.begin(), rel.inputs.end())) parts.push_back(rel.holds);
  }
  return z3::mk_and(parts);
}

z3::expr Encoder::domain_for(const z3::expr& formula) const {
  std::vector<uint32_t> used;
  std::unordered_set<unsigned> seen;
  std::vector<z3::expr> stack{formula};
  while (!stack.empty()) {
    z3::expr e = stack.back();
    stack.pop_back();
    if (!seen.insert(e.id()).second || !e.is_app()) continue;
    unsigned n = e.num_args();
    if (n == 0) {
      auto it = input_of_var_.find(e.id());
      if (it != input_of_var_.end()) used.push_back(it->second);
    }
    for (unsigned k = 0; k < n; ++k) stack.push_back(e.arg(k));
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  return domain(used);
}

void Encoder::make_input(size_t i) {
  const ir::Input& in = program_.inputs[i];
  std::string base = fmt::format("in{}_{}", i, in.field);
  z3::expr known = in.optional ? ctx_.bool_const((base + "?").c_str()) : ctx_.bool_val(true);
  z3::expr raw = ctx_.bool_val(false), value = raw, domain = ctx_.bool_val(true), fallback = raw;
  switch (in.kind) {
    case FieldKind::Bool:
      raw = value = ctx_.bool_const(base.c_str());
      fallback = ctx_.bool_val(false);
      break;
    case FieldKind::Int:
      raw = ctx_.int_const(base.c_str());
      value = z3::to_real(raw);
      fallback = ctx_.int_val(0);
      break;
    case FieldKind::Number:
    case FieldKind::Duration:
      raw = ctx_.real_const(base.c_str());
      value = raw * real_of(ctx_, in.scale);
      if (in.kind == FieldKind::Duration) domain = raw >= 0;
      fallback = ctx_.real_val(0);
      break;
    case FieldKind::Money:
      // Money is exact to the cent: the IR value (raw * scale) is an integer.
      raw = ctx_.real_const(base.c_str());
      value = raw * real_of(ctx_, in.scale);
      domain = raw >= 0 && z3::is_int(value);
      fallback = ctx_.real_val(0);
      break;
    case FieldKind::Date:
      raw = ctx_.int_const(base.c_str());  // days since 1970-01-01
      value = z3::to_real(raw) * ctx_.real_val(86400);
      fallback = ctx_.int_val(static_cast<int>(as_of_ / 86400));
      break;
    case FieldKind::Timestamp:
      raw = value = ctx_.real_const(base.c_str());
      fallback = real_of(ctx_, as_of_);
      break;
    case FieldKind::Text:
    case FieldKind::Email:
    case FieldKind::Phone:
      // Abstract (text_domain.h): the atoms carry the value, `raw` is not read.
      raw = value = ctx_.string_const(base.c_str());
      if (text_.abstract(i)) {
        domain = text_.domain(i);
        fallback = ctx_.string_val(text_.fallback(i).c_str());
      } else if (in.kind == FieldKind::Email) {
        domain = z3::in_re(raw, email_regex(ctx_));
        fallback = ctx_.string_val("x@example.com");
      } else if (in.kind == FieldKind::Phone) {
        domain = z3::in_re(raw, phone_regex(ctx_));
        fallback = ctx_.string_val("5550100");
      } else {
        domain = raw.length() > 0;  // an empty cell is missing (base/contact_syntax.h)
        fallback = ctx_.string_val("x");
      }
      break;
    case FieldKind::Enum: {
      raw = value = ctx_.int_const(base.c_str());
      size_t n = in.enum_id >= 0 ? program_.enums[in.enum_id].members.size() : 1;
      domain = raw >= 0 && raw < ctx_.int_val(static_cast<int>(n));
      fallback = ctx_.int_val(0);
      break;
    }
  }
  if (in.synthetic && program_.activity) aggregate_domain(in, known, raw, domain, fallback);
  if (raw.is_const()) input_of_var_.emplace(raw.id(), static_cast<uint32_t>(i));
  z3::expr is_fallback = raw == fallback;
  if (text_.abstract(i)) {
    for (const z3::expr& x : text_.vars(i)) input_of_var_.emplace(x.id(), static_cast<uint32_t>(i));
    is_fallback = text_.is_fallback(i);
  }
  // An aggregate's domain is cheap and carries its relations, so `latest(…) is known`
  // alone brings it in too.
  if (in.synthetic && known.is_const() && !known.is_true()) input_of_var_.emplace(known.id(), static_cast<uint32_t>(i));
  inputs_.push_back(InputVars{known, raw, value, domain, fallback, is_fallback});
}

// An aggregate's values: counts and weights are never negative, a decayed `any` is a
// weight in [0, 1], `latest` of a `within` window lies in it. Aggregates over the same
// condition agree on whether a matching event exists (a hidden Bool per condition):
// count >= 1 = any = not none, a weight or a sum other than 0 needs an event, and
// latest/earliest are known only with one (exactly then when the field is required).
// A matching event may weigh 0 (no time, or 2^-age underflows), hence only "needs".
// Aggregates over different conditions are related in aggregate_relations.cpp.
void Encoder::aggregate_domain(const ir::Input& in, const z3::expr& known, const z3::expr& raw, z3::expr& domain,
                               z3::expr& fallback) {
  const ir::Activity& act = *program_.activity;
  const ir::Aggregate& g = act.aggregates.at(in.aggregate);
  auto [it, fresh] = some_event_.emplace(shape(act.events, g.condition, shapes_), ctx_.bool_val(false));
  if (fresh) it->second = ctx_.bool_const(fmt::format("some_event_{}", some_event_.size()).c_str());
  const z3::expr& some = it->second;
  some_of_aggregate_.at(in.aggregate) = some;
  const z3::expr zero = ctx_.real_val(0);
  using K = ir::AggregateKind;
  switch (g.kind) {
    case K::Count: domain = raw >= 0 && (some == (raw >= 1)); break;
    case K::Any: domain = some == raw; break;
    case K::None: domain = some == !raw; fallback = ctx_.bool_val(true); break;
    case K::DecayedCount: domain = raw >= zero && z3::implies(raw > zero, some); break;
    case K::DecayedAny: domain = raw >= zero && raw <= ctx_.real_val(1) && z3::implies(raw > zero, some); break;
    case K::Sum: {
      z3::expr nonzero = raw.is_int() ? raw != ctx_.int_val(0) : raw != zero;
      domain = domain && z3::implies(nonzero, some);
      break;
    }
    case K::Latest:
    case K::Earliest: {
      const ir::Instr& field = act.events.code.at(g.value);
      const bool required = field.op == Op::Field && !act.events.inputs.at(field.a).optional;
      domain = domain && (required ? known == some : z3::implies(known, some));
      if (g.value == act.time && g.within >= 0 && in.kind == FieldKind::Timestamp)
        domain = domain && raw >= real_of(ctx_, as_of_ - g.within) && raw <= real_of(ctx_, as_of_);
      break;
    }
  }
}

void Encoder::encode(ir::Reg r) {
  const ir::Instr& in = program_.code[r];
  z3::context& c = ctx_;
  auto K = [&](ir::Reg x) { return known_[x]; };
  auto V = [&](ir::Reg x) { return value_[x]; };
  z3::expr known = c.bool_val(true), value = zero_of(c, in.type);

  auto both = [&] { return K(in.a) && K(in.b); };
  // A text predicate of an abstract input and a constant (text_domain.h).
  const z3::expr* text_atom = text_.atom_of(r);
  switch (in.op) {
    case Op::Field: {
      const InputVars& v = inputs_[in.a];
      known = v.known;
      value = v.value;
      deps_[r] = {in.a};
      break;
    }
    case Op::Const:
      if (in.value.missing) {
        known = c.bool_val(false);
      } else {
        switch (in.type) {
          case ir::Type::Bool: value = c.bool_val(in.value.b); break;
          case ir::Type::Num: value = real_of(c, in.value.num); break;
          case ir::Type::Str: value = bytes_val(c, in.value.str); break;
          case ir::Type::Enum: value = c.int_val(in.value.member); break;
        }
      }
      break;
    case Op::AsOf: value = real_of(c, as_of_); break;
    case Op::Add: known = both(); value = V(in.a) + V(in.b); break;
    case Op::Sub: known = both(); value = V(in.a) - V(in.b); break;
    case Op::Mul: known = both(); value = V(in.a) * V(in.b); break;
    case Op::Div:
      known = both() && V(in.b) != c.real_val(0);
      value = V(in.a) / V(in.b);
      break;
    case Op::Min: known = both(); value = z3::ite(V(in.a) <= V(in.b), V(in.a), V(in.b)); break;
    case Op::Max: known = both(); value = z3::ite(V(in.a) >= V(in.b), V(in.a), V(in.b)); break;
    case Op::Eq: known = both(); value = text_atom ? *text_atom : V(in.a) == V(in.b); break;
    case Op::Ne: known = both(); value = text_atom ? *text_atom : V(in.a) != V(in.b); break;
    case Op::Lt: known = both(); value = V(in.a) < V(in.b); break;
    case Op::Le: known = both(); value = V(in.a) <= V(in.b); break;
    case Op::Gt: known = both(); value = V(in.a) > V(in.b); break;
    case Op::Ge: known = both(); value = V(in.a) >= V(in.b); break;
    case Op::StartsWith: known = both(); value = text_atom ? *text_atom : z3::prefixof(V(in.b), V(in.a)); break;
    case Op::EndsWith: known = both(); value = text_atom ? *text_atom : z3::suffixof(V(in.b), V(in.a)); break;
    case Op::Contains: known = both(); value = text_atom ? *text_atom : V(in.a).contains(V(in.b)); break;
    case Op::And: {
      z3::expr ta = true_[in.a], tb = true_[in.b];
      z3::expr fa = K(in.a) && !V(in.a), fb = K(in.b) && !V(in.b);
      known = (ta && tb) || fa || fb;
      value = ta && tb;
      break;
    }
    case Op::Or: {
      z3::expr ta = true_[in.a], tb = true_[in.b];
      known = ta || tb || (K(in.a) && K(in.b));
      value = ta || tb;
      break;
    }
    case Op::Not: known = K(in.a); value = !V(in.a); break;
    case Op::IsKnown: value = K(in.a); break;
    case Op::Coalesce:
      known = K(in.a) || K(in.b);
      value = z3::ite(K(in.a), V(in.a), V(in.b));
      break;
    case Op::Select: {
      z3::expr cond = true_[in.a];
      known = z3::ite(cond, K(in.b), K(in.c));
      value = z3::ite(cond, V(in.b), V(in.c));
      break;
    }
  }
  if (in.op != Op::Field) {
    for (ir::Reg x : {in.a, in.b, in.c}) {
      if (x != ir::kNoReg && x < r) deps_[r] = merge_sorted(deps_[r], deps_[x]);
    }
  }
  known_.push_back(known);
  value_.push_back(value);
  true_.push_back(in.type == ir::Type::Bool ? known && value : c.bool_val(false));
}

}  // namespace leadc::analysis
