// `leadc report --format md`: the HTML report's content as Markdown tables, for a
// pull-request comment (see report_write.h). Same sections, same order, same numbers.
#include <fmt/format.h>

#include "base/counted.h"
#include "runtime/report_write.h"

namespace leadc::rt {
namespace {

// A table cell: `|` would end the cell, a line end the row.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string code(const std::string& s) { return "`" + cell(s) + "`"; }

}  // namespace

std::string report_markdown(const ReportDoc& d) {
  const ir::Program& p = d.program;
  const ReportHeader& h = d.head;
  const ReportStats& st = d.stats;
  const uint64_t rows = d.run.rows_written;
  std::string s = "## " + cell(h.name.empty() ? h.definition_file : h.name) + "\n\n";
  s += "| | |\n| --- | --- |\n";
  s += "| definition | " + code(h.definition_file) + " |\n";
  s += "| version | " + (h.version.empty() ? std::string("(none declared)") : cell(h.version)) + " |\n";
  s += "| definition SHA-256 | " + code(h.sha256) + " |\n";
  s += "| as of | " + cell(h.as_of) + " |\n";
  s += "| leads | " + code(h.leads_file) + " |\n";
  if (!h.activities_file.empty()) s += "| activities | " + code(h.activities_file) + " |\n";
  if (d.events) s += "| events | " + cell(events_text(*d.events)) + " |\n";
  if (!h.old_file.empty()) s += "| compared with | " + code(h.old_file) + " |\n";
  s += fmt::format("| rows | {} read, {} counted, {} rejected |\n", d.run.rows_read, rows, d.run.rows_rejected);

  for (size_t k = 0; k < p.classifications.size(); ++k) {
    const ir::Classification& c = p.classifications[k];
    const auto& members = p.enums[c.enum_id].members;
    s += fmt::format("\n### classify {} ({})\n\n| label | leads | share |\n| --- | ---: | ---: |\n", cell(c.name),
                     c.unique ? "unique" : "first match");
    for (size_t m = 0; m < members.size(); ++m)
      s += fmt::format("| {} | {} | {} |\n", cell(members[m]), d.run.label_counts[k][m], share_text(d.run.label_counts[k][m], rows));
    if (d.run.unlabelled[k] > 0)
      s += fmt::format("| (no label) | {} | {} |\n", d.run.unlabelled[k], share_text(d.run.unlabelled[k], rows));
    const std::vector<int32_t> stages = funnel_stages(p, k);
    if (!stages.empty()) {
      std::vector<uint64_t> reached(stages.size(), 0);
      for (size_t i = stages.size(); i-- > 0;)
        reached[i] = d.run.label_counts[k][stages[i]] + (i + 1 < stages.size() ? reached[i + 1] : 0);
      s += "\nfunnel:\n\n| stage | at this stage | reached (this or later) | from the stage before |\n| --- | ---: | ---: | ---: |\n";
      for (size_t i = 0; i < stages.size(); ++i)
        s += fmt::format("| {} | {} | {} | {} |\n", cell(members[stages[i]]), d.run.label_counts[k][stages[i]], reached[i],
                         i == 0 ? std::string("–") : share_text(reached[i], reached[i - 1]));
    }
  }

  if (!st.grid.empty()) {
    const ir::Classification& a = p.classifications[st.grid_a];
    const ir::Classification& b = p.classifications[st.grid_b];
    std::vector<std::string> rl = p.enums[a.enum_id].members, cl = p.enums[b.enum_id].members;
    const size_t na = rl.size(), nb = cl.size();
    bool row_missing = false, col_missing = false;
    for (size_t y = 0; y <= nb; ++y) row_missing |= st.grid[na][y] > 0;
    for (size_t x = 0; x <= na; ++x) col_missing |= st.grid[x][nb] > 0;
    if (row_missing) rl.push_back("(no label)");
    if (col_missing) cl.push_back("(no label)");
    s += fmt::format("\n### {} × {}\n\n| {} \\\\ {} |", cell(a.name), cell(b.name), cell(a.name), cell(b.name));
    for (const auto& c : cl) s += " " + cell(c) + " |";
    s += "\n| --- |";
    for (size_t y = 0; y < cl.size(); ++y) s += " ---: |";
    s += "\n";
    for (size_t x = 0; x < rl.size(); ++x) {
      s += "| " + cell(rl[x]) + " |";
      for (size_t y = 0; y < cl.size(); ++y) s += fmt::format(" {} |", st.grid[x < na ? x : na][y < nb ? y : nb]);
      s += "\n";
    }
  }

  for (size_t i = 0; i < p.scores.size(); ++i) {
    const ir::Score& sc = p.scores[i];
    const ScoreValues& v = st.scores[i];
    s += "\n### score " + cell(sc.name) + "\n\n";
    if (sc.has_range) s += fmt::format("declared range {}..{}; ", number_text(sc.lo), number_text(sc.hi));
    else s += "no declared range (bins over the values seen); ";
    s += fmt::format("mean {}", v.known ? number_text(v.sum / static_cast<double>(v.known)) : "–");
    if (sc.has_range)
      s += fmt::format("; clamped: {} ({}), {} below {} and {} above {}", leads_text(v.clamped_low + v.clamped_high),
                       share_text(v.clamped_low + v.clamped_high, rows), v.clamped_low, number_text(sc.lo), v.clamped_high,
                       number_text(sc.hi));
    if (v.missing) s += fmt::format("; {} without a value", leads_text(v.missing));
    s += "\n";
    const ScoreValues::Histogram hist = v.histogram(sc);
    if (!hist.bins.empty()) {
      s += "\n| bin | leads | share |\n| --- | ---: | ---: |\n";
      for (const auto& b : hist.bins) s += fmt::format("| {} | {} | {} |\n", bin_text(b, hist.whole), b.count, share_text(b.count, rows));
    }
    s += "\n| rule | fired for | share |\n| --- | ---: | ---: |\n";
    for (size_t j = 0; j < sc.rules.size(); ++j)
      s += fmt::format("| {} | {} | {} |\n", code(rule_source(sc.rules[j])), st.rule_fired[i][j], share_text(st.rule_fired[i][j], rows));
  }

  if (st.compared) {
    s += fmt::format("\n### compared with {}\n\n{} read by both definitions.\n", code(h.old_file), leads_text(st.compared_rows));
    if (st.only_old_rows + st.only_new_rows > 0)
      s += fmt::format("{} read by only one version ({} only by the old, {} only by the new), not compared.\n",
                       counted(st.only_old_rows + st.only_new_rows, "row", "rows"), st.only_old_rows, st.only_new_rows);
    if (st.neither_rows > 0)
      s += fmt::format("{} read by neither version (rejected by both), not compared.\n", counted(st.neither_rows, "row", "rows"));
    for (const LabelTransitions& t : st.transitions) {
      const size_t na = t.old_labels.size(), nb = t.new_labels.size();
      bool row_missing = false, col_missing = false;
      for (size_t y = 0; y <= nb; ++y) row_missing |= t.counts[na][y] > 0;
      for (size_t x = 0; x <= na; ++x) col_missing |= t.counts[x][nb] > 0;
      s += fmt::format("\nclassify {}: {} of {} ({}) {} label\n\n| old \\\\ new |", cell(t.name), t.changed,
                       leads_text(st.compared_rows), share_text(t.changed, st.compared_rows), t.changed == 1 ? "changes" : "change");
      for (size_t y = 0; y < nb + col_missing; ++y) s += " " + cell(t.new_name(y)) + " |";
      s += "\n| --- |";
      for (size_t y = 0; y < nb + col_missing; ++y) s += " ---: |";
      s += "\n";
      for (size_t x = 0; x < na + row_missing; ++x) {
        s += "| " + cell(t.old_name(x)) + " |";
        for (size_t y = 0; y < nb + col_missing; ++y)
          s += t.changes(x, y) && t.counts[x][y] ? fmt::format(" **{}** |", t.counts[x][y]) : fmt::format(" {} |", t.counts[x][y]);
        s += "\n";
      }
      std::string list;
      for (size_t x = 0; x <= na; ++x)
        for (size_t y = 0; y <= nb; ++y) {
          if (!t.changes(x, y) || t.counts[x][y] == 0) continue;
          std::string keys;
          for (const std::string& k : t.examples[x][y]) keys += (keys.empty() ? "" : ", ") + code(k);
          list += fmt::format("- {} → {}: {}, e.g. {}\n", cell(t.old_name(x)), cell(t.new_name(y)), leads_text(t.counts[x][y]), keys);
        }
      if (!list.empty()) s += "\n" + list;
    }
    if (!st.score_shifts.empty()) s += "\n";
    for (const auto& sh : st.score_shifts)
      s += fmt::format("- score {}: mean {} → {}, {} of {} {} score\n", cell(sh.name),
                       sh.old_known ? number_text(sh.old_sum / static_cast<double>(sh.old_known)) : "–",
                       sh.new_known ? number_text(sh.new_sum / static_cast<double>(sh.new_known)) : "–", sh.changed,
                       leads_text(st.compared_rows), sh.changed == 1 ? "changes" : "change");
    if (!d.diff_findings.empty())
      s += "\nWhat the new version can change, for any lead (`leadc diff`):\n\n```\n" + d.diff_findings + "```\n";
    for (const auto& n : st.only_old) s += "- not compared: classification " + cell(n) + " is only in the old definition\n";
    for (const auto& n : st.only_new) s += "- not compared: classification " + cell(n) + " is only in the new definition\n";
  }
  return s;
}

}  // namespace leadc::rt
