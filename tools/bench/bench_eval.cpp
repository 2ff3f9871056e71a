// bench_eval: times evaluation alone (leads already in column batches), interpreter
// vs JIT, and reports the JIT's compile time. The program is generated here (200
// terms, 4 scores, 50 classifications of 10 labels) unless a .lead file is given.
//   usage: bench_eval [FILE.lead] [--rows N] [--batch N] [--reps N] [--seed N] [--no-strings]
//                     [--part-size N] [--cache] [--emit-llvm | --emit-llvm-raw]
// --cache lets the JIT use its on-disk object cache (off here by default, so the
// compile time is a cold one); --emit-llvm* print the program's LLVM IR and exit.
// Times are the best of the repetitions, wall clock and CPU time of this thread.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>

#include "compiler/driver.h"
#include "runtime/jit/jit.h"
#include "runtime/evaluator.h"

namespace ir = leadc::ir;
namespace rt = leadc::rt;
namespace jit = leadc::jit;
using ir::Op;
using ir::Type;

namespace {

class Gen {
 public:
  Gen(uint32_t seed, bool strings) : rng_(seed), strings_(strings) {}
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }
  std::mt19937& rng() { return rng_; }

  ir::Program big_program(int n_terms, int n_classes, int n_labels) {
    p_ = ir::Program();
    p_.name = "bench";
    p_.enums.push_back({"kind", {"a", "b", "c", "d", "e"}});
    for (int k = 0; k < 12; ++k) field("n" + std::to_string(k), Type::Num, ir::FieldKind::Number, nums_);
    for (int k = 0; k < 6; ++k) field("b" + std::to_string(k), Type::Bool, ir::FieldKind::Bool, bools_);
    for (int k = 0; k < 6; ++k) field("s" + std::to_string(k), Type::Str, ir::FieldKind::Text, strs_);
    for (int k = 0; k < 6; ++k) field("e" + std::to_string(k), Type::Enum, ir::FieldKind::Enum, enums_);
    zero_ = num(0);

    std::vector<ir::Reg> conds, values;
    for (int t = 0; t < n_terms; ++t) {
      bool is_condition = t % 4 != 3;
      ir::Reg r = is_condition ? condition(conds) : value();
      (is_condition ? conds : values).push_back(r);
      p_.terms.push_back({"t" + std::to_string(t), r, {}, is_condition});
    }
    for (int s = 0; s < 4; ++s) score(s, conds, values);
    for (int c = 0; c < n_classes; ++c) classification(c, n_labels, conds);
    for (const ir::Score& s : p_.scores) p_.outputs.push_back({s.name, s.reg, Type::Num, ir::Display::Number, 1, -1});
    for (const ir::Classification& c : p_.classifications) {
      p_.outputs.push_back({c.name, c.reg, Type::Enum, ir::Display::Enum, 1, c.enum_id});
    }
    return p_;
  }

  // Random cells for any program's inputs; about one in ten missing.
  rt::Batch batch(const ir::Program& p, size_t rows) {
    static const char* texts[] = {"VP Sales", "CTO", "Head of Growth", "vp marketing", "", "Founder & CEO"};
    rt::Batch b;
    b.rows = rows;
    for (const ir::Input& in : p.inputs) {
      rt::Column c;
      c.reset(in.type, rows);
      int members = in.enum_id >= 0 ? static_cast<int>(p.enums[in.enum_id].members.size()) : 1;
      for (size_t i = 0; i < rows; ++i) {
        c.known[i] = pick(10) != 0;
        if (!c.known[i]) continue;
        switch (in.type) {
          case Type::Num: c.num[i] = static_cast<double>(pick(1000)) * in.scale; break;
          case Type::Bool: c.b[i] = static_cast<uint8_t>(pick(2)); break;
          case Type::Enum: c.member[i] = pick(members); break;
          case Type::Str: c.str[i] = texts[pick(6)]; break;
        }
      }
      b.inputs.push_back(std::move(c));
    }
    return b;
  }

 private:
  ir::Reg emit(Op op, Type t, ir::Reg a = ir::kNoReg, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg) {
    ir::Instr in;
    in.op = op;
    in.type = t;
    in.a = a;
    in.b = b;
    in.c = c;
    p_.code.push_back(in);
    return static_cast<ir::Reg>(p_.code.size() - 1);
  }
  ir::Reg num(double v) {
    ir::Reg r = emit(Op::Const, Type::Num);
    p_.code[r].value.num = v;
    return r;
  }
  void field(const std::string& name, Type t, ir::FieldKind kind, std::vector<ir::Reg>& pool) {
    ir::Input in;
    in.field = in.column = name;
    in.kind = kind;
    in.type = t;
    in.optional = true;
    in.enum_id = t == Type::Enum ? 0 : -1;
    p_.inputs.push_back(in);
    ir::Reg r = emit(Op::Field, t, static_cast<ir::Reg>(p_.inputs.size() - 1));
    p_.code[r].enum_id = in.enum_id;
    pool.push_back(r);
  }
  ir::Reg any(const std::vector<ir::Reg>& pool) { return pool[pick(static_cast<int>(pool.size()))]; }

