// Turning one input cell (CSV text or a JSON scalar) into an IR value, with the rules
// every reader and engine shares (see COMMON rules / LANGUAGE.md section 7): empty =
// missing, non-text cells trimmed of spaces, strict number/date/timestamp syntax, units
// scaled into IR units (seconds, cents). One FieldReader per ir::Input, built once.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

enum class CellError : uint8_t {
  None,
  Syntax,      // does not parse as the field's type
  Negative,    // duration or money below zero
  Decimals,    // money with more than two decimals
  Missing,     // empty cell for a non-optional field
};

class FieldReader {
 public:
  FieldReader(const ir::Program& program, size_t input_index);

  // Parses `text` into `col` at `row` (col is already sized). Text kinds keep the
  // text as is; `text` must then outlive the batch (point into batch-owned bytes).
  CellError read(std::string_view text, Column& col, size_t row) const;
  // Stores "missing" at `row`, or reports Missing for a non-optional field.
  CellError read_missing(Column& col, size_t row) const;

  // "field `NAME`: cannot read "TEXT" as TYPE" (plus a reason for Negative/Decimals).
  std::string message(CellError err, std::string_view text) const;

  const ir::Input& input() const { return *input_; }
  bool is_text() const;  // Text, Email, Phone: the value is a view of the cell

 private:
  const ir::Input* input_;
  std::string type_name_;
  std::unordered_map<std::string_view, int32_t> members_;  // Enum: member name -> index
};

// Low-level parsers, exposed for tests and for JSON scalars. All take trimmed text.
bool parse_bool_text(std::string_view s, bool& out);
// Decimal `-?digits(.digits)?`; `decimals` receives the number of digits after '.'.
bool parse_decimal_text(std::string_view s, double scale, double& out, int& decimals, bool& negative);
bool parse_date_text(std::string_view s, double& seconds);
bool parse_timestamp_text(std::string_view s, double& seconds);
bool valid_email(std::string_view s);
bool valid_phone(std::string_view s);
std::string_view trim_spaces(std::string_view s);

// Sizes a column's arrays for `rows` rows, keeping existing values (new rows missing).
void resize_column(Column& col, size_t rows);

}  // namespace leadc::rt
