// IR -> LLVM IR, the module skeleton. Each ir register becomes SSA values inside a
// loop over rows: an i1 known flag beside an i1/double/i32/{ptr,i64} value, so no
// register that the caller does not need is ever stored.
#include "compiler/llvm/llvm_emitter.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Function.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

namespace leadc::jit {

LlvmEmitter::LlvmEmitter(const ir::Program& p, llvm::LLVMContext& ctx, const LowerOptions& opt)
    : p_(p), ctx_(ctx), opt_(opt), b_(ctx) {
  i8_ = llvm::Type::getInt8Ty(ctx);
  i32_ = llvm::Type::getInt32Ty(ctx);
  i64_ = llvm::Type::getInt64Ty(ctx);
  f64_ = llvm::Type::getDoubleTy(ctx);
  ptr_ = llvm::PointerType::get(ctx, 0);
  col_ = llvm::StructType::get(ctx, {ptr_, ptr_});
  str_ = opt.str_len_first ? llvm::StructType::get(ctx, {i64_, ptr_}) : llvm::StructType::get(ctx, {ptr_, i64_});
}

llvm::Expected<std::unique_ptr<llvm::Module>> LlvmEmitter::run() {
  m_ = std::make_unique<llvm::Module>(p_.name.empty() ? "lead" : p_.name, ctx_);
  plan();
  for (size_t k = 0; k < parts_.size(); ++k) {
    build_part_function(parts_[k], k);
    if (auto err = emit_part(parts_[k])) return err;
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

// leadc_eval_partK(i64 begin, i64 end, double as_of, ptr noalias known/values for
// each input it reads, each register it loads, then each register it stores).
// noalias lets the loop vectorise.
void LlvmEmitter::build_part_function(Part& part, size_t k) {
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
void LlvmEmitter::build_entry() {
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

llvm::Error LlvmEmitter::emit_part(const Part& part) {
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
    bool leaf = ir::is_leaf(ins.op);
    auto it = out_ptrs.find(r);
    if (leaf && it == out_ptrs.end()) continue;  // made where used
    const Val& v = leaf ? get(static_cast<ir::Reg>(r)) : (regs_[r] = emit_op(ins));
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

llvm::Expected<std::unique_ptr<llvm::Module>> lower_program(const ir::Program& program, llvm::LLVMContext& ctx,
                                                             const LowerOptions& options) {
  return LlvmEmitter(program, ctx, options).run();
}

}  // namespace leadc::jit
