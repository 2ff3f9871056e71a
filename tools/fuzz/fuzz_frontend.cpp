// libFuzzer target for the front end: any bytes must come back as diagnostics or a
// program, never a crash, hang or sanitizer report. When a program comes out, the
// ambiguity analysis and the interpreter (on one all-missing lead) run on it too.
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DLEADC_FUZZ=ON -DLEADC_JIT=OFF
//   cmake --build build-fuzz --target fuzz_frontend
//   mkdir -p build-fuzz/corpus   # new inputs go to the first folder; the others seed it
//   ./build-fuzz/tools/fuzz/fuzz_frontend -max_total_time=60 build-fuzz/corpus examples tests/golden/cases
#include <cstddef>
#include <cstdint>
#include <string>

#include "compiler/analysis/analyze.h"
#include "compiler/driver.h"
#include "runtime/evaluator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  leadc::Diagnostics diags;
  auto c = leadc::compile_source("fuzz.lead", std::string(reinterpret_cast<const char*>(data), size), diags);
  if (!c.program) return 0;
  leadc::AnalyzeOptions opts;
  opts.timeout_ms = 100;
  leadc::analyze(*c.program, opts, diags);
  leadc::rt::Batch batch;
  batch.rows = 1;
  batch.line = {1};
  batch.inputs.resize(c.program->inputs.size());
  for (size_t i = 0; i < batch.inputs.size(); ++i) batch.inputs[i].reset(c.program->inputs[i].type, 1);
  leadc::rt::Registers regs;
  leadc::rt::make_interpreter(*c.program, {}).value()->evaluate(batch, regs);
  return 0;
}
