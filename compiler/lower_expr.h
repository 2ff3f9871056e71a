// Lowering of one expression into the program a CodeBuilder holds. The same code
// serves the lead program and the events program; what differs is what a name means
// there, which the program's LoweringScope answers.
#pragma once

#include <vector>

#include "compiler/checked.h"
#include "compiler/lower_code.h"

namespace leadc {

class LoweringScope {
 public:
  virtual ~LoweringScope() = default;
  // The register of a name that is not an enum member (a field, term, const, …).
  virtual ir::Reg reference(const ast::Expr& name) = 0;
  // The register of `count(activity …)` and the like (lead program only).
  virtual ir::Reg aggregate(const ast::Expr& e) = 0;
  // The event time (`at`) for `C within D` inside an aggregate (events program only).
  virtual ir::Reg event_time() = 0;
};

class ExprLowerer {
 public:
  ExprLowerer(const Checked& c, CodeBuilder& code, LoweringScope& scope) : c_(c), code_(code), scope_(scope) {}
  ir::Reg lower(const ast::Expr& e);

 private:
  ir::Reg all_of(const std::vector<ir::Reg>& regs, ir::Op combine);
  // Member `member` of a set field's value: its Bool register (the set's inputs are
  // consecutive Field registers, checked by ir::verify).
  ir::Reg set_member(const ast::Expr& set, int member);

  const Checked& c_;
  CodeBuilder& code_;
  LoweringScope& scope_;
};

// The register of const `i` of the module: its own instruction (not a shared
// constant), so the analysis and explain can name it, recorded in the program's
// consts. `--set` is applied to the AST before lowering.
ir::Reg lower_const(const Checked& c, CodeBuilder& code, size_t i);

}  // namespace leadc
