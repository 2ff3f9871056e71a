// JSON string escaping (see json.h). Runs of plain bytes are appended in one go: this
// is on the hot path of `leadc run --format jsonl`.
#include "base/json.h"

#include <array>

namespace leadc {
namespace {

constexpr std::array<bool, 256> make_special() {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>('"')] = t[static_cast<unsigned char>('\\')] = true;
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kJsonSpecial = make_special();

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!kJsonSpecial[c]) continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.substr(run));
  out += '"';
}

}  // namespace leadc
