// Lead rows for the SQL differential tests, over the random programs of
// tests/unit/ir_support/random_program.h (Shape::EveryFieldKind): the same rows are
// fed to the interpreter (as a Batch of IR values) and to SQLite (as a table typed
// the way a warehouse would load the lead file).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "compiler/sql/emit_sql.h"
#include "sqlite_db.h"
#include "tests/unit/ir_support/random_program.h"

namespace leadc::testing {

// One cell in both representations.
struct LeadCell {
  bool missing = true;
  double num = 0;        // IR value for Num inputs
  bool b = false;
  int32_t member = 0;
  std::string str;       // Str inputs
  SqlValue sql;          // what the table holds
};

struct LeadRows {
  std::vector<std::vector<LeadCell>> rows;  // rows[r][input]
};

LeadRows random_rows(const ir::Program& p, std::mt19937& rng, int count);

// The SQL type a warehouse would give the input in SQLite.
std::string sqlite_column_type(const ir::Input& in);

// Loads `rows` into an in-memory SQLite table "leads" (with a "row_no" column giving
// the order, inserted out of order), runs emit_sql on it and the interpreter on the
// same rows, and returns a description of the first difference ("" when equal).
std::string compare_sqlite_with_interpreter(const ir::Program& p, const LeadRows& rows, double as_of);

// "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SSZ" for epoch seconds.
std::string format_date(double secs);
std::string format_timestamp(double secs);

}  // namespace leadc::testing
