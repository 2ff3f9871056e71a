// Folding an events file into per-key aggregate values, and filling the synthetic
// inputs of lead batches from them (see activities.h).
#include "runtime/activities.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace leadc::rt {

using ir::AggregateKind;

double aggregate_initial_value(AggregateKind k) {
  constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
  switch (k) {
    case AggregateKind::None: return 1;
    case AggregateKind::Latest:
    case AggregateKind::Earliest: return kMissing;
    default: return 0;
  }
}

std::string_view key_text(const Column& c, size_t row, std::string& scratch) {
  switch (c.type) {
    case ir::Type::Str: return c.str[row];
    case ir::Type::Num: scratch = fmt::format("{}", c.num[row]); return scratch;
    case ir::Type::Enum: scratch = std::to_string(c.member[row]); return scratch;
    case ir::Type::Bool: return c.b[row] ? "1" : "0";
  }
  return {};
}

ActivityTable::~ActivityTable() = default;

const double* ActivityTable::find(std::string_view key) const {
  const uint64_t h = key_hash(key);
  const Partition& part = parts_[partition_of(h)];
  const uint32_t id = part.table.find(key, h);
  if (id == KeyTable::kNone) return nullptr;
  part.has_lead[id].store(1, std::memory_order_relaxed);
  return part.table.values(id);
}

uint64_t ActivityTable::events_without_lead() const {
  uint64_t n = 0;
  for (const Partition& part : parts_)
    for (uint32_t i = 0; i < part.table.size(); ++i)
      if (!part.has_lead[i].load(std::memory_order_relaxed)) n += part.table.events(i);
  return n;
}

uint64_t ActivityTable::keys_without_lead() const {
  uint64_t n = 0;
  for (const Partition& part : parts_)
    for (size_t i = 0; i < part.table.size(); ++i) n += !part.has_lead[i].load(std::memory_order_relaxed);
  return n;
}

EventCounts ActivityTable::counts() const {
  EventCounts c;
  c.read = stats_.events_read;
  c.rejected = stats_.events_rejected;
  c.orphans = events_without_lead();
  c.matched = stats_.events_used - c.orphans;
  c.keys = stats_.keys;
  c.orphan_keys = keys_without_lead();
  return c;
}

ir::Program lead_file_program(const ir::Program& program) {
  ir::Program p = program;
  p.inputs.erase(std::remove_if(p.inputs.begin(), p.inputs.end(), [](const ir::Input& in) { return in.synthetic; }),
                 p.inputs.end());
  return p;
}

void fill_aggregates(const ir::Program& program, const ActivityTable* table, Batch& batch) {
  const size_t rows = batch.rows;
  size_t first = 0;  // synthetic inputs come after every lead field
  while (first < program.inputs.size() && !program.inputs[first].synthetic) ++first;
  batch.inputs.resize(program.inputs.size());
  std::vector<const double*> found(rows, nullptr);
  const int key = program.key_input();
  if (table && key >= 0) {
    std::string scratch;
    for (size_t r = 0; r < rows; ++r) found[r] = table->find(key_text(batch.inputs[key], r, scratch));
  }
  for (size_t i = first; i < program.inputs.size(); ++i) {
    const ir::Input& in = program.inputs[i];
    const ir::AggregateKind kind = program.activity->aggregates[in.aggregate].kind;
    const double none = aggregate_initial_value(kind);
    Column& c = batch.inputs[i];
    c.reset(in.type, rows);
    for (size_t r = 0; r < rows; ++r) {
      const double v = found[r] ? found[r][in.aggregate] : none;
      if (std::isnan(v)) continue;  // latest/earliest of no event: missing
      c.known[r] = 1;
      if (in.type == ir::Type::Bool) c.b[r] = v != 0;
      else c.num[r] = v;
    }
  }
}

}  // namespace leadc::rt
