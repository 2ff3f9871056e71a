// How the labels of one classification move between two versions of a definition over
// the same leads: the old -> new count matrix (with a `missing` row and column for
// leads without a label) and the first few leads of each changed cell. `leadc diff`
// fills it row by row over whole files; `leadc report --vs` chunk by chunk, merging
// the chunks in file order, so the examples are the file's first in both.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::rt {

struct LabelTransitions {
  std::string name;                         // the classification (same name in both)
  size_t old_index = 0, new_index = 0;      // in each Program::classifications
  std::vector<std::string> old_labels, new_labels;
  // counts[x][y]: leads with old label x and new label y; index old_labels.size()
  // (new_labels.size()) is `missing`.
  std::vector<std::vector<uint64_t>> counts;
  std::vector<std::vector<std::vector<std::string>>> examples;  // keys, only for changed cells
  uint64_t changed = 0;                     // leads whose label name differs
  size_t max_examples = 0;

  // A lead with old member `x` and new member `y` (-1: no label); `key` is asked only
  // when the cell keeps another example.
  void add(int32_t x, int32_t y, const std::function<std::string()>& key);
  // Adds `later` (the counts of rows after this one's).
  void merge(const LabelTransitions& later);
  // The label name changes from old x to new y (by name: a reordered enum is no change).
  bool changes(size_t x, size_t y) const;
  std::string old_name(size_t x) const { return x < old_labels.size() ? old_labels[x] : "missing"; }
  std::string new_name(size_t y) const { return y < new_labels.size() ? new_labels[y] : "missing"; }
};

// One empty LabelTransitions per classification both programs define (matched by
// name, in the old program's order); what only one defines goes to `only_old` /
// `only_new` as names.
std::vector<LabelTransitions> label_transitions_for(const ir::Program& old_p, const ir::Program& new_p,
                                                    size_t max_examples, std::vector<std::string>& only_old,
                                                    std::vector<std::string>& only_new);

}  // namespace leadc::rt
