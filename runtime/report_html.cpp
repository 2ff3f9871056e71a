// `leadc report` as one HTML page (see report_write.h). Charts are inline SVG drawn
// here: horizontal bars (one row per label, so 50 labels stay readable: the chart
// grows, the text does not shrink), a histogram of a score's bins, a heat map whose
// cells shrink with the label count and keep their count in a <title>, and a funnel.
// Every count also sits in a table cell with data-* attributes, for people who copy
// numbers and for the browser test that compares them with `leadc run`.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "base/counted.h"
#include "runtime/report_write.h"

namespace leadc::rt {
namespace {

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933;margin:24px auto;max-width:1000px;padding:0 16px;background:#fff}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}dl.meta dt{color:#52606d}dl.meta dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
table{border-collapse:collapse;margin:6px 0 10px}th,td{border:1px solid #d9e2ec;padding:2px 8px;text-align:right}th:first-child,td:first-child{text-align:left}th{background:#f0f4f8}
td.rule{font-family:ui-monospace,Menlo,Consolas,monospace;text-align:left}
svg{display:block;margin:6px 0}svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:#1f2933}
.note{color:#52606d}.chg{background:#fff3c4}
pre.findings{background:#f0f4f8;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
)";

constexpr const char* kBar = "#2f6fde";
constexpr const char* kMissing = "#9aa5b1";

// A label as a chart row shows it: at most 24 characters, else 23 and `…`.
std::string shown_label(const std::string& name) {
  size_t chars = 0, cut = name.size();  // cut: where the 24th character starts
  for (size_t i = 0; i < name.size(); ++i)
    if ((static_cast<unsigned char>(name[i]) & 0xC0) != 0x80 && ++chars == 24) cut = i;
  return chars <= 24 ? name : name.substr(0, cut) + "…";
}

// The width of a text at 12 px, from DejaVu Sans' advances (a wide sans-serif, so an
// overestimate for most system fonts): SVG text has no layout, so a label column is
// made as wide as its widest label this way.
double text_width(const std::string& s) {
  double em = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    if (c >= 0x80) em += 1.0;
    else if (std::strchr("iljtfrI.,:;'|!()[] ", c)) em += 0.40;
    else if (std::strchr("mwMW@%", c)) em += 1.0;
    else if (c >= 'A' && c <= 'Z') em += 0.78;
    else em += 0.64;
  }
  return 12 * em;
}

// Horizontal bars, one row per item (label, count); shares of `whole`.
std::string bars(const std::vector<std::pair<std::string, uint64_t>>& items, uint64_t whole, const std::string& what) {
  const int row = 20, bar_w = 520, text_w = 150;
  double widest = 0;
  for (const auto& [name, n] : items) widest = std::max(widest, text_width(shown_label(name)));
  const int label_w = std::max(100, static_cast<int>(widest) + 12);
  uint64_t top = 1;
  for (const auto& [name, n] : items) top = std::max(top, n);
  std::string s = fmt::format(R"(<svg role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">)", esc(what),
                              label_w + bar_w + text_w, row * items.size() + 4, label_w + bar_w + text_w,
                              row * items.size() + 4);
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& [name, n] = items[i];
    const double w = static_cast<double>(bar_w) * static_cast<double>(n) / static_cast<double>(top);
    const int y = static_cast<int>(i) * row + 2;
    s += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", label_w - 6, y + 14, esc(shown_label(name)));
    s += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>)", label_w, y + 2,
                     std::max(w, n ? 1.0 : 0.0), row - 5, name == "(no label)" ? kMissing : kBar, esc(name), n);
    s += fmt::format(R"(<text x="{:.1f}" y="{}">{} ({})</text>)", label_w + w + 6, y + 14, n, share_text(n, whole));
  }
  return s + "</svg>\n";
}

