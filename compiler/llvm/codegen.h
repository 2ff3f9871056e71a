// Code generation for the JIT: an ir::Program to an optimised LLVM module and to a
// native object file. Pure compilation; linking and running the object is the JIT
// evaluator's job (runtime/jit/jit.h). Internal to the JIT (exposes LLVM types).
#pragma once

#include <memory>
#include <string>

#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include "base/expected.h"
#include "compiler/ir/ir.h"
#include "compiler/llvm/lower_llvm.h"

namespace leadc::jit {

// Sets up LLVM's native target once per process.
void init_llvm();

// The options for lowering `program`: which registers to store (the IR's required
// registers), which are precomputed string predicates, the parts and tiles.
LowerOptions lower_options(const ir::Program& program, std::vector<bool> precomputed, size_t part_size,
                           size_t tile_rows);

// The host's target machine at the default code generation level.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>> host_machine(llvm::orc::JITTargetMachineBuilder& jtmb);

// Runs the O2 module pipeline.
void optimize(llvm::Module& m, llvm::TargetMachine& tm);

// What besides the IR, CPU and LLVM version decides the object (part of a cache key).
std::string compile_settings(const LowerOptions& o);

// Machine code for an optimised module.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> compile_object(llvm::Module& m, llvm::TargetMachine& tm);

// The LLVM IR for `program` (`leadc compile --emit llvm`), after the O2 pipeline
// when `optimize`. A verifier failure or a missing native target is a Failure.
Expected<std::string> emit_llvm_ir(const ir::Program& program, bool optimize, std::vector<bool> precomputed,
                                   size_t part_size, size_t tile_rows);

}  // namespace leadc::jit
