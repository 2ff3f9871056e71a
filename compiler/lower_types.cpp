#include "compiler/lower_types.h"

#include "compiler/lower.h"

namespace leadc {

ir::Type ir_type(const Type& t) {
  switch (t.kind) {
    case TypeKind::Bool: return ir::Type::Bool;
    case TypeKind::Text: case TypeKind::Email: case TypeKind::Phone: return ir::Type::Str;
    case TypeKind::Enum: return ir::Type::Enum;
    case TypeKind::Set: return ir::Type::Bool;  // one Bool input per member (ir.h)
    default: return ir::Type::Num;
  }
}

ir::Input field_input(const ast::Field& f) {
  ir::Input in;
  in.field = f.name.name;
  in.column = f.from ? f.from->name : f.name.name;
  in.type = ir_type(f.resolved);
  in.enum_id = f.resolved.kind == TypeKind::Enum || f.resolved.kind == TypeKind::Set ? f.resolved.enum_id : -1;
  in.optional = f.optional;
  in.key = f.key;
  in.span = f.name.span;
  if (f.format) {
    in.format = f.format->name;
    in.format_is_name = f.named_format;
  }
  if (f.zone) in.zone = f.zone->name;
  switch (f.resolved.kind) {
    case TypeKind::Bool: in.kind = ir::FieldKind::Bool; break;
    case TypeKind::Int: in.kind = ir::FieldKind::Int; break;
    case TypeKind::Number: in.kind = ir::FieldKind::Number; break;
    case TypeKind::Email: in.kind = ir::FieldKind::Email; break;
    case TypeKind::Phone: in.kind = ir::FieldKind::Phone; break;
    case TypeKind::Date: in.kind = ir::FieldKind::Date; break;
    case TypeKind::Timestamp: in.kind = ir::FieldKind::Timestamp; break;
    case TypeKind::Duration:
      in.kind = ir::FieldKind::Duration;
      in.unit = f.unit ? f.unit->name : "seconds";
      in.scale = unit_seconds(in.unit);
      break;
    case TypeKind::Money:
      in.kind = ir::FieldKind::Money;
      in.unit = f.resolved.currency;
      in.scale = 100;
      break;
    case TypeKind::Enum: in.kind = ir::FieldKind::Enum; break;
    case TypeKind::Set:
      in.kind = ir::FieldKind::Set;
      if (f.separator) in.separator = f.separator->name;
      break;
    default: in.kind = ir::FieldKind::Text; break;
  }
  return in;
}

// The first input of field `field` (a set field has one input per member).
static size_t field_input_index(const ir::Program& lead, int field) {
  size_t i = 0;
  for (int f = 0; f < field; ++f) {
    const std::string& name = lead.inputs[i].field;
    while (i < lead.inputs.size() && lead.inputs[i].field == name) ++i;  // a set's inputs are consecutive
  }
  return i;
}

ir::NamedValue named_value(const Checked& c, const ir::Program& lead, const std::string& name, const Symbol& s,
                           ir::Reg reg) {
  ir::NamedValue n;
  ir::Output& o = n.value;
  o.name = name;
  o.reg = reg;
  Type t;
  switch (s.kind) {
    case SymbolKind::Field: return ir::input_named_value(lead.inputs[field_input_index(lead, s.index)], reg);  // as its input is read
    case SymbolKind::Term:
      n.kind = ir::NameKind::Term;
      t = c.term_types[s.index];
      if (t.kind == TypeKind::Duration) o.scale = 86400, n.unit = "days";  // durations of terms print in days
      break;
    case SymbolKind::Const:
      n.kind = ir::NameKind::Const;
      t = c.const_types[s.index];
      if (t.kind == TypeKind::Duration) o.scale = 86400, n.unit = "days";
      break;
    case SymbolKind::Score:
      n.kind = ir::NameKind::Score;
      t = Type::of(TypeKind::Number);
      break;
    case SymbolKind::Classification:
      n.kind = ir::NameKind::Classification;
      t = Type::enumeration(c.classification_enum[s.index]);
      break;
  }
  if (t.kind == TypeKind::Money) o.scale = 100, n.unit = t.currency;
  o.type = ir_type(t);
  o.enum_id = t.kind == TypeKind::Enum ? t.enum_id : -1;
  switch (t.kind) {
    case TypeKind::Bool: o.display = ir::Display::Bool; break;
    case TypeKind::Text: case TypeKind::Email: case TypeKind::Phone: o.display = ir::Display::Text; break;
    case TypeKind::Enum: o.display = ir::Display::Enum; break;
    case TypeKind::Date: o.display = ir::Display::Date; break;
    case TypeKind::Timestamp: o.display = ir::Display::Timestamp; break;
    default: o.display = ir::Display::Number; break;
  }
  return n;
}

}  // namespace leadc
