// Helpers for the runtime I/O tests: hand-built programs whose outputs are their input
// fields (ProgramBuilder::field), an Evaluator that only copies Field registers, and
// scratch files.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "compiler/ir/ir.h"
#include "runtime/evaluator.h"
#include "runtime/run.h"
#include "tests/unit/ir_support/program_builder.h"

namespace leadc::rt::testing {

// The shared builder (tests/unit/ir_support); `field` adds an input printed as an output.
using leadc::testing::ProgramBuilder;
using leadc::testing::type_of;

// Copies each Field register from the batch; other registers stay all-missing.
class CopyEvaluator : public Evaluator {
 public:
  explicit CopyEvaluator(const ir::Program& p) : p_(p) {}
  void evaluate(const Batch& in, Registers& out) const override {
    out.regs.resize(p_.code.size());
    for (size_t i = 0; i < p_.code.size(); ++i) {
      if (p_.code[i].op == ir::Op::Field) {
        out.regs[i] = in.inputs[p_.code[i].a];
      } else {
        Column& c = out.regs[i];
        c.type = p_.code[i].type;
        c.known.assign(in.rows, 0);
        c.num.assign(in.rows, 0);
        c.b.assign(in.rows, 0);
        c.member.assign(in.rows, 0);
        c.str.assign(in.rows, {});
      }
    }
  }

 private:
  const ir::Program& p_;
};

// A fresh directory under the system temp dir, removed at scope end.
struct TempDir {
  std::filesystem::path dir;
  TempDir() {
    static std::atomic<int> counter{0};
    dir = std::filesystem::temp_directory_path() /
          ("leadc-io-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs the whole pipeline with the copy evaluator.
inline RunStats run_copy(const ir::Program& p, RunOptions opts) {
  CopyEvaluator eval(p);
  opts.progress = false;
  return run_leads(p, eval, opts);
}

// Reads every batch of a file (fail mode) and renders rows as "a|b|c" via format_cell.
// Reader options with chunks of `chunk_bytes` and everything else as by default.
inline ReaderOptions reader_options(size_t chunk_bytes) {
  ReaderOptions ro;
  ro.chunk_bytes = chunk_bytes;
  return ro;
}

inline std::vector<std::string> read_rows(const ir::Program& p, const std::string& path, ReaderOptions ro = {},
                                          std::vector<RowError>* errors = nullptr,
                                          std::vector<uint64_t>* lines = nullptr) {
  LeadReader reader;
  reader.open(path, p, ro);
  std::vector<std::string> rows;
  Batch b;
  while (reader.next(b, errors)) {
    for (size_t r = 0; r < b.rows; ++r) {
      std::string s;
      for (size_t i = 0; i < p.inputs.size(); ++i) {
        if (i) s += '|';
        s += b.inputs[i].known[r] ? format_cell(p, p.outputs[i], b.inputs[i], r) : "<missing>";
      }
      rows.push_back(s);
      if (lines) lines->push_back(b.line[r]);
    }
  }
  return rows;
}

}  // namespace leadc::rt::testing
