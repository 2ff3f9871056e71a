// Names of IR ops and kinds, input lookups, and the human-readable listing printed by
// `leadc compile --emit ir`: inputs, enums, one line per register, then the
// source-level structure (terms, scores, classifications, outputs) by register.
#include "compiler/ir/ir.h"

#include <fmt/format.h>

#include <algorithm>

namespace leadc::ir {

const char* op_name(Op op) {
  switch (op) {
#define LEADC_IR_NAME(name, n, doc) \
  case Op::name:                    \
    return #name;
    LEADC_IR_OPS(LEADC_IR_NAME)
#undef LEADC_IR_NAME
  }
  return "?";
}

int op_arity(Op op) {
  switch (op) {
#define LEADC_IR_ARITY(name, n, doc) \
  case Op::name:                     \
    return n;
    LEADC_IR_OPS(LEADC_IR_ARITY)
#undef LEADC_IR_ARITY
  }
  return 0;
}

Operands operands(const Instr& ins) {
  return Operands{{ins.a, ins.b, ins.c}, op_arity(ins.op)};
}

std::vector<bool> required_registers(const Program& p) {
  std::vector<bool> required(p.code.size(), false);
  auto mark = [&](Reg r) {
    if (r != kNoReg && r < required.size()) required[r] = true;
  };
  for (const Output& o : p.outputs)
    for (Reg r : o.display == Display::Set ? set_registers(p, o) : std::vector<Reg>{o.reg}) mark(r);
  for (const Term& t : p.terms) mark(t.reg);
  for (const ConstDecl& c : p.consts) mark(c.reg);
  for (const Score& s : p.scores) {
    mark(s.unclamped);
    mark(s.reg);
    for (const ScoreRule& rule : s.rules) {
      mark(rule.condition);
      mark(rule.per_value);
      mark(rule.contribution);
    }
  }
  for (const Classification& c : p.classifications) {
    mark(c.reg);
    for (const Label& l : c.labels) mark(l.condition);
  }
  return required;
}

const char* field_kind_name(FieldKind k) {
  switch (k) {
    case FieldKind::Bool: return "bool";
    case FieldKind::Int: return "int";
    case FieldKind::Number: return "number";
    case FieldKind::Text: return "text";
    case FieldKind::Email: return "email";
    case FieldKind::Phone: return "phone";
    case FieldKind::Date: return "date";
    case FieldKind::Timestamp: return "timestamp";
    case FieldKind::Duration: return "duration";
    case FieldKind::Money: return "money";
    case FieldKind::Enum: return "enum";
    case FieldKind::Set: return "set";
  }
  return "?";
}

std::vector<Reg> set_registers(const Program& p, const Output& o) {
  std::vector<Reg> regs;
  if (o.display != Display::Set || o.enum_id < 0 || static_cast<size_t>(o.enum_id) >= p.enums.size()) return regs;
  for (size_t m = 0; m < p.enums[o.enum_id].members.size(); ++m) regs.push_back(o.reg + static_cast<Reg>(m));
  return regs;
}

const std::string& set_separator(const Input& in) {
  static const std::string semicolon = ";";
  return in.separator.empty() ? semicolon : in.separator;
}

const std::string& set_separator(const Program& p, const Output& o) {
  static const std::string semicolon = ";";
  if (o.reg >= p.code.size() || p.code[o.reg].op != Op::Field || p.code[o.reg].a >= p.inputs.size()) return semicolon;
  return set_separator(p.inputs[p.code[o.reg].a]);
}

NamedValue input_named_value(const Input& in, Reg reg) {
  NamedValue n;
  n.kind = NameKind::Field;
  n.unit = in.unit;
  Output& o = n.value;
  o.name = in.field;
  o.reg = reg;
  o.type = in.type;
  o.enum_id = in.enum_id;
  o.scale = in.scale;
  switch (in.kind) {
    case FieldKind::Bool: o.display = Display::Bool; break;
    case FieldKind::Text: case FieldKind::Email: case FieldKind::Phone: o.display = Display::Text; break;
    case FieldKind::Enum: o.display = Display::Enum; break;
    case FieldKind::Set: o.display = Display::Set; break;
    case FieldKind::Date: o.display = Display::Date; break;
    case FieldKind::Timestamp: o.display = Display::Timestamp; break;
    case FieldKind::Int: case FieldKind::Number: case FieldKind::Duration: case FieldKind::Money:
      o.display = Display::Number;
      break;
  }
  return n;
}

const char* aggregate_kind_name(AggregateKind k) {
  switch (k) {
    case AggregateKind::Count: return "count";
    case AggregateKind::Any: return "any";
    case AggregateKind::None: return "none";
    case AggregateKind::Sum: return "sum";
    case AggregateKind::Latest: return "latest";
    case AggregateKind::Earliest: return "earliest";
    case AggregateKind::DecayedCount: return "decayed_count";
    case AggregateKind::DecayedAny: return "decayed_any";
  }
  return "?";
}

int Program::key_input() const {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].key) return static_cast<int>(i);
  }
  return -1;
}

