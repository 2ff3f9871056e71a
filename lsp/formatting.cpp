// Formatting: the text `leadc fmt` prints, as one edit over the whole document.
#include "compiler/syntax/format.h"
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

json formatting(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  SourceFile file(doc.path, doc.text);
  Diagnostics diags;
  auto formatted = format_source(file, diags);
  if (!formatted) {
    // Syntax errors are already under the cursor as diagnostics; say why nothing moved.
    throw RequestError(kRequestFailed, diags.all().empty() ? "leadc fmt failed: " + formatted.error()
                                                            : "the document has syntax errors; fix them to format it");
  }
  json edits = json::array();
  if (*formatted != doc.text)
    edits.push_back({{"range", {{"start", position_of(file, 0)},
                                {"end", position_of(file, static_cast<uint32_t>(file.text.size()))}}},
                     {"newText", *formatted}});
  return edits;
}

}  // namespace leadc::lsp
