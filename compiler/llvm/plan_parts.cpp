// Cutting a program into parts, and what each part reads and writes.
#include "compiler/llvm/llvm_emitter.h"

namespace leadc::jit {

using ir::Op;
using ir::Type;

// Which input columns and registers each part reads or writes, in argument order.
void LlvmEmitter::plan() {
  std::vector<size_t> starts = {0};
  for (size_t s : opt_.part_starts) {
    if (s > starts.back() && s < p_.code.size()) starts.push_back(s);
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    Part part;
    part.begin = starts[k];
    part.end = k + 1 < starts.size() ? starts[k + 1] : p_.code.size();
    std::vector<bool> input_used(p_.inputs.size(), false), loaded(p_.code.size(), false);
    auto need = [&](ir::Reg x) {
      if (x >= p_.code.size()) return;
      const ir::Instr& d = p_.code[x];
      if (d.op == Op::Field) {
        if (d.a < input_used.size()) input_used[d.a] = true;
      } else if (d.op != Op::Const && d.op != Op::AsOf && (precomputed(x) || x < part.begin)) {
        loaded[x] = true;
      }
    };
    for (size_t r = part.begin; r < part.end; ++r) {
      if (precomputed(r)) continue;  // loaded where used
      const ir::Instr& in = p_.code[r];
      if (materialised(r)) {
        part.stored.push_back(r);
        need(static_cast<ir::Reg>(r));
      }
      if (ir::is_leaf(in.op)) continue;
      for (ir::Reg x : ir::operands(in)) need(x);
    }
    for (size_t i = 0; i < input_used.size(); ++i) {
      if (!input_used[i]) continue;
      part.inputs.push_back(i);
      part.has_str |= p_.inputs[i].type == Type::Str;
    }
    for (size_t r = 0; r < loaded.size(); ++r) {
      if (loaded[r]) part.loaded.push_back(r);
    }
    for (const auto* regs : {&part.loaded, &part.stored}) {
      for (size_t r : *regs) part.has_str |= p_.code[r].type == Type::Str;
    }
    parts_.push_back(std::move(part));
  }
}

void plan_parts(const ir::Program& p, size_t part_size, LowerOptions& o) {
  o.part_starts.clear();
  if (part_size == 0) return;
  o.materialise.resize(p.code.size(), false);
  o.precomputed.resize(p.code.size(), false);
  size_t work = 0;
  for (size_t r = 0; r < p.code.size(); ++r) {
    if (ir::is_leaf(p.code[r].op) || o.precomputed[r]) continue;
    if (work == part_size) {
      o.part_starts.push_back(r);
      work = 0;
    }
    ++work;
  }
  size_t next = 0, begin = 0;
  for (size_t r = 0; r < p.code.size(); ++r) {
    if (next < o.part_starts.size() && r == o.part_starts[next]) begin = o.part_starts[next++];
    const ir::Instr& in = p.code[r];
    if (ir::is_leaf(in.op) || o.precomputed[r]) continue;
    for (ir::Reg x : ir::operands(in)) {
      if (x < begin && !ir::is_leaf(p.code[x].op) && !o.precomputed[x]) o.materialise[x] = true;
    }
  }
}

}  // namespace leadc::jit
