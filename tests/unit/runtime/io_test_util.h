// Helpers for the runtime I/O tests: a hand-built ir::Program whose outputs are its
// input fields, an Evaluator that only copies Field registers, and scratch files.
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

namespace leadc::rt::testing {

inline ir::Type type_of(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool: return ir::Type::Bool;
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone: return ir::Type::Str;
    case ir::FieldKind::Enum: return ir::Type::Enum;
    default: return ir::Type::Num;
  }
}

inline ir::Display display_of(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool: return ir::Display::Bool;
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone: return ir::Display::Text;
    case ir::FieldKind::Enum: return ir::Display::Enum;
    case ir::FieldKind::Date: return ir::Display::Date;
    case ir::FieldKind::Timestamp: return ir::Display::Timestamp;
    default: return ir::Display::Number;
  }
}

// Builds a program field by field; each field is loaded by a Field instruction and
// printed as an output of the same name.
struct ProgramBuilder {
  ir::Program p;

  int32_t add_enum(std::string name, std::vector<std::string> members) {
    p.enums.push_back(ir::EnumType{std::move(name), std::move(members)});
    return static_cast<int32_t>(p.enums.size() - 1);
  }

  ir::Reg field(std::string name, ir::FieldKind kind, bool optional = false, double scale = 1,
                std::string column = "", int32_t enum_id = -1, std::string unit = "") {
    ir::Input in;
    in.field = name;
    in.column = column.empty() ? name : column;
    in.kind = kind;
    in.type = type_of(kind);
    in.enum_id = enum_id;
    in.scale = scale;
    in.unit = unit;
    in.optional = optional;
    p.inputs.push_back(in);
    ir::Instr instr{};
    instr.op = ir::Op::Field;
    instr.type = in.type;
    instr.enum_id = enum_id;
    instr.a = static_cast<ir::Reg>(p.inputs.size() - 1);
    p.code.push_back(instr);
    const ir::Reg reg = static_cast<ir::Reg>(p.code.size() - 1);
    p.outputs.push_back(ir::Output{name, reg, in.type, display_of(kind), scale, enum_id});
    return reg;
  }
};

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
