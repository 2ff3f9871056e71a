// Printing output cells (LANGUAGE.md section 7): plain decimal numbers in the output's
// unit, true/false, label names, YYYY-MM-DD dates, YYYY-MM-DDTHH:MM:SSZ timestamps,
// missing as an empty CSV cell or JSON null. RowFormatter appends whole rows to a
// std::string so the writer can hand big blocks to fwrite.
#pragma once

#include <algorithm>
#include <functional>
#include <string>

#include "base/json.h"
#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::rt {

enum class OutFormat { Csv, Jsonl };

// Shortest round-trip form, never exponent notation: 35, 12.5, 0.1, 1500000.
void append_number(std::string& out, double v);
void append_date(std::string& out, double seconds);       // YYYY-MM-DD (UTC)
void append_timestamp(std::string& out, double seconds);  // YYYY-MM-DDTHH:MM:SSZ
void append_csv_field(std::string& out, std::string_view text);   // quoted only when needed
using leadc::append_json_string;  // with quotes and escapes (base/json.h)

// One output cell as text (no CSV quoting); empty when missing. A Display::Set value
// needs all its registers: format_set (given one, a set shows that member's Bool).
std::string format_cell(const ir::Program& p, const ir::Output& out, const Column& col, size_t row);
// A set's members at `row`, declaration order: `regs[o.reg + k]` is member k's Bool.
// Separated: joined by the set's separator (CSV); Json: an array of names (JSON
// Lines); Literal: `[crm, cms]`, as a `given` block writes it (explain). Missing: empty,
// `null`, `missing`.
enum class SetStyle { Separated, Json, Literal };
std::string format_set(const ir::Program& p, const ir::Output& o, const std::vector<Column>& regs, size_t row,
                       SetStyle style);

// Text of one extra cell per row (`leadc run --explain`), computed from the registers.
using ExtraCell = std::function<void(const Registers& regs, size_t row, std::string& out)>;
// The items of one list cell, kept from row to row so a warm list allocates nothing.
class ItemList {
 public:
  void clear() { n_ = 0; }
  std::string& add() {  // a new, empty last item
    if (n_ == items_.size()) items_.emplace_back();
    items_[n_].clear();
    return items_[n_++];
  }
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  std::string& operator[](size_t i) { return items_[i]; }
  const std::string& operator[](size_t i) const { return items_[i]; }
  void keep(size_t n) { n_ = std::min(n, n_); }  // drop the items after the first n
 private:
  std::vector<std::string> items_;
  size_t n_ = 0;
};

// The items of one extra list cell per row (`leadc run --reasons`): a JSON array in JSON
// Lines, the items joined by `; ` in CSV.
using ExtraList = std::function<void(const Registers& regs, size_t row, ItemList& items)>;

class RowFormatter {
 public:
  RowFormatter(const ir::Program& program, OutFormat format);
  // Adds a last column `name` whose text `cell` makes per row (quoted/escaped here);
  // columns added later come after it.
  void add_extra_column(std::string name, ExtraCell cell);
  void add_extra_list(std::string name, ExtraList list);
  void header(std::string& out) const;  // CSV: the header row; JSONL: nothing
  void rows(const Registers& regs, size_t rows, std::string& out) const;

 private:
  const ir::Program& program_;
  OutFormat format_;
  std::vector<std::string> json_keys_;  // `"name":` per output, with the leading `{` or `,`
  std::vector<std::vector<std::string>> enum_cells_;  // per Enum output: each label as a finished cell
  size_t max_enum_cell_ = 0;
  struct Extra {
    std::string name, key;  // CSV header; JSON `,"name":`
    ExtraCell cell;         // one of the two
    ExtraList list;
  };
  std::vector<Extra> extras_;
};

}  // namespace leadc::rt
