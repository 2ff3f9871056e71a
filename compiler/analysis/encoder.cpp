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

void set_nonlinear_params(z3::params& p, bool nonlinear) {
  if (nonlinear) p.set("arith.solver", 2u);
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

}  // namespace

Encoder::Encoder(z3::context& ctx, const ir::Program& program, const z3::expr& as_of, const std::string& prefix,
                 uint64_t relate_rlimit, bool share)
    : ctx_(ctx), program_(program), as_of_(as_of), prefix_(prefix), text_(ctx, program, prefix), share_(share) {
  if (program.activity) activity_ = std::make_unique<ActivityEncoding>(ctx, program, as_of, relate_rlimit);
  for (size_t i = 0; i < program.inputs.size(); ++i) make_input(i);
  if (activity_) relations_ = activity_->relations(inputs_);
  nonlinear_ = activity_ && activity_->nonlinear();
  size_t n = program.code.size();
  known_.reserve(n);
  value_.reserve(n);
  true_.reserve(n);
  timed_.reserve(n);
  inexact_.reserve(n);
  deps_.resize(n);
  tree_.reserve(n);
  for (ir::Reg r = 0; r < n; ++r) encode(r);
}

Encoder::~Encoder() = default;

bool Encoder::approximate(const std::vector<uint32_t>& inputs) const {
  if (!activity_) return false;
  return std::any_of(inputs.begin(), inputs.end(), [&](uint32_t i) {
    const ir::Input& in = program_.inputs[i];
    return in.synthetic && activity_->approximate(static_cast<size_t>(in.aggregate));
  });
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
  std::vector<size_t> defs;
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
      auto d = def_of_var_.find(e.id());
      if (d != def_of_var_.end()) {
        defs.push_back(d->second);
        stack.push_back(defs_[d->second]);
      }
    }
    for (unsigned k = 0; k < n; ++k) stack.push_back(e.arg(k));
  }
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  if (defs.empty()) return domain(used);
  std::sort(defs.begin(), defs.end());
  defs.erase(std::unique(defs.begin(), defs.end()), defs.end());
  z3::expr_vector parts(ctx_);
  parts.push_back(domain(used));
  for (size_t d : defs) parts.push_back(defs_[d]);
  return z3::mk_and(parts);
}

void Encoder::make_input(size_t i) {
  const ir::Input& in = program_.inputs[i];
  std::string base = fmt::format("{}in{}_{}", prefix_, i, in.field);
  z3::expr known = in.optional ? ctx_.bool_const((base + "?").c_str()) : ctx_.bool_val(true);
  // A set's members are read from one cell: known together (ir.h), member 0's flag.
  if (in.kind == FieldKind::Set && in.set_member > 0) known = inputs_[i - static_cast<size_t>(in.set_member)].known;
  z3::expr raw = ctx_.bool_val(false), value = raw, domain = ctx_.bool_val(true), fallback = raw;
  switch (in.kind) {
    case FieldKind::Set:  // one Boolean per member (is this member listed)
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
      fallback = ctx_.int_val(static_cast<int>(kDefaultAsOf / 86400));
      break;
    case FieldKind::Timestamp:
      raw = value = ctx_.real_const(base.c_str());
      fallback = real_of(ctx_, kDefaultAsOf);
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
  if (in.synthetic && activity_) {
    domain = domain && activity_->domain(static_cast<size_t>(in.aggregate), known, value);
    if (program_.activity->aggregates.at(in.aggregate).kind == ir::AggregateKind::None) fallback = ctx_.bool_val(true);
  }
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

void Encoder::encode(ir::Reg r) {
  const ir::Instr& in = program_.code[r];
  z3::context& c = ctx_;
  auto K = [&](ir::Reg x) { return known_[x]; };
  auto V = [&](ir::Reg x) { return value_[x]; };
  z3::expr known = c.bool_val(true), value = zero_of(c, in.type);
  bool inexact = false;

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
          case ir::Type::Str:
            if (in.value.str.size() > kMaxSolverText) {
              value = z3::expr(c, Z3_mk_fresh_const(c, "long_text", c.string_sort()));
              inexact = true;
            } else {
              value = bytes_val(c, in.value.str);
            }
            break;
          case ir::Type::Enum: value = c.int_val(in.value.member); break;
        }
      }
      break;
    case Op::AsOf: value = as_of_; break;
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
  auto varies = [&](ir::Reg x) { return !deps_[x].empty() || timed_[x]; };
  if ((in.op == Op::Mul && varies(in.a) && varies(in.b)) || (in.op == Op::Div && varies(in.b))) nonlinear_ = true;
  bool timed = in.op == Op::AsOf;
  if (in.op == Op::Field) {
    const ir::Input& input = program_.inputs[in.a];
    timed = input.synthetic && activity_ && activity_->timed(static_cast<size_t>(input.aggregate));
  } else {
    for (ir::Reg x : {in.a, in.b, in.c}) timed = timed || (x != ir::kNoReg && x < r && timed_[x]);
  }
  timed_.push_back(timed);
  // A predicate the text abstraction decides does not read its literal.
  if (!text_atom && in.op != Op::Field) {
    for (ir::Reg x : {in.a, in.b, in.c}) inexact = inexact || (x != ir::kNoReg && x < r && inexact_[x]);
  }
  inexact_.push_back(inexact);
  uint64_t tree = 1;
  if (in.op != Op::Field) {
    for (ir::Reg x : {in.a, in.b, in.c}) {
      if (x != ir::kNoReg && x < r) tree += tree_[x];
    }
  }
  if (share_ && tree > kShareAbove && (in.type == ir::Type::Bool || in.type == ir::Type::Num)) {
    // Named once; every register that reads r reads the names.
    z3::expr_vector def(c);
    if (!known.is_true() && !known.is_false()) {
      z3::expr k(c, Z3_mk_fresh_const(c, "known", c.bool_sort()));
      def.push_back(k == known);
      known = k;
    }
    z3::expr v(c, Z3_mk_fresh_const(c, "value", value.get_sort()));
    def.push_back(v == value);
    value = v;
    defs_.push_back(z3::mk_and(def));
    def_of_var_.emplace(value.id(), defs_.size() - 1);
    if (known.is_const() && !known.is_true() && !known.is_false()) def_of_var_.emplace(known.id(), defs_.size() - 1);
    tree = 1;
  }
  tree_.push_back(std::min<uint64_t>(tree, uint64_t{1} << 40));
  known_.push_back(known);
  value_.push_back(value);
  true_.push_back(in.type == ir::Type::Bool ? known && value : c.bool_val(false));
}

}  // namespace leadc::analysis
