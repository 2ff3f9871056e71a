// A readable dump of the AST for `leadc compile --emit ast`: S-expressions for
// expressions, one line per declaration.
#include <fmt/format.h>

#include "compiler/ast.h"

namespace leadc::ast {

std::string dump(const Expr& e) {
  auto args = [&](size_t from = 0) {
    std::string s;
    for (size_t i = from; i < e.args.size(); ++i) s += " " + (e.args[i] ? dump(*e.args[i]) : std::string("_"));
    return s;
  };
  switch (e.kind) {
    case ExprKind::Number: return e.text;
    case ExprKind::Quantity: return fmt::format("({} {})", e.number, e.text);
    case ExprKind::String: return fmt::format("\"{}\"", e.text);
    case ExprKind::Date: return e.text;
    case ExprKind::Bool: return e.boolean ? "true" : "false";
    case ExprKind::Missing: return "missing";
    case ExprKind::Name: return e.text;
    case ExprKind::Neg: return fmt::format("(neg{})", args());
    case ExprKind::Arith: case ExprKind::Compare: case ExprKind::TextOp:
      return fmt::format("({}{})", e.text, args());
    case ExprKind::InRange: return fmt::format("({}in-range{})", e.negated ? "not-" : "", args());
    case ExprKind::InList: return fmt::format("({}in-list{})", e.negated ? "not-" : "", args());
    case ExprKind::IsKnown: return fmt::format("({}{})", e.negated ? "is-missing" : "is-known", args());
    case ExprKind::Within: return fmt::format("(within{})", args());
    case ExprKind::Not: return fmt::format("(not{})", args());
    case ExprKind::And: return fmt::format("(and{})", args());
    case ExprKind::Or: return fmt::format("(or{})", args());
    case ExprKind::KnownCall: return fmt::format("(known{})", args());
    case ExprKind::Call: return fmt::format("({}{})", e.text, args());
    case ExprKind::Aggregate: return fmt::format("({} activity{}{})", e.text, e.field.empty() ? "" : "." + e.field, args());
    case ExprKind::Has: return fmt::format("({}{})", e.text == "has" ? "has" : "has-" + e.text, args());
    case ExprKind::IsEmpty: return fmt::format("({}{})", e.negated ? "is-not-empty" : "is-empty", args());
    case ExprKind::SetLit: return fmt::format("(set{})", args());
  }
  return "?";
}

std::string dump(const Module& m) {
  std::string out;
  if (!m.name.empty()) out += fmt::format("definition \"{}\" version \"{}\"\n", m.name, m.version);
  for (auto& i : m.imports) out += fmt::format("import {}{}\n", i.std_module ? "std." : "", i.path);
  for (auto& t : m.types) {
    out += fmt::format("type {} = enum {{", t.name.name);
    for (size_t i = 0; i < t.members.size(); ++i) out += (i ? ", " : " ") + t.members[i].name;
    out += " }\n";
  }
  for (auto& f : m.fields) {
    std::string type = f.type.name.name;
    if (f.type.kind == TypeRef::Kind::Param) type += "(" + f.type.param.name + ")";
    if (f.type.kind == TypeRef::Kind::InlineEnum) type = "enum{…}";
    if (f.type.kind == TypeRef::Kind::Set) type = "set of " + (f.type.name.name.empty() ? std::string("enum{…}") : f.type.name.name);
    out += fmt::format("field {}: {}{}{}{}{}\n", f.name.name, type, f.optional ? "?" : "", f.key ? " key" : "",
                       f.unit ? " in " + f.unit->name : "", f.from ? " from \"" + f.from->name + "\"" : "");
  }
  for (auto& k : m.consts) out += fmt::format("const {} = {}\n", k.name.name, dump(*k.value));
  for (auto& t : m.terms) out += fmt::format("term {} = {}\n", t.name.name, dump(*t.value));
  for (auto& s : m.scores) {
    out += fmt::format("score {}{}\n", s.name.name, s.has_range ? fmt::format(" ({}..{})", s.lo, s.hi) : "");
    for (auto& r : s.rules)
      out += fmt::format("  {:+} {} {}{}\n", r.points, r.kind == ScoreRule::Kind::When ? "when" : "per", dump(*r.expr),
                         r.cap ? fmt::format(" max {}", *r.cap) : "");
  }
  for (auto& c : m.classifications) {
    out += fmt::format("classify {} ({})\n", c.name.name, c.unique ? "unique" : "first match");
    for (auto& l : c.labels)
      out += fmt::format("  {} {}\n", l.label.name, l.condition ? "when " + dump(*l.condition) : "otherwise");
  }
  if (m.output) {
    out += "output";
    for (auto& o : *m.output) out += " " + o.name;
    out += "\n";
  }
  for (auto& e : m.examples) {
    out += fmt::format("example \"{}\"\n", e.title);
    for (auto& b : e.given) out += fmt::format("  given {} = {}\n", b.name.name, dump(*b.value));
    if (e.has_events) out += fmt::format("  events {}\n", e.events.size());
    for (size_t i = 0; i < e.events.size(); ++i)
      for (auto& b : e.events[i]) out += fmt::format("    event {} {} = {}\n", i + 1, b.name.name, dump(*b.value));
    for (auto& b : e.expect) {
      std::string value = dump(*b.value);
      for (auto& v : b.more) value += ", " + dump(*v);
      out += b.op == "in" ? fmt::format("  expect {} in [{}]\n", b.name.name, value)
                          : fmt::format("  expect {} {} {}\n", b.name.name, b.op, value);
    }
  }
  return out;
}

}  // namespace leadc::ast
