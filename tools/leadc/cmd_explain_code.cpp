// `leadc explain-code CODE`: prints CODE's entry of docs/diagnostics.md, as the build
// embedded it (base/diagnostic_docs.h). An unknown code is a usage error (exit 2)
// with the closest code.
#include <fmt/format.h>

#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>

#include "base/closest_name.h"
#include "base/diagnostic_docs.h"
#include "base/diagnostics.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

// The closest code: by edit distance (closest_name), else the one code that two
// swapped neighbouring characters give (`E0420` for `E0402`).
std::string closest_code(const std::string& code, const std::vector<std::string>& codes) {
  std::string near = closest_name(code, codes);
  if (!near.empty()) return near;
  for (size_t i = 0; i + 1 < code.size(); ++i) {
    std::string swapped = code;
    std::swap(swapped[i], swapped[i + 1]);
    if (swapped == code || std::find(codes.begin(), codes.end(), swapped) == codes.end()) continue;
    if (!near.empty() && near != swapped) return "";
    near = swapped;
  }
  return near;
}

}  // namespace

Runner add_explain_code(CLI::App& app) {
  auto code = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("explain-code", "Print a diagnostic code's documentation (docs/diagnostics.md)");
  cmd->add_option("code", *code, "A diagnostic code, such as E0402")->required();
  return [code]() {
    std::vector<std::string> codes;
#define DIAG(c, s, m) codes.push_back(#c);
#include "base/diagnostics.def"
#undef DIAG
    const std::string upper = [&] {
      std::string u;
      for (char ch : *code) u += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
      return u;
    }();
    const bool known = std::find(codes.begin(), codes.end(), upper) != codes.end();
    const std::string entry = known ? diagnostic_doc_entry(upper) : std::string();
    if (entry.empty()) {
      std::string message = known ? fmt::format("`{}` has no entry in docs/diagnostics.md", upper)
                                  : fmt::format("unknown diagnostic code `{}`", *code);
      std::string near = known ? std::string() : closest_code(upper, codes);
      if (!near.empty()) message += fmt::format("; did you mean `{}`?", near);
      std::fprintf(stderr, "leadc: error: %s\nThe codes: %s\n", message.c_str(), fmt::format("{}", fmt::join(codes, " ")).c_str());
      return int(kUsage);
    }
    std::fwrite(entry.data(), 1, entry.size(), stdout);
    return int(kOk);
  };
}

}  // namespace leadc::cli
