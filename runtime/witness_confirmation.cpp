#include "runtime/witness_confirmation.h"

#include "runtime/evaluator.h"
#include "runtime/examples.h"

namespace leadc::rt {

bool witness_reproduces(const ir::Program& program, const WitnessLead& lead, const std::vector<WitnessClaim>& claims) {
  std::vector<std::string> problems;
  Batch batch = given_batch(program, lead.given, 1, problems, lead.events, lead.as_of);
  if (!problems.empty()) return false;
  EvalContext ctx;
  ctx.as_of = lead.as_of;
  Registers regs;
  auto interp = make_interpreter(program, ctx);
  if (!interp) return false;  // a lead that cannot be run is not a confirmed one
  (*interp)->evaluate(batch, regs);
  for (const WitnessClaim& c : claims) {
    const Column& col = regs.regs.at(c.reg);
    const bool known = col.known[0] != 0;
    bool holds = false;
    switch (c.kind) {
      case WitnessClaim::Kind::True: holds = known && col.b[0]; break;
      case WitnessClaim::Kind::NotTrue: holds = !(known && col.b[0]); break;
      case WitnessClaim::Kind::Above: holds = known && col.num[0] > c.bound; break;
      case WitnessClaim::Kind::Below: holds = known && col.num[0] < c.bound; break;
    }
    if (!holds) return false;
  }
  return true;
}

ConfirmWitness witness_confirmation() { return witness_reproduces; }

}  // namespace leadc::rt
