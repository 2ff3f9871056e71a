// IR -> LLVM IR. Each ir register becomes SSA values inside a loop over rows: an
// i1 known flag beside an i1/double/i32/{ptr,i64} value, so no register that the
// caller does not need is ever stored. The rules mirror runtime/interpreter.cpp
// operation by operation (same formulas, same comparisons), which is what makes the
// differential test against the interpreter exact.
#include "compiler/llvm/lower_llvm.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <unordered_map>

namespace leadc::jit {

using ir::Op;
using ir::Type;

namespace {

struct Val {
  llvm::Value* known = nullptr;  // i1
  llvm::Value* v = nullptr;      // i1 / double / i32 / ptr (Str bytes)
  llvm::Value* len = nullptr;    // i64, Str only
};

class Lowerer {
 public:
  Lowerer(const ir::Program& p, llvm::LLVMContext& ctx, const LowerOptions& opt)
      : p_(p), ctx_(ctx), opt_(opt), b_(ctx) {
    i1_ = llvm::Type::getInt1Ty(ctx);
    i8_ = llvm::Type::getInt8Ty(ctx);
    i32_ = llvm::Type::getInt32Ty(ctx);
    i64_ = llvm::Type::getInt64Ty(ctx);
    f64_ = llvm::Type::getDoubleTy(ctx);
    ptr_ = llvm::PointerType::get(ctx, 0);
    col_ = llvm::StructType::get(ctx, {ptr_, ptr_});
    str_ = opt.str_len_first ? llvm::StructType::get(ctx, {i64_, ptr_}) : llvm::StructType::get(ctx, {ptr_, i64_});
  }

  llvm::Expected<std::unique_ptr<llvm::Module>> run() {
    m_ = std::make_unique<llvm::Module>(p_.name.empty() ? "lead" : p_.name, ctx_);
    plan();
    for (size_t k = 0; k < parts_.size(); ++k) {
      build_part_function(parts_[k], k);
      if (auto err = lower_part(parts_[k])) return err;
    }
    build_entry();
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (llvm::verifyModule(*m_, &os)) {
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "generated LLVM IR is invalid: %s",
                                     os.str().c_str());
    }
    return std::move(m_);
  }

 private:
  // One row loop over registers [begin, end), as its own function.
  struct Part {
    size_t begin = 0, end = 0;
    std::vector<size_t> inputs;  // input columns it reads
    std::vector<size_t> loaded;  // registers it reads from their columns (precomputed or from earlier parts)
    std::vector<size_t> stored;  // registers it writes to their columns
    bool has_str = false;        // whether any of those columns holds strings
    llvm::Function* f = nullptr;
  };

  bool precomputed(size_t r) const { return r < opt_.precomputed.size() && opt_.precomputed[r]; }
  bool materialised(size_t r) const { return r < opt_.materialise.size() && opt_.materialise[r]; }

  // Which input columns and registers each part reads or writes, in argument order.
  void plan() {
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
        if (in.op == Op::Field || in.op == Op::Const || in.op == Op::AsOf) continue;
        for (ir::Reg x : {in.a, in.b, in.c}) need(x);
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

  llvm::Type* value_type(Type t) {
    switch (t) {
      case Type::Num: return f64_;
      case Type::Bool: return i8_;
      case Type::Enum: return i32_;
      case Type::Str: return str_;
    }
    return i8_;
  }

  // leadc_eval_partK(i64 begin, i64 end, double as_of, ptr noalias known/values for
  // each input it reads, each register it loads, then each register it stores).
  // noalias lets the loop vectorise.
  void build_part_function(Part& part, size_t k) {
    std::vector<llvm::Type*> params = {i64_, i64_, f64_};
    size_t n_read = 2 * (part.inputs.size() + part.loaded.size());
    params.insert(params.end(), n_read + 2 * part.stored.size(), ptr_);
    auto* fty = llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), params, false);
    auto* f = llvm::Function::Create(fty, llvm::Function::InternalLinkage, llvm::Twine("leadc_eval_part") + llvm::Twine(k),
                                     m_.get());
    f->setDoesNotThrow();
    // Inlining would turn the noalias arguments into scoped-alias metadata on every
    // access, quadratic in the number of columns, and undo the split into parts.
    f->addFnAttr(llvm::Attribute::NoInline);
    for (unsigned a = 3; a < f->arg_size(); ++a) {
      f->addParamAttr(a, llvm::Attribute::NoAlias);
      f->addParamAttr(a, llvm::Attribute::NoCapture);
      if (a < 3 + n_read) f->addParamAttr(a, llvm::Attribute::ReadOnly);
    }
    part.f = f;
  }

