#include "runtime/cases.h"

#include <fmt/format.h>

#include <unordered_map>

#include "base/closest_name.h"
#include "runtime/activities.h"
#include "runtime/cell_parse.h"

namespace leadc::rt {

namespace {

constexpr std::string_view kExpectPrefix = "expect ";

// An input that reads an expected value of `n` as `run` writes it: labels by name
// (or their file spelling), numbers in the printed unit, booleans as a field reads them.
ir::Input expectation_input(const ir::NamedValue& n, const std::string& header) {
  ir::Input in;
  in.field = n.value.name;
  in.column = header;
  in.type = n.value.type;
  in.optional = true;
  in.enum_id = n.value.enum_id;
  in.scale = n.value.scale;
  in.unit = n.unit;
  switch (n.value.display) {
    case ir::Display::Bool: in.kind = ir::FieldKind::Bool; break;
    case ir::Display::Number: in.kind = ir::FieldKind::Number; break;
    case ir::Display::Text: in.kind = ir::FieldKind::Text; break;
    case ir::Display::Enum: in.kind = ir::FieldKind::Enum; break;
    case ir::Display::Date: in.kind = ir::FieldKind::Date; break;
    case ir::Display::Timestamp: in.kind = ir::FieldKind::Timestamp; break;
    case ir::Display::Set: in.kind = ir::FieldKind::Text; break;  // never used: refused before (a set is not expected)
  }
  return in;
}

ir::Constant constant_at(const Column& c, size_t row) {
  ir::Constant k;
  if (!c.known[row]) {
    k.missing = true;
    return k;
  }
  switch (c.type) {
    case ir::Type::Bool: k.b = c.b[row] != 0; break;
    case ir::Type::Num: k.num = c.num[row]; break;
    case ir::Type::Enum: k.member = c.member[row]; break;
    case ir::Type::Str: k.str = std::string(c.str[row]); break;
  }
  return k;
}

struct ExpectColumn {
  size_t cell;     // index of the column in the header
  std::string name;
};

}  // namespace

std::vector<Case> read_cases(const ir::Program& program, const std::string& path, const ReaderOptions& options) {
  const ir::Program fields = lead_file_program(program);
  LeadReader reader;
  reader.open(path, fields, options);
  if (reader.format() != LeadFormat::Csv)
    throw DataError(fmt::format("{}: error: a cases file is CSV (a spreadsheet's export), with `expect NAME` columns",
                                path));
  // The expectation columns and the program that reads their cells.
  std::vector<ExpectColumn> expects;
  ir::Program wanted;
  wanted.enums = program.enums;
  const std::vector<std::string> header = csv_row_cells(reader.header_raw(), reader.delimiter());
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].rfind(kExpectPrefix, 0) != 0) continue;
    std::string name(trim_spaces(std::string_view(header[i]).substr(kExpectPrefix.size())));
    const ir::NamedValue* n = program.find_name(name);
    if (!n) {
      std::string message = fmt::format("{}:1:1: error: column \"{}\" expects `{}`, which the definition does not declare",
                                        path, header[i], name);
      const ir::NamedValue* best = nullptr;
      size_t best_d = name.size() / 2 + 1;  // only a near miss is worth suggesting
      for (const ir::NamedValue& other : program.names) {
        const size_t d = edit_distance(name, other.value.name);
        if (d < best_d) best_d = d, best = &other;
      }
      if (best) message += fmt::format("; did you mean `expect {}`?", best->value.name);
      throw DataError(message);
    }
    // As in an example's `expect` (E0301, decision 90): a set is one value per member,
    // so a cell cannot say which set is expected.
    if (n->value.display == ir::Display::Set)
      throw DataError(fmt::format("{}:1:1: error: column \"{}\" expects `{}`, a set field: a set cannot be expected; "
                                  "expect a label or term that tests its members (`has`) instead",
                                  path, header[i], name));
    expects.push_back({i, name});
    wanted.inputs.push_back(expectation_input(*n, header[i]));
  }
  std::vector<FieldReader> cell_readers;
  for (size_t i = 0; i < wanted.inputs.size(); ++i) cell_readers.emplace_back(wanted, i);

  std::vector<Case> cases;
  const int key = fields.key_input();
  Batch batch;
  std::string scratch;
  while (reader.next(batch)) {
    for (size_t r = 0; r < batch.rows; ++r) {
      Case c;
      c.line = batch.line[r];
      if (key >= 0 && batch.inputs[key].known[r]) c.key = std::string(key_text(batch.inputs[key], r, scratch));
      c.example.title = c.key.empty() ? fmt::format("line {}", c.line) : c.key;
      for (size_t i = 0; i < fields.inputs.size(); ++i)
        c.example.given.push_back({static_cast<uint32_t>(i), constant_at(batch.inputs[i], r)});
      const std::vector<std::string> cells = csv_row_cells(batch.raw[r], reader.delimiter());
      for (size_t e = 0; e < expects.size(); ++e) {
        const std::string text = expects[e].cell < cells.size() ? cells[expects[e].cell] : std::string();
        if (text.empty()) continue;  // this row expects nothing of the name
        ir::Constant value;
        if (text == "missing") {
          value.missing = true;
        } else {
          Column col;
          col.reset(wanted.inputs[e].type, 1);
          const CellError err = cell_readers[e].read(text, col, 0);
          if (err != CellError::None)
            throw DataError(fmt::format("{}:{}: error: {}", path, c.line, cell_readers[e].message(err, text)));
          value = constant_at(col, 0);
        }
        c.example.expect.push_back({expects[e].name, std::move(value), ir::Example::Expect::Op::Eq, {}});
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

void attach_case_events(const ir::Program& program, const std::string& path, std::vector<Case>& cases,
                        const ReaderOptions& options) {
  if (!program.activity)
    throw DataError(fmt::format("{}: error: the definition has no `activity` block, so its cases have no events", path));
  const ir::Activity& activity = *program.activity;
  const ir::Program& ep = activity.events;
  std::unordered_map<std::string, std::vector<size_t>> case_of;  // key -> the cases (rows) with it
  for (size_t i = 0; i < cases.size(); ++i)
    if (!cases[i].key.empty()) case_of[cases[i].key].push_back(i);
  LeadReader reader;
  reader.open(path, ep, options);
  const size_t key = static_cast<size_t>(activity.key_input);
  Batch batch;
  std::string scratch;
  while (reader.next(batch)) {
    for (size_t r = 0; r < batch.rows; ++r) {
      const std::string k(batch.inputs[key].known[r] ? key_text(batch.inputs[key], r, scratch) : std::string_view());
      auto it = case_of.find(k);
      if (it == case_of.end())
        throw DataError(fmt::format("{}:{}: error: the event's `{}` is \"{}\", which is no case's key", path,
                                    batch.line[r], ep.inputs[key].field, k));
      std::vector<ir::Example::Given> event;
      for (size_t i = 0; i < ep.inputs.size(); ++i)
        event.push_back({static_cast<uint32_t>(i), constant_at(batch.inputs[i], r)});
      for (size_t c : it->second) cases[c].example.events.push_back(event);
    }
  }
}

}  // namespace leadc::rt
