#include "runtime/suggested_example.h"

#include <fmt/format.h>

#include "base/json.h"
#include "runtime/evaluator.h"
#include "runtime/examples.h"
#include "runtime/output_format.h"

namespace leadc::rt {

namespace {

ir::Constant constant_of(const Column& c) {
  ir::Constant k;
  if (c.known.empty() || !c.known[0]) {
    k.missing = true;
    return k;
  }
  switch (c.type) {
    case ir::Type::Bool: k.b = c.b[0] != 0; break;
    case ir::Type::Num: k.num = c.num[0]; break;
    case ir::Type::Enum: k.member = c.member[0]; break;
    case ir::Type::Str: k.str = std::string(c.str[0]); break;
  }
  return k;
}

// The names an expectation lists: the classification, then the outputs that are not
// lead fields (those are what `given` says), each once.
std::vector<const ir::NamedValue*> expected_names(const ir::Program& p, size_t classification) {
  std::vector<const ir::NamedValue*> out;
  auto add = [&](const std::string& name) {
    const ir::NamedValue* n = p.find_name(name);
    if (!n || n->kind == ir::NameKind::Field) return;
    for (const ir::NamedValue* o : out)
      if (o == n) return;
    out.push_back(n);
  };
  add(p.classifications[classification].name);
  for (const ir::Output& o : p.outputs) add(o.name);
  return out;
}

std::string member_name(const ir::Program& p, int32_t enum_id, int32_t member) {
  if (enum_id < 0 || static_cast<size_t>(enum_id) >= p.enums.size()) return "missing";
  const auto& members = p.enums[static_cast<size_t>(enum_id)].members;
  if (member < 0 || static_cast<size_t>(member) >= members.size()) return "missing";
  return members[static_cast<size_t>(member)];
}

struct Run {
  std::vector<std::string> problems;
  Registers regs;
  bool ok = false;
};

Run run(const ir::Program& p, const std::vector<ir::Example::Given>& given, double as_of, const EventList& events) {
  Run r;
  Batch batch = given_batch(p, given, 1, r.problems, events, as_of);
  auto interp = make_interpreter(p, EvalContext{as_of});
  if (!interp) {
    r.problems.push_back(interp.error());
    return r;
  }
  (*interp)->evaluate(batch, r.regs);
  r.ok = true;
  return r;
}

}  // namespace

std::string literal_text(const ir::Program& p, const ir::NamedValue& n, const ir::Constant& k) {
  if (k.missing) return "missing";
  const ir::Output& o = n.value;
  std::string s;
  switch (o.display) {
    case ir::Display::Bool: return k.b ? "true" : "false";
    case ir::Display::Text: append_json_string(s, k.str); return s;
    case ir::Display::Enum: return member_name(p, o.enum_id, k.member);
    case ir::Display::Date: append_date(s, k.num); return s;
    case ir::Display::Timestamp: append_timestamp(s, k.num); return s;
    case ir::Display::Number: break;
    case ir::Display::Set: return k.b ? "true" : "false";  // one member's Bool (callers group a set's members)
  }
  if (o.type == ir::Type::Enum) return member_name(p, o.enum_id, k.member);
  Column col;
  col.reset(ir::Type::Num, 1);
  col.known[0] = 1;
  col.num[0] = k.num;
  s = format_cell(p, o, col, 0);
  if (!n.unit.empty()) {
    std::string unit = n.unit;  // `1 day`, as explain writes it
    if (k.num / o.scale == 1 && unit.size() > 1 && unit.back() == 's') unit.pop_back();
    s += " " + unit;
  }
  return s;
}

SuggestedExample suggest_expectations(const ir::Program& p, const std::vector<ir::Example::Given>& lead, double as_of,
                                      size_t classification, size_t label, bool with_aggregates,
                                      const EventList& events) {
  SuggestedExample out;
  // As pasted: aggregates are not given (a witness shows them as comments).
  std::vector<ir::Example::Given> given;
  for (const ir::Example::Given& g : lead)
    if (with_aggregates || !p.inputs[g.input].synthetic) given.push_back(g);
  const ir::Classification& cls = p.classifications[classification];
  Run now = run(p, given, as_of, events);
  out.problems = now.problems;
  if (!now.ok || !out.problems.empty()) return out;
  const Column& result = now.regs.regs[cls.reg];
  const ir::NamedValue* named = p.find_name(cls.name);
  out.got = named ? literal_text(p, *named, constant_of(result)) : "";
  out.reaches = result.known[0] && result.member[0] == cls.labels[label].member;
  // A year later: expectations that change with the as-of time need the example's `as_of`.
  Run later = run(p, given, as_of + 366 * 86400.0, events);
  for (const ir::NamedValue* n : expected_names(p, classification)) {
    const std::string value = literal_text(p, *n, constant_of(now.regs.regs[n->value.reg]));
    if (later.ok && literal_text(p, *n, constant_of(later.regs.regs[n->value.reg])) != value) out.timed = true;
    out.expect += fmt::format("{}{} == {}", out.expect.empty() ? "" : ", ", n->value.name, value);
  }
  return out;
}

}  // namespace leadc::rt
