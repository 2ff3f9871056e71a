// leadc's diagnostics as LSP diagnostics: code, severity, range, a link to the
// code's entry in docs/diagnostics.md, notes as related information, help and the
// witness in the message (a witness has no place of its own).
#include <cctype>

#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

int severity_of(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Note: return 3;
  }
  return 1;
}

json location(const Span& span) { return {{"uri", uri_of_path(span.file->path)}, {"range", range_of(span)}}; }

}  // namespace

json publish_params(const Document& doc, const Analysis& a, const std::string& docs_url) {
  json list = json::array();
  const SourceFile* root = &a.root();
  for (const Diagnostic& d : a.diags.all()) {
    json item;
    std::string message = d.message;
    json related = json::array();
    if (d.span.file == root) {
      item["range"] = range_of(d.span);
    } else {
      // A finding in an imported file: shown at the top of this one, with the place.
      item["range"] = range_of(Span{root, 0, 0, 1, 1});
      if (d.span.valid()) {
        message = d.span.file->path + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.col) + ": " + message;
        related.push_back({{"location", location(d.span)}, {"message", "reported here"}});
      }
    }
    if (d.help) message += "\nhelp: " + *d.help;
    if (d.witness) message += "\nwitness: " + *d.witness;
    for (const Note& n : d.notes) {
      if (n.span.valid() && n.span.file) related.push_back({{"location", location(n.span)}, {"message", n.message}});
      else message += "\nnote: " + n.message;
    }
    item["severity"] = severity_of(d.severity);
    item["code"] = code_name(d.code);
    if (!docs_url.empty()) item["codeDescription"] = {{"href", docs_url + "#" + docs_anchor(d.code)}};
    item["source"] = "leadc";
    item["message"] = message;
    if (!related.empty()) item["relatedInformation"] = related;
    // The fix-its travel with the diagnostic, for code actions.
    json fixes = json::array();
    for (const FixIt& f : d.fixits)
      if (f.span.file == root) fixes.push_back({{"range", range_of(f.span)}, {"newText", f.replacement}});
    if (!fixes.empty()) item["data"] = {{"fixes", fixes}};
    list.push_back(std::move(item));
  }
  return {{"uri", doc.uri}, {"version", a.version}, {"diagnostics", list}};
}

}  // namespace leadc::lsp
