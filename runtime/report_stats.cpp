// Counting for `leadc report` (see report_stats.h).
#include "runtime/report_stats.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "compiler/ir/value_range.h"

namespace leadc::rt {

std::pair<int, int> inferred_grid(const ir::Program& p) {
  std::vector<int> class_of(p.code.size(), -1);  // register -> classification whose result it is
  for (size_t k = 0; k < p.classifications.size(); ++k)
    if (p.classifications[k].reg < class_of.size()) class_of[p.classifications[k].reg] = static_cast<int>(k);
  for (size_t k = 0; k < p.classifications.size(); ++k) {
    // What the labels read directly: walk operands back, stopping at another
    // classification's result (what that one reads is its own business).
    std::vector<uint8_t> seen(p.code.size(), 0);
    for (const ir::Label& l : p.classifications[k].labels)
      if (l.condition != ir::kNoReg) seen[l.condition] = 1;
    std::vector<int> reads;
    for (size_t r = seen.size(); r-- > 0;) {
      if (!seen[r]) continue;
      if (class_of[r] >= 0 && class_of[r] != static_cast<int>(k)) {
        reads.push_back(class_of[r]);
        continue;
      }
      for (ir::Reg o : ir::operands(p.code[r])) seen[o] = 1;
    }
    std::sort(reads.begin(), reads.end());
    reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    if (reads.size() >= 2) return {reads[0], reads[1]};
  }
  return {-1, -1};
}

std::vector<int32_t> funnel_stages(const ir::Program& p, size_t k) {
  static const char* const kStages[] = {"suspect", "inquiry", "lead", "prospect", "mql",
                                        "sal", "sql", "opportunity", "customer"};
  const ir::Classification& c = p.classifications[k];
  const std::vector<std::string>& members = p.enums[c.enum_id].members;
  std::vector<std::pair<int, int32_t>> order;  // (stage rank, member)
  for (size_t m = 0; m < members.size(); ++m) {
    std::string lower = members[m];
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    int rank = -1;
    for (int s = 0; s < static_cast<int>(std::size(kStages)); ++s)
      if (lower == kStages[s]) rank = s;
    if (rank < 0) return {};
    order.push_back({rank, static_cast<int32_t>(m)});
  }
  if (order.size() < 2) return {};
  std::sort(order.begin(), order.end());
  std::vector<int32_t> out;
  for (const auto& [rank, m] : order) out.push_back(m);
  return out;
}

// ---- score values ------------------------------------------------------------------

void ScoreValues::add(double v) {
  if (known == 0 || v < min) min = v;
  if (known == 0 || v > max) max = v;
  ++known;
  sum += v;
  ++values[bucket > 0 ? std::floor(v / bucket) * bucket : v];
  if (values.size() > kMaxValues) coarsen();
}

void ScoreValues::coarsen() {
  while (values.size() > kMaxValues) {
    if (whole) bucket = bucket > 0 ? bucket * 10 : 10;
    else bucket = bucket > 0 ? bucket * 2 : std::max(1e-9, (max - min) / static_cast<double>(kMaxValues / 2));
    std::map<double, uint64_t> pooled;
    for (const auto& [v, n] : values) pooled[std::floor(v / bucket) * bucket] += n;
    values = std::move(pooled);
  }
}

void ScoreValues::merge(const ScoreValues& later) {
  if (later.known) {
    min = known ? std::min(min, later.min) : later.min;
    max = known ? std::max(max, later.max) : later.max;
  }
  known += later.known;
  missing += later.missing;
  clamped_low += later.clamped_low;
  clamped_high += later.clamped_high;
  sum += later.sum;
  // Pool both at the wider bucket (the value map of `later` at its own width).
  const double width = std::max(bucket, later.bucket);
  if (width > bucket) {
    bucket = width;
    std::map<double, uint64_t> pooled;
    for (const auto& [v, n] : values) pooled[std::floor(v / bucket) * bucket] += n;
    values = std::move(pooled);
  }
  for (const auto& [v, n] : later.values) values[bucket > 0 ? std::floor(v / bucket) * bucket : v] += n;
  if (values.size() > kMaxValues) coarsen();
}

ScoreValues::Histogram ScoreValues::histogram(const ir::Score& s) const {
  Histogram h;
  if (!s.has_range && known == 0) return h;
  const double lo = s.has_range ? s.lo : min, hi = s.has_range ? s.hi : max;
  h.whole = whole && lo == std::floor(lo) && hi == std::floor(hi);
  if (h.whole) {
    // 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, …: the first that gives few enough bins.
    double width = 1;
    for (double decade = 1;; decade *= 10) {
      bool found = false;
      for (double m : {1.0, 2.0, 2.5, 5.0}) {
        width = m * decade;
        if (m == 2.5 && decade < 10) continue;  // 2.5 is not whole; 25, 250, … are
        if (std::floor(hi / width) - std::floor(lo / width) + 1 <= static_cast<double>(kMaxWholeBins)) {
          found = true;
          break;
        }
      }
      if (found) break;
    }
    h.width = width;
    const double first = std::floor(lo / width) * width;
    const size_t n = static_cast<size_t>(std::floor(hi / width) - std::floor(lo / width)) + 1;
    for (size_t i = 0; i < n; ++i) {
      const double b = first + width * static_cast<double>(i);
      h.bins.push_back({std::max(b, lo), std::min(b + width - 1, hi), 0});
    }
    for (const auto& [v, c] : values) {
      const double i = std::floor(v / width) - std::floor(lo / width);
      h.bins[static_cast<size_t>(std::clamp(i, 0.0, static_cast<double>(n - 1)))].count += c;
    }
    return h;
  }
  const size_t n = kBins;
  const double width = (hi - lo) / static_cast<double>(n);
  h.width = width;
  for (size_t i = 0; i < n; ++i) h.bins.push_back({lo + width * i, i + 1 == n ? hi : lo + width * (i + 1), 0});
  for (const auto& [v, c] : values) {
    size_t i = width > 0 ? static_cast<size_t>(std::clamp(std::floor((v - lo) / width), 0.0, double(n - 1))) : 0;
    h.bins[i].count += c;
  }
  return h;
}

// ---- the aggregator ----------------------------------------------------------------

namespace {

struct StatsPartial : RunObserver::Partial {
  ReportStats stats;
};

// The member of classification register `col` at `row`, or -1 (no label).
int32_t member_at(const Column& col, size_t row) { return col.known[row] ? col.member[row] : -1; }

}  // namespace

ReportAggregator::ReportAggregator(const ir::Program& program, const Explainer& explainer, int grid_a, int grid_b,
                                   const OldDefinition* old)
    : p_(program), explainer_(explainer), old_(old) {
  const std::vector<ir::ValueRange> ranges = ir::value_ranges(p_);
  for (const ir::Score& sc : p_.scores) whole_.push_back(ranges[sc.reg].integral);
  total_ = empty();
  total_.grid_a = grid_a;
  total_.grid_b = grid_b;
  if (grid_a >= 0 && grid_b >= 0) {
    const size_t na = p_.enums[p_.classifications[grid_a].enum_id].members.size();
    const size_t nb = p_.enums[p_.classifications[grid_b].enum_id].members.size();
    total_.grid.assign(na + 1, std::vector<uint64_t>(nb + 1, 0));
  }
}

ReportStats ReportAggregator::empty() const {
  ReportStats s;
  s.scores.resize(p_.scores.size());
  for (size_t i = 0; i < p_.scores.size(); ++i) s.scores[i].whole = whole_[i];
  s.rule_fired.resize(p_.scores.size());
  for (size_t i = 0; i < p_.scores.size(); ++i) s.rule_fired[i].assign(p_.scores[i].rules.size(), 0);
  if (old_) {
    s.compared = true;
    s.transitions = label_transitions_for(*old_->program, p_, old_->examples, s.only_old, s.only_new);
    for (size_t i = 0; i < old_->program->scores.size(); ++i)
      for (size_t j = 0; j < p_.scores.size(); ++j)
        if (p_.scores[j].name == old_->program->scores[i].name) {
          ReportStats::ScoreShift shift;
          shift.name = p_.scores[j].name;
          shift.old_index = i;
          shift.new_index = j;
          s.score_shifts.push_back(shift);
        }
  }
  return s;
}

std::unique_ptr<RunObserver::Partial> ReportAggregator::observe(const Batch& batch, const Registers& regs,
                                                                Chunk* raw) const {
  auto part = std::make_unique<StatsPartial>();
  ReportStats& st = part->stats;
  st = empty();
  st.grid = std::vector<std::vector<uint64_t>>(total_.grid.size(),
                                               std::vector<uint64_t>(total_.grid.empty() ? 0 : total_.grid[0].size(), 0));
  const size_t rows = batch.rows;
  for (size_t i = 0; i < p_.scores.size(); ++i) {
    const ir::Score& s = p_.scores[i];
    const Column& value = regs.regs[s.reg];
    ScoreValues& sv = st.scores[i];
    for (size_t r = 0; r < rows; ++r) {
      if (!value.known[r]) {
        ++sv.missing;
        continue;
      }
      sv.add(value.num[r]);
      if (s.has_range) {
        const int side = explainer_.clamped(i, regs, r);
        sv.clamped_low += side < 0;
        sv.clamped_high += side > 0;
      }
    }
    for (size_t j = 0; j < s.rules.size(); ++j)
      for (size_t r = 0; r < rows; ++r) st.rule_fired[i][j] += explainer_.rule_added(i, j, regs, r) != 0;
  }
  if (!st.grid.empty()) {
    const Column& a = regs.regs[p_.classifications[total_.grid_a].reg];
    const Column& b = regs.regs[p_.classifications[total_.grid_b].reg];
    const size_t na = st.grid.size() - 1, nb = st.grid[0].size() - 1;
    for (size_t r = 0; r < rows; ++r) {
      const int32_t x = member_at(a, r), y = member_at(b, r);
      ++st.grid[x < 0 ? na : x][y < 0 ? nb : y];
    }
  }

  if (old_ && raw) {
    // The old definition reads the same bytes with its own fields; rows either one
    // rejected are not compared (the two batches are joined on line numbers) but
    // counted: rows in = compared + read by only one version + rejected by both.
    Batch old_batch;
    Registers old_regs;
    std::vector<RowError> old_errors;
    old_->source->parse_chunk(std::move(*raw), old_batch, old_errors);
    if (old_batch.rows > 0) old_->eval->evaluate(old_batch, old_regs);
    const int key = p_.key_input();
    size_t o = 0;
    for (size_t r = 0; r < rows; ++r) {
      while (o < old_batch.rows && old_batch.line[o] < batch.line[r]) ++o, ++st.only_old_rows;
      if (o == old_batch.rows || old_batch.line[o] != batch.line[r]) {
        ++st.only_new_rows;
        continue;
      }
      const size_t q = o++;
      ++st.compared_rows;
      for (LabelTransitions& t : st.transitions) {
        const int32_t x = member_at(old_regs.regs[old_->program->classifications[t.old_index].reg], q);
        const int32_t y = member_at(regs.regs[p_.classifications[t.new_index].reg], r);
        t.add(x, y, [&] { return key >= 0 ? explainer_.input_text(key, batch, r) : std::to_string(batch.line[r]); });
      }
      for (ReportStats::ScoreShift& s : st.score_shifts) {
        const Column& a = old_regs.regs[old_->program->scores[s.old_index].reg];
        const Column& b = regs.regs[p_.scores[s.new_index].reg];
        if (a.known[q]) s.old_sum += a.num[q], ++s.old_known;
        if (b.known[r]) s.new_sum += b.num[r], ++s.new_known;
        s.changed += a.known[q] != b.known[r] || (a.known[q] && a.num[q] != b.num[r]);
      }
    }
    st.only_old_rows += old_batch.rows - o;
    // Rows neither reads: the old one's rejected rows that the new one rejects too
    // (none of its rows has their line).
    for (const RowError& e : old_errors)
      st.neither_rows += !std::binary_search(batch.line.begin(), batch.line.begin() + static_cast<ptrdiff_t>(rows), e.line);
  }
  return part;
}

void ReportAggregator::merge(Partial& part) {
  const ReportStats& later = static_cast<StatsPartial&>(part).stats;
  for (size_t i = 0; i < total_.scores.size(); ++i) {
    total_.scores[i].merge(later.scores[i]);
    for (size_t j = 0; j < total_.rule_fired[i].size(); ++j) total_.rule_fired[i][j] += later.rule_fired[i][j];
  }
  for (size_t x = 0; x < total_.grid.size(); ++x)
    for (size_t y = 0; y < total_.grid[x].size(); ++y) total_.grid[x][y] += later.grid[x][y];
  total_.compared_rows += later.compared_rows;
  total_.only_old_rows += later.only_old_rows;
  total_.only_new_rows += later.only_new_rows;
  total_.neither_rows += later.neither_rows;
  for (size_t i = 0; i < total_.transitions.size(); ++i) total_.transitions[i].merge(later.transitions[i]);
  for (size_t i = 0; i < total_.score_shifts.size(); ++i) {
    ReportStats::ScoreShift& s = total_.score_shifts[i];
    const ReportStats::ScoreShift& l = later.score_shifts[i];
    s.old_sum += l.old_sum, s.new_sum += l.new_sum;
    s.old_known += l.old_known, s.new_known += l.new_known, s.changed += l.changed;
  }
}

}  // namespace leadc::rt
