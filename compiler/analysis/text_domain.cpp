// The finite abstraction of text inputs (see text_domain.h). One "part" is a string
// over an alphabet (any byte; e-mail local or host part; phone characters) that is
// never empty, with the constants it is compared with. Its variables:
//   sel   Int: which `==` constant it equals (0: none of them),
//   psel  Int: its longest `starts_with` constant (0: none), likewise ssel for suffixes,
//   W(w)  Bool per `contains` constant w.
// `starts_with p` is "psel is a constant that starts with p", so the true prefixes
// always form a chain. The constraints (built in Part::finish) say what equality to a
// constant fixes and which constants contain which. Exactness: if sel names e, the
// value is e and every atom is determined. If not, the value
//   p* Z w1 Z w2 … Z q*   (p*, q*: the chosen prefix and suffix; wi: the true
//                          contains constants; Z: the filler, a character no
//                          constant of the part holds, repeated for a phone)
// meets every true atom, and no false one: an occurrence of a constant cannot touch
// Z, so it lies inside p*, q* or a wi, and the constraints make it true then; it
// equals no constant since it holds Z. The reader accepts it (non-empty; for a phone
// Z is a digit repeated kMinPhoneDigits times). `witness` builds exactly this string.
#include "compiler/analysis/text_domain.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "base/contact_syntax.h"
#include "base/text_ops.h"

namespace leadc::analysis {

using ir::FieldKind;
using ir::Op;

bool text_holds(TextPred pred, std::string_view s, std::string_view c) {
  switch (pred) {
    case TextPred::Eq: return text::equal(s, c);
    case TextPred::Prefix: return text::starts_with(s, c);
    case TextPred::Suffix: return text::ends_with(s, c);
    case TextPred::Contains: return text::contains(s, c);
  }
  return false;
}

namespace {

enum class Alphabet : uint8_t { Any, EmailPart, Phone };

bool in_alphabet(Alphabet a, unsigned char ch) {
  switch (a) {
    case Alphabet::Any: return true;
    case Alphabet::EmailPart: return ch != '@' && !contact::is_email_space(ch);
    case Alphabet::Phone: return (ch >= '0' && ch <= '9') || contact::is_phone_separator(static_cast<char>(ch));
  }
  return false;
}

bool in_alphabet(Alphabet a, std::string_view s) {
  return std::all_of(s.begin(), s.end(), [&](char ch) { return in_alphabet(a, static_cast<unsigned char>(ch)); });
}

// A whole value of the part that the reader accepts (an e-mail part is checked as a
// whole e-mail by the field).
bool part_value_ok(Alphabet a, std::string_view s) {
  if (contact::text_is_missing(s) || !in_alphabet(a, s)) return false;
  return a != Alphabet::Phone || contact::phone_is_valid(s);
}

// Fillers in order of preference: readable letters first.
constexpr std::string_view kTextFillers =
    "xqzjkvwyXQZJKVWYbfghmnprstuBFGHMNPRSTUcdeilaoCDEILAO_~-+=*#%&!?:;,.0123456789";
constexpr std::string_view kPhoneFillers = "5072468139";

}  // namespace

struct Part {
  Alphabet alpha;
  std::string name;
  // Constants by predicate, sorted, unique, within the alphabet (Eq: whole values).
  std::vector<std::string> eq, prefix, suffix, contains;
  std::optional<z3::expr> sel, psel, ssel;
  std::vector<z3::expr> w;  // by contains index
  std::string filler;       // Z
  z3::expr_vector constraints;

  Part(z3::context& ctx, Alphabet a, std::string n) : alpha(a), name(std::move(n)), constraints(ctx) {}

  void want(TextPred pred, const std::string& c) {
    if (c.empty() || !in_alphabet(alpha, c)) return;  // a constant atom (expr below)
    if (pred == TextPred::Eq && !part_value_ok(alpha, c)) return;
    list(pred).push_back(c);
  }
  std::vector<std::string>& list(TextPred pred) {
    switch (pred) {
      case TextPred::Eq: return eq;
      case TextPred::Prefix: return prefix;
      case TextPred::Suffix: return suffix;
      case TextPred::Contains: return contains;
    }
    return eq;
  }
  static size_t index_of(const std::vector<std::string>& v, const std::string& c) {
    return static_cast<size_t>(std::lower_bound(v.begin(), v.end(), c) - v.begin());
  }

