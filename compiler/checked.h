// The checked program: every file of a definition merged into one module, with its
// symbol tables (filled by resolve) and expression types (filled by typecheck).
// Lowering reads it and produces the IR.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "compiler/types.h"

namespace leadc {

struct EnumInfo {
  std::string name;
  std::vector<std::string> members;
  std::vector<Span> member_spans;
  std::vector<std::string> spellings;  // parallel to members: the text a file uses ("" = none)
  Span span;
  bool is_labels = false;   // a classification's labels
  bool used = false;
  int member(std::string_view name) const {
    for (size_t i = 0; i < members.size(); ++i)
      if (members[i] == name) return static_cast<int>(i);
    return -1;
  }
};

enum class SymbolKind { Field, Term, Const, Score, Classification };

struct Symbol {
  SymbolKind kind;
  int index;
};

struct Checked {
  const SourceFile* root = nullptr;   // the file the user named
  ast::Module module;                 // all files' declarations, merged
  std::vector<EnumInfo> enums;
  std::map<std::string, int> types;   // type name -> enums index
  std::map<std::string, Symbol> values;
  std::vector<int> field_enum;        // per field: enum id or -1 (mirrors Field::resolved)
  std::vector<int> classification_enum;
  std::vector<Type> term_types;
  std::vector<Type> const_types;
  std::vector<bool> term_used, const_used;
  std::vector<ast::Ident> outputs;    // explicit `output`, or the default list
  // The activity block: field name -> index into module.activity_fields, the key
  // field, and the time field that `within` and `decay` use (the field named `at`,
  // else the only date/timestamp field; -1 when there is none).
  std::map<std::string, int> activity_values;
  int activity_key = -1;
  int activity_time = -1;
};

// Seconds in one duration unit word (`days`, `day`, …), or 0 when it is not one.
double unit_seconds(std::string_view unit);
// A currency code: three upper-case letters.
bool is_currency(std::string_view unit);

}  // namespace leadc
