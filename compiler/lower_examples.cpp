#include "compiler/lower_examples.h"

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
      if (idx < 0) continue;
      const auto& field = c.module.fields[idx];
      e.given.push_back({static_cast<uint32_t>(idx), lower_literal(c, *b.value, field.resolved)});
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
