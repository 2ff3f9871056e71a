// The input side of every read -> evaluate loop: reads a lead file for a program
// and hands out batches whose activity aggregates are already filled, so no caller
// has to pair lead_file_program() with fill_aggregates(). `leadc explain` and `diff`
// read leads through next(); `run` through the two halves, in parallel.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/activities.h"
#include "runtime/lead_reader.h"

namespace leadc::rt {

class LeadSource {
 public:
  // `program` must outlive the source. `activities` may be null: no lead has events
  // (count 0, any false, latest missing). Throws DataError / IoError as LeadReader.
  LeadSource(const std::string& path, const ir::Program& program, const ActivityTable* activities = nullptr,
             ReaderOptions options = {});

  // The next batch, its synthetic inputs filled. See LeadReader::next for `errors`.
  bool next(Batch& batch, std::vector<RowError>* errors = nullptr);

  // The two halves of next(), for parallel use (LeadReader's): next_chunk() from one
  // thread only, parse_chunk() from any number of threads at once.
  bool next_chunk(Chunk& chunk) { return reader_.next_chunk(chunk); }
  void parse_chunk(Chunk&& chunk, Batch& batch, std::vector<RowError>& errors) const;

  const LeadReader& reader() const { return reader_; }

 private:
  bool has_aggregates() const { return file_program_.inputs.size() != program_.inputs.size(); }

  const ir::Program& program_;
  const ActivityTable* activities_;
  ir::Program file_program_;  // what the file holds: the program without synthetic inputs
  LeadReader reader_;
};

}  // namespace leadc::rt
