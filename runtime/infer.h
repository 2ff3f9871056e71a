// `leadc infer LEADS` (LANGUAGE.md section 9, "Drafting the `lead` block"): reads a
// CSV lead file and works out, column by column, the first field declaration whose
// reader reads every cell of it — the same FieldReader `leadc run` reads with, so the
// draft reads the whole file it came from. tools/leadc/cmd_infer.cpp prints it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/lead_reader.h"

namespace leadc::rt {

struct InferredField {
  std::string name;              // snake_case, a valid field name
  std::string column;            // the header as the file writes it
  std::string type;              // "int", "money(EUR)", "date", … or the enum's type name
  std::string format;            // "" or the pattern (format_is_name: epoch_millis)
  bool format_is_name = false;
  bool optional = false;         // some cell is empty
  bool key = false;              // the first column with a value in every row, all distinct
  std::vector<std::string> members;    // an enum: member names …
  std::vector<std::string> spellings;  // … and the file's text for each ("" = the name)
  bool is_set = false;                 // `set of` that enum: cells list members separated by `;`
  uint64_t zoneless = 0;         // timestamps: cells without an offset (read as UTC)
  std::vector<std::string> also;  // other formats that read every cell too (a guess to check)
  bool zero_one = false;          // an int column of 0 and 1 only: perhaps a bool
};

struct InferredLead {
  std::vector<InferredField> fields;
  std::vector<std::string> skipped;  // header cells that give no field (empty, repeated)
  uint64_t rows = 0;
  char delimiter = ',';
  std::string encoding;
};

// Reads the whole CSV file. Throws DataError (a file that does not read as CSV, a row
// whose cells do not line up) or IoError; a JSON Lines path is an IoError.
InferredLead infer_lead(const std::string& path, const ReaderOptions& options);

}  // namespace leadc::rt