int Program::find_input(const std::string& field) const {
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].field == field) return static_cast<int>(i);
  }
  return -1;
}

const NamedValue* Program::find_name(const std::string& name) const {
  auto it = std::lower_bound(names.begin(), names.end(), name,
                             [](const NamedValue& n, const std::string& key) { return n.value.name < key; });
  return it != names.end() && it->value.name == name ? &*it : nullptr;
}

const char* type_name(Type t) {
  switch (t) {
    case Type::Bool: return "Bool";
    case Type::Num: return "Num";
    case Type::Str: return "Str";
    case Type::Enum: return "Enum";
  }
  return "?";
}

namespace {

const char* display_name(Display d) {
  switch (d) {
    case Display::Bool: return "bool";
    case Display::Number: return "number";
    case Display::Text: return "text";
    case Display::Enum: return "enum";
    case Display::Date: return "date";
    case Display::Timestamp: return "timestamp";
    case Display::Set: return "set";
  }
  return "?";
}

std::string reg(Reg r) { return r == kNoReg ? std::string("-") : fmt::format("%{}", r); }

std::string enum_member(const Program& p, int32_t enum_id, int32_t member) {
  if (enum_id >= 0 && static_cast<size_t>(enum_id) < p.enums.size()) {
    const EnumType& e = p.enums[enum_id];
    if (member >= 0 && static_cast<size_t>(member) < e.members.size()) {
      return fmt::format("{}.{}", e.name, e.members[member]);
    }
  }
  return fmt::format("#{}:{}", enum_id, member);
}

std::string constant(const Program& p, const Instr& in) {
  const Constant& c = in.value;
  if (c.missing) return "missing";
  switch (in.type) {
    case Type::Bool: return c.b ? "true" : "false";
    case Type::Num: return fmt::format("{}", c.num);
    case Type::Str: return fmt::format("{:?}", c.str);
    case Type::Enum: return enum_member(p, in.enum_id, c.member);
  }
  return "?";
}

std::string instr_line(const Program& p, Reg r) {
  const Instr& in = p.code[r];
  std::string rhs;
  switch (in.op) {
    case Op::Field: {
      std::string name = in.a < p.inputs.size() ? p.inputs[in.a].field : "?";
      rhs = fmt::format("Field ${} ({})", in.a, name);
      break;
    }
    case Op::Const: rhs = fmt::format("Const {}", constant(p, in)); break;
    default: {
      rhs = op_name(in.op);
      const Reg ops[3] = {in.a, in.b, in.c};
      for (int i = 0; i < op_arity(in.op); ++i) {
        rhs += (i == 0 ? " " : ", ") + reg(ops[i]);
      }
    }
  }
  std::string type = type_name(in.type);
  if (in.type == Type::Enum && in.enum_id >= 0 && static_cast<size_t>(in.enum_id) < p.enums.size()) {
    type += "(" + p.enums[in.enum_id].name + ")";
  }
  return fmt::format("  %{} = {} : {}\n", r, rhs, type);
}

}  // namespace

