// Lowering: the checked program becomes the IR that every engine runs. Terms,
// scores and classifications are each lowered once and referenced by register.
#pragma once

#include "compiler/checked.h"
#include "compiler/ir/ir.h"

namespace leadc {

ir::Program lower(const Checked& checked);

// The IR value of a literal expression already checked against `type` (example
// `given` values, consts, `--set` values). `missing` yields Constant::missing.
ir::Constant lower_literal(const Checked& checked, const ast::Expr& literal, const Type& type);

// IR type of a source type.
ir::Type ir_type(const Type& t);

}  // namespace leadc
