// `leadc test --cases CASES.csv`: every row of a lead file becomes an example. Its
// field columns are read by the lead reader exactly as `run` reads them; a column
// headed `expect NAME` holds the value NAME must have, read as a cell of NAME's type
// (an empty cell expects nothing of that row, the word `missing` expects missing).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/lead_reader.h"

namespace leadc::rt {

struct Case {
  ir::Example example;  // given: the row's fields; expect: `==` per filled `expect` cell
  std::string key;      // the row's key as written (empty without a key field)
  uint64_t line = 0;    // 1-based line of the row in the cases file
};

// Reads every row of `path` (CSV) for `program`. Throws DataError (a field's column
// missing, an `expect` column naming nothing the definition declares, a cell that
// does not read) or IoError.
std::vector<Case> read_cases(const ir::Program& program, const std::string& path, const ReaderOptions& options = {});

// `leadc test --cases CASES.csv --activities EVENTS`: the events of a cases file, an
// events file as `run --activities` reads it (CSV or JSON Lines, the `activity` block's
// columns), joined to the cases by key: each case's example gets the events whose
// activity key equals its key, in file order (every row with that key). Throws DataError when the definition has
// no `activity` block or an event's key is no case's key (a misspelt key would
// otherwise test a lead without its events), or IoError.
void attach_case_events(const ir::Program& program, const std::string& path, std::vector<Case>& cases,
                        const ReaderOptions& options = {});

}  // namespace leadc::rt