  // The exported entry: unpacks the ColRef arrays and calls the parts. With several
  // parts it walks the batch in tiles, so the columns that carry values from one part
  // to the next are still in cache when the next part reads them.
  void build_entry() {
    auto* fty = llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), {ptr_, ptr_, i64_, f64_}, false);
    auto* f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, kEvalSymbol, m_.get());
    f->setDoesNotThrow();
    auto args = f->arg_begin();
    llvm::Value* in = &*args++;
    llvm::Value* out = &*args++;
    llvm::Value* rows = &*args++;
    llvm::Value* as_of = &*args++;
    in->setName("inputs");
    out->setName("regs");
    rows->setName("rows");
    as_of->setName("as_of");
    auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
    b_.SetInsertPoint(entry);
    std::vector<std::vector<llvm::Value*>> call_args(parts_.size());
    for (size_t k = 0; k < parts_.size(); ++k) {
      auto load_col = [&](llvm::Value* base, size_t index, const char* prefix) {
        llvm::Value* col = b_.CreateConstInBoundsGEP1_64(col_, base, index);
        for (unsigned field = 0; field < 2; ++field) {
          llvm::Value* addr = b_.CreateStructGEP(col_, col, field);
          const char* what = field == 0 ? ".known" : ".values";
          call_args[k].push_back(b_.CreateLoad(ptr_, addr, llvm::Twine(prefix) + llvm::Twine(index) + what));
        }
      };
      for (size_t i : parts_[k].inputs) load_col(in, i, "in");
      for (size_t r : parts_[k].loaded) load_col(out, r, "r");
      for (size_t r : parts_[k].stored) load_col(out, r, "r");
    }
    auto call_parts = [&](llvm::Value* begin, llvm::Value* end) {
      for (size_t k = 0; k < parts_.size(); ++k) {
        std::vector<llvm::Value*> a = {begin, end, as_of};
        a.insert(a.end(), call_args[k].begin(), call_args[k].end());
        b_.CreateCall(parts_[k].f, a);
      }
    };
    if (parts_.size() == 1 || opt_.tile_rows == 0) {
      call_parts(b_.getInt64(0), rows);
      b_.CreateRetVoid();
      return;
    }
    auto* tile = llvm::BasicBlock::Create(ctx_, "tile", f);
    auto* exit = llvm::BasicBlock::Create(ctx_, "exit", f);
    b_.CreateCondBr(b_.CreateICmpSLE(rows, b_.getInt64(0)), exit, tile);
    b_.SetInsertPoint(tile);
    llvm::PHINode* begin = b_.CreatePHI(i64_, 2, "begin");
    begin->addIncoming(b_.getInt64(0), entry);
    llvm::Value* next = b_.CreateAdd(begin, b_.getInt64(opt_.tile_rows), "next", true, true);
    llvm::Value* end = b_.CreateSelect(b_.CreateICmpSLT(next, rows), next, rows, "end");
    call_parts(begin, end);
    begin->addIncoming(next, tile);
    b_.CreateCondBr(b_.CreateICmpSLT(next, rows), tile, exit);
    b_.SetInsertPoint(exit);
    b_.CreateRetVoid();
  }

  llvm::Function* helper(const char* name) {
    if (llvm::Function* f = m_->getFunction(name)) return f;
    auto* fty = llvm::FunctionType::get(i32_, {ptr_, i64_, ptr_, i64_}, false);
    auto* f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, name, m_.get());
    f->setDoesNotThrow();
    f->setOnlyAccessesArgMemory();
    f->setOnlyReadsMemory();
    f->setWillReturn();
    return f;
  }

  llvm::Value* str_helper(const char* name, const Val& a, const Val& b) {
    llvm::Value* r = b_.CreateCall(helper(name), {a.v, a.len, b.v, b.len});
    return b_.CreateICmpNE(r, b_.getInt32(0));
  }

  llvm::Value* const_str(const std::string& s) {
    auto* init = llvm::ConstantDataArray::getString(ctx_, s, /*AddNull=*/false);
    auto* g = new llvm::GlobalVariable(*m_, init->getType(), true, llvm::GlobalValue::PrivateLinkage, init, "str");
    g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    g->setAlignment(llvm::Align(1));
    return g;
  }

  llvm::Value* zero_of(Type t) {
    switch (t) {
      case Type::Num: return llvm::ConstantFP::get(f64_, 0.0);
      case Type::Bool: return b_.getFalse();
      case Type::Enum: return b_.getInt32(0);
      case Type::Str: return llvm::ConstantPointerNull::get(ptr_);
    }
    return nullptr;
  }

  llvm::Error lower_part(const Part& part) {
    llvm::Function* f = part.f;
    llvm::Value* first = f->getArg(0);
    llvm::Value* end = f->getArg(1);
    as_of_ = f->getArg(2);
    auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
    auto* loop = llvm::BasicBlock::Create(ctx_, "row", f);
    auto* exit = llvm::BasicBlock::Create(ctx_, "exit", f);
    b_.SetInsertPoint(entry);
    b_.CreateCondBr(b_.CreateICmpSGE(first, end), exit, loop);

    b_.SetInsertPoint(loop);
    i_ = b_.CreatePHI(i64_, 2, "i");
    i_->addIncoming(first, entry);

    in_ptrs_.clear();
    loaded_ptrs_.clear();
    std::unordered_map<size_t, std::pair<llvm::Value*, llvm::Value*>> out_ptrs;
    unsigned arg = 3;
    for (size_t k : part.inputs) {
      in_ptrs_[k] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }
    for (size_t r : part.loaded) {
      loaded_ptrs_[r] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }
    for (size_t r : part.stored) {
      out_ptrs[r] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }

    regs_.assign(p_.code.size(), Val{});
    for (size_t r = part.begin; r < part.end; ++r) {
      if (precomputed(r)) continue;
      const ir::Instr& ins = p_.code[r];
      bool leaf = ins.op == Op::Field || ins.op == Op::Const || ins.op == Op::AsOf;
      auto it = out_ptrs.find(r);
      if (leaf && it == out_ptrs.end()) continue;  // made where used
      const Val& v = leaf ? get(static_cast<ir::Reg>(r)) : (regs_[r] = lower(ins));
      if (!v.known) {
        return llvm::createStringError(llvm::inconvertibleErrorCode(), "%%%zu: cannot lower %s", r,
                                       ir::op_name(ins.op));
      }
      if (it != out_ptrs.end()) store(ins.type, v, it->second.first, it->second.second, i_);
    }

    llvm::Value* next = b_.CreateAdd(i_, b_.getInt64(1), "next", /*HasNUW=*/true, /*HasNSW=*/true);
    i_->addIncoming(next, loop);
    llvm::BranchInst* latch = b_.CreateCondBr(b_.CreateICmpEQ(next, end), exit, loop);
    if (parts_.size() > 1 && !part.has_str) {
      // Vectorise with masked loads and stores for the last rows instead of a scalar
      // copy of the loop: half the code to generate. Where masked byte access is not
      // legal (before AVX-512) the vectoriser falls back to the scalar copy. Not for
      // string columns, whose {ptr, len} cells would become masked gathers/scatters.
      llvm::Metadata* pred[] = {llvm::MDString::get(ctx_, "llvm.loop.vectorize.predicate.enable"),
                                llvm::ConstantAsMetadata::get(b_.getTrue())};
      llvm::Metadata* ops[] = {nullptr, llvm::MDNode::get(ctx_, pred)};
      llvm::MDNode* md = llvm::MDNode::getDistinct(ctx_, ops);
      md->replaceOperandWith(0, md);
      latch->setMetadata(llvm::LLVMContext::MD_loop, md);
    }
    b_.SetInsertPoint(exit);
    b_.CreateRetVoid();
    return llvm::Error::success();
  }

  // The value of register x in the current row of the current part: computed
  // earlier in the part, or made on first use here (input and register column
  // loads, constants). Empty when it is not available, which lower_part reports.
  const Val& get(ir::Reg x) {
    static const Val none;
    if (x >= regs_.size()) return none;
    Val& v = regs_[x];
    if (v.known) return v;
    const ir::Instr& d = p_.code[x];
    if (d.op == Op::Field) {
      if (auto it = in_ptrs_.find(d.a); it != in_ptrs_.end()) v = load(d.type, it->second.first, it->second.second, i_);
    } else if (auto it = loaded_ptrs_.find(x); it != loaded_ptrs_.end()) {
      v = load(d.type, it->second.first, it->second.second, i_);
    } else if (d.op == Op::Const || d.op == Op::AsOf) {
      v = lower(d);
    }
    return v;
  }

  Val load(Type t, llvm::Value* known, llvm::Value* values, llvm::Value* i) {
    Val out;
    llvm::Value* k = b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, known, i));
    out.known = b_.CreateICmpNE(k, b_.getInt8(0));
    switch (t) {
      case Type::Num: out.v = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, values, i)); break;
      case Type::Enum: out.v = b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, values, i)); break;
      case Type::Bool:
        out.v = b_.CreateICmpNE(b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, values, i)), b_.getInt8(0));
        break;
      case Type::Str: {
        llvm::Value* cell = b_.CreateInBoundsGEP(str_, values, i);
        unsigned ptr_field = opt_.str_len_first ? 1 : 0;
        out.v = b_.CreateLoad(ptr_, b_.CreateStructGEP(str_, cell, ptr_field));
        out.len = b_.CreateLoad(i64_, b_.CreateStructGEP(str_, cell, 1 - ptr_field));
        break;
      }
    }
    return out;
  }

  void store(Type t, const Val& val, llvm::Value* known, llvm::Value* values, llvm::Value* i) {
    b_.CreateStore(b_.CreateZExt(val.known, i8_), b_.CreateInBoundsGEP(i8_, known, i));
    switch (t) {
      case Type::Num: b_.CreateStore(val.v, b_.CreateInBoundsGEP(f64_, values, i)); break;
      case Type::Enum: b_.CreateStore(val.v, b_.CreateInBoundsGEP(i32_, values, i)); break;
      case Type::Bool: b_.CreateStore(b_.CreateZExt(val.v, i8_), b_.CreateInBoundsGEP(i8_, values, i)); break;
      case Type::Str: {
        llvm::Value* cell = b_.CreateInBoundsGEP(str_, values, i);
        unsigned ptr_field = opt_.str_len_first ? 1 : 0;
        b_.CreateStore(val.v, b_.CreateStructGEP(str_, cell, ptr_field));
        b_.CreateStore(val.len, b_.CreateStructGEP(str_, cell, 1 - ptr_field));
        break;
      }
    }
  }

  Val both_known(const Val& a, const Val& b, llvm::Value* v) { return {b_.CreateAnd(a.known, b.known), v}; }

  Val lower(const ir::Instr& ins) {
    auto reg = [&](ir::Reg r) -> const Val& { return get(r); };
    switch (ins.op) {
      case Op::Field: return {};
      case Op::Const: {
        const ir::Constant& c = ins.value;
        Val out{b_.getInt1(!c.missing), zero_of(ins.type)};
        if (ins.type == Type::Str) out.len = b_.getInt64(0);
        if (c.missing) return out;
        switch (ins.type) {
          case Type::Num: out.v = llvm::ConstantFP::get(f64_, c.num); break;
          case Type::Bool: out.v = b_.getInt1(c.b); break;
          case Type::Enum: out.v = b_.getInt32(static_cast<uint32_t>(c.member)); break;
          case Type::Str:
            out.v = const_str(c.str);
            out.len = b_.getInt64(c.str.size());
            break;
        }
        return out;
      }
      case Op::AsOf: return {b_.getTrue(), as_of_};
      default: break;
    }
    const Val& a = reg(ins.a);
    switch (ins.op) {
      case Op::Add: return both_known(a, reg(ins.b), b_.CreateFAdd(a.v, reg(ins.b).v));
      case Op::Sub: return both_known(a, reg(ins.b), b_.CreateFSub(a.v, reg(ins.b).v));
      case Op::Mul: return both_known(a, reg(ins.b), b_.CreateFMul(a.v, reg(ins.b).v));
      case Op::Div: {
        const Val& b = reg(ins.b);
        llvm::Value* nonzero = b_.CreateFCmpUNE(b.v, llvm::ConstantFP::get(f64_, 0.0));
        return {b_.CreateAnd(b_.CreateAnd(a.known, b.known), nonzero), b_.CreateFDiv(a.v, b.v)};
      }
      case Op::Min: {
        const Val& b = reg(ins.b);
        return both_known(a, b, b_.CreateSelect(b_.CreateFCmpOLT(a.v, b.v), a.v, b.v));
      }
      case Op::Max: {
        const Val& b = reg(ins.b);
        return both_known(a, b, b_.CreateSelect(b_.CreateFCmpOGT(a.v, b.v), a.v, b.v));
      }
      case Op::Eq:
      case Op::Ne: {
        const Val& b = reg(ins.b);
        bool ne = ins.op == Op::Ne;
        llvm::Value* v = nullptr;
        switch (p_.code[ins.a].type) {
          case Type::Num: v = ne ? b_.CreateFCmpUNE(a.v, b.v) : b_.CreateFCmpOEQ(a.v, b.v); break;
          case Type::Bool:
          case Type::Enum: v = ne ? b_.CreateICmpNE(a.v, b.v) : b_.CreateICmpEQ(a.v, b.v); break;
          case Type::Str: {
            v = str_helper("leadc_jit_str_eq", a, b);
            if (ne) v = b_.CreateNot(v);
            break;
          }
        }
        return both_known(a, b, v);
      }
      case Op::Lt: return both_known(a, reg(ins.b), b_.CreateFCmpOLT(a.v, reg(ins.b).v));
      case Op::Le: return both_known(a, reg(ins.b), b_.CreateFCmpOLE(a.v, reg(ins.b).v));
      case Op::Gt: return both_known(a, reg(ins.b), b_.CreateFCmpOGT(a.v, reg(ins.b).v));
      case Op::Ge: return both_known(a, reg(ins.b), b_.CreateFCmpOGE(a.v, reg(ins.b).v));
      case Op::StartsWith: return both_known(a, reg(ins.b), str_helper("leadc_jit_starts_with", a, reg(ins.b)));
      case Op::EndsWith: return both_known(a, reg(ins.b), str_helper("leadc_jit_ends_with", a, reg(ins.b)));
      case Op::Contains: return both_known(a, reg(ins.b), str_helper("leadc_jit_contains", a, reg(ins.b)));
      case Op::And: {
        const Val& b = reg(ins.b);
        llvm::Value* a_false = b_.CreateAnd(a.known, b_.CreateNot(a.v));
        llvm::Value* b_false = b_.CreateAnd(b.known, b_.CreateNot(b.v));
        llvm::Value* both = b_.CreateAnd(a.known, b.known);
        return {b_.CreateOr(b_.CreateOr(a_false, b_false), both), b_.CreateAnd(both, b_.CreateAnd(a.v, b.v))};
      }
      case Op::Or: {
        const Val& b = reg(ins.b);
        llvm::Value* known_true = b_.CreateOr(b_.CreateAnd(a.known, a.v), b_.CreateAnd(b.known, b.v));
        return {b_.CreateOr(known_true, b_.CreateAnd(a.known, b.known)), known_true};
      }
      case Op::Not: return {a.known, b_.CreateAnd(a.known, b_.CreateNot(a.v))};
      case Op::IsKnown: return {b_.getTrue(), a.known};
      case Op::Coalesce: {
        const Val& b = reg(ins.b);
        Val out{b_.CreateOr(a.known, b.known), b_.CreateSelect(a.known, a.v, b.v)};
        if (ins.type == Type::Str) out.len = b_.CreateSelect(a.known, a.len, b.len);
        return out;
      }
      case Op::Select: {
        const Val& x = reg(ins.b);
        const Val& y = reg(ins.c);
        llvm::Value* pick = b_.CreateAnd(a.known, a.v);
        Val out{b_.CreateSelect(pick, x.known, y.known), b_.CreateSelect(pick, x.v, y.v)};
        if (ins.type == Type::Str) out.len = b_.CreateSelect(pick, x.len, y.len);
        return out;
      }
      case Op::Field:
      case Op::Const:
      case Op::AsOf: break;
    }
    return {};
  }

  const ir::Program& p_;
  llvm::LLVMContext& ctx_;
  const LowerOptions& opt_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<llvm::Module> m_;
  std::vector<Part> parts_;
  // While lowering one part: its row index, as_of argument, column pointers, values.
  llvm::PHINode* i_ = nullptr;
  llvm::Value* as_of_ = nullptr;
  std::unordered_map<size_t, std::pair<llvm::Value*, llvm::Value*>> in_ptrs_, loaded_ptrs_;
  std::vector<Val> regs_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *f64_;
  llvm::PointerType* ptr_;
  llvm::StructType *col_, *str_;
};

bool is_leaf(const ir::Instr& in) { return in.op == Op::Field || in.op == Op::Const || in.op == Op::AsOf; }

}  // namespace

void plan_parts(const ir::Program& p, size_t part_size, LowerOptions& o) {
  o.part_starts.clear();
  if (part_size == 0) return;
  o.materialise.resize(p.code.size(), false);
  o.precomputed.resize(p.code.size(), false);
  size_t work = 0;
  for (size_t r = 0; r < p.code.size(); ++r) {
    if (is_leaf(p.code[r]) || o.precomputed[r]) continue;
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
    if (is_leaf(in) || o.precomputed[r]) continue;
    for (ir::Reg x : {in.a, in.b, in.c}) {
      if (x < begin && !is_leaf(p.code[x]) && !o.precomputed[x]) o.materialise[x] = true;
    }
  }
}

llvm::Expected<std::unique_ptr<llvm::Module>> lower_program(const ir::Program& program, llvm::LLVMContext& ctx,
                                                             const LowerOptions& options) {
  return Lowerer(program, ctx, options).run();
}

}  // namespace leadc::jit
