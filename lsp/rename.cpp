// Rename: every occurrence of the name under the cursor, in this file and its
// imports; refused, with the reason, when the new name is not a name, is a keyword,
// or is taken, and when the name is declared in a standard module (`import std.NAME`:
// those files are leadc's, shared by every definition, not the author's to edit).
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "compiler/syntax/parse.h"
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

// What already answers to NAME where ENTITY would, or "".
std::string taken_by(const Checked& c, const Entity& e, const std::string& name) {
  static const char* kinds[] = {"field", "term", "const", "score", "classification"};
  switch (e.kind) {
    case EntityKind::Member: {
      const EnumInfo& info = c.enums[e.index];
      if (info.member(name) >= 0) return fmt::format("`{}` already has a {} `{}`", info.name,
                                                      info.is_labels ? "label" : "member", name);
      return "";
    }
    case EntityKind::Type:
      return c.types.count(name) ? fmt::format("a type `{}` already exists", name) : "";
    case EntityKind::ActivityField:
      return c.activity_values.count(name) ? fmt::format("the activity block already has a field `{}`", name) : "";
    default:
      if (auto it = c.values.find(name); it != c.values.end())
        return fmt::format("a {} `{}` already exists", kinds[static_cast<int>(it->second.kind)], name);
      return "";
  }
}

}  // namespace

json rename(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  auto a = ws.current(doc);
  if (!a->index) throw RequestError(kRequestFailed, "the document has syntax errors; fix them to rename");
  const Occurrence* o = a->index->at(&a->root(), offset_of(a->root(), params.at("position")));
  if (!o) throw RequestError(kRequestFailed, "there is no declared name here to rename");
  const std::string new_name = params.at("newName").get<std::string>();
  const std::string old_name = a->index->name(o->entity);
  const std::vector<const SourceFile*>& standard = a->compilation.standard_modules;
  if (const Span decl = a->index->declaration(o->entity);
      decl.file && std::find(standard.begin(), standard.end(), decl.file) != standard.end())
    throw RequestError(kRequestFailed,
                       fmt::format("`{}` is declared in the standard module `std.{}`, which cannot be renamed", old_name,
                                   std::filesystem::path(decl.file->path).stem().string()));
  static const std::regex identifier(R"([A-Za-z_][A-Za-z0-9_]*)");
  if (!std::regex_match(new_name, identifier))
    throw RequestError(kRequestFailed, fmt::format("`{}` is not a name (letters, digits and `_`)", new_name));
  for (const std::string& k : keywords())
    if (k == new_name) throw RequestError(kRequestFailed, fmt::format("`{}` is a keyword", new_name));
  if (new_name != old_name)
    if (std::string why = taken_by(*a->checked(), o->entity, new_name); !why.empty())
      throw RequestError(kRequestFailed, "cannot rename `" + old_name + "` to `" + new_name + "`: " + why);
  json changes = json::object();
  for (const Occurrence* r : a->index->occurrences(o->entity))
    changes[uri_of_path(r->span.file->path)].push_back({{"range", range_of(r->span)}, {"newText", new_name}});
  // A lead field without `from` reads the column of its name: keep reading it.
  if (o->entity.kind == EntityKind::Field || o->entity.kind == EntityKind::ActivityField) {
    const auto& fields = o->entity.kind == EntityKind::Field ? a->checked()->module.fields
                                                             : a->checked()->module.activity_fields;
    const ast::Field& f = fields[o->entity.index];
    if (!f.from && f.span.valid()) {
      Span end{f.span.file, f.span.end, f.span.end, 0, 0};
      std::tie(end.line, end.col) = f.span.file->line_col(f.span.end);
      changes[uri_of_path(f.span.file->path)].push_back(
          {{"range", range_of(end)}, {"newText", fmt::format(" from \"{}\"", old_name)}});
    }
  }
  return {{"changes", changes}};
}

}  // namespace leadc::lsp
