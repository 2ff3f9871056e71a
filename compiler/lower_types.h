// How a source type is represented in the IR: the register type (ir_type in
// compiler/lower.h), an input's kind, unit and scale, and how a declared name prints.
// Decided here once; run, explain and test read the result from ir::Program.
#pragma once

#include <string>

#include "compiler/checked.h"
#include "compiler/ir/ir.h"

namespace leadc {

// The input (file column) a declared field is read from.
ir::Input field_input(const ast::Field& f);

// A declared name's register and display: durations of fields in their declared unit,
// of terms and consts in days, money in its currency. `reg` is the name's register,
// `lead` the lead program whose inputs hold the fields.
ir::NamedValue named_value(const Checked& c, const ir::Program& lead, const std::string& name, const Symbol& s,
                           ir::Reg reg);

}  // namespace leadc
