// String constants and the calls of the host's string helpers (runtime/jit/string_helpers.h).
#include "compiler/llvm/llvm_emitter.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>

namespace leadc::jit {

llvm::Function* LlvmEmitter::helper(const char* name) {
  if (llvm::Function* f = m_->getFunction(name)) return f;
  auto* fty = llvm::FunctionType::get(i32_, {ptr_, i64_, ptr_, i64_}, false);
  auto* f = llvm::Function::Create(fty, llvm::Function::ExternalLinkage, name, m_.get());
  f->setDoesNotThrow();
  f->setOnlyAccessesArgMemory();
  f->setOnlyReadsMemory();
  f->setWillReturn();
  return f;
}

llvm::Value* LlvmEmitter::str_helper(const char* name, const Val& a, const Val& b) {
  llvm::Value* r = b_.CreateCall(helper(name), {a.v, a.len, b.v, b.len});
  return b_.CreateICmpNE(r, b_.getInt32(0));
}

llvm::Value* LlvmEmitter::const_str(const std::string& s) {
  auto* init = llvm::ConstantDataArray::getString(ctx_, s, /*AddNull=*/false);
  auto* g = new llvm::GlobalVariable(*m_, init->getType(), true, llvm::GlobalValue::PrivateLinkage, init, "str");
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  g->setAlignment(llvm::Align(1));
  return g;
}

}  // namespace leadc::jit
