// Source-level types of the language (section 3 of LANGUAGE.md). The IR has only four
// representations (ir::Type); these carry units, currencies and enum identity.
#pragma once

#include <string>

namespace leadc {

enum class TypeKind {
  Error,      // already reported; silences follow-on errors
  Bool, Int, Number, Text, Email, Phone, Date, Timestamp, Duration, Money, Enum,
  Set,        // `set of ENUM`: enum_id is the element's enum
};

struct Type {
  TypeKind kind = TypeKind::Error;
  std::string currency;  // Money
  int enum_id = -1;      // Enum: index into the checked program's enum table

  static Type of(TypeKind k) { return Type{k, {}, -1}; }
  static Type money(std::string cur) { return Type{TypeKind::Money, std::move(cur), -1}; }
  static Type enumeration(int id) { return Type{TypeKind::Enum, {}, id}; }
  static Type set_of(int id) { return Type{TypeKind::Set, {}, id}; }

  bool is_error() const { return kind == TypeKind::Error; }
  bool is_numeric() const { return kind == TypeKind::Int || kind == TypeKind::Number; }
  bool is_textual() const { return kind == TypeKind::Text || kind == TypeKind::Email || kind == TypeKind::Phone; }
  bool is_quantity() const { return kind == TypeKind::Duration || kind == TypeKind::Money; }
  bool is_time() const { return kind == TypeKind::Date || kind == TypeKind::Timestamp; }
  bool operator==(const Type& o) const { return kind == o.kind && currency == o.currency && enum_id == o.enum_id; }
};

}  // namespace leadc
