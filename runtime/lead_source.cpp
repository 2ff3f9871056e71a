#include "runtime/lead_source.h"

namespace leadc::rt {

LeadSource::LeadSource(const std::string& path, const ir::Program& program, const ActivityTable* activities,
                       ReaderOptions options)
    : program_(program), activities_(activities), file_program_(lead_file_program(program)) {
  reader_.open(path, file_program_, std::move(options));
}

void LeadSource::parse_chunk(Chunk&& chunk, Batch& batch, std::vector<RowError>& errors) const {
  reader_.parse_chunk(std::move(chunk), batch, errors);
  if (has_aggregates()) fill_aggregates(program_, activities_, batch);
}

bool LeadSource::next(Batch& batch, std::vector<RowError>* errors) {
  if (!reader_.next(batch, errors)) return false;
  if (has_aggregates()) fill_aggregates(program_, activities_, batch);
  return true;
}

}  // namespace leadc::rt