  // Sorts the constants and picks the filler; false when no character can be one.
  bool plan() {
    std::set<unsigned char> used;
    for (auto* v : {&eq, &prefix, &suffix, &contains}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
      for (const std::string& c : *v) used.insert(c.begin(), c.end());
    }
    for (char ch : alpha == Alphabet::Phone ? kPhoneFillers : kTextFillers) {
      const auto u = static_cast<unsigned char>(ch);
      if (in_alphabet(alpha, u) && !used.count(u)) {
        filler = std::string(alpha == Alphabet::Phone ? contact::kMinPhoneDigits : 1, ch);
        return true;
      }
    }
    return false;
  }

  z3::expr is(const z3::expr& v, size_t k) const { return v == v.ctx().int_val(static_cast<int>(k)); }

  // Variables and constraints (after plan()).
  void finish(z3::context& ctx) {
    auto selector = [&](const char* what, const std::vector<std::string>& v) -> std::optional<z3::expr> {
      if (v.empty()) return std::nullopt;
      z3::expr x = ctx.int_const(fmt::format("{}_{}", name, what).c_str());
      constraints.push_back(x >= 0 && x <= ctx.int_val(static_cast<int>(v.size())));
      return x;
    };
    sel = selector("eq", eq);
    psel = selector("prefix", prefix);
    ssel = selector("suffix", suffix);
    for (size_t k = 0; k < contains.size(); ++k) w.push_back(ctx.bool_const(fmt::format("{}_contains{}", name, k).c_str()));
    // The longest constant of `v` that `s` starts (ends) with, as a selector value.
    auto longest = [](const std::vector<std::string>& v, std::string_view s, TextPred pred) {
      size_t best = 0, len = 0;
      for (size_t k = 0; k < v.size(); ++k) {
        if (text_holds(pred, s, v[k]) && (best == 0 || v[k].size() > len)) best = k + 1, len = v[k].size();
      }
      return best;
    };
    // Equal to e: the chosen prefix and suffix are e's, and e's contains hold.
    std::vector<z3::expr_vector> containing(contains.size(), z3::expr_vector(ctx));
    for (size_t k = 0; k < eq.size(); ++k) {
      z3::expr_vector then(ctx);
      if (psel) then.push_back(is(*psel, longest(prefix, eq[k], TextPred::Prefix)));
      if (ssel) then.push_back(is(*ssel, longest(suffix, eq[k], TextPred::Suffix)));
      for (size_t j = 0; j < contains.size(); ++j) {
        if (!text::contains(eq[k], contains[j])) continue;
        then.push_back(w[j]);
        containing[j].push_back(is(*sel, k + 1));
      }
      if (!then.empty()) constraints.push_back(z3::implies(is(*sel, k + 1), z3::mk_and(then)));
    }
    // A contains constant holds of a value equal to a constant only if that one has it.
    for (size_t j = 0; j < contains.size(); ++j) {
      if (!sel) continue;
      containing[j].push_back(is(*sel, 0));
      constraints.push_back(z3::implies(w[j], z3::mk_or(containing[j])));
    }
    // The chosen prefix (suffix) and every contains constant hold what they contain.
    auto implies_contains = [&](const std::optional<z3::expr>& s, const std::vector<std::string>& v) {
      for (size_t k = 0; k < v.size(); ++k) {
        for (size_t j = 0; j < contains.size(); ++j) {
          if (text::contains(v[k], contains[j])) constraints.push_back(z3::implies(is(*s, k + 1), w[j]));
        }
      }
    };
    implies_contains(psel, prefix);
    implies_contains(ssel, suffix);
    for (size_t k = 0; k < contains.size(); ++k) {
      for (size_t j = 0; j < contains.size(); ++j) {
        if (j != k && text::contains(contains[k], contains[j])) constraints.push_back(z3::implies(w[k], w[j]));
      }
    }
  }

