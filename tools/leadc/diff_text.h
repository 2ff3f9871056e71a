// How `leadc diff` shows a semantic diff (compiler/analysis/semantic_diff.h): the text
// summary of LANGUAGE.md section 10 and its `--format json` lines. `leadc report --vs`
// shows the same text.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "compiler/analysis/semantic_diff.h"

namespace leadc::cli {

// Colour for a terminal (bold names, green equivalent, yellow changes, magenta undecided).
struct Style {
  bool colour = false;
  std::string name(const std::string& s) const { return colour ? "\033[1m" + s + "\033[0m" : s; }
  std::string same(const std::string& s) const { return colour ? "\033[32m" + s + "\033[0m" : s; }
  std::string change(const std::string& s) const { return colour ? "\033[33m" + s + "\033[0m" : s; }
  std::string doubt(const std::string& s) const { return colour ? "\033[35m" + s + "\033[0m" : s; }
};

// How many leads of the file take each change (by output name, then change index).
using Counts = std::map<std::string, std::vector<uint64_t>>;

// A number of points as run prints it (35, 12.5).
std::string points_text(double v);

// `counts`: null without a lead file.
std::string render_text(const SemanticDiff& d, const Counts* counts, const Style& st);
std::string render_json(const SemanticDiff& d, const Counts* counts);

}  // namespace leadc::cli
