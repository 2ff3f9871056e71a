// Column storage helpers shared by readers and engines.
#include "runtime/batch.h"

namespace leadc::rt {

// Sizes `known` and the one value array that `t` uses; the other arrays are emptied
// (keeping their capacity, so a Registers reused across batches does not reallocate).
void Column::reset(ir::Type t, size_t rows) {
  type = t;
  zoneless_utc = 0;
  known.assign(rows, 0);
  num.clear();
  b.clear();
  member.clear();
  str.clear();
  switch (t) {
    case ir::Type::Num: num.assign(rows, 0.0); break;
    case ir::Type::Bool: b.assign(rows, 0); break;
    case ir::Type::Enum: member.assign(rows, 0); break;
    case ir::Type::Str: str.assign(rows, std::string_view()); break;
  }
}

}  // namespace leadc::rt