std::string section_header(const ReportDoc& d) {
  const ReportHeader& h = d.head;
  std::string s = "<h1>" + esc(h.name.empty() ? h.definition_file : h.name) + "</h1>\n<dl class=\"meta\">\n";
  auto row = [&](const char* k, const std::string& v, const char* id) {
    s += fmt::format("<dt>{}</dt><dd id=\"{}\">{}</dd>\n", k, id, esc(v));
  };
  row("definition", h.definition_file, "definition");
  row("version", h.version.empty() ? "(none declared)" : h.version, "version");
  row("definition SHA-256", h.sha256, "sha256");
  row("as of", h.as_of, "as-of");
  row("leads", h.leads_file, "leads");
  if (!h.activities_file.empty()) row("activities", h.activities_file, "activities");
  if (d.events)
    s += fmt::format("<dt>events</dt><dd id=\"events\" data-read=\"{}\" data-rejected=\"{}\" data-matched=\"{}\" "
                     "data-orphans=\"{}\" data-orphan-keys=\"{}\">{}</dd>\n",
                     d.events->read, d.events->rejected, d.events->matched, d.events->orphans, d.events->orphan_keys,
                     esc(events_text(*d.events)));
  if (!h.old_file.empty()) row("compared with", h.old_file, "vs");
  s += fmt::format("<dt>rows</dt><dd id=\"rows\" data-read=\"{}\" data-written=\"{}\" data-rejected=\"{}\">{} read, {} counted, {} rejected</dd>\n",
                   d.run.rows_read, d.run.rows_written, d.run.rows_rejected, d.run.rows_read, d.run.rows_written,
                   d.run.rows_rejected);
  return s + "</dl>\n";
}

std::string section_classifications(const ReportDoc& d) {
  const ir::Program& p = d.program;
  std::string s;
  for (size_t k = 0; k < p.classifications.size(); ++k) {
    const ir::Classification& c = p.classifications[k];
    const auto& members = p.enums[c.enum_id].members;
    std::vector<std::pair<std::string, uint64_t>> items;
    for (size_t m = 0; m < members.size(); ++m) items.push_back({members[m], d.run.label_counts[k][m]});
    if (d.run.unlabelled[k] > 0) items.push_back({"(no label)", d.run.unlabelled[k]});
    s += fmt::format("<section class=\"classification\" data-name=\"{}\">\n<h2>classify {} <span class=\"note\">({})</span></h2>\n",
                     esc(c.name), esc(c.name), c.unique ? "unique" : "first match");
    s += bars(items, d.run.rows_written, "labels of " + c.name);
    // Many labels: the chart already lists them all; the table (to copy from) folds away.
    const bool fold = items.size() > 12;
    if (fold) s += "<details><summary>the counts as a table</summary>\n";
    s += "<table><tr><th>label</th><th>leads</th><th>share</th></tr>\n";
    for (const auto& [name, n] : items)
      s += fmt::format("<tr data-label=\"{}\" data-count=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(name), n,
                       esc(name), n, share_text(n, d.run.rows_written));
    s += fold ? "</table>\n</details>\n" : "</table>\n";

    const std::vector<int32_t> stages = funnel_stages(p, k);
    if (!stages.empty()) {
      // Reached = at this stage or a later one; each bar centred, conversion from the stage before.
      std::vector<uint64_t> reached(stages.size(), 0);
      for (size_t i = stages.size(); i-- > 0;)
        reached[i] = d.run.label_counts[k][stages[i]] + (i + 1 < stages.size() ? reached[i + 1] : 0);
      const int row = 30, width = 600, text_w = 260;
      const double top = std::max<double>(1, static_cast<double>(reached[0]));
      s += fmt::format("<h3>funnel</h3>\n<svg role=\"img\" aria-label=\"funnel of {}\" width=\"{}\" height=\"{}\">", esc(c.name),
                       width + text_w, row * stages.size() + 4);
      for (size_t i = 0; i < stages.size(); ++i) {
        const double w = std::max(2.0, width * static_cast<double>(reached[i]) / top);
        const int y = static_cast<int>(i) * row + 2;
        s += fmt::format(R"(<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}" opacity="{:.2f}"></rect>)",
                         (width - w) / 2, y, w, row - 4, kBar, 1.0 - 0.12 * static_cast<double>(i % 6));
        std::string conv = i == 0 ? std::string() : ", " + share_text(reached[i], reached[i - 1]) + " of " + members[stages[i - 1]];
        s += fmt::format(R"(<text x="{}" y="{}">{}: {} reached{}</text>)", width + 8, y + 18, esc(members[stages[i]]),
                         reached[i], esc(conv));
      }
      s += "</svg>\n<table><tr><th>stage</th><th>at this stage</th><th>reached (this or later)</th><th>from the stage before</th></tr>\n";
      for (size_t i = 0; i < stages.size(); ++i)
        s += fmt::format("<tr data-stage=\"{}\" data-reached=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         esc(members[stages[i]]), reached[i], esc(members[stages[i]]), d.run.label_counts[k][stages[i]],
                         reached[i], i == 0 ? std::string("–") : share_text(reached[i], reached[i - 1]));
      s += "</table>\n";
    }
    s += "</section>\n";
  }
  return s;
}

