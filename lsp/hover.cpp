// Hover: what the name under the cursor is — a field's column, type and unit, a
// term's definition and type, a label's condition, a score's rules and range, an
// enum member's type.
#include <fmt/format.h>

#include "compiler/typecheck.h"
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

std::string code_block(const std::string& text) { return "```lead\n" + text + "\n```"; }

std::string field_text(const Checked& c, const ast::Field& f, const char* block) {
  std::string s = fmt::format("**{} field** `{}`: `{}{}`", block, f.name.name, type_as_written(c, f.resolved),
                              f.optional ? "?" : "");
  if (f.key) s += " (key)";
  s += fmt::format("\n\ncolumn: `{}`", f.from ? f.from->name : f.name.name);
  if (f.unit) s += fmt::format("\n\nunit: `{}`", f.unit->name);
  if (f.format) s += f.named_format ? fmt::format("\n\nformat: `{}`", f.format->name)
                                    : fmt::format("\n\nformat: `\"{}\"`", f.format->name);
  if (f.zone) s += fmt::format("\n\nzone: `\"{}\"`", f.zone->name);
  return s;
}

std::string describe(const Checked& c, const Entity& e) {
  const ast::Module& m = c.module;
  switch (e.kind) {
    case EntityKind::Field: return field_text(c, m.fields[e.index], "lead");
    case EntityKind::ActivityField: return field_text(c, m.activity_fields[e.index], "activity");
    case EntityKind::Term: {
      const auto& t = m.terms[e.index];
      return fmt::format("**term** `{}`: `{}`\n\n{}", t.name.name, type_as_written(c, c.term_types[e.index]),
                         code_block(one_line_text(t.span)));
    }
    case EntityKind::Const: {
      const auto& k = m.consts[e.index];
      return fmt::format("**const** `{}`: `{}`\n\n{}", k.name.name, type_as_written(c, c.const_types[e.index]),
                         code_block(one_line_text(k.span)));
    }
    case EntityKind::Score: {
      const auto& s = m.scores[e.index];
      std::string out = fmt::format("**score** `{}`", s.name.name);
      if (s.has_range) out += fmt::format(" (range {}..{})", s.lo, s.hi);
      std::string rules;
      for (const auto& r : s.rules) rules += one_line_text(r.span) + "\n";
      if (s.decay) rules += "decay half_life " + one_line_text(s.decay->span) + "\n";
      if (!rules.empty()) rules.pop_back();
      return out + "\n\n" + code_block(rules);
    }
    case EntityKind::Classification: {
      const auto& cl = m.classifications[e.index];
      std::string labels;
      for (const auto& l : cl.labels) labels += (labels.empty() ? "`" : ", `") + l.label.name + "`";
      return fmt::format("**classification** `{}` ({})\n\nlabels: {}", cl.name.name,
                         cl.unique ? "unique" : "first match", labels);
    }
    case EntityKind::Member: {
      const EnumInfo& info = c.enums[e.index];
      const std::string& name = info.members[e.member];
      if (info.is_labels) {
        // A label: the rule of its classification that chooses it.
        for (size_t k = 0; k < m.classifications.size(); ++k) {
          if (c.classification_enum[k] != e.index) continue;
          for (const auto& l : m.classifications[k].labels) {
            if (l.label.name != name) continue;
            return fmt::format("**label** `{}` of `{}`\n\n{}", name, m.classifications[k].name.name,
                               l.condition ? code_block("when " + one_line_text(l.condition->span)) : "otherwise");
          }
        }
      }
      std::string out = fmt::format("**member** `{}` of type `{}`", name, info.name);
      // The text a file may use for it besides its name (a picklist value).
      if (static_cast<size_t>(e.member) < info.spellings.size() && !info.spellings[e.member].empty())
        out += fmt::format("\n\nspelled in files: `\"{}\"`", info.spellings[e.member]);
      return out;
    }
    case EntityKind::Type: {
      const EnumInfo& info = c.enums[e.index];
      std::string members;
      for (const auto& n : info.members) members += (members.empty() ? "" : ", ") + n;
      return fmt::format("**type** `{}`\n\n{}", info.name, code_block("enum { " + members + " }"));
    }
  }
  return "";
}

}  // namespace

json hover(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  auto a = ws.current(doc);
  if (!a->index) return nullptr;
  const Occurrence* o = a->index->at(&a->root(), offset_of(a->root(), params.at("position")));
  if (!o) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", describe(*a->checked(), o->entity)}}},
          {"range", range_of(o->span)}};
}

}  // namespace leadc::lsp
