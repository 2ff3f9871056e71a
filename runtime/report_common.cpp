// Texts both report layouts share (see report_write.h).
#include <fmt/format.h>

#include <cmath>

#include "base/counted.h"
#include "runtime/output_format.h"
#include "runtime/report_write.h"

namespace leadc::rt {

std::string share_text(uint64_t part, uint64_t whole) {
  if (whole == 0 || part == 0) return "0%";
  const double pct = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  if (pct < 0.05) return "<0.1%";
  return fmt::format("{:.1f}%", pct);
}

std::string number_text(double v) {
  std::string s;
  append_number(s, std::round(v * 100) / 100);
  return s;
}

std::string bin_text(const ScoreValues::Bin& b, bool whole) {
  if (whole && b.lo == b.hi) return number_text(b.lo);
  return number_text(b.lo) + "–" + number_text(b.hi);
}

std::string leads_text(uint64_t n) { return counted(n, "lead", "leads"); }

std::string events_text(const EventCounts& e) {
  return fmt::format("{} read, {} rejected, {} matched a lead, {} ({} with no lead)", e.read, e.rejected, e.matched,
                     counted(e.orphans, "orphan", "orphans"), counted(e.orphan_keys, "key", "keys"));
}

std::string rule_source(const ir::ScoreRule& rule) { return one_line_text(rule.span); }

}  // namespace leadc::rt
