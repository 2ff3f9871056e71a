// What a message about an unreadable cell says of the field's type: its name and the
// forms a cell of it may take. Built once per field (FieldReader's constructor); the
// message itself is FieldReader::message (cell_message.cpp). Internal to runtime/.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ir/ir.h"

namespace leadc::rt {

struct CellTypeText {
  std::string type_name;  // "int", "money(USD)", the enum's name
  std::string expected;   // what would have been accepted ("" for text)
};
CellTypeText describe_cell_type(const ir::Program& program, const ir::Input& input,
                                std::string_view currency_symbol);

}  // namespace leadc::rt
