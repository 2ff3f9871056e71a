// `leadc compile --emit schema`: the CREATE TABLE statements of the tables the query
// from emit_sql() reads, typed the way its loads expect (docs/sql.md, "The table").
// The query also reads the same tables loaded raw (every column text).
#include <set>

#include "compiler/ir/verify.h"
#include "compiler/sql/emit_sql.h"
#include "compiler/sql/sql_dialect.h"

namespace leadc {

namespace {

// One column per input column (several fields may read one), in input order; the
// order column first when it is not a field.
Expected<std::string> create_table(const sql::Dialect& d, const std::string& table, const std::vector<ir::Input>& inputs,
                         const std::string& order_by) {
  std::vector<std::string> cols;
  std::set<std::string> seen;
  for (const ir::Input& in : inputs) if (!in.synthetic) seen.insert(in.column);
  if (!order_by.empty() && !seen.count(order_by))
    cols.push_back(d.ident(order_by) + " " + d.column_type(ir::FieldKind::Int));
  seen.clear();
  for (const ir::Input& in : inputs) {
    if (in.synthetic || !seen.insert(in.column).second) continue;
    cols.push_back(d.ident(in.column) + " " + d.column_type(in.kind));
  }
  if (cols.empty()) return Failure{"the definition reads no column of " + table + ", so it has no table to create"};
  std::string sql = "CREATE TABLE " + d.table_ref(table) + " (\n";
  for (size_t i = 0; i < cols.size(); ++i) sql += "  " + cols[i] + (i + 1 < cols.size() ? ",\n" : "\n");
  return sql + ")" + d.table_suffix() + ";\n";
}

}  // namespace

Expected<std::string> emit_sql_schema(const ir::Program& program, const SqlOptions& opts) {
  if (Status s = ir::verify(program, {.enum_names = true}); !s) return Failure{"ill-formed IR program: " + s.error()};
  const sql::Dialect d(opts.dialect);
  auto leads = create_table(d, opts.table, program.inputs, opts.order_by);
  if (!leads || !program.activity) return leads;
  auto events = create_table(d, opts.activities_table, program.activity->events.inputs, "");
  if (!events) return events;
  return *leads + *events;
}

}  // namespace leadc