  // The Bool "the part satisfies pred with c".
  z3::expr atom(z3::context& ctx, TextPred pred, const std::string& c) const {
    if (c.empty()) return ctx.bool_val(pred != TextPred::Eq);
    if (!in_alphabet(alpha, c)) return ctx.bool_val(false);
    switch (pred) {
      case TextPred::Eq: {
        if (!part_value_ok(alpha, c)) return ctx.bool_val(false);
        return is(*sel, index_of(eq, c) + 1);
      }
      case TextPred::Prefix:
      case TextPred::Suffix: {
        const bool pre = pred == TextPred::Prefix;
        const std::vector<std::string>& v = pre ? prefix : suffix;
        z3::expr_vector any(ctx);
        for (size_t k = 0; k < v.size(); ++k) {
          if (text_holds(pred, v[k], c)) any.push_back(is(pre ? *psel : *ssel, k + 1));
        }
        return z3::mk_or(any);
      }
      case TextPred::Contains: return w[index_of(contains, c)];
    }
    return ctx.bool_val(false);
  }

  void vars(std::vector<z3::expr>& out) const {
    for (auto* s : {&sel, &psel, &ssel})
      if (*s) out.push_back(**s);
    out.insert(out.end(), w.begin(), w.end());
  }

  z3::expr is_fallback(z3::context& ctx) const {
    z3::expr_vector parts(ctx);
    for (auto* s : {&sel, &psel, &ssel})
      if (*s) parts.push_back(is(**s, 0));
    for (const z3::expr& x : w) parts.push_back(!x);
    return z3::mk_and(parts);
  }

  std::string witness(const z3::model& m) const {
    auto chosen = [&](const std::optional<z3::expr>& s) -> size_t {
      if (!s) return 0;
      z3::expr v = m.eval(*s, true);
      int64_t k = 0;
      return v.is_numeral_i64(k) && k > 0 ? static_cast<size_t>(k) : 0;
    };
    if (size_t e = chosen(sel); e > 0 && e <= eq.size()) return eq[e - 1];
    std::string out;
    if (size_t p = chosen(psel); p > 0 && p <= prefix.size()) out += prefix[p - 1];
    out += filler;
    for (size_t j = 0; j < contains.size(); ++j) {
      if (m.eval(w[j], true).is_true()) out += contains[j] + filler;
    }
    if (size_t s = chosen(ssel); s > 0 && s <= suffix.size()) out += suffix[s - 1];
    return out;
  }
};

struct TextDomain::Field {
  FieldKind kind;
  std::vector<Part> parts;  // one; an e-mail: local, host
  std::map<std::pair<TextPred, std::string>, std::optional<z3::expr>> atoms;
  std::string fallback;
  std::optional<z3::expr> domain, is_fallback;

