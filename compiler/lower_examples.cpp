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
    for (const auto& b : ex.expect) {
      if (!p.find_name(b.name.name)) continue;
      e.expect.push_back({b.name.name, lower_literal(c, *b.value, b.value->sema.type)});
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace leadc
