// The two layouts of `leadc report`: a self-contained HTML page (inline CSS and SVG
// charts drawn here, no script, no font, nothing fetched: a Content-Security-Policy of
// `default-src 'none'` says so to the browser) and the same content as Markdown
// tables for a pull-request comment. Both only lay out what ReportStats and RunStats
// counted; the few shared texts (shares, bin names, rule texts) are made once here.
#pragma once

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/activities.h"
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
  const EventCounts* events = nullptr;  // --activities: what became of the events
};

std::string report_html(const ReportDoc& doc);
std::string report_markdown(const ReportDoc& doc);

// ---- shared by both layouts ----------------------------------------------------------

// `22.7%` (one decimal; `0%` for none, `<0.1%` for a few among many).
std::string share_text(uint64_t part, uint64_t whole);
// Whole-number bins: `0–4`, `100`, `7` (the values included); others `0–2.5`, `47.5–50`.
std::string bin_text(const ScoreValues::Bin& b, bool whole);
// `1 lead`, `2 leads` (base/counted.h).
std::string leads_text(uint64_t n);
// The events row of the header: `28 read, 0 rejected, 25 matched a lead, 3 orphans
// (2 keys with no lead)`: an orphan is a good event whose key no lead of the file has.
std::string events_text(const EventCounts& e);
// A score rule as written (`+25 when lead_source == referral`).
std::string rule_source(const ir::ScoreRule& rule);
// A plain number (35, 12.5), rounded to two decimals.
std::string number_text(double v);

}  // namespace leadc::rt
