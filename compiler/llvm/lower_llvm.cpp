// IR -> LLVM IR. Each ir register becomes SSA values inside one loop over rows: an
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
    collect_columns();
    llvm::Function* body = build_body();
    if (auto err = lower_body(body)) return err;
    build_entry(body);
    std::string problems;
    llvm::raw_string_ostream os(problems);
    if (llvm::verifyModule(*m_, &os)) {
      return llvm::createStringError(llvm::inconvertibleErrorCode(), "generated LLVM IR is invalid: %s",
                                     os.str().c_str());
    }
    return std::move(m_);
  }

 private:
  // Which input columns and registers the body reads or writes, in argument order.
  void collect_columns() {
    std::vector<bool> used(p_.inputs.size(), false);
    for (const ir::Instr& in : p_.code) {
      if (in.op == Op::Field && in.a < used.size()) used[in.a] = true;
    }
    for (size_t k = 0; k < used.size(); ++k) {
      if (used[k]) inputs_.push_back(k);
    }
    for (size_t r = 0; r < p_.code.size() && r < opt_.precomputed.size(); ++r) {
      if (opt_.precomputed[r]) loaded_.push_back(r);
    }
    for (size_t r = 0; r < p_.code.size() && r < opt_.materialise.size(); ++r) {
      bool loaded = r < opt_.precomputed.size() && opt_.precomputed[r];
      if (opt_.materialise[r] && !loaded) outputs_.push_back(r);
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

  // leadc_eval_body(i64 rows, double as_of, ptr noalias known/values for each used
  // input, each precomputed register, then each stored register). noalias lets the
  // loop vectorise.
  llvm::Function* build_body() {
    std::vector<llvm::Type*> params = {i64_, f64_};
    size_t n_ptrs = 2 * (inputs_.size() + loaded_.size() + outputs_.size());
    params.insert(params.end(), n_ptrs, ptr_);
    auto* fty = llvm::FunctionType::get(llvm::Type::getVoidTy(ctx_), params, false);
    auto* f = llvm::Function::Create(fty, llvm::Function::InternalLinkage, "leadc_eval_body", m_.get());
    f->setDoesNotThrow();
    // Inlining would turn the noalias arguments into scoped-alias metadata on every
    // access, quadratic in the number of columns; a call per batch costs nothing.
    f->addFnAttr(llvm::Attribute::NoInline);
    for (unsigned a = 2; a < f->arg_size(); ++a) {
      f->addParamAttr(a, llvm::Attribute::NoAlias);
      f->addParamAttr(a, llvm::Attribute::NoCapture);
      if (a < 2 + 2 * (inputs_.size() + loaded_.size())) f->addParamAttr(a, llvm::Attribute::ReadOnly);
    }
    return f;
  }

  // The exported entry: unpacks the ColRef arrays and calls the body.
  void build_entry(llvm::Function* body) {
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
    b_.SetInsertPoint(llvm::BasicBlock::Create(ctx_, "entry", f));
    std::vector<llvm::Value*> call_args = {rows, as_of};
    auto load_col = [&](llvm::Value* base, size_t index, const std::string& name) {
      llvm::Value* col = b_.CreateConstInBoundsGEP1_64(col_, base, index);
      for (unsigned field = 0; field < 2; ++field) {
        llvm::Value* addr = b_.CreateStructGEP(col_, col, field);
        call_args.push_back(b_.CreateLoad(ptr_, addr, name + (field == 0 ? ".known" : ".values")));
      }
    };
    for (size_t k : inputs_) load_col(in, k, "in" + std::to_string(k));
    for (size_t r : loaded_) load_col(out, r, "r" + std::to_string(r));
    for (size_t r : outputs_) load_col(out, r, "r" + std::to_string(r));
    b_.CreateCall(body, call_args);
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

  llvm::Error lower_body(llvm::Function* f) {
    llvm::Value* rows = f->getArg(0);
    llvm::Value* as_of = f->getArg(1);
    auto* entry = llvm::BasicBlock::Create(ctx_, "entry", f);
    auto* loop = llvm::BasicBlock::Create(ctx_, "row", f);
    auto* exit = llvm::BasicBlock::Create(ctx_, "exit", f);
    b_.SetInsertPoint(entry);
    b_.CreateCondBr(b_.CreateICmpSLE(rows, b_.getInt64(0)), exit, loop);

    b_.SetInsertPoint(loop);
    llvm::PHINode* i = b_.CreatePHI(i64_, 2, "i");
    i->addIncoming(b_.getInt64(0), entry);

    std::unordered_map<size_t, std::pair<llvm::Value*, llvm::Value*>> in_ptrs, loaded_ptrs, out_ptrs;
    unsigned arg = 2;
    for (size_t k : inputs_) {
      in_ptrs[k] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }
    for (size_t r : loaded_) {
      loaded_ptrs[r] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }
    for (size_t r : outputs_) {
      out_ptrs[r] = {f->getArg(arg), f->getArg(arg + 1)};
      arg += 2;
    }

    std::vector<Val> regs(p_.code.size());
    for (size_t r = 0; r < p_.code.size(); ++r) {
      const ir::Instr& ins = p_.code[r];
      if (ins.op == Op::Field) {
        auto it = in_ptrs.find(ins.a);
        if (it == in_ptrs.end()) {
          return llvm::createStringError(llvm::inconvertibleErrorCode(), "%%%zu: Field of unknown input", r);
        }
        regs[r] = load(ins.type, it->second.first, it->second.second, i);
      } else if (auto it = loaded_ptrs.find(r); it != loaded_ptrs.end()) {
        regs[r] = load(ins.type, it->second.first, it->second.second, i);
      } else {
        regs[r] = lower(ins, regs, as_of);
      }
      if (!regs[r].known) {
        return llvm::createStringError(llvm::inconvertibleErrorCode(), "%%%zu: cannot lower %s", r,
                                       ir::op_name(ins.op));
      }
      if (auto it = out_ptrs.find(r); it != out_ptrs.end()) {
        store(ins.type, regs[r], it->second.first, it->second.second, i);
      }
    }

    llvm::Value* next = b_.CreateAdd(i, b_.getInt64(1), "next", /*HasNUW=*/true, /*HasNSW=*/true);
    i->addIncoming(next, loop);
    b_.CreateCondBr(b_.CreateICmpEQ(next, rows), exit, loop);
    b_.SetInsertPoint(exit);
    b_.CreateRetVoid();
    return llvm::Error::success();
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

  Val lower(const ir::Instr& ins, const std::vector<Val>& regs, llvm::Value* as_of) {
    auto reg = [&](ir::Reg r) -> const Val& { return regs[r]; };
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
      case Op::AsOf: return {b_.getTrue(), as_of};
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
  std::vector<size_t> inputs_, loaded_, outputs_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *f64_;
  llvm::PointerType* ptr_;
  llvm::StructType *col_, *str_;
};

}  // namespace

llvm::Expected<std::unique_ptr<llvm::Module>> lower_program(const ir::Program& program, llvm::LLVMContext& ctx,
                                                             const LowerOptions& options) {
  return Lowerer(program, ctx, options).run();
}

}  // namespace leadc::jit
