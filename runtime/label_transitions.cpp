// Label transition matrices (see label_transitions.h).
#include "runtime/label_transitions.h"

namespace leadc::rt {

bool LabelTransitions::changes(size_t x, size_t y) const { return old_name(x) != new_name(y); }

void LabelTransitions::add(int32_t x, int32_t y, const std::function<std::string()>& key) {
  const size_t i = x < 0 ? old_labels.size() : static_cast<size_t>(x);
  const size_t j = y < 0 ? new_labels.size() : static_cast<size_t>(y);
  ++counts[i][j];
  if (!changes(i, j)) return;
  ++changed;
  if (examples[i][j].size() < max_examples) examples[i][j].push_back(key());
}

void LabelTransitions::merge(const LabelTransitions& later) {
  for (size_t i = 0; i < counts.size(); ++i)
    for (size_t j = 0; j < counts[i].size(); ++j) {
      counts[i][j] += later.counts[i][j];
      for (const std::string& k : later.examples[i][j])
        if (examples[i][j].size() < max_examples) examples[i][j].push_back(k);
    }
  changed += later.changed;
}

std::vector<LabelTransitions> label_transitions_for(const ir::Program& old_p, const ir::Program& new_p,
                                                    size_t max_examples, std::vector<std::string>& only_old,
                                                    std::vector<std::string>& only_new) {
  std::vector<LabelTransitions> out;
  for (size_t i = 0; i < old_p.classifications.size(); ++i) {
    const ir::Classification& a = old_p.classifications[i];
    size_t j = 0;
    while (j < new_p.classifications.size() && new_p.classifications[j].name != a.name) ++j;
    if (j == new_p.classifications.size()) {
      only_old.push_back(a.name);
      continue;
    }
    LabelTransitions t;
    t.name = a.name;
    t.old_index = i;
    t.new_index = j;
    t.old_labels = old_p.enums[a.enum_id].members;
    t.new_labels = new_p.enums[new_p.classifications[j].enum_id].members;
    t.counts.assign(t.old_labels.size() + 1, std::vector<uint64_t>(t.new_labels.size() + 1, 0));
    t.examples.assign(t.old_labels.size() + 1, std::vector<std::vector<std::string>>(t.new_labels.size() + 1));
    t.max_examples = max_examples;
    out.push_back(std::move(t));
  }
  for (const ir::Classification& b : new_p.classifications) {
    bool in_old = false;
    for (const ir::Classification& a : old_p.classifications) in_old |= a.name == b.name;
    if (!in_old) only_new.push_back(b.name);
  }
  return out;
}

}  // namespace leadc::rt
