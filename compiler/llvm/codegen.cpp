// Code generation for the JIT (see codegen.h).
#include "compiler/llvm/codegen.h"

#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <mutex>
#include <string_view>

#include "compiler/ir/verify.h"

namespace leadc::jit {

namespace {

// std::string_view's layout is the library's business; look at it once instead of assuming.
bool string_view_len_first() {
  static_assert(sizeof(std::string_view) == 2 * sizeof(void*));
  static const char text[] = "ab";
  std::string_view sv(text, 2);
  uint64_t words[2];
  std::memcpy(words, &sv, sizeof words);
  return words[0] == 2;
}

}  // namespace

void init_llvm() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

LowerOptions lower_options(const ir::Program& program, std::vector<bool> precomputed, size_t part_size,
                           size_t tile_rows) {
  LowerOptions o{string_view_len_first(), ir::required_registers(program), std::move(precomputed), {}, tile_rows};
  plan_parts(program, part_size, o);
  return o;
}

void optimize(llvm::Module& m, llvm::TargetMachine& tm) {
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2).run(m, mam);
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>> host_machine(llvm::orc::JITTargetMachineBuilder& jtmb) {
  jtmb.setCodeGenOptLevel(llvm::CodeGenOpt::Default);
  return jtmb.createTargetMachine();
}

std::string compile_settings(const LowerOptions& o) {
  return "O2 CodeGenOpt::Default str_len_first=" + std::to_string(o.str_len_first);
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> compile_object(llvm::Module& m, llvm::TargetMachine& tm) {
  return llvm::orc::SimpleCompiler(tm)(m);
}

Expected<std::string> emit_llvm_ir(const ir::Program& program, bool optimize_module, std::vector<bool> precomputed,
                                   size_t part_size, size_t tile_rows) {
  if (Status s = ir::verify(program); !s) return Failure{"ill-formed IR program: " + s.error()};
  init_llvm();
  llvm::LLVMContext context;
  auto module = lower_program(program, context, lower_options(program, std::move(precomputed), part_size, tile_rows));
  if (!module) return Failure{llvm::toString(module.takeError())};
  if (optimize_module) {
    auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!jtmb) return Failure{llvm::toString(jtmb.takeError())};
    auto tm = host_machine(*jtmb);
    if (!tm) return Failure{llvm::toString(tm.takeError())};
    (*module)->setDataLayout((*tm)->createDataLayout());
    (*module)->setTargetTriple((*tm)->getTargetTriple().str());
    optimize(**module, **tm);
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  (*module)->print(os, nullptr);
  return os.str();
}

}  // namespace leadc::jit
