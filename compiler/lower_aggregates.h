// The events program of a definition with an `activity { … }` block (ir::Activity):
// its inputs are the activity fields, its registers each aggregate's condition and
// value. The lead program holds each aggregate as a synthetic input; this builds the
// other side of it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/lower_expr.h"

namespace leadc {

class EventsLowerer : private LoweringScope {
 public:
  EventsLowerer(const Checked& c, std::vector<ir::EnumType> enums);

  // Lowers the condition and value of aggregate `e` (of `kind`; `half_life` in seconds
  // for the decayed kinds) into the events program and returns the synthetic input of
  // the lead program that holds it, named `name`, which will be lead input `input`.
  ir::Input aggregate_input(const ast::Expr& e, ir::AggregateKind kind, double half_life, const std::string& name,
                            uint32_t input);

  // The finished event side; call once, after the last aggregate_input.
  std::shared_ptr<ir::Activity> finish();

 private:
  ir::Reg reference(const ast::Expr& name) override;
  ir::Reg aggregate(const ast::Expr& e) override;
  ir::Reg event_time() override { return time_; }
  double within_of(const ast::Expr* e);

  const Checked& c_;
  CodeBuilder code_;
  ExprLowerer expr_;
  std::vector<ir::Reg> field_reg_, const_reg_;
  ir::Reg time_ = ir::kNoReg;
  std::shared_ptr<ir::Activity> activity_;
};

}  // namespace leadc
