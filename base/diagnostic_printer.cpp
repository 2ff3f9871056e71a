// The only code that knows how a diagnostic looks: caret underlines, colour, JSON and
// SARIF. Everything else produces Diagnostic values.
#include "base/diagnostic_printer.h"

#include "base/json.h"

#include <fmt/format.h>

#include <algorithm>

namespace leadc {
namespace {

const char* severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

struct Paint {
  bool on;
  std::string operator()(const char* code, std::string_view s) const {
    if (!on) return std::string(s);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
  }
};

// The source line of `span` with a caret underline below it (single-line spans; a
// span running over several lines is underlined to the end of its first line).
void render_snippet(std::string& out, const Span& span, const Paint& paint, const char* colour) {
  if (!span.valid()) return;
  std::string_view line = span.file->line_text(span.line);
  std::string gutter = std::to_string(span.line);
  std::string pad(gutter.size(), ' ');
  std::string shown;
  for (char c : line) shown += (c == '\t') ? ' ' : c;
  size_t start = span.col - 1;
  size_t width = 1;
  if (span.end > span.begin) {
    uint32_t end_line = span.end_line();
    size_t end_col = end_line == span.line ? span.end_col() - 1 : shown.size();
    if (end_col > start) width = end_col - start;
  }
  if (start > shown.size()) start = shown.size();
  out += fmt::format(" {} |\n", pad);
  out += fmt::format(" {} | {}\n", paint("34", gutter), shown);
  out += fmt::format(" {} | {}{}\n", pad, std::string(start, ' '), paint(colour, std::string(width, '^')));
}

std::string location(const Span& s) {
  if (!s.file) return "<unknown>";
  if (!s.valid()) return s.file->path;
  return fmt::format("{}:{}:{}", s.file->path, s.line, s.col);
}

}  // namespace

std::string render_text(const Diagnostic& d, const TextStyle& style) {
  Paint paint{style.colour};
  const char* colour = d.severity == Severity::Error ? "1;31" : "1;33";
  std::string out = fmt::format("{}: {}: {}\n", location(d.span),
                                paint(colour, fmt::format("{}[{}]", severity_word(d.severity), code_name(d.code))),
                                d.message);
  render_snippet(out, d.span, paint, colour);
  for (const Note& n : d.notes) {
    if (n.span.valid()) {
      out += fmt::format("{}: {}: {}\n", location(n.span), paint("1;36", "note"), n.message);
      render_snippet(out, n.span, paint, "1;36");
    } else {
      out += fmt::format("  = {}: {}\n", paint("1;36", "note"), n.message);
    }
  }
  if (d.help) out += fmt::format("  = {}: {}\n", paint("1;32", "help"), *d.help);
  for (const FixIt& f : d.fixits)
    out += fmt::format("  = {}: replace with `{}`\n", paint("1;32", "fix"), f.replacement);
  if (d.witness) {
    out += fmt::format("  = {}:\n", paint("1;32", "witness"));
    size_t pos = 0;
    std::string_view w = *d.witness;
    while (pos <= w.size()) {
      size_t nl = w.find('\n', pos);
      std::string_view l = w.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
      if (!l.empty()) out += fmt::format("      {}\n", l);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }
  return out;
}

std::string render_text(const Diagnostics& ds, const TextStyle& style) {
  std::string out;
  for (const Diagnostic& d : ds.all()) out += render_text(d, style);
  return out;
}

namespace {
std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}
std::string json_optional(const std::optional<std::string>& s) { return s ? json_string(*s) : "null"; }
}  // namespace

std::string render_json(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds.all()) {
    std::string notes;
    for (const Note& n : d.notes) {
      if (!notes.empty()) notes += ",";
      notes += fmt::format("{{\"message\":{},\"line\":{},\"column\":{}}}", json_string(n.message), n.span.line, n.span.col);
    }
    out += fmt::format(
        "{{\"code\":\"{}\",\"severity\":\"{}\",\"file\":{},\"line\":{},\"column\":{},"
        "\"end\":{{\"line\":{},\"column\":{}}},\"message\":{},\"help\":{},\"notes\":[{}],\"witness\":{}}}\n",
        code_name(d.code), severity_word(d.severity), json_string(d.span.file ? d.span.file->path : ""),
        d.span.line, d.span.col, d.span.valid() ? d.span.end_line() : 0, d.span.valid() ? d.span.end_col() : 0,
        json_string(d.message), json_optional(d.help), notes, json_optional(d.witness));
  }
  return out;
}

std::string render_sarif(const Diagnostics& ds, const std::string& tool_version) {
  // Rules: every code that appears, described by its summary.
  std::vector<DiagCode> codes;
  for (const Diagnostic& d : ds.all())
    if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  std::string rules;
  for (DiagCode c : codes) {
    if (!rules.empty()) rules += ",";
    rules += fmt::format("{{\"id\":\"{}\",\"shortDescription\":{{\"text\":{}}},"
                         "\"helpUri\":\"https://github.com/leadc/leadc/blob/main/docs/diagnostics.md#{}\"}}",
                         code_name(c), json_string(code_summary(c)), code_name(c));
  }
  std::string results;
  for (const Diagnostic& d : ds.all()) {
    if (!results.empty()) results += ",";
    std::string text = d.message;
    if (d.help) text += "\nhelp: " + *d.help;
    if (d.witness) text += "\nwitness:\n" + *d.witness;
    std::string region;
    if (d.span.valid())
      region = fmt::format(",\"region\":{{\"startLine\":{},\"startColumn\":{},\"endLine\":{},\"endColumn\":{}}}",
                           d.span.line, d.span.col, d.span.end_line(), d.span.end_col());
    results += fmt::format(
        "{{\"ruleId\":\"{}\",\"level\":\"{}\",\"message\":{{\"text\":{}}},"
        "\"locations\":[{{\"physicalLocation\":{{\"artifactLocation\":{{\"uri\":{}}}{}}}}}]}}",
        code_name(d.code), d.severity == Severity::Error ? "error" : "warning", json_string(text),
        json_string(d.span.file ? d.span.file->path : ""), region);
  }
  return fmt::format(
      "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
      "\"runs\":[{{\"tool\":{{\"driver\":{{\"name\":\"leadc\",\"version\":\"{}\","
      "\"informationUri\":\"https://github.com/leadc/leadc\",\"rules\":[{}]}}}},\"results\":[{}]}}]}}\n",
      tool_version, rules, results);
}

}  // namespace leadc