std::string section_scores(const ReportDoc& d) {
  const ir::Program& p = d.program;
  std::string s;
  for (size_t i = 0; i < p.scores.size(); ++i) {
    const ir::Score& sc = p.scores[i];
    const ScoreValues& v = d.stats.scores[i];
    const ScoreValues::Histogram hist = v.histogram(sc);
    const auto& bins = hist.bins;
    s += fmt::format("<section class=\"score\" data-name=\"{}\">\n<h2>score {}</h2>\n<p>", esc(sc.name), esc(sc.name));
    if (sc.has_range) s += fmt::format("declared range {}..{}; ", number_text(sc.lo), number_text(sc.hi));
    else s += "no declared range (bins over the values seen); ";
    s += fmt::format("mean {}", v.known ? number_text(v.sum / static_cast<double>(v.known)) : "–");
    if (sc.has_range)
      s += fmt::format("; clamped: <span data-clamped=\"{}\">{} ({})</span>, {} below {} and {} above {}",
                       v.clamped_low + v.clamped_high, leads_text(v.clamped_low + v.clamped_high),
                       share_text(v.clamped_low + v.clamped_high, d.run.rows_written), v.clamped_low, number_text(sc.lo),
                       v.clamped_high, number_text(sc.hi));
    if (v.missing) s += fmt::format("; {} without a value", leads_text(v.missing));
    s += "</p>\n";
    if (!bins.empty()) {
      const int h = 160, bw = std::max(12, std::min(40, 720 / static_cast<int>(bins.size()))), left = 50;
      const int width = left + bw * static_cast<int>(bins.size()) + 10;
      uint64_t top = 1;
      for (const auto& b : bins) top = std::max(top, b.count);
      s += fmt::format(R"(<svg role="img" aria-label="histogram of {}" data-bins="{}" data-width="{}" width="{}" height="{}">)",
                       esc(sc.name), bins.size(), number_text(hist.width), width, h + 40);
      s += fmt::format(R"(<line x1="{}" y1="10" x2="{}" y2="{}" stroke="#9aa5b1"></line><text x="{}" y="18" text-anchor="end">{}</text><text x="{}" y="{}" text-anchor="end">0</text>)",
                       left - 2, left - 2, h + 10, left - 6, top, left - 6, h + 10);
      for (size_t b = 0; b < bins.size(); ++b) {
        const double bh = static_cast<double>(h) * static_cast<double>(bins[b].count) / static_cast<double>(top);
        const int x = left + static_cast<int>(b) * bw;
        s += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{}" height="{:.1f}" fill="{}"><title>{}: {}</title></rect>)", x + 1,
                         h + 10 - bh, bw - 2, bh, kBar, esc(bin_text(bins[b], hist.whole)), leads_text(bins[b].count));
      }
      // Edge labels under the bars, far enough apart to read: a bin's first value (whole
      // bins: an integer), and the range's end after the last bin of equal bins.
      const int step = (36 + bw - 1) / bw;
      for (size_t b = 0; b < bins.size(); ++b)
        if (b % step == 0)
          s += fmt::format(R"(<text class="edge" x="{}" y="{}" text-anchor="{}">{}</text>)", left + static_cast<int>(b) * bw,
                           h + 28, b == 0 ? "start" : "middle", number_text(bins[b].lo));
      if (!hist.whole && (bins.size() - 1) % step != 0)
        s += fmt::format(R"(<text class="edge" x="{}" y="{}" text-anchor="end">{}</text>)", width - 10, h + 28,
                         number_text(bins.back().hi));
      s += "</svg>\n<details><summary>leads per bin</summary>\n<table><tr><th>bin</th><th>leads</th><th>share</th></tr>\n";
      for (const auto& b : bins)
        s += fmt::format("<tr data-bin=\"{}\" data-count=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(bin_text(b, hist.whole)),
                         b.count, esc(bin_text(b, hist.whole)), b.count, share_text(b.count, d.run.rows_written));
      s += "</table>\n</details>\n";
    }
    s += "<h3>rules</h3>\n<table><tr><th>rule</th><th>fired for</th><th>share</th></tr>\n";
    for (size_t j = 0; j < sc.rules.size(); ++j)
      s += fmt::format("<tr data-fired=\"{}\"><td class=\"rule\">{}</td><td>{}</td><td>{}</td></tr>\n", d.stats.rule_fired[i][j],
                       esc(rule_source(sc.rules[j])), d.stats.rule_fired[i][j],
                       share_text(d.stats.rule_fired[i][j], d.run.rows_written));
    s += "</table>\n</section>\n";
  }
  return s;
}

