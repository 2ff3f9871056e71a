// The open documents and what leadc knows about each: the text the editor sent
// (full-text sync) and the latest compilation of it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/driver.h"
#include "lsp/index.h"

namespace leadc::lsp {

// One compilation of one version of a document.
struct Analysis {
  int version = 0;
  bool solved = false;        // the ambiguity analysis (Z3) ran: diagnostics are complete
  Compilation compilation;
  Diagnostics diags;          // sorted, as `leadc check` reports them
  std::unique_ptr<Index> index;  // set when the document parsed
  std::vector<std::string> imports;  // canonical paths of the files it read besides its own
  const SourceFile& root() const { return *compilation.files[0]; }
  const Checked* checked() const { return compilation.checked.get(); }
};

struct Document {
  std::string uri;
  std::string path;       // absolute file path (imports are relative to it)
  std::string canonical;  // to answer the driver's open_buffer look-ups
  std::string text;
  int version = 0;
  bool dirty = true;      // diagnostics of `version` not yet published
  std::shared_ptr<Analysis> analysis;  // latest compilation; may be of an older version
  // The latest compilation that parsed: completion while a line is half typed (and so
  // does not parse) still knows the names and their types.
  std::shared_ptr<Analysis> last_parsed;
};

class Workspace {
 public:
  Document& open(const std::string& uri, std::string text, int version);
  void close(const std::string& uri) { docs_.erase(uri); }
  Document* find(const std::string& uri);
  std::map<std::string, Document>& documents() { return docs_; }

  // Compiles DOC's current text (with the ambiguity analysis when SOLVE), the way
  // `leadc check` does; imports open in the editor are read from their buffers.
  std::shared_ptr<Analysis> compile(const Document& doc, bool solve) const;
  // The compilation of DOC's current version, compiling (without the solver) when
  // the stored one is older. Requests other than diagnostics use this.
  std::shared_ptr<Analysis> current(Document& doc) const;
  // Keeps A as DOC's latest compilation.
  static void store(Document& doc, std::shared_ptr<Analysis> a);

  unsigned solver_timeout_ms = 2000;

 private:
  std::map<std::string, Document> docs_;
};

}  // namespace leadc::lsp