  ir::Reg atom() {
    int kind = pick(6);
    if (!strings_ && kind == 4) kind = 0;
    switch (kind) {
      case 0: {
        static const Op cmp[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
        return emit(cmp[pick(6)], Type::Bool, any(nums_), num(pick(1000)));
      }
      case 1: return emit(Op::Ge, Type::Bool, any(nums_), any(nums_));
      case 2: return any(bools_);
      case 3: {
        ir::Reg m = emit(Op::Const, Type::Enum);
        p_.code[m].enum_id = 0;
        p_.code[m].value.member = pick(5);
        return emit(pick(2) ? Op::Eq : Op::Ne, Type::Bool, any(enums_), m);
      }
      case 4: {
        static const char* pats[] = {"VP", "CEO", "Head", "vp"};
        ir::Reg s = emit(Op::Const, Type::Str);
        p_.code[s].value.str = pats[pick(4)];
        return emit(pick(2) ? Op::StartsWith : Op::Contains, Type::Bool, any(strs_), s);
      }
      default: return emit(Op::IsKnown, Type::Bool, any(nums_));
    }
  }
  ir::Reg condition(const std::vector<ir::Reg>& earlier) {
    ir::Reg r = !earlier.empty() && pick(3) == 0 ? any(earlier) : atom();
    for (int k = 0, n = pick(3); k < n; ++k) {
      ir::Reg other = pick(4) == 0 ? emit(Op::Not, Type::Bool, atom()) : atom();
      r = emit(pick(2) ? Op::And : Op::Or, Type::Bool, r, other);
    }
    return r;
  }
  ir::Reg value() {
    static const Op ops[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Min, Op::Max};
    ir::Reg r = emit(ops[pick(6)], Type::Num, any(nums_), any(nums_));
    if (pick(2)) r = emit(Op::Coalesce, Type::Num, r, zero_);
    return r;
  }
  void score(int s, const std::vector<ir::Reg>& conds, const std::vector<ir::Reg>& values) {
    ir::Score sc;
    sc.name = "score" + std::to_string(s);
    ir::Reg sum = zero_;
    for (int k = 0; k < 25; ++k) {
      ir::ScoreRule rule;
      rule.points = pick(41) - 20;
      if (k % 5 != 4) {
        rule.condition = any(conds);
        rule.contribution = emit(Op::Select, Type::Num, rule.condition, num(rule.points), zero_);
      } else {
        rule.per_value = any(values);
        ir::Reg v = emit(Op::Mul, Type::Num, emit(Op::Coalesce, Type::Num, rule.per_value, zero_), num(rule.points));
        rule.cap = 50;
        rule.contribution = emit(Op::Min, Type::Num, v, num(rule.cap));
      }
      sum = emit(Op::Add, Type::Num, sum, rule.contribution);
      sc.rules.push_back(rule);
    }
    sc.unclamped = sum;
    sc.has_range = true;
    sc.hi = 100;
    sc.reg = emit(Op::Max, Type::Num, emit(Op::Min, Type::Num, sum, num(100)), zero_);
    p_.scores.push_back(sc);
  }
  void classification(int c, int n_labels, const std::vector<ir::Reg>& conds) {
    int32_t e = static_cast<int32_t>(p_.enums.size());
    ir::EnumType et{"class" + std::to_string(c), {}};
    for (int l = 0; l < n_labels; ++l) et.members.push_back("l" + std::to_string(l));
    p_.enums.push_back(et);
    ir::Classification cl;
    cl.name = et.name;
    cl.enum_id = e;
    ir::Reg acc = emit(Op::Const, Type::Enum);  // `otherwise`: the last label
    p_.code[acc].enum_id = e;
    p_.code[acc].value.member = n_labels - 1;
    std::vector<ir::Label> labels;
    for (int l = n_labels - 2; l >= 0; --l) {
      ir::Reg cond = any(conds);
      if (pick(2)) {
        ir::Reg s = p_.scores[pick(static_cast<int>(p_.scores.size()))].reg;
        cond = emit(Op::And, Type::Bool, cond, emit(Op::Ge, Type::Bool, s, num(pick(60))));
      }
      ir::Reg label = emit(Op::Const, Type::Enum);
      p_.code[label].enum_id = e;
      p_.code[label].value.member = l;
      acc = emit(Op::Select, Type::Enum, cond, label, acc);
      p_.code[acc].enum_id = e;
      labels.insert(labels.begin(), ir::Label{"l" + std::to_string(l), l, cond, {}, {}});
    }
    labels.push_back(ir::Label{"l" + std::to_string(n_labels - 1), n_labels - 1, ir::kNoReg, {}, {}});
    cl.labels = labels;
    cl.reg = acc;
    p_.classifications.push_back(cl);
  }

  std::mt19937 rng_;
  bool strings_;  // whether conditions use string predicates (host calls in the JIT)
  ir::Program p_;
  std::vector<ir::Reg> nums_, bools_, strs_, enums_;
  ir::Reg zero_ = 0;
};

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double wall = 1e300, cpu = 1e300;  // seconds, best of the repetitions
};

