// `leadc infer LEADS [--delimiter C] [--encoding E]`: prints a draft of the `lead { … }`
// block for a CSV lead file (LANGUAGE.md section 9); runtime/infer.cpp works it out,
// this file lays it out as `leadc fmt` aligns it (tests/e2e/infer_draft.sh checks).
#include <fmt/format.h>

#include <cstdio>

#include "runtime/infer.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string draft_text(const rt::InferredLead& lead, const std::string& path) {
  std::string out = fmt::format("// Drafted by `leadc infer` from {} ({} row{}", path, lead.rows, lead.rows == 1 ? "" : "s");
  if (!lead.encoding.empty()) out += ", read as " + lead.encoding;
  if (lead.delimiter != ',')
    out += std::string(", cells separated by ") + (lead.delimiter == '\t' ? "TAB" : "`" + std::string(1, lead.delimiter) + "`");
  out += "): check each type before you rely on it.\n";
  for (const std::string& s : lead.skipped) out += "// no field for " + s + "\n";
  for (const rt::InferredField& f : lead.fields) {
    if (f.members.empty()) continue;
    out += "type " + f.type + " = enum { ";
    for (size_t m = 0; m < f.members.size(); ++m) {
      if (m) out += ", ";
      out += f.members[m];
      if (!f.spellings[m].empty()) out += " " + quoted(f.spellings[m]);
    }
    out += " }\n";
  }
  out += "\nlead {\n";
  auto type_part = [](const rt::InferredField& f) {
    return (f.is_set ? "set of " : "") + f.type + (f.optional ? "?" : "") + (f.key ? " key" : "");
  };
  auto format_part = [](const rt::InferredField& f) {
    return f.format.empty() ? std::string() : "format " + (f.format_is_name ? f.format : quoted(f.format));
  };
  // The columns `leadc fmt` gives a lead block (compiler/syntax/format.cpp): the format
  // column after the longest type of a field with a format, `from` after the longest
  // of the rest.
  size_t name_w = 0, format_col = 0, from_col = 0;
  for (const rt::InferredField& f : lead.fields) name_w = std::max(name_w, f.name.size() + 1);
  const size_t type_col = name_w + 1;
  for (const rt::InferredField& f : lead.fields)
    if (!f.format.empty()) format_col = std::max(format_col, type_col + type_part(f).size() + 1);
  for (const rt::InferredField& f : lead.fields)
    from_col = std::max(from_col, f.format.empty() ? type_col + type_part(f).size() + 1
                                                   : format_col + format_part(f).size() + 1);
  bool has_key = false;
  for (const rt::InferredField& f : lead.fields) {
    has_key = has_key || f.key;
    if (f.zoneless > 0)
      out += fmt::format("  // {} value{} without an offset, read as UTC: say their zone with zone \"AREA/CITY\" if not UTC\n",
                         f.zoneless, f.zoneless == 1 ? "" : "s");
    if (f.zero_one) out += "  // every cell is 0 or 1: write `bool` if it means yes and no\n";
    for (const std::string& a : f.also)
      out += fmt::format("  // every cell also reads as format {}: check which one the file means\n", quoted(a));
    std::string line = fmt::format("{:<{}}{}", f.name + ":", type_col, type_part(f));
    auto pad_to = [&](size_t col) { line.append(line.size() < col ? col - line.size() : 1, ' '); };
    if (!f.format.empty()) {
      pad_to(format_col);
      line += format_part(f);
    }
    if (f.column != f.name) {
      pad_to(from_col);
      line += "from " + quoted(f.column);
    }
    line = "  " + line;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  if (!has_key) out += "  // no column has a value in every row, all different: mark the one that identifies a lead with `key`\n";
  out += "}\n";
  return out;
}

}  // namespace

Runner add_infer(CLI::App& app) {
  struct Opts {
    std::string leads, delimiter, encoding = "utf-8";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("infer", "Draft the `lead { … }` block for a CSV lead file: a field per column with "
                                          "its type, `?`, format, key and enums for columns of few values");
  cmd->add_option("leads", o->leads, "Lead file (.csv)")->required();
  add_csv_shape_options(cmd, o->delimiter, o->encoding);
  cmd->footer("Exit codes: 0 drafted, 2 usage or I/O error, 3 data error (the file does not read as CSV).");
  return [o]() {
    return with_data_errors([&]() -> int {
      rt::ReaderOptions ropts;
      if (!o->delimiter.empty()) rt::parse_delimiter_name(o->delimiter, ropts.delimiter);
      if (o->encoding != "utf-8") ropts.encoding = o->encoding;
      const std::string text = draft_text(rt::infer_lead(o->leads, ropts), o->leads);
      std::fwrite(text.data(), 1, text.size(), stdout);
      return int(kOk);
    });
  };
}

}  // namespace leadc::cli