  // The parts' requests for the field's atom (pred, c), or its expression.
  z3::expr expr(z3::context& ctx, TextPred pred, const std::string& c, bool request) {
    if (kind != FieldKind::Email) {
      if (request) parts[0].want(pred, c);
      return request ? ctx.bool_val(false) : parts[0].atom(ctx, pred, c);
    }
    Part& local = parts[0];
    Part& host = parts[1];
    const size_t at = c.find('@');
    const bool spaces = std::any_of(c.begin(), c.end(), [](char ch) { return contact::is_email_space(static_cast<unsigned char>(ch)); });
    if (spaces || (at != std::string::npos && c.find('@', at + 1) != std::string::npos)) return ctx.bool_val(false);
    if (at == std::string::npos) {
      // Without `@`: inside one part.
      switch (pred) {
        case TextPred::Eq: return ctx.bool_val(false);  // an e-mail holds `@`
        case TextPred::Prefix:
          if (request) local.want(pred, c);
          return request ? ctx.bool_val(false) : local.atom(ctx, pred, c);
        case TextPred::Suffix:
          if (request) host.want(pred, c);
          return request ? ctx.bool_val(false) : host.atom(ctx, pred, c);
        case TextPred::Contains:
          if (request) local.want(pred, c), host.want(pred, c);
          return request ? ctx.bool_val(false) : local.atom(ctx, pred, c) || host.atom(ctx, pred, c);
      }
    }
    const std::string x = c.substr(0, at), y = c.substr(at + 1);
    // One `@`: the local part's side x and the host's side y.
    TextPred lp = TextPred::Suffix, hp = TextPred::Prefix;  // contains
    if (pred == TextPred::Eq || pred == TextPred::Prefix) lp = TextPred::Eq;
    if (pred == TextPred::Eq || pred == TextPred::Suffix) hp = TextPred::Eq;
    if (request) {
      local.want(lp, x);
      host.want(hp, y);
      return ctx.bool_val(false);
    }
    return local.atom(ctx, lp, x) && host.atom(ctx, hp, y);
  }
};

TextDomain::~TextDomain() = default;
TextDomain::TextDomain(TextDomain&&) noexcept = default;

namespace {

bool is_text_kind(FieldKind k) { return k == FieldKind::Text || k == FieldKind::Email || k == FieldKind::Phone; }

std::optional<TextPred> pred_of(Op op) {
  switch (op) {
    case Op::Eq:
    case Op::Ne: return TextPred::Eq;
    case Op::StartsWith: return TextPred::Prefix;
    case Op::EndsWith: return TextPred::Suffix;
    case Op::Contains: return TextPred::Contains;
    default: return std::nullopt;
  }
}

}  // namespace

TextDomain::TextDomain(z3::context& ctx, const ir::Program& p, const std::string& prefix) {
  const size_t n = p.inputs.size();
  std::vector<bool> exact(n, true);
  struct Use {
    ir::Reg reg;
    uint32_t input;
    TextPred pred;
    const std::string* constant;
  };
  std::vector<Use> uses;
  auto text_field = [&](ir::Reg r) -> int {
    const ir::Instr& in = p.code[r];
    return in.op == Op::Field && in.type == ir::Type::Str && is_text_kind(p.inputs[in.a].kind) ? static_cast<int>(in.a) : -1;
  };
  auto text_const = [&](ir::Reg r) {
    const ir::Instr& in = p.code[r];
    return in.op == Op::Const && in.type == ir::Type::Str && !in.value.missing;
  };
  for (ir::Reg r = 0; r < p.code.size(); ++r) {
    const ir::Instr& in = p.code[r];
    if (in.op == Op::Field || in.op == Op::Const || in.op == Op::IsKnown) continue;
    std::optional<TextPred> pred = pred_of(in.op);
    if (pred && in.a != ir::kNoReg && in.b != ir::kNoReg) {
      int fa = text_field(in.a), fb = text_field(in.b);
      if (fa >= 0 && text_const(in.b)) {
        uses.push_back({r, static_cast<uint32_t>(fa), *pred, &p.code[in.b].value.str});
        continue;
      }
      // `"c" == field` is the same atom; `"c" starts_with field` is not one.
      if (fb >= 0 && text_const(in.a) && *pred == TextPred::Eq) {
        uses.push_back({r, static_cast<uint32_t>(fb), *pred, &p.code[in.a].value.str});
        continue;
      }
    }
    // Any other use of a text field's value needs the sequence theory.
    for (ir::Reg x : ir::operands(in)) {
      if (int f = text_field(x); f >= 0) exact[static_cast<size_t>(f)] = false;
    }
  }
  fields_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const ir::Input& in = p.inputs[i];
    if (!is_text_kind(in.kind) || !exact[i]) continue;
    auto f = std::make_unique<Field>();
    f->kind = in.kind;
    const std::string base = fmt::format("{}in{}_{}", prefix, i, in.field);
    if (in.kind == FieldKind::Email) {
      f->parts.emplace_back(ctx, Alphabet::EmailPart, base + "@local");
      f->parts.emplace_back(ctx, Alphabet::EmailPart, base + "@host");
    } else {
      f->parts.emplace_back(ctx, in.kind == FieldKind::Phone ? Alphabet::Phone : Alphabet::Any, base);
    }
    fields_[i] = std::move(f);
  }
  for (const Use& u : uses) {
    if (fields_[u.input]) fields_[u.input]->expr(ctx, u.pred, *u.constant, true);
  }
  for (size_t i = 0; i < n; ++i) {
    Field* f = fields_[i].get();
    if (!f) continue;
    bool ok = true;
    for (Part& part : f->parts) ok = ok && part.plan();
    if (!ok) {
      fields_[i].reset();  // no filler character: the sequence theory decides it
      continue;
    }
    z3::expr_vector all(ctx), fb(ctx);
    for (Part& part : f->parts) {
      part.finish(ctx);
      for (const z3::expr& c : part.constraints) all.push_back(c);
      fb.push_back(part.is_fallback(ctx));
    }
    f->domain = z3::mk_and(all);
    f->is_fallback = z3::mk_and(fb);
    f->fallback = f->kind == FieldKind::Email ? f->parts[0].filler + "@" + f->parts[1].filler : f->parts[0].filler;
  }
  for (const Use& u : uses) {
    Field* f = fields_[u.input].get();
    if (!f) continue;
    auto key = std::make_pair(u.pred, *u.constant);
    auto it = f->atoms.find(key);
    if (it == f->atoms.end()) it = f->atoms.emplace(key, f->expr(ctx, u.pred, *u.constant, false)).first;
    atoms_.emplace(u.reg, p.code[u.reg].op == Op::Ne ? !*it->second : *it->second);
  }
}

