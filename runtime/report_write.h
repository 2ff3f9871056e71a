// The two layouts of `leadc report`: a self-contained HTML page (inline CSS and SVG
// charts drawn here, no script, no font, nothing fetched: a Content-Security-Policy of
// `default-src 'none'` says so to the browser) and the same content as Markdown
// tables for a pull-request comment. Both only lay out what ReportStats and RunStats
// counted; the few shared texts (shares, bin names, rule texts) are made once here.
#pragma once

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/report_stats.h"
#include "runtime/run.h"

namespace leadc::rt {

struct ReportHeader {
  std::string definition_file, name, version, sha256, as_of;
  std::string leads_file, activities_file;  // activities_file: "" when none
  std::string old_file;                     // --vs, "" when none
};

struct ReportDoc {
  const ir::Program& program;
  const ReportHeader& head;
  const RunStats& run;
  const ReportStats& stats;
  const ir::Program* old_program = nullptr;  // --vs
  // --vs: the semantic diff's findings as `leadc diff OLD NEW` prints them (every possible
  // lead, not only the file's), "" without --vs.
  std::string diff_findings;
};

std::string report_html(const ReportDoc& doc);
std::string report_markdown(const ReportDoc& doc);

// ---- shared by both layouts ----------------------------------------------------------

// `22.7%` (one decimal; `0%` for none, `<0.1%` for a few among many).
std::string share_text(uint64_t part, uint64_t whole);
// `0–4`, `95–100`, or `7` for a one-value bin.
std::string bin_text(const ScoreValues::Bin& b, bool per_value);
// Whether the bins are one per whole value (see ScoreValues::bins).
bool bins_per_value(const std::vector<ScoreValues::Bin>& bins);
// A score rule as written (`+25 when lead_source == referral`).
std::string rule_source(const ir::ScoreRule& rule);
// A plain number (35, 12.5), rounded to two decimals.
std::string number_text(double v);

}  // namespace leadc::rt