std::string section_grid(const ReportDoc& d) {
  const ReportStats& st = d.stats;
  if (st.grid.empty()) return "";
  const ir::Program& p = d.program;
  const ir::Classification& a = p.classifications[st.grid_a];
  const ir::Classification& b = p.classifications[st.grid_b];
  std::vector<std::string> rows = p.enums[a.enum_id].members, cols = p.enums[b.enum_id].members;
  const size_t na = rows.size(), nb = cols.size();
  bool row_missing = false, col_missing = false;
  for (size_t y = 0; y <= nb; ++y) row_missing |= st.grid[na][y] > 0;
  for (size_t x = 0; x <= na; ++x) col_missing |= st.grid[x][nb] > 0;
  if (row_missing) rows.push_back("(no label)");
  if (col_missing) cols.push_back("(no label)");
  uint64_t top = 1;
  for (const auto& r : st.grid)
    for (uint64_t v : r) top = std::max(top, v);
  const int cell = std::max(14, std::min(64, 720 / static_cast<int>(std::max(rows.size(), cols.size()))));
  double widest = 0;
  for (const auto& r : rows) widest = std::max(widest, text_width(r));
  const int left = std::max(110, static_cast<int>(widest) + 12), head = 24;
  const int width = left + cell * static_cast<int>(cols.size()) + 10, height = head + cell * static_cast<int>(rows.size()) + 6;
  std::string s = fmt::format("<section class=\"grid\" data-rows=\"{}\" data-cols=\"{}\">\n<h2>{} × {}</h2>\n", esc(a.name),
                              esc(b.name), esc(a.name), esc(b.name));
  s += fmt::format(R"(<svg role="img" aria-label="heat map of {} by {}" width="{}" height="{}">)", esc(a.name), esc(b.name), width, height);
  auto at = [&](size_t x, size_t y) { return st.grid[x < na ? x : na][y < nb ? y : nb]; };
  for (size_t y = 0; y < cols.size(); ++y)
    if (cell >= 28 || y % 5 == 0)
      s += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", left + cell * y + cell / 2, head - 8, esc(cols[y]));
  for (size_t x = 0; x < rows.size(); ++x) {
    const int yy = head + cell * static_cast<int>(x);
    s += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 6, yy + cell / 2 + 4, esc(rows[x]));
    for (size_t y = 0; y < cols.size(); ++y) {
      const uint64_t v = at(x, y);
      const double t = static_cast<double>(v) / static_cast<double>(top);
      s += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{:.3f}" stroke="#d9e2ec"><title>{} {} × {} {}: {}</title></rect>)",
                       left + cell * static_cast<int>(y), yy, cell, cell, kBar, v ? 0.08 + 0.92 * t : 0.0, esc(a.name),
                       esc(rows[x]), esc(b.name), esc(cols[y]), leads_text(v));
      if (cell >= 28)
        s += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" style="fill:{}">{}</text>)", left + cell * static_cast<int>(y) + cell / 2,
                         yy + cell / 2 + 4, t > 0.55 ? "#fff" : "#1f2933", v);
    }
  }
  s += "</svg>\n<table><tr><th>" + esc(a.name) + " \\ " + esc(b.name) + "</th>";
  for (const auto& c : cols) s += "<th>" + esc(c) + "</th>";
  s += "</tr>\n";
  for (size_t x = 0; x < rows.size(); ++x) {
    s += "<tr><td>" + esc(rows[x]) + "</td>";
    for (size_t y = 0; y < cols.size(); ++y) s += fmt::format("<td data-cell=\"{}\">{}</td>", at(x, y), at(x, y));
    s += "</tr>\n";
  }
  return s + "</table>\n</section>\n";
}

