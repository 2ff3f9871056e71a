// What a LeadReader knows after open(): how file columns (CSV) or keys (JSON Lines)
// map to program inputs, and one FieldReader per input. Shared read-only by the
// chunk parsers (csv_chunk.cpp, jsonl_chunk.cpp), which may run on many threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/cell_parse.h"
#include "runtime/lead_reader.h"

namespace leadc::rt {

struct ReaderPlan {
  std::string path;
  LeadFormat format = LeadFormat::Csv;
  const ir::Program* program = nullptr;
  std::vector<FieldReader> fields;                           // parallel to program->inputs
  size_t columns = 0;                                        // CSV: header cells
  std::vector<std::string> header;                           // CSV: the header's cells (for messages)
  char delimiter = ',';                                      // CSV: the cell delimiter
  std::string encoding;                                      // "" UTF-8, else what the file was read as
  bool csv_fast_path = true;                                 // off: every chunk takes the general parser
  // CSV: header cell c feeds inputs feed_inputs[feed_begin[c] .. feed_begin[c + 1]) (flat,
  // so the cell loop does one range check and no indirection for unused columns).
  std::vector<uint32_t> feed_begin;
  std::vector<uint32_t> feed_inputs;
  std::unordered_map<std::string_view, std::vector<uint32_t>> key_inputs;  // JSONL: key -> inputs

  std::string error_at(uint64_t line, uint32_t col, const std::string& what) const {
    return path + ":" + std::to_string(line) + ":" + std::to_string(col) + ": error: " + what;
  }
};

// Resets `batch` for a new chunk with room for about `rows` rows.
void begin_batch(const ReaderPlan& plan, Batch& batch, size_t rows);
// Makes sure row slot `row` exists in every input column (grows geometrically).
void reserve_row(Batch& batch, size_t row);
// Removes the rows `sorted_rows` (ascending, distinct) from the batch's columns, lines
// and raw texts, keeping the order of the others.
void drop_batch_rows(Batch& batch, const std::vector<uint32_t>& sorted_rows);
// Trims the columns to batch.rows.
void end_batch(Batch& batch);

// Tries the fast path, then the general parser.
void parse_csv_chunk(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                     std::vector<RowError>& errors);
// The general parser: every rule and every error of LANGUAGE.md section 7.
void parse_csv_chunk_general(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                             std::vector<RowError>& errors);
// The fast path (csv_fast.cpp): true when it parsed the whole chunk (plain rows; rows
// with a bad cell become RowErrors worded by the general parser; batch.rows was 0);
// false leaves it to the general parser, with the batch's rows, lines and raw texts
// and `errors` untouched.
bool parse_csv_chunk_fast(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                          std::vector<RowError>& errors);
// `capacity` = readable bytes from data.data() (>= size + SIMDJSON_PADDING).
void parse_jsonl_chunk(const ReaderPlan& plan, std::string_view data, size_t capacity, uint64_t first_line,
                       Batch& batch, std::vector<RowError>& errors);

}  // namespace leadc::rt
