// The one serial read -> evaluate loop's input side: reads a lead file for a
// program and hands out batches whose activity aggregates are already filled, so no
// caller has to pair lead_file_program() with fill_aggregates(). `leadc explain`,
// `diff` and `test --cases` read leads through it; `run` uses the same two halves
// in parallel (runtime/run.cpp).
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

  const LeadReader& reader() const { return reader_; }

 private:
  const ir::Program& program_;
  const ActivityTable* activities_;
  ir::Program file_program_;  // what the file holds: the program without synthetic inputs
  LeadReader reader_;
};

}  // namespace leadc::rt