std::string section_transitions(const ReportDoc& d) {
  const ReportStats& st = d.stats;
  if (!st.compared) return "";
  std::string s = fmt::format("<section class=\"vs\">\n<h2>compared with {}</h2>\n<p>{} read by both definitions.</p>\n",
                              esc(d.head.old_file), leads_text(st.compared_rows));
  if (st.only_old_rows + st.only_new_rows > 0)
    s += fmt::format("<p>{} read by only one version ({} only by the old, {} only by the new), not compared.</p>\n",
                     counted(st.only_old_rows + st.only_new_rows, "row", "rows"), st.only_old_rows, st.only_new_rows);
  if (st.neither_rows > 0)
    s += fmt::format("<p data-neither-rows=\"{}\">{} read by neither version (rejected by both), not compared.</p>\n",
                     st.neither_rows, counted(st.neither_rows, "row", "rows"));
  for (const LabelTransitions& t : st.transitions) {
    const size_t na = t.old_labels.size(), nb = t.new_labels.size();
    bool row_missing = false, col_missing = false;
    for (size_t y = 0; y <= nb; ++y) row_missing |= t.counts[na][y] > 0;
    for (size_t x = 0; x <= na; ++x) col_missing |= t.counts[x][nb] > 0;
    s += fmt::format("<h3>classify {}: <span data-changed=\"{}\">{} of {} ({}) {} label</span></h3>\n", esc(t.name),
                     t.changed, t.changed, leads_text(st.compared_rows), share_text(t.changed, st.compared_rows),
                     t.changed == 1 ? "changes" : "change");
    s += "<table><tr><th>old \\ new</th>";
    for (size_t y = 0; y < nb + col_missing; ++y) s += "<th>" + esc(t.new_name(y)) + "</th>";
    s += "</tr>\n";
    for (size_t x = 0; x < na + row_missing; ++x) {
      s += "<tr><td>" + esc(t.old_name(x)) + "</td>";
      for (size_t y = 0; y < nb + col_missing; ++y)
        s += fmt::format("<td{}>{}</td>", t.changes(x, y) && t.counts[x][y] ? " class=\"chg\"" : "", t.counts[x][y]);
      s += "</tr>\n";
    }
    s += "</table>\n";
    std::string list;
    for (size_t x = 0; x <= na; ++x)
      for (size_t y = 0; y <= nb; ++y) {
        if (!t.changes(x, y) || t.counts[x][y] == 0) continue;
        std::string keys;
        for (const std::string& k : t.examples[x][y]) keys += (keys.empty() ? "" : ", ") + esc(k);
        list += fmt::format("<li>{} → {}: {}, e.g. {}</li>\n", esc(t.old_name(x)), esc(t.new_name(y)), leads_text(t.counts[x][y]), keys);
      }
    if (!list.empty()) s += "<ul>\n" + list + "</ul>\n";
  }
  for (const auto& sh : st.score_shifts)
    s += fmt::format("<p>score {}: mean {} → {}, {} of {} {} score</p>\n", esc(sh.name),
                     sh.old_known ? number_text(sh.old_sum / static_cast<double>(sh.old_known)) : "–",
                     sh.new_known ? number_text(sh.new_sum / static_cast<double>(sh.new_known)) : "–", sh.changed,
                     leads_text(st.compared_rows), sh.changed == 1 ? "changes" : "change");
  if (!d.diff_findings.empty())
    s += "<h3>what the new version can change, for any lead (leadc diff)</h3>\n<pre class=\"findings\">" +
         esc(d.diff_findings) + "</pre>\n";
  if (!st.only_old.empty() || !st.only_new.empty()) {
    s += "<p>not compared:";
    for (const auto& n : st.only_old) s += " classification " + esc(n) + " is only in the old definition;";
    for (const auto& n : st.only_new) s += " classification " + esc(n) + " is only in the new definition;";
    s += "</p>\n";
  }
  return s + "</section>\n";
}

}  // namespace

std::string report_html(const ReportDoc& d) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: no script, font, image or style from anywhere but this file.
  s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<title>" + esc(d.head.name.empty() ? d.head.definition_file : d.head.name) + " — leadc report</title>\n";
  s += std::string("<style>") + kStyle + "</style>\n</head>\n<body>\n";
  s += section_header(d);
  s += section_classifications(d);
  s += section_grid(d);
  s += section_scores(d);
  s += section_transitions(d);
  s += "<p class=\"note\">Written by leadc report.</p>\n</body>\n</html>\n";
  return s;
}

}  // namespace leadc::rt
