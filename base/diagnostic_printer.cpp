// The only code that knows how a diagnostic looks: caret underlines, colour, JSON and
// SARIF. Everything else produces Diagnostic values.
#include "base/diagnostic_printer.h"

#include "base/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

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
  for (const FixIt& f : d.fixits) {
    // A fix elsewhere than the finding (the `?` of a field's declaration) says where.
    const bool here = f.span.line == d.span.line && f.span.file == d.span.file;
    out += fmt::format("  = {}: {} `{}`{}\n", paint("1;32", "fix"), f.span.end == f.span.begin ? "insert" : "replace with",
                       f.replacement, here || !f.span.valid() ? "" : " at " + location(f.span));
  }
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

// `"line":L,"column":C,"end":{…}` of a span (byte columns, as in the text output), or
// nulls when it has no location (never line 0).
std::string json_position(const Span& s) {
  if (!s.valid()) return "\"line\":null,\"column\":null,\"end\":null";
  return fmt::format("\"line\":{},\"column\":{},\"end\":{{\"line\":{},\"column\":{}}}", s.line, s.col, s.end_line(),
                     s.end_col());
}

std::string fix_description(const FixIt& f) {
  if (f.span.end == f.span.begin) return fmt::format("insert `{}`", f.replacement);
  return fmt::format("replace with `{}`", f.replacement);
}

// SARIF and GitHub count columns in characters, not bytes: the 1-based code-point
// column of the 1-based byte column `byte_col` on `line`.
uint32_t char_col(const SourceFile& file, uint32_t line, uint32_t byte_col) {
  std::string_view text = file.line_text(line);
  uint32_t n = 1;
  for (size_t i = 0; i + 1 < byte_col && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  if (byte_col > text.size() + 1) n += byte_col - 1 - static_cast<uint32_t>(text.size());  // past the end
  return n;
}

struct CharRegion {
  uint32_t line, col, end_line, end_col;  // end_col exclusive
};
CharRegion char_region(const Span& s) {
  return {s.line, char_col(*s.file, s.line, s.col), s.end_line(), char_col(*s.file, s.end_line(), s.end_col())};
}

}  // namespace

std::string render_json(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds.all()) {
    std::string notes;
    for (const Note& n : d.notes) {
      if (!notes.empty()) notes += ",";
      notes += "{\"message\":" + json_string(n.message);
      if (n.span.valid())
        notes += fmt::format(",\"file\":{},{}", json_string(n.span.file->path), json_position(n.span));
      notes += "}";
    }
    std::string fixes;
    for (const FixIt& f : d.fixits) {
      if (!f.span.valid()) continue;
      if (!fixes.empty()) fixes += ",";
      fixes += fmt::format("{{\"message\":{},\"file\":{},{},\"replacement\":{}}}", json_string(fix_description(f)),
                           json_string(f.span.file->path), json_position(f.span), json_string(f.replacement));
    }
    out += fmt::format(
        "{{\"code\":\"{}\",\"severity\":\"{}\",\"file\":{},{},\"message\":{},\"help\":{},\"notes\":[{}],"
        "\"fixes\":[{}],\"witness\":{}}}\n",
        code_name(d.code), severity_word(d.severity), json_string(d.span.file ? d.span.file->path : ""),
        json_position(d.span), json_string(d.message), json_optional(d.help), notes, fixes,
        json_optional(d.witness));
  }
  return out;
}