std::string print(const Program& p) {
  std::string out = fmt::format("definition {:?}\n", p.name);
  out += "inputs:\n";
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const Input& in = p.inputs[i];
    out += fmt::format("  ${} {}: {}", i, in.field, field_kind_name(in.kind));
    if (in.kind == FieldKind::Enum && in.enum_id >= 0 && static_cast<size_t>(in.enum_id) < p.enums.size()) {
      out += "(" + p.enums[in.enum_id].name + ")";
    }
    if (in.kind == FieldKind::Set && in.enum_id >= 0 && static_cast<size_t>(in.enum_id) < p.enums.size() &&
        in.set_member >= 0 && static_cast<size_t>(in.set_member) < p.enums[in.enum_id].members.size()) {
      out += fmt::format("({}.{} sep {:?})", p.enums[in.enum_id].name, p.enums[in.enum_id].members[in.set_member],
                         set_separator(in));
    }
    if (in.synthetic) out += fmt::format(" aggregate {}", in.aggregate);
    else if (in.column != in.field) out += fmt::format(" column {:?}", in.column);
    if (!in.unit.empty()) out += " unit " + in.unit;
    if (in.scale != 1) out += fmt::format(" scale {}", in.scale);
    if (in.optional) out += " optional";
    if (in.key) out += " key";
    out += fmt::format(" : {}\n", type_name(in.type));
  }
  if (!p.enums.empty()) {
    out += "enums:\n";
    for (size_t i = 0; i < p.enums.size(); ++i) {
      out += fmt::format("  #{} {} {{ {} }}\n", i, p.enums[i].name, fmt::join(p.enums[i].members, ", "));
    }
  }
  out += "code:\n";
  for (Reg r = 0; r < p.code.size(); ++r) out += instr_line(p, r);
  if (!p.consts.empty()) {
    out += "consts:\n";
    for (const ConstDecl& c : p.consts) out += fmt::format("  const {} = {}\n", c.name, reg(c.reg));
  }
  if (!p.terms.empty()) {
    out += "terms:\n";
    for (const Term& t : p.terms) {
      out += fmt::format("  {} {} = {}\n", t.is_condition ? "condition" : "term", t.name, reg(t.reg));
    }
  }
  if (!p.scores.empty()) {
    out += "scores:\n";
    for (const Score& s : p.scores) {
      out += fmt::format("  score {}", s.name);
      if (s.has_range) out += fmt::format(" in [{}, {}]", s.lo, s.hi);
      out += fmt::format(" = {} (unclamped {})\n", reg(s.reg), reg(s.unclamped));
      for (const ScoreRule& rule : s.rules) {
        if (rule.condition != kNoReg) {
          out += fmt::format("    {:+} when {}", rule.points, reg(rule.condition));
        } else {
          out += fmt::format("    {:+} per {}", rule.points, reg(rule.per_value));
        }
        if (rule.cap >= 0) out += fmt::format(" max {}", rule.cap);
        out += fmt::format(" -> {}\n", reg(rule.contribution));
      }
    }
  }
  if (!p.classifications.empty()) {
    out += "classifications:\n";
    for (const Classification& c : p.classifications) {
      out += fmt::format("  classify {} ({}) = {}\n", c.name, c.unique ? "unique" : "first match", reg(c.reg));
      for (const Label& l : c.labels) {
        if (l.condition == kNoReg) {
          out += fmt::format("    {} otherwise\n", l.name);
        } else {
          out += fmt::format("    {} when {}\n", l.name, reg(l.condition));
        }
      }
    }
  }
  out += "outputs:\n";
  for (const Output& o : p.outputs) {
    out += fmt::format("  {} = {} : {}", o.name, reg(o.reg), display_name(o.display));
    if (o.scale != 1) out += fmt::format(" / {}", o.scale);
    out += "\n";
  }
  if (p.activity) {
    const Activity& a = *p.activity;
    out += "activity:\n";
    for (size_t i = 0; i < a.aggregates.size(); ++i) {
      const Aggregate& g = a.aggregates[i];
      out += fmt::format("  aggregate {} {} where {}", i, aggregate_kind_name(g.kind), reg(g.condition));
      if (g.value != kNoReg) out += fmt::format(" value {}", reg(g.value));
      if (g.within >= 0) out += fmt::format(" within {}", g.within);
      if (g.half_life > 0) out += fmt::format(" half_life {}", g.half_life);
      out += fmt::format(" -> ${}\n", g.input);
    }
    out += fmt::format("events (key ${}, time {}):\n", a.key_input, a.time == kNoReg ? "none" : reg(a.time));
    std::string events = print(a.events);
    for (size_t start = 0; start < events.size();) {
      size_t end = events.find('\n', start);
      if (end == std::string::npos) end = events.size();
      out += "  " + events.substr(start, end - start) + "\n";
      start = end + 1;
    }
  }
  return out;
}

}  // namespace leadc::ir
