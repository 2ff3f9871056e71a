// libFuzzer target for the CSV chunk parsers: any bytes as a chunk must parse without
// a crash, hang or sanitizer report, and whenever the fast path (csv_fast.cpp) accepts
// a chunk, the general parser (csv_chunk.cpp) must read it the same way: the same rows,
// lines, raw texts, cell values and errors.
//
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DLEADC_FUZZ=ON -DLEADC_JIT=OFF
//   cmake --build build-fuzz --target fuzz_csv
//   mkdir -p build-fuzz/csv-corpus
//   ./build-fuzz/tools/fuzz/fuzz_csv -max_total_time=60 build-fuzz/csv-corpus tools/fuzz/seeds/csv
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "compiler/driver.h"
#include "runtime/reader_plan.h"

namespace {

// One field of every kind the reader parses differently; column i feeds input i.
const char* const kDefinition = R"(
type role = enum { buyer, user, champion }
lead {
  id:  text key
  e:   email?
  p:   phone?
  c:   text?
  r:   role?
  n:   int?
  m:   money(USD)?
  d:   duration? in days
  ok:  bool?
  dt:  date?
  ts:  timestamp?
  x:   number?
}
output id
)";

struct Fixture {
  std::unique_ptr<leadc::ir::Program> program;
  leadc::rt::ReaderPlan plan;

  Fixture() {
    leadc::Diagnostics diags;
    auto c = leadc::compile_source("fuzz.lead", kDefinition, diags);
    if (!c.program) std::abort();
    program = std::make_unique<leadc::ir::Program>(std::move(*c.program));
    plan.path = "fuzz.csv";
    plan.program = program.get();
    for (size_t i = 0; i < program->inputs.size(); ++i) plan.fields.emplace_back(*program, i);
    plan.columns = program->inputs.size();
    plan.feed_begin.assign(1, 0);
    for (uint32_t i = 0; i < plan.columns; ++i) {
      plan.feed_inputs.push_back(i);
      plan.feed_begin.push_back(i + 1);
    }
  }
};

bool same_cell(const leadc::rt::Column& a, const leadc::rt::Column& b, size_t r) {
  if (a.known[r] != b.known[r]) return false;
  if (!a.known[r]) return true;
  switch (a.type) {
    case leadc::ir::Type::Num: return std::memcmp(&a.num[r], &b.num[r], sizeof(double)) == 0;
    case leadc::ir::Type::Bool: return a.b[r] == b.b[r];
    case leadc::ir::Type::Enum: return a.member[r] == b.member[r];
    case leadc::ir::Type::Str: return a.str[r] == b.str[r];
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture f;
  const std::string chunk(reinterpret_cast<const char*>(data), size);
  leadc::rt::Batch fast, general;
  std::vector<leadc::rt::RowError> fast_errors, errors;
  leadc::rt::begin_batch(f.plan, fast, 4);
  const bool took = leadc::rt::parse_csv_chunk_fast(f.plan, chunk, 1, fast, fast_errors);
  leadc::rt::begin_batch(f.plan, general, 4);
  leadc::rt::parse_csv_chunk_general(f.plan, chunk, 1, general, errors);
  if (!took) return fast_errors.empty() ? 0 : (std::abort(), 0);
  if (fast.rows != general.rows || fast.line != general.line || fast.raw != general.raw) std::abort();
  if (fast_errors.size() != errors.size()) std::abort();
  for (size_t i = 0; i < errors.size(); ++i)
    if (fast_errors[i].message != errors[i].message || fast_errors[i].raw != errors[i].raw) std::abort();
  for (size_t i = 0; i < fast.inputs.size(); ++i)
    for (size_t r = 0; r < fast.rows; ++r)
      if (!same_cell(fast.inputs[i], general.inputs[i], r)) std::abort();
  return 0;
}
