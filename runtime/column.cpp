// Column storage helpers shared by readers and engines: the one place columns are sized.
#include "runtime/batch.h"

namespace leadc::rt {

// Sizes `known` and the one value array that `t` uses; the other arrays are emptied
// (keeping their capacity, so a Registers reused across batches does not reallocate).
void Column::reset(ir::Type t, size_t rows) {
  type = t;
  zoneless.clear();
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

void Column::prepare(ir::Type t, size_t rows) {
  type = t;
  known.resize(rows);
  num.resize(t == ir::Type::Num ? rows : 0);
  b.resize(t == ir::Type::Bool ? rows : 0);
  member.resize(t == ir::Type::Enum ? rows : 0);
  str.resize(t == ir::Type::Str ? rows : 0);
}

void resize_column(Column& col, size_t rows) {
  col.known.resize(rows, 0);
  switch (col.type) {
    case ir::Type::Num: col.num.resize(rows, 0); break;
    case ir::Type::Bool: col.b.resize(rows, 0); break;
    case ir::Type::Enum: col.member.resize(rows, 0); break;
    case ir::Type::Str: col.str.resize(rows); break;
  }
}

}  // namespace leadc::rt
