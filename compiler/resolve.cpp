// Builds the symbol tables of a definition and checks its declarations.
#include "compiler/resolve.h"

#include "base/cell_format.h"
#include "base/time_zone.h"
#include "compiler/typecheck.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace leadc {

double unit_seconds(std::string_view u) {
  static const std::pair<const char*, double> units[] = {
      {"second", 1},        {"seconds", 1},         {"minute", 60},        {"minutes", 60},
      {"hour", 3600},       {"hours", 3600},        {"day", 86400},        {"days", 86400},
      {"week", 7 * 86400.}, {"weeks", 7 * 86400.},  {"month", 30 * 86400.}, {"months", 30 * 86400.},
      {"year", 365 * 86400.}, {"years", 365 * 86400.}};
  for (auto& [name, secs] : units)
    if (u == name) return secs;
  return 0;
}

bool is_currency(std::string_view u) {
  return u.size() == 3 && std::all_of(u.begin(), u.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

namespace {

class Resolver {
 public:
  Resolver(Checked& c, Diagnostics& d) : c_(c), diags_(d) {}

  void run() {
    auto& m = c_.module;
    for (auto& e : m.types) declare_enum(e.name, e.members, e.span, false, &e.spellings);
    for (size_t i = 0; i < m.fields.size(); ++i) declare_value(m.fields[i].name, SymbolKind::Field, i);
    for (size_t i = 0; i < m.consts.size(); ++i) declare_value(m.consts[i].name, SymbolKind::Const, i);
    for (size_t i = 0; i < m.terms.size(); ++i) declare_value(m.terms[i].name, SymbolKind::Term, i);
    for (size_t i = 0; i < m.scores.size(); ++i) declare_value(m.scores[i].name, SymbolKind::Score, i);
    for (size_t i = 0; i < m.classifications.size(); ++i) {
      auto& cl = m.classifications[i];
      declare_value(cl.name, SymbolKind::Classification, i);
      std::vector<ast::Ident> labels;
      for (auto& l : cl.labels) labels.push_back(l.label);
      c_.classification_enum.push_back(declare_enum(cl.name, labels, cl.span, true));
      check_labels(cl);
    }
    c_.field_enum.assign(m.fields.size(), -1);
    for (size_t i = 0; i < m.fields.size(); ++i) resolve_field(m.fields[i], static_cast<int>(i));
    check_key();
    for (auto& f : m.activity_fields) resolve_field(f, -1);
    check_activity();
    for (auto& s : m.scores)
      if (s.has_range && s.lo > s.hi)
        diags_.report(DiagCode::E0205, s.name.span, fmt::format("the range of score `{}` is empty: {} > {}", s.name.name, s.lo, s.hi));
    default_outputs();
  }

 private:
  // `spellings` (parallel to members, or null for labels): the text a file uses for a
  // member. A cell must match one member only, so a name or spelling may not be another
  // member's name or spelling.
  int declare_enum(const ast::Ident& name, const std::vector<ast::Ident>& members, Span span, bool labels,
                   const std::vector<ast::Ident>* spellings = nullptr) {
    EnumInfo info;
    info.name = name.name;
    info.span = span;
    info.is_labels = labels;
    std::vector<std::pair<std::string, Span>> texts;  // every name and spelling seen, for clashes
    auto clash = [&](const std::string& text, Span at) {
      for (auto& [t, s] : texts)
        if (t == text) {
          auto& d = diags_.report(DiagCode::E0203, at,
                                  fmt::format("\"{}\" would name two members of `{}`", text, name.name));
          d.notes.push_back({s, "first used here"});
          d.help = "a cell must match exactly one member: give each member its own name and spelling";
          return true;
        }
      return false;
    };
    for (size_t i = 0; i < members.size(); ++i) {
      const ast::Ident& mem = members[i];
      if (info.member(mem.name) >= 0) {
        auto& d = diags_.report(DiagCode::E0203, mem.span,
                                fmt::format("{} `{}` is listed twice in `{}`", labels ? "label" : "member", mem.name, name.name));
        d.notes.push_back({info.member_spans[info.member(mem.name)], "first listed here"});
        continue;
      }
      std::string spelling = spellings && i < spellings->size() ? (*spellings)[i].name : "";
      if (clash(mem.name, mem.span)) continue;
      texts.emplace_back(mem.name, mem.span);
      if (!spelling.empty() && spelling != mem.name) {
        const Span at = (*spellings)[i].span;
        if (spelling.find_first_not_of(" \t") == std::string::npos || spelling.front() == ' ' || spelling.back() == ' ') {
          auto& d = diags_.report(DiagCode::E0205, at, fmt::format("the spelling of `{}` starts or ends with a space", mem.name));
          d.help = "cells are read without their surrounding spaces; write the text without them";
          spelling.clear();
        } else if (clash(spelling, at)) {
          spelling.clear();
        } else {
          texts.emplace_back(spelling, at);
        }
      } else {
        spelling.clear();
      }
      info.members.push_back(mem.name);
      info.member_spans.push_back(mem.span);
      info.spellings.push_back(spelling);
    }
    int id = static_cast<int>(c_.enums.size());
    c_.enums.push_back(std::move(info));
    if (!labels) {
      auto [it, fresh] = c_.types.emplace(name.name, id);
      if (!fresh) {
        auto& d = diags_.report(DiagCode::E0203, name.span, fmt::format("type `{}` is defined twice", name.name));
        d.notes.push_back({c_.enums[it->second].span, "first defined here"});
      }
    }
    return id;
  }

  Span value_span(const Symbol& s) const {
    auto& m = c_.module;
    switch (s.kind) {
      case SymbolKind::Field: return m.fields[s.index].name.span;
      case SymbolKind::Term: return m.terms[s.index].name.span;
      case SymbolKind::Const: return m.consts[s.index].name.span;
      case SymbolKind::Score: return m.scores[s.index].name.span;
      case SymbolKind::Classification: return m.classifications[s.index].name.span;
    }
    return {};
  }

  void declare_value(const ast::Ident& name, SymbolKind kind, size_t index) {
    auto [it, fresh] = c_.values.emplace(name.name, Symbol{kind, static_cast<int>(index)});
    if (!fresh) {
      auto& d = diags_.report(DiagCode::E0203, name.span, fmt::format("`{}` is defined twice", name.name));
      d.notes.push_back({value_span(it->second), "first defined here"});
    }
  }

  void check_labels(const ast::ClassifyDecl& cl) {
    for (size_t i = 0; i < cl.labels.size(); ++i) {
      if (!cl.labels[i].condition && i + 1 != cl.labels.size()) {
        auto& d = diags_.report(DiagCode::E0205, cl.labels[i].span,
                                fmt::format("`otherwise` must be the last label of `{}`", cl.name.name));
        d.help = "labels after `otherwise` could never be chosen; move it to the end";
      }
    }
    if (cl.labels.empty())
      diags_.report(DiagCode::E0205, cl.name.span, fmt::format("classification `{}` has no labels", cl.name.name));
  }

  // `lead_index` is the field's index in the lead block, or -1 for an activity field.
  void resolve_field(ast::Field& f, int lead_index) {
    const ast::TypeRef& t = f.type;
    Type type;
    if (t.kind == ast::TypeRef::Kind::InlineEnum) {
      type = Type::enumeration(declare_enum(f.name, t.members, t.span, false, &t.spellings));
    } else if (t.kind == ast::TypeRef::Kind::Set) {
      type = set_type(f, lead_index >= 0);
    } else if (t.kind == ast::TypeRef::Kind::Param) {
      if (t.name.name != "money") {
        diags_.report(DiagCode::E0301, t.name.span, fmt::format("type `{}` takes no parameter", t.name.name));
      } else if (!is_currency(t.param.name)) {
        auto& d = diags_.report(DiagCode::E0205, t.param.span, fmt::format("`{}` is not a currency code", t.param.name));
        d.help = "write a three-letter ISO 4217 code, e.g. `money(USD)`";
      } else {
        type = Type::money(t.param.name);
      }
    } else {
      static const std::pair<const char*, TypeKind> builtin[] = {
          {"bool", TypeKind::Bool},   {"int", TypeKind::Int},     {"number", TypeKind::Number},
          {"text", TypeKind::Text},   {"email", TypeKind::Email}, {"phone", TypeKind::Phone},
          {"date", TypeKind::Date},   {"timestamp", TypeKind::Timestamp}, {"duration", TypeKind::Duration}};
      bool found = false;
      for (auto& [n, k] : builtin)
        if (t.name.name == n) type = Type::of(k), found = true;
      if (!found) {
        auto it = c_.types.find(t.name.name);
        if (it != c_.types.end()) {
          type = Type::enumeration(it->second);
          c_.enums[it->second].used = true;
        } else if (t.name.name == "money") {
          auto& d = diags_.report(DiagCode::E0205, t.name.span, "`money` needs a currency");
          d.help = "write e.g. `money(USD)`";
        } else {
          std::vector<std::string> names = {"bool", "int", "number", "text", "email", "phone", "date",
                                            "timestamp", "duration", "money"};
          for (auto& [n, id] : c_.types) names.push_back(n);
          auto& d = diags_.report(DiagCode::E0201, t.name.span, fmt::format("undefined type `{}`", t.name.name));
          std::string near = closest_name(t.name.name, names);
          if (!near.empty()) {
            d.help = fmt::format("did you mean `{}`?", near);
            d.fixits.push_back({t.name.span, near});
          }
        }
      }
    }
    if (type.kind == TypeKind::Duration && !f.unit) {
      auto& d = diags_.report(DiagCode::E0205, f.name.span,
                              fmt::format("duration field `{}` needs the unit of its numbers in the file", f.name.name));
      d.help = fmt::format("write e.g. `{}: duration in days`", f.name.name);
    }
    if (f.unit) {
      if (type.kind != TypeKind::Duration && !type.is_error()) {
        diags_.report(DiagCode::E0205, f.unit->span, fmt::format("only duration fields take a unit; `{}` is not a duration", f.name.name));
      } else if (unit_seconds(f.unit->name) == 0) {
        auto& d = diags_.report(DiagCode::E0205, f.unit->span, fmt::format("`{}` is not a duration unit", f.unit->name));
        d.help = "use seconds, minutes, hours, days, weeks, months or years";
      }
    }
    check_format(f, type);
    if (f.separator && type.kind != TypeKind::Set && !type.is_error())
      diags_.report(DiagCode::E0205, f.separator->span,
                    fmt::format("only set fields take a separator; `{}` is {}", f.name.name, type_as_written(c_, type)));
    f.resolved = type;
    if (lead_index >= 0) c_.field_enum[lead_index] = type.kind == TypeKind::Enum ? type.enum_id : -1;
  }

  // `set of ENUM` (LANGUAGE.md section 9): the element is a declared enum or an inline
  // one (named after the field); a set is a lead field and never the key. Its cells
  // list members separated by `;` or by the field's `separator "…"`.
  Type set_type(const ast::Field& f, bool in_lead) {
    const ast::TypeRef& t = f.type;
    Type type;
    if (t.name.name.empty()) {
      type = Type::set_of(declare_enum(f.name, t.members, t.span, false, &t.spellings));
    } else if (auto it = c_.types.find(t.name.name); it != c_.types.end()) {
      type = Type::set_of(it->second);
      c_.enums[it->second].used = true;
    } else {
      std::vector<std::string> names;
      for (auto& [n, id] : c_.types) names.push_back(n);
      auto& d = diags_.report(DiagCode::E0201, t.name.span, fmt::format("undefined enum type `{}`", t.name.name));
      std::string near = closest_name(t.name.name, names);
      d.help = near.empty() ? "a set's members are an enum: declare it with `type NAME = enum { … }`"
                            : fmt::format("did you mean `{}`?", near);
      if (!near.empty()) d.fixits.push_back({t.name.span, near});
      return type;
    }
    if (!in_lead) {
      diags_.report(DiagCode::E0205, t.span, fmt::format("activity field `{}` cannot be a set; sets are lead fields", f.name.name));
      return Type{};
    }
    if (f.key) {
      diags_.report(DiagCode::E0205, f.name.span, fmt::format("key field `{}` cannot be a set", f.name.name));
      return Type{};
    }
    if (f.separator) {
      const std::string& sep = f.separator->name;
      if (sep.empty() || sep.find_first_not_of(" \t") == std::string::npos || sep.find_first_of("\"\r\n") != std::string::npos) {
        auto& d = diags_.report(DiagCode::E0205, f.separator->span, fmt::format("invalid separator for `{}`", f.name.name));
        d.help = "write the text between two members, e.g. `separator \"|\"`; it cannot be blank or hold a quote or a line break";
      }
    }
    // A member whose text holds the separator could never be read from a cell: the
    // reader splits the cell there first.
    const std::string sep = f.separator ? f.separator->name : ";";
    const EnumInfo* e = type.enum_id >= 0 ? &c_.enums[static_cast<size_t>(type.enum_id)] : nullptr;
    for (size_t m = 0; e && !sep.empty() && m < e->members.size(); ++m) {
      const std::string& spelling = m < e->spellings.size() ? e->spellings[m] : "";
      const std::string& text = spelling.find(sep) != std::string::npos ? spelling : e->members[m];
      if (text.find(sep) == std::string::npos) continue;
      auto& d = diags_.report(DiagCode::E0205, f.separator ? f.separator->span : f.type.span,
                              fmt::format("set field `{}` is separated by \"{}\", which the text \"{}\" of member `{}` holds",
                                          f.name.name, sep, text, e->members[m]));
      d.notes.push_back({e->member_spans[m], "the member is declared here"});
      d.help = "a cell could never list that member: choose a separator no member's text holds";
      break;
    }
    return type;
  }

  // `format` and `zone` (LANGUAGE.md section 9): a pattern the cell reader can use for the
  // field's type (base/cell_format.h decides, for both), a zone of the time-zone database.
  void check_format(const ast::Field& f, const Type& type) {
    if (type.is_error()) return;
    const bool time = type.kind == TypeKind::Date || type.kind == TypeKind::Timestamp;
    const bool number = type.kind == TypeKind::Int || type.kind == TypeKind::Number || type.kind == TypeKind::Money;
    if (f.format) {
      std::string why;
      cellfmt::Epoch epoch;
      if (!time && !number) {
        why = fmt::format("only date, timestamp, int, number and money fields take a format; `{}` is {}", f.name.name,
                          type_as_written(c_, type));
      } else if (f.named_format) {
        if (!time || !cellfmt::epoch_format(f.format->name, epoch))
          why = time ? fmt::format("`{}` is not a format; write a pattern such as \"MM/DD/YYYY\", or epoch_seconds or epoch_millis",
                                   f.format->name)
                     : "a number's format is a pattern by example, such as \"1,234.56\" or \"1.234,56\"";
      } else if (time) {
        cellfmt::TimePattern p;
        why = cellfmt::compile_time_pattern(f.format->name, p);
      } else {
        cellfmt::NumberPattern p;
        why = cellfmt::compile_number_pattern(f.format->name, type.kind == TypeKind::Int, p);
      }
      if (!why.empty()) {
        auto& d = diags_.report(DiagCode::E0205, f.format->span, fmt::format("invalid format for `{}`", f.name.name));
        d.help = why;
      }
    }
    if (f.zone) {
      if (type.kind != TypeKind::Timestamp) {
        diags_.report(DiagCode::E0205, f.zone->span,
                      fmt::format("only timestamp fields take a zone; `{}` is {}", f.name.name, type_as_written(c_, type)));
      } else if (f.format && f.named_format) {
        diags_.report(DiagCode::E0205, f.zone->span,
                      fmt::format("`{}` is a Unix time, which is the same instant in every zone: remove the zone", f.name.name));
      } else if (!tz::find_zone(f.zone->name)) {
        auto& d = diags_.report(DiagCode::E0205, f.zone->span, fmt::format("`{}` is not a time zone", f.zone->name));
        const std::string near = tz::closest_zone(f.zone->name);
        if (!near.empty()) {
          d.help = fmt::format("did you mean \"{}\"?", near);
          d.fixits.push_back({f.zone->span, "\"" + near + "\""});
        } else {
          d.help = "write an IANA zone name such as \"America/New_York\" or \"Europe/Berlin\"";
        }
      }
    }
  }

  // The activity block: its own names, one key of the lead key's type, and the time
  // field that `within` and `decay` measure from.
  void check_activity() {
    auto& m = c_.module;
    if (!m.has_activity) return;
    std::vector<int> keys, times;
    for (size_t i = 0; i < m.activity_fields.size(); ++i) {
      const ast::Field& f = m.activity_fields[i];
      auto [it, fresh] = c_.activity_values.emplace(f.name.name, static_cast<int>(i));
      if (!fresh) {
        auto& d = diags_.report(DiagCode::E0203, f.name.span, fmt::format("activity field `{}` is defined twice", f.name.name));
        d.notes.push_back({m.activity_fields[it->second].name.span, "first defined here"});
        continue;
      }
      if (f.key) keys.push_back(static_cast<int>(i));
      if (f.resolved.is_time()) times.push_back(static_cast<int>(i));
    }
    if (keys.empty()) {
      auto& d = diags_.report(DiagCode::E0205, m.activity_span, "the activity block has no `key` field");
      d.help = "mark the field that names the lead, e.g. `lead_id: text key`";
    }
    for (size_t i = 1; i < keys.size(); ++i) {
      auto& d = diags_.report(DiagCode::E0205, m.activity_fields[keys[i]].name.span, "an activity has exactly one `key` field");
      d.notes.push_back({m.activity_fields[keys[0]].name.span, "the key is already declared here"});
    }
    if (!keys.empty()) {
      const ast::Field& k = m.activity_fields[keys[0]];
      c_.activity_key = keys[0];
      if (k.optional) diags_.report(DiagCode::E0205, k.name.span, fmt::format("key field `{}` cannot be optional", k.name.name));
      for (auto& f : m.fields) {
        if (!f.key || f.resolved.is_error() || k.resolved.is_error() || f.resolved == k.resolved) continue;
        auto& d = diags_.report(DiagCode::E0301, k.name.span,
                                fmt::format("the activity key `{}` must have the type of the lead key `{}`", k.name.name, f.name.name));
        d.notes.push_back({f.name.span, "the lead key is declared here"});
      }
    }
    auto at = c_.activity_values.find("at");
    if (at != c_.activity_values.end() && m.activity_fields[at->second].resolved.is_time()) c_.activity_time = at->second;
    else if (times.size() == 1) c_.activity_time = times[0];
  }

  void check_key() {
    auto& m = c_.module;
    if (!m.has_lead) {
      Span s{c_.root, 0, 0, 1, 1};
      auto& d = diags_.report(DiagCode::E0205, s, "the definition has no `lead { … }` block");
      d.help = "declare the columns of a lead file, e.g. `lead { lead_id: text key }`";
      return;
    }
    std::vector<const ast::Field*> keys;
    for (auto& f : m.fields)
      if (f.key) keys.push_back(&f);
    if (keys.empty()) {
      auto& d = diags_.report(DiagCode::E0205, m.lead_span, "the lead block has no `key` field");
      d.help = "mark the id column, e.g. `lead_id: text key`";
    }
    for (size_t i = 1; i < keys.size(); ++i) {
      auto& d = diags_.report(DiagCode::E0205, keys[i]->name.span, "a lead has exactly one `key` field");
      d.notes.push_back({keys[0]->name.span, "the key is already declared here"});
    }
    for (auto* k : keys)
      if (k->optional) diags_.report(DiagCode::E0205, k->name.span, fmt::format("key field `{}` cannot be optional", k->name.name));
  }

  void default_outputs() {
    auto& m = c_.module;
    if (m.output) {
      c_.outputs = *m.output;
      return;
    }
    for (auto& f : m.fields)
      if (f.key) c_.outputs.push_back(f.name);
    for (auto& s : m.scores) c_.outputs.push_back(s.name);
    for (auto& cl : m.classifications) c_.outputs.push_back(cl.name);
  }

  Checked& c_;
  Diagnostics& diags_;
};

template <typename T>
void move_all(std::vector<T>& into, std::vector<T>& from) {
  for (auto& x : from) into.push_back(std::move(x));
  from.clear();
}

}  // namespace

std::unique_ptr<Checked> resolve(std::vector<std::unique_ptr<ast::Module>> modules, Diagnostics& diags) {
  auto c = std::make_unique<Checked>();
  if (modules.empty()) return c;
  c->root = modules[0]->file;
  ast::Module& merged = c->module;
  merged.file = modules[0]->file;
  merged.name = modules[0]->name;
  merged.version = modules[0]->version;
  merged.owner = modules[0]->owner;
  merged.output = std::move(modules[0]->output);
  merged.examples = std::move(modules[0]->examples);
  for (auto& m : modules) {
    move_all(merged.imports, m->imports);
    move_all(merged.types, m->types);
    if (m->has_lead && !merged.has_lead) merged.lead_span = m->lead_span;
    merged.has_lead |= m->has_lead;
    move_all(merged.fields, m->fields);
    if (m->has_activity && !merged.has_activity) merged.activity_span = m->activity_span;
    merged.has_activity |= m->has_activity;
    move_all(merged.activity_fields, m->activity_fields);
    move_all(merged.consts, m->consts);
    move_all(merged.terms, m->terms);
    move_all(merged.scores, m->scores);
    move_all(merged.classifications, m->classifications);
  }
  Resolver(*c, diags).run();
  return c;
}

}  // namespace leadc
