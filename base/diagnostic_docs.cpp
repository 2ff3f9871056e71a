#include "base/diagnostic_docs.h"

extern const unsigned char leadc_diagnostics_md[];
extern const unsigned long leadc_diagnostics_md_size;

namespace leadc {

std::string_view diagnostics_markdown() {
  return {reinterpret_cast<const char*>(leadc_diagnostics_md), static_cast<size_t>(leadc_diagnostics_md_size)};
}

std::string diagnostic_doc_entry(std::string_view code) {
  const std::string_view doc = diagnostics_markdown();
  std::string upper;
  for (char c : code) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  if (upper.empty()) return "";
  const std::string heading = "## " + upper + " ";
  size_t at = 0;
  for (;;) {
    at = doc.find(heading, at);
    if (at == std::string_view::npos) return "";
    if (at == 0 || doc[at - 1] == '\n') break;
    at += heading.size();
  }
  // To the next heading (any level) or a `---` rule.
  size_t end = doc.size();
  for (size_t line = doc.find('\n', at); line != std::string_view::npos; line = doc.find('\n', line + 1)) {
    const std::string_view rest = doc.substr(line + 1);
    if (rest.rfind("#", 0) == 0 || rest.rfind("---", 0) == 0) {
      end = line + 1;
      break;
    }
  }
  std::string out(doc.substr(at, end - at));
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  if (out.empty() || out.back() != '\n') out += '\n';
  return out;
}

}  // namespace leadc