namespace {

// A path as a URI reference: RFC 3986 unreserved characters and `/` as they are,
// every other byte percent-encoded.
std::string uri_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// SARIF 2.1.0 §3.4.4: a `uri` with a `uriBaseId` must be a relative reference, so an
// absolute path is a `file://` URI of its own and only a relative one is resolved
// against %SRCROOT% (the directory leadc ran in).
std::string sarif_artifact(const SourceFile& f) {
  if (!f.path.empty() && f.path[0] == '/') return fmt::format("{{\"uri\":{}}}", json_string("file://" + uri_path(f.path)));
  return fmt::format("{{\"uri\":{},\"uriBaseId\":\"%SRCROOT%\"}}", json_string(uri_path(f.path)));
}

std::string sarif_region(const Span& s) {
  CharRegion r = char_region(s);
  return fmt::format("{{\"startLine\":{},\"startColumn\":{},\"endLine\":{},\"endColumn\":{}}}", r.line, r.col,
                     r.end_line, r.end_col);
}

// A physical location with the span's text as its snippet and its whole lines as the
// context region, so a viewer without the file can still show the code.
std::string sarif_physical(const Span& s) {
  std::string artifact = sarif_artifact(*s.file);
  if (!s.valid()) return "{\"artifactLocation\":" + artifact + "}";
  CharRegion r = char_region(s);
  std::string_view text(s.file->text);
  std::string_view snippet = text.substr(s.begin, s.end > s.begin ? s.end - s.begin : 0);
  std::string_view last_line = s.file->line_text(r.end_line);
  size_t context_begin = s.file->line_starts[r.line - 1];
  size_t context_end = static_cast<size_t>(last_line.data() - text.data()) + last_line.size();
  std::string_view context = text.substr(context_begin, context_end - context_begin);
  uint32_t context_end_col = char_col(*s.file, r.end_line, static_cast<uint32_t>(last_line.size()) + 1);
  std::string region = sarif_region(s);
  region.pop_back();  // the snippet goes inside the region object
  region += ",\"snippet\":{\"text\":" + json_string(snippet) + "}}";
  std::string out = "{\"artifactLocation\":" + artifact + ",\"region\":" + region;
  // SARIF1008: a context region must be a proper superset of the region.
  if (r.col != 1 || r.end_col != context_end_col)
    out += fmt::format(
        ",\"contextRegion\":{{\"startLine\":{},\"startColumn\":1,\"endLine\":{},\"endColumn\":{},"
        "\"snippet\":{{\"text\":{}}}}}",
        r.line, r.end_line, context_end_col, json_string(context));
  return out + "}";
}

// "gap: no label is true" -> "GapNoLabelIsTrue": the rule's friendly name.
std::string pascal_name(std::string_view summary) {
  std::string out;
  bool up = true;
  for (unsigned char c : summary) {
    if (!std::isalnum(c)) {
      up = true;
      continue;
    }
    out += up ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
    up = false;
  }
  return out;
}

}  // namespace

