// The JIT evaluator: has the program compiled to an object (compiler/llvm/codegen.h)
// or takes it from the on-disk cache, links it with ORC
// LLJIT and calls the generated function once per batch. String helpers are
// registered as absolute symbols, so nothing depends on -rdynamic.
#include "runtime/jit/jit.h"

#include <llvm/ExecutionEngine/Orc/Core.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>

#include <chrono>
#include <ctime>
#include <cstring>
#include <mutex>
#include <optional>
#include <string_view>

#include "compiler/ir/verify.h"
#include "compiler/llvm/codegen.h"
#include "runtime/jit/object_cache.h"
#include "runtime/jit/string_columns.h"
#include "runtime/jit/string_helpers.h"

namespace leadc::jit {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
double thread_cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void* values_of(const rt::Column& c, ir::Type t) {
  switch (t) {
    case ir::Type::Num: return const_cast<double*>(c.num.data());
    case ir::Type::Bool: return const_cast<uint8_t*>(c.b.data());
    case ir::Type::Enum: return const_cast<int32_t*>(c.member.data());
    case ir::Type::Str: return const_cast<std::string_view*>(c.str.data());
  }
  return nullptr;
}

class JitEvaluator final : public rt::Evaluator {
 public:
  JitEvaluator(const ir::Program& program, rt::EvalContext ctx, std::unique_ptr<llvm::orc::LLJIT> jit, EvalFn fn,
               const LowerOptions& options)
      : ctx_(ctx),
        jit_(std::move(jit)),
        fn_(fn),
        stored_(options.materialise),
        strings_(program, options.precomputed) {
    for (const ir::Input& in : program.inputs) input_types_.push_back(in.type);
    for (const ir::Instr& in : program.code) reg_types_.push_back(in.type);
    for (size_t r = 0; r < program.code.size(); ++r) {
      if (options.precomputed[r]) stored_[r] = true;
    }
  }

  void evaluate(const rt::Batch& in, rt::Registers& out) const override {
    const size_t rows = in.rows;
    std::vector<ColRef> inputs(input_types_.size(), ColRef{nullptr, nullptr});
    for (size_t k = 0; k < inputs.size() && k < in.inputs.size(); ++k) {
      const rt::Column& c = in.inputs[k];
      inputs[k] = {const_cast<uint8_t*>(c.known.data()), values_of(c, input_types_[k])};
    }
    out.regs.resize(reg_types_.size());
    std::vector<ColRef> regs(reg_types_.size(), ColRef{nullptr, nullptr});
    for (size_t r = 0; r < reg_types_.size(); ++r) {
      rt::Column& c = out.regs[r];
      c.prepare(reg_types_[r], stored_[r] ? rows : 0);  // 0 rows: a register the JIT does not store
      if (stored_[r]) regs[r] = {c.known.data(), values_of(c, reg_types_[r])};
    }
    strings_.compute(in, out);
    fn_(inputs.data(), regs.data(), static_cast<int64_t>(rows), ctx_.as_of);
  }

 private:
  rt::EvalContext ctx_;
  std::unique_ptr<llvm::orc::LLJIT> jit_;  // owns the code and constant strings fn_ uses
  EvalFn fn_;
  std::vector<bool> stored_;  // sized in every batch: generated stores and precomputed
  std::vector<ir::Type> input_types_, reg_types_;
  StringPredicates strings_;
};

llvm::Expected<std::unique_ptr<rt::Evaluator>> compile(const ir::Program& program, rt::EvalContext ctx,
                                                       const JitOptions& jit_options, JitStats& stats) {
  auto start = Clock::now();
  double cpu0 = thread_cpu_ms();
  if (Status s = ir::verify(program); !s) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "ill-formed IR program: %s", s.error().c_str());
  }
  init_llvm();
  LowerOptions options = lower_options(program, string_predicate_registers(program), jit_options.part_size,
                                       jit_options.tile_rows);
  auto context = std::make_unique<llvm::LLVMContext>();
  auto module = lower_program(program, *context, options);
  if (!module) return module.takeError();
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  auto tm = host_machine(*jtmb);
  if (!tm) return tm.takeError();
  (*module)->setDataLayout((*tm)->createDataLayout());
  (*module)->setTargetTriple((*tm)->getTargetTriple().str());
  std::optional<ObjectCacheDir> cache;
  std::string key;
  if (jit_options.use_cache) cache = ObjectCacheDir::open();
  if (cache) {
    std::string text;
    llvm::raw_string_ostream os(text);
    (*module)->print(os, nullptr);
    key = ObjectCacheDir::key(os.str(), (*tm)->getTargetCPU(), (*tm)->getTargetFeatureString(),
                              compile_settings(options));
  }
  stats.lower_ms = ms_since(start);

  auto t = Clock::now();
  std::unique_ptr<llvm::MemoryBuffer> object;
  if (cache) object = cache->load(key);
  stats.cache_hit = object != nullptr;
  if (!object) {
    optimize(**module, **tm);
    stats.optimize_ms = ms_since(t);
    t = Clock::now();
    auto compiled = compile_object(**module, **tm);
    if (!compiled) return compiled.takeError();
    object = std::move(*compiled);
    if (cache) cache->store(key, object->getBuffer());
  }

  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(*jtmb)).create();
  if (!jit) return jit.takeError();
  llvm::orc::MangleAndInterner mangle((*jit)->getExecutionSession(), (*jit)->getDataLayout());
  llvm::orc::SymbolMap helpers;
  for (const HelperSymbol& h : helper_symbols()) {
    helpers[mangle(h.name)] = llvm::JITEvaluatedSymbol(
        llvm::pointerToJITTargetAddress(h.address), llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  }
  if (auto err = (*jit)->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(helpers)))) return err;
  if (auto err = (*jit)->addObjectFile(std::move(object))) return err;
  auto sym = (*jit)->lookup(kEvalSymbol);
  if (!sym) return sym.takeError();
  stats.codegen_ms = ms_since(t);
  stats.total_ms = ms_since(start);
  stats.cpu_ms = thread_cpu_ms() - cpu0;
  stats.parts = options.part_starts.size() + 1;
  stats.stored_registers = stats.precomputed_registers = 0;
  for (size_t r = 0; r < program.code.size(); ++r) {
    if (options.precomputed[r]) {
      ++stats.precomputed_registers;
    } else if (options.materialise[r]) {
      ++stats.stored_registers;
    }
  }
  auto fn = sym->toPtr<EvalFn>();
  return std::make_unique<JitEvaluator>(program, ctx, std::move(*jit), fn, options);
}

}  // namespace

Expected<std::unique_ptr<rt::Evaluator>> make_jit(const ir::Program& program, rt::EvalContext ctx,
                                                  const JitOptions& options, JitStats* stats) {
  JitStats local;
  auto evaluator = compile(program, ctx, options, stats ? *stats : local);
  if (!evaluator) return Failure{llvm::toString(evaluator.takeError())};
  return std::move(*evaluator);
}

Expected<std::string> emit_llvm_ir(const ir::Program& program, bool optimize_module, const JitOptions& jit_options) {
  return jit::emit_llvm_ir(program, optimize_module, string_predicate_registers(program), jit_options.part_size,
                           jit_options.tile_rows);
}

}  // namespace leadc::jit
