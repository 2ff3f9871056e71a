#include "compiler/lower_examples.h"

#include "base/contact_syntax.h"
#include "compiler/lower.h"

namespace leadc {

std::vector<ir::Example> lower_examples(const Checked& c, const ir::Program& p) {
  std::vector<ir::Example> out;
  for (const auto& ex : c.module.examples) {
    ir::Example e;
    e.title = ex.title;
    e.span = ex.span;
    for (const auto& b : ex.given) {
      int idx = p.find_input(b.name.name);
      auto sym = c.values.find(b.name.name);
      if (idx < 0 || sym == c.values.end() || sym->second.kind != SymbolKind::Field) continue;
      const auto& field = c.module.fields[sym->second.index];
      if (p.inputs[idx].kind == ir::FieldKind::Set) {
        // `products: [crm, cms]`: each member input is whether the list names it;
        // `products: missing`: every member input is missing.
        for (size_t k = static_cast<size_t>(idx); k < p.inputs.size() && p.inputs[k].field == b.name.name; ++k) {
          ir::Constant member;
          member.missing = b.value->kind == ast::ExprKind::Missing;
          for (const auto& m : b.value->args)
            member.b = member.b || (m->sema.ref == ast::RefKind::Member && m->sema.index == p.inputs[k].set_member);
          e.given.push_back({static_cast<uint32_t>(k), member});
        }
        continue;
      }
      ir::Constant value = lower_literal(c, *b.value, field.resolved);
      // A `given` text reads as the same cell would in a lead file: "" is missing.
      if (p.inputs[idx].type == ir::Type::Str && !value.missing && contact::text_is_missing(value.str)) value.missing = true;
      e.given.push_back({static_cast<uint32_t>(idx), std::move(value)});
    }
    for (const auto& record : ex.events) {
      std::vector<ir::Example::Given> event;
      for (const auto& b : record) {
        auto it = c.activity_values.find(b.name.name);
        if (it == c.activity_values.end() || !p.activity) continue;
        const ast::Field& field = c.module.activity_fields[it->second];
        ir::Constant value = lower_literal(c, *b.value, field.resolved);
        if (p.activity->events.inputs[it->second].type == ir::Type::Str && !value.missing &&
            contact::text_is_missing(value.str))
          value.missing = true;
        event.push_back({static_cast<uint32_t>(it->second), std::move(value)});
      }
      e.events.push_back(std::move(event));
    }
    if (ex.as_of && ex.as_of->sema.type.is_time()) {
      e.has_as_of = true;
      e.as_of = lower_literal(c, *ex.as_of, ex.as_of->sema.type).num;
    }
    for (const auto& b : ex.expect) {
      if (!p.find_name(b.name.name)) continue;
      ir::Example::Expect x{b.name.name, lower_literal(c, *b.value, b.value->sema.type), {}, {}};
      using Op = ir::Example::Expect::Op;
      x.op = b.op == "!=" ? Op::Ne : b.op == "<" ? Op::Lt : b.op == "<=" ? Op::Le : b.op == ">" ? Op::Gt
           : b.op == ">=" ? Op::Ge : b.op == "in" ? Op::In : Op::Eq;
      for (const auto& v : b.more) x.more.push_back(lower_literal(c, *v, v->sema.type));
      e.expect.push_back(std::move(x));
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace leadc