std::string render_sarif(const Diagnostics& ds, const std::string& tool_version, const std::string& srcroot,
                         const std::string& docs_url) {
  // Rules: every code that appears, described by its summary, with a help text naming
  // its entry of docs/diagnostics.md and, when the page has an address, a helpUri
  // linking it (never a placeholder).
  std::vector<DiagCode> codes;
  for (const Diagnostic& d : ds.all())
    if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  std::string rules;
  for (DiagCode c : codes) {
    if (!rules.empty()) rules += ",";
    std::string help = fmt::format("See the entry \"{} — {}\" of docs/diagnostics.md in the leadc sources.",
                                   code_name(c), code_summary(c));
    std::string help_uri;
    if (!docs_url.empty()) help_uri = ",\"helpUri\":" + json_string(docs_url + "#" + docs_anchor(c));
    rules += fmt::format(
        "{{\"id\":\"{}\",\"name\":\"{}\",\"shortDescription\":{{\"text\":{}}},\"help\":{{\"text\":{}}}{},"
        "\"defaultConfiguration\":{{\"level\":\"{}\"}}}}",
        code_name(c), pascal_name(code_summary(c)), json_string(code_summary(c)), json_string(help), help_uri,
        code_severity(c) == Severity::Error ? "error" : "warning");
  }
  std::string results;
  for (const Diagnostic& d : ds.all()) {
    if (!results.empty()) results += ",";
    std::string text = d.message;
    std::string related;
    int id = 0;
    for (const Note& n : d.notes) {
      if (!n.span.valid()) {
        text += "\nnote: " + n.message;
        continue;
      }
      if (!related.empty()) related += ",";
      related += fmt::format("{{\"id\":{},\"message\":{{\"text\":{}}},\"physicalLocation\":{}}}", id++,
                             json_string(n.message), sarif_physical(n.span));
    }
    if (d.help) text += "\nhelp: " + *d.help;
    if (d.witness) text += "\nwitness:\n" + *d.witness;
    std::string fixes;
    for (const FixIt& f : d.fixits) {
      if (!f.span.valid()) continue;
      if (!fixes.empty()) fixes += ",";
      fixes += fmt::format(
          "{{\"description\":{{\"text\":{}}},\"artifactChanges\":[{{\"artifactLocation\":{},"
          "\"replacements\":[{{\"deletedRegion\":{},\"insertedContent\":{{\"text\":{}}}}}]}}]}}",
          json_string(fix_description(f)), sarif_artifact(*f.span.file), sarif_region(f.span),
          json_string(f.replacement));
    }
    std::string result = fmt::format("{{\"ruleId\":\"{}\",\"level\":\"{}\",\"message\":{{\"text\":{}}}",
                                     code_name(d.code), d.severity == Severity::Error ? "error" : "warning",
                                     json_string(text));
    if (d.span.file) result += fmt::format(",\"locations\":[{{\"physicalLocation\":{}}}]", sarif_physical(d.span));
    if (!related.empty()) result += ",\"relatedLocations\":[" + related + "]";
    if (!fixes.empty()) result += ",\"fixes\":[" + fixes + "]";
    results += result + "}";
  }
  std::string bases;
  if (!srcroot.empty()) {
    std::string root = srcroot.back() == '/' ? srcroot : srcroot + "/";
    bases = fmt::format(",\"originalUriBaseIds\":{{\"%SRCROOT%\":{{\"uri\":{}}}}}", json_string("file://" + uri_path(root)));
  }
  return fmt::format(
      "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
      "\"runs\":[{{\"tool\":{{\"driver\":{{\"name\":\"leadc\",\"version\":\"{}\",\"semanticVersion\":\"{}\",{}"
      "\"rules\":[{}]}}}}{},\"columnKind\":\"unicodeCodePoints\",\"results\":[{}]}}]}}\n",
      tool_version, tool_version, docs_url.empty() ? "" : "\"informationUri\":" + json_string(docs_url) + ",", rules,
      bases, results);
}

namespace {

// GitHub workflow-command escaping: the message escapes %, CR and LF; a property
// value also `:` and `,` (they delimit properties).
std::string github_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}
std::string github_property(std::string_view s) {
  std::string out;
  for (char c : github_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_github(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds.all()) {
    const char* command = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice";
    std::string props;
    if (d.span.file) props += "file=" + github_property(d.span.file->path);
    if (d.span.valid()) {
      // GitHub's endColumn is the last character of the annotation (inclusive).
      CharRegion r = char_region(d.span);
      uint32_t end_col = r.end_col > 1 ? r.end_col - 1 : 1;
      if (r.end_line == r.line && end_col < r.col) end_col = r.col;
      props += fmt::format(",line={},col={},endLine={},endColumn={}", r.line, r.col, r.end_line, end_col);
    }
    if (!props.empty()) props += ",";
    props += "title=" + github_property(code_name(d.code));
    std::string text = d.message;
    for (const Note& n : d.notes) {
      if (n.span.valid())
        text += fmt::format("\nnote: {}:{}:{}: {}", n.span.file->path, n.span.line, n.span.col, n.message);
      else
        text += "\nnote: " + n.message;
    }
    if (d.help) text += "\nhelp: " + *d.help;
    for (const FixIt& f : d.fixits) text += "\nfix: " + fix_description(f);
    if (d.witness) text += "\nwitness:\n" + *d.witness;
    out += fmt::format("::{} {}::{}\n", command, props, github_data(text));
  }
  return out;
}

}  // namespace leadc
