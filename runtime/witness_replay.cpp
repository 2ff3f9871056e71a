#include "runtime/witness_replay.h"

#include <cmath>

#include "runtime/evaluator.h"
#include "runtime/examples.h"

namespace leadc::rt {

std::optional<std::vector<ir::Constant>> replay_witness(const ir::Program& program, const WitnessLead& lead,
                                                        const std::vector<ir::Reg>& regs) {
  // A cell naming no member of the field's enum is one the reader rejects.
  for (const ir::Example::Given& g : lead.given) {
    const ir::Input& in = program.inputs.at(g.input);
    if (in.kind == ir::FieldKind::Enum && in.enum_id >= 0 && !g.value.missing &&
        (g.value.member < 0 || static_cast<size_t>(g.value.member) >= program.enums[in.enum_id].members.size()))
      return std::nullopt;
    // A number that is not whole is no `int` cell (a field widened to `number` in another version).
    if (in.kind == ir::FieldKind::Int && !g.value.missing && g.value.num != std::floor(g.value.num)) return std::nullopt;
  }
  std::vector<std::string> problems;
  Batch batch = given_batch(program, lead.given, 1, problems, lead.events, lead.as_of);
  if (!problems.empty()) return std::nullopt;
  EvalContext ctx;
  ctx.as_of = lead.as_of;
  auto interp = make_interpreter(program, ctx);
  if (!interp) return std::nullopt;
  Registers out;
  (*interp)->evaluate(batch, out);
  std::vector<ir::Constant> values;
  for (ir::Reg r : regs) {
    const Column& col = out.regs.at(r);
    ir::Constant c;
    c.missing = col.known[0] == 0;
    if (!c.missing) {
      switch (program.code[r].type) {
        case ir::Type::Bool: c.b = col.b[0] != 0; break;
        case ir::Type::Num: c.num = col.num[0]; break;
        case ir::Type::Str: c.str = std::string(col.str[0]); break;
        case ir::Type::Enum: c.member = col.member[0]; break;
      }
    }
    values.push_back(std::move(c));
  }
  return values;
}

}  // namespace leadc::rt