Timing time_engine(const rt::Evaluator& engine, const std::vector<rt::Batch>& batches, int reps) {
  Timing best;
  rt::Registers out;
  for (int r = 0; r < reps; ++r) {
    auto t = std::chrono::steady_clock::now();
    double c = thread_cpu_seconds();
    for (const rt::Batch& b : batches) engine.evaluate(b, out);
    best.cpu = std::min(best.cpu, thread_cpu_seconds() - c);
    best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file;
  size_t rows = 200000, batch_rows = 4096;
  int reps = 5;
  uint32_t seed = 1;
  bool strings = true;
  int emit = 0;  // 1: optimised LLVM IR, 2: as lowered
  jit::JitOptions options;
  options.use_cache = false;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? std::strtoull(argv[++i], nullptr, 10) : 0ULL; };
    if (!std::strcmp(argv[i], "--rows")) rows = next();
    else if (!std::strcmp(argv[i], "--batch")) batch_rows = next();
    else if (!std::strcmp(argv[i], "--reps")) reps = static_cast<int>(next());
    else if (!std::strcmp(argv[i], "--seed")) seed = static_cast<uint32_t>(next());
    else if (!std::strcmp(argv[i], "--no-strings")) strings = false;
    else if (!std::strcmp(argv[i], "--part-size")) options.part_size = next();
    else if (!std::strcmp(argv[i], "--cache")) options.use_cache = true;
    else if (!std::strcmp(argv[i], "--emit-llvm")) emit = 1;
    else if (!std::strcmp(argv[i], "--emit-llvm-raw")) emit = 2;
    else file = argv[i];
  }
  if (batch_rows == 0 || reps <= 0) {
    std::fprintf(stderr, "bench_eval: --batch and --reps must be positive\n");
    return 2;
  }

  Gen gen(seed, strings);
  ir::Program program;
  leadc::Compilation compilation;  // keeps the program's source files alive
  if (!file.empty()) {
    leadc::Diagnostics diags;
    compilation = leadc::compile_file(file, diags);
    if (!compilation.program) {
      std::fprintf(stderr, "bench_eval: %s does not compile (%zu errors)\n", file.c_str(), diags.error_count());
      return 1;
    }
    program = *compilation.program;
  } else {
    program = gen.big_program(200, 50, 10);
  }

  if (emit) {
    auto listing = jit::emit_llvm_ir(program, emit == 1, options);
    if (!listing) {
      std::fprintf(stderr, "bench_eval: %s\n", listing.error().c_str());
      return 1;
    }
    std::fputs(listing->c_str(), stdout);
    return 0;
  }

  std::vector<rt::Batch> batches;
  for (size_t done = 0; done < rows; done += batch_rows) batches.push_back(gen.batch(program, std::min(batch_rows, rows - done)));

  rt::EvalContext ctx{1.7e9};
  auto interp = rt::make_interpreter(program, ctx).value();
  jit::JitStats stats;
  auto jit_engine = jit::make_jit(program, ctx, options, &stats);
  if (!jit_engine) {
    std::fprintf(stderr, "bench_eval: JIT failed: %s\n", jit_engine.error().c_str());
    return 1;
  }
  Timing ti = time_engine(*interp, batches, reps);
  Timing tj = time_engine(**jit_engine, batches, reps);
  double n = static_cast<double>(rows);

  std::printf("program: %s, %zu inputs, %zu registers, %zu terms, %zu scores, %zu classifications\n",
              file.empty() ? "generated" : file.c_str(), program.inputs.size(), program.code.size(),
              program.terms.size(), program.scores.size(), program.classifications.size());
  std::printf("rows: %zu in batches of %zu, best of %d\n", rows, batch_rows, reps);
  std::printf("interpreter: %8.1f ms  %7.1f ns/row  (CPU %.1f ns/row)\n", ti.wall * 1e3, ti.wall * 1e9 / n,
              ti.cpu * 1e9 / n);
  std::printf("jit:         %8.1f ms  %7.1f ns/row  (CPU %.1f ns/row; %zu parts, %zu registers stored per row, %zu "
              "precomputed)\n",
              tj.wall * 1e3, tj.wall * 1e9 / n, tj.cpu * 1e9 / n, stats.parts, stats.stored_registers,
              stats.precomputed_registers);
  std::printf("speed-up:    %.2fx (CPU %.2fx)\n", ti.wall / tj.wall, ti.cpu / tj.cpu);
  std::printf("jit compile: %.1f ms (lower %.1f, O2 %.1f, codegen %.1f), CPU %.1f ms%s\n", stats.total_ms,
              stats.lower_ms, stats.optimize_ms, stats.codegen_ms, stats.cpu_ms,
              stats.cache_hit ? ", from the object cache" : "");
  return 0;
}