bool TextDomain::abstract(size_t input) const { return input < fields_.size() && fields_[input]; }

const z3::expr* TextDomain::atom_of(ir::Reg r) const {
  auto it = atoms_.find(r);
  return it == atoms_.end() ? nullptr : &it->second;
}

z3::expr TextDomain::domain(size_t input) const { return *fields_.at(input)->domain; }

std::vector<z3::expr> TextDomain::vars(size_t input) const {
  std::vector<z3::expr> out;
  for (const Part& part : fields_.at(input)->parts) part.vars(out);
  return out;
}

const std::string& TextDomain::fallback(size_t input) const { return fields_.at(input)->fallback; }

z3::expr TextDomain::is_fallback(size_t input) const { return *fields_.at(input)->is_fallback; }

std::string TextDomain::witness(size_t input, const z3::model& model, bool* ok) const {
  const Field& f = *fields_.at(input);
  std::string s = f.parts[0].witness(model);
  if (f.kind == FieldKind::Email) s += "@" + f.parts[1].witness(model);
  if (ok) {
    bool good = !contact::text_is_missing(s);
    if (f.kind == FieldKind::Email) good = good && contact::email_is_valid(s);
    if (f.kind == FieldKind::Phone) good = good && contact::phone_is_valid(s);
    for (const auto& [key, atom] : f.atoms) {
      good = good && model.eval(*atom, true).is_true() == text_holds(key.first, s, key.second);
    }
    *ok = good;
  }
  return s;
}

namespace {

z3::expr char_re(z3::context& ctx, unsigned lo, unsigned hi) {
  return z3::range(ctx.string_val(fmt::format("\\u{{{:x}}}", lo).c_str()), ctx.string_val(fmt::format("\\u{{{:x}}}", hi).c_str()));
}

}  // namespace

z3::expr email_regex(z3::context& ctx) {
  // Bytes other than white space (\t..\r and space) and `@`, one or more, on each side.
  // (tests/unit/analysis/text_domain_test.cpp checks it against email_is_valid.)
  z3::expr byte = char_re(ctx, 0, '\t' - 1) + char_re(ctx, '\r' + 1, ' ' - 1) + char_re(ctx, ' ' + 1, '@' - 1) +
                  char_re(ctx, '@' + 1, 0xff);
  z3::expr word = z3::plus(byte);
  return z3::concat(word, z3::concat(z3::to_re(ctx.string_val("@")), word));
}

z3::expr phone_regex(z3::context& ctx) {
  // kMinPhoneDigits digits or more, with separators anywhere.
  z3::expr digit = z3::range(ctx.string_val("0"), ctx.string_val("9"));
  std::optional<z3::expr> sep;
  for (char c : contact::kPhoneSeparators) {
    z3::expr one = char_re(ctx, static_cast<unsigned char>(c), static_cast<unsigned char>(c));
    sep = sep ? *sep + one : one;
  }
  z3::expr seps = z3::star(*sep);
  z3::expr out = z3::concat(seps, digit);
  for (int k = 1; k < contact::kMinPhoneDigits; ++k) out = z3::concat(out, z3::concat(seps, digit));
  return z3::concat(out, z3::star(*sep + digit));
}

}  // namespace leadc::analysis
