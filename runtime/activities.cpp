// Folding an events file into per-key aggregate values, and filling the synthetic
// inputs of lead batches from them (see activities.h).
#include "runtime/activities.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "runtime/lead_reader.h"
#include "runtime/rejects_file.h"

namespace leadc::rt {

namespace {

using ir::AggregateKind;

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double initial_value(AggregateKind k) {
  switch (k) {
    case AggregateKind::None: return 1;
    case AggregateKind::Latest:
    case AggregateKind::Earliest: return kMissing;
    default: return 0;
  }
}

}  // namespace

std::string_view key_text(const Column& c, size_t row, std::string& scratch) {
  switch (c.type) {
    case ir::Type::Str: return c.str[row];
    case ir::Type::Num: scratch = fmt::format("{}", c.num[row]); return scratch;
    case ir::Type::Enum: scratch = std::to_string(c.member[row]); return scratch;
    case ir::Type::Bool: return c.b[row] ? "1" : "0";
  }
  return {};
}

void ActivityTable::start(const ir::Activity& activity) {
  width_ = activity.aggregates.size();
  for (const ir::Aggregate& g : activity.aggregates) initial_.push_back(initial_value(g.kind));
}

void ActivityTable::finish() {
  stats_.keys = index_.size();
  has_lead_ = std::make_unique<std::atomic<uint8_t>[]>(index_.size());
  for (size_t i = 0; i < index_.size(); ++i) has_lead_[i].store(0, std::memory_order_relaxed);
}

ActivityTable::ActivityTable(const ir::Program& lead_program, const Batch& events, EvalContext ctx) {
  const ir::Activity& activity = *lead_program.activity;
  start(activity);
  stats_.events_read = events.rows;
  if (events.rows > 0) {
    Registers regs;
    make_interpreter(activity.events, ctx).value()->evaluate(events, regs);
    fold(activity, events, regs, ctx.as_of);
  }
  finish();
}

ActivityTable::ActivityTable(const ir::Program& lead_program, const ActivityOptions& opts, EvalContext ctx) {
  const ir::Activity& activity = *lead_program.activity;
  start(activity);
  LeadReader reader;
  reader.open(opts.path, activity.events, opts.reader);
  auto interp = make_interpreter(activity.events, ctx).value();
  RejectsFile rejects(opts.rejects_path, reader);
  Batch batch;
  Registers regs;
  std::vector<RowError> errors;
  while (reader.next(batch, opts.skip_bad_rows ? &errors : nullptr)) {
    for (const RowError& e : errors) rejects.add(e);
    stats_.events_rejected += errors.size();
    stats_.events_read += batch.rows + errors.size();
    errors.clear();
    if (batch.rows == 0) continue;
    interp->evaluate(batch, regs);
    fold(activity, batch, regs, ctx.as_of);
  }
  stats_.rejects_path = rejects.commit();
  finish();
}

ActivityTable::~ActivityTable() = default;

void ActivityTable::fold(const ir::Activity& activity, const Batch& batch, const Registers& regs, double as_of) {
  // Key index of every row first, then one tight loop per aggregate.
  std::vector<uint32_t> row_key(batch.rows);
  std::string scratch;
  const Column& keys = batch.inputs[activity.key_input];
  for (size_t r = 0; r < batch.rows; ++r) {
    std::string_view k = key_text(keys, r, scratch);
    auto it = index_.find(k);
    if (it == index_.end()) {
      it = index_.emplace(std::string(k), static_cast<uint32_t>(events_.size())).first;
      events_.push_back(0);
      values_.insert(values_.end(), initial_.begin(), initial_.end());
    }
    row_key[r] = it->second;
    ++events_[it->second];
  }
  const Column* time = activity.time != ir::kNoReg ? &regs.regs[activity.time] : nullptr;
  for (size_t a = 0; a < width_; ++a) {
    const ir::Aggregate& g = activity.aggregates[a];
    const Column& cond = regs.regs[g.condition];
    const Column* value = g.value != ir::kNoReg ? &regs.regs[g.value] : nullptr;
    for (size_t r = 0; r < batch.rows; ++r) {
      if (!cond.known[r] || !cond.b[r]) continue;
      double& v = values_[row_key[r] * width_ + a];
      switch (g.kind) {
        case AggregateKind::Count: v += 1; break;
        case AggregateKind::Any: v = 1; break;
        case AggregateKind::None: v = 0; break;
        case AggregateKind::Sum:
          if (value->known[r]) v += value->num[r];  // like SQL SUM, missing values add nothing
          break;
        case AggregateKind::Latest:
          if (value->known[r] && !(v >= value->num[r])) v = value->num[r];
          break;
        case AggregateKind::Earliest:
          if (value->known[r] && !(v <= value->num[r])) v = value->num[r];
          break;
        case AggregateKind::DecayedCount:
        case AggregateKind::DecayedAny: {
          // An event without a time has no age, so it has no weight; a future event weighs 1.
          if (!time || !time->known[r]) break;
          const double w = std::exp2(-std::max(0.0, as_of - time->num[r]) / g.half_life);
          v = g.kind == AggregateKind::DecayedCount ? v + w : std::max(v, w);
          break;
        }
      }
    }
  }
}

const double* ActivityTable::find(std::string_view key) const {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  has_lead_[it->second].store(1, std::memory_order_relaxed);
  return &values_[static_cast<size_t>(it->second) * width_];
}

uint64_t ActivityTable::events_without_lead() const {
  uint64_t n = 0;
  for (size_t i = 0; i < events_.size(); ++i)
    if (!has_lead_[i].load(std::memory_order_relaxed)) n += events_[i];
  return n;
}

uint64_t ActivityTable::keys_without_lead() const {
  uint64_t n = 0;
  for (size_t i = 0; i < events_.size(); ++i) n += !has_lead_[i].load(std::memory_order_relaxed);
  return n;
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
    const double none = initial_value(kind);
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
