// Completion by context: the members of the right enum (or the labels of the right
// classification) after `==`, `!=` and `in [`; units after a number; types after
// `name:` in a block; else the names an expression may use and the keywords.
#include <regex>
#include <set>

#include "compiler/syntax/parse.h"
#include "compiler/typecheck.h"
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

// LSP CompletionItemKind values.
enum { kFunction = 3, kField = 5, kVariable = 6, kUnit = 11, kValue = 12, kEnum = 13, kKeyword = 14,
       kEnumMember = 20, kConstant = 21, kTypeParameter = 25 };

// The words that begin a declaration at the top of a file; the other keywords go
// inside declarations.
const std::set<std::string> kDeclarationWords = {"definition", "import", "type", "lead", "activity", "const",
                                                 "term", "score", "classify", "output", "example"};

json item(const std::string& label, int kind, const std::string& detail = "", const char* sort = "1") {
  json i{{"label", label}, {"kind", kind}, {"sortText", std::string(sort) + label}};
  if (!detail.empty()) i["detail"] = detail;
  return i;
}

// The enum id of the value NAME stands for, or -1.
int enum_of(const Checked& c, const std::string& name) {
  auto it = c.values.find(name);
  Type t;
  if (it != c.values.end()) {
    int i = it->second.index;
    switch (it->second.kind) {
      case SymbolKind::Field: t = c.module.fields[i].resolved; break;
      case SymbolKind::Term: t = c.term_types[i]; break;
      case SymbolKind::Const: t = c.const_types[i]; break;
      case SymbolKind::Classification: return c.classification_enum[i];
      case SymbolKind::Score: return -1;
    }
  } else if (auto a = c.activity_values.find(name); a != c.activity_values.end()) {
    t = c.module.activity_fields[a->second].resolved;
  }
  return t.kind == TypeKind::Enum ? t.enum_id : -1;
}

// Brace depth at OFFSET, skipping strings and `//` comments.
int depth_at(const std::string& text, uint32_t offset) {
  int depth = 0;
  for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '"') {
      while (++i < offset && text[i] != '"' && text[i] != '\n') {
      }
    } else if (ch == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < offset && text[i] != '\n') ++i;
    } else if (ch == '{') {
      ++depth;
    } else if (ch == '}' && depth > 0) {
      --depth;
    }
  }
  return depth;
}

}  // namespace

json completion(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  SourceFile file(doc.path, doc.text);
  uint32_t offset = offset_of(file, params.at("position"));
  uint32_t line_start = file.line_starts[file.line_col(offset).first - 1];
  std::string before = doc.text.substr(line_start, offset - line_start);
  if (before.find("//") != std::string::npos) return json::array();  // in a comment
  auto a = ws.current(doc);
  if (!a->index) a = doc.last_parsed;  // the line being typed does not parse yet
  const Checked* c = a ? a->checked() : nullptr;
  json items = json::array();

  static const std::regex compare(R"(([A-Za-z_]\w*)\s*(==|!=)\s*\w*$)");
  static const std::regex in_list(R"(([A-Za-z_]\w*)\s+(not\s+)?in\s*\[[^\]]*$)");
  std::smatch m;
  if (c && (std::regex_search(before, m, compare) || std::regex_search(before, m, in_list))) {
    int e = enum_of(*c, m[1].str());
    if (e >= 0) {
      const EnumInfo& info = c->enums[e];
      for (const auto& name : info.members)
        items.push_back(item(name, kEnumMember, (info.is_labels ? "label of " : "member of ") + info.name, "0"));
      return items;
    }
  }
  static const std::regex after_number(R"((^|[^\w.])\d[\d_]*(\.\d+)?[kKmM]?\s+[A-Za-z]*$)");
  if (std::regex_search(before, after_number)) {
    for (const char* u : {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "second", "minute",
                          "hour", "day", "week", "month", "year"})
      items.push_back(item(u, kUnit, "duration", "0"));
    std::set<std::string> currencies;  // the ones this definition uses
    if (c)
      for (const auto& f : c->module.fields)
        if (f.resolved.kind == TypeKind::Money) currencies.insert(f.resolved.currency);
    for (const auto& cur : currencies) items.push_back(item(cur, kUnit, "currency", "0"));
    for (const char* k : {"and", "or", "per", "max"}) items.push_back(item(k, kKeyword));
    return items;
  }
  const int depth = depth_at(doc.text, offset);
  static const std::regex field_type(R"(^\s*[A-Za-z_]\w*\s*:\s*\w*$)");
  if (depth > 0 && std::regex_search(before, field_type)) {
    for (const char* t : {"text", "email", "phone", "int", "number", "bool", "date", "timestamp", "duration", "money"})
      items.push_back(item(t, kTypeParameter, "type"));
    if (c)
      for (const auto& [name, id] : c->types) items.push_back(item(name, kEnum, "enum type"));
    return items;
  }
  // A word at the start of a line outside every block begins a declaration; an
  // indented one at the top level continues a term's expression.
  static const std::regex line_start_word(R"(^\w*$)");
  bool declaration_place = depth == 0 && std::regex_search(before, line_start_word);
  for (const std::string& k : keywords())
    if (kDeclarationWords.count(k) == static_cast<size_t>(declaration_place)) items.push_back(item(k, kKeyword, "", "2"));
  if (declaration_place) return items;
  if (c) {
    const ast::Module& mod = c->module;
    for (const auto& f : mod.fields) items.push_back(item(f.name.name, kField, type_as_written(*c, f.resolved)));
    for (size_t i = 0; i < mod.terms.size(); ++i)
      items.push_back(item(mod.terms[i].name.name, kVariable, "term: " + type_as_written(*c, c->term_types[i])));
    for (size_t i = 0; i < mod.consts.size(); ++i)
      items.push_back(item(mod.consts[i].name.name, kConstant, "const: " + type_as_written(*c, c->const_types[i])));
    for (const auto& s : mod.scores) items.push_back(item(s.name.name, kValue, "score"));
    for (const auto& cl : mod.classifications) items.push_back(item(cl.name.name, kEnum, "classification"));
  }
  return items;
}

}  // namespace leadc::lsp
