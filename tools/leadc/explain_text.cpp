// The text of `leadc explain` and of the `explanation` column of `leadc run --explain`
// (see explain_text.h).
#include "tools/leadc/explain_text.h"

#include <algorithm>

#include "runtime/output_format.h"

namespace leadc::cli {

namespace {

std::string number(double v) {
  std::string s;
  rt::append_number(s, v);
  return s;
}

std::string pad(std::string s, size_t width) {
  // Width in characters, not bytes: count UTF-8 lead bytes only.
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string missing_text(const std::vector<std::string>& names) {
  return names.empty() ? std::string() : join(names, ", ") + " missing";
}

// `true`, `25 days`, or `unknown (budget missing)`.
std::string with_reason(const rt::Shown& v, const std::vector<std::string>& missing) {
  if (v.known) return v.text;
  std::string m = missing_text(missing);
  return m.empty() ? "unknown" : "unknown (" + m + ")";
}

std::string with_reason(rt::Truth t, const std::vector<std::string>& missing) {
  std::string v = rt::truth_name(t);
  std::string m = missing_text(missing);
  if (t == rt::Truth::Unknown && !m.empty()) v += " (" + m + ")";
  return v;
}

// What a rule added, as `leadc explain` and `run --reasons` both say it: `+25`,
// `+10 (2 × 5)`, `+15 (4 × 5, capped at 15)`, `0 (condition false)`.
std::string added_text(const ir::ScoreRule& rule, const rt::RuleResult& rr) {
  std::string res = rr.added > 0 ? "+" + number(rr.added) : number(rr.added);
  const std::string m = missing_text(rr.missing);
  if (rr.has_condition) {
    if (rr.condition == rt::Truth::Unknown) {
      res += " (condition unknown" + (m.empty() ? std::string() : ", " + m) + ")";
    } else if (rr.condition == rt::Truth::False) {
      res += " (condition false)";
    }
  } else if (rr.has_per) {
    if (!rr.per_value.known) {
      res += " (value unknown" + (m.empty() ? std::string() : ", " + m) + ")";
    } else {
      res += " (" + rr.per_value.text + " × " + number(rule.points);
      if (rr.capped) res += ", capped at " + number(rule.cap);
      res += ")";
    }
  }
  return res;
}

// `sum 130, clamped to 100`: the points listed add up to the sum, not to the value.
std::string clamp_text(double sum, double final) { return "sum " + number(sum) + ", clamped to " + number(final); }

}  // namespace

ExplainText::ExplainText(const Compilation& c) : c_(c), p_(*c.program), explainer_(*c.program) {
  // Source order (file, then offset), so the report reads like the definition.
  auto file_index = [&](const Span& s) {
    for (size_t i = 0; i < c_.files.size(); ++i)
      if (c_.files[i].get() == s.file) return i;
    return c_.files.size();
  };
  auto order = [&](std::vector<size_t>& idx, size_t n, auto span_of) {
    idx.resize(n);
    for (size_t i = 0; i < n; ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
      const Span &x = span_of(a), &y = span_of(b);
      return std::pair(file_index(x), x.begin) < std::pair(file_index(y), y.begin);
    });
  };
  order(terms_, p_.terms.size(), [&](size_t i) -> const Span& { return p_.terms[i].span; });
  order(scores_, p_.scores.size(), [&](size_t i) -> const Span& { return p_.scores[i].span; });
  order(classes_, p_.classifications.size(), [&](size_t i) -> const Span& { return p_.classifications[i].span; });

  compact_.resize(p_.classifications.size());
  for (size_t k = 0; k < p_.classifications.size(); ++k)
    for (const ir::Label& l : p_.classifications[k].labels)
      compact_[k].push_back(p_.classifications[k].name + "=" + l.name + ": " +
                            (l.condition == ir::kNoReg ? std::string("otherwise") : one_line_text(l.condition_span)));

  // `+25 when lead_source == referral` -> `lead_source == referral`: the points are shown
  // as added (a `per` rule's as `+10 (2 × 5)`), `when` goes without saying.
  rule_text_.resize(p_.scores.size());
  for (size_t s = 0; s < p_.scores.size(); ++s)
    for (const ir::ScoreRule& rule : p_.scores[s].rules) {
      std::string t = one_line_text(rule.span);
      const size_t sp = t.find(' ');
      t = sp == std::string::npos ? std::string() : t.substr(sp + 1);
      if (t.rfind("when ", 0) == 0) t = t.substr(5);
      // `per x max 15`: the points added already say how many and whether capped.
      if (const size_t cap = t.find(" max "); t.rfind("per ", 0) == 0 && cap != std::string::npos) t = t.substr(0, cap);
      rule_text_[s].push_back(std::move(t));
    }
}

std::string ExplainText::full(const rt::Registers& regs, size_t row) const {
  const rt::Explanation e = explainer_.explain(regs, row);
  std::string out;

  out += "fields\n";
  size_t w = 0;
  for (const auto& f : e.fields) w = std::max(w, p_.inputs[f.input].field.size());
  for (const auto& f : e.fields)
    out += "  " + pad(p_.inputs[f.input].field, w) + " = " + (f.value.known ? f.value.text : "missing") + "\n";

  if (!terms_.empty()) {
    out += "\nterms\n";
    w = 0;
    size_t wv = 0;
    std::vector<std::string> values;
    for (size_t i : terms_) {
      w = std::max(w, p_.terms[i].name.size());
      values.push_back(with_reason(e.terms[i].value, e.terms[i].missing));
      wv = std::max(wv, values.back().size());
    }
    for (size_t n = 0; n < terms_.size(); ++n) {
      const ir::Term& t = p_.terms[terms_[n]];
      out += "  " + pad(t.name, w) + " = " + pad(values[n], wv) + "  " + one_line_text(t.span) + "\n";
    }
  }

  for (size_t i : scores_) {
    const ir::Score& s = p_.scores[i];
    const rt::ScoreResult& sr = e.scores[i];
    out += "\nscore " + s.name + " = " + (sr.value.known ? sr.value.text : "unknown");
    if (s.has_range) out += "  (range " + number(s.lo) + ".." + number(s.hi) + ")";
    out += "\n";
    std::vector<std::string> texts;
    w = 0;
    for (const ir::ScoreRule& rule : s.rules) {
      texts.push_back(one_line_text(rule.span));
      w = std::max(w, texts.back().size());
    }
    for (size_t k = 0; k < s.rules.size(); ++k) {
      const std::string res = added_text(s.rules[k], sr.rules[k]);
      out += "  " + pad(texts[k], w) + "  → " + res + "\n";
    }
    if (s.rules.size() > 1 || sr.clamped != 0) {
      out += "  " + (sr.clamped != 0 ? clamp_text(sr.sum, sr.final) : "sum " + number(sr.sum)) + "\n";
    }
  }

  for (size_t i : classes_) {
    const ir::Classification& k = p_.classifications[i];
    const rt::ClassificationResult& cr = e.classifications[i];
    out += "\nclassify " + k.name + (k.unique ? " (unique)" : " (first match)") + " = " +
           (cr.known ? cr.result : "missing") + "\n";
    w = 0;
    for (const ir::Label& l : k.labels) w = std::max(w, l.name.size());
    const int chosen = cr.chosen;
    std::vector<std::string> before;  // earlier labels, with why they were not taken
    std::vector<std::string> conds;
    size_t wc = 0;
    for (const ir::Label& l : k.labels) {
      conds.push_back(l.condition == ir::kNoReg ? std::string("otherwise") : "when " + one_line_text(l.condition_span));
      wc = std::max(wc, conds.back().size());
    }
    for (size_t j = 0; j < k.labels.size(); ++j) {
      const ir::Label& l = k.labels[j];
      const rt::LabelResult& lr = cr.labels[j];
      out += "  " + pad(l.name, w) + "  " + (lr.otherwise ? conds[j] : pad(conds[j], wc) + "  → " + with_reason(lr.truth, lr.missing));
      if (static_cast<int>(j) == chosen) out += "   ← chosen";
      out += "\n";
      if (chosen < 0 || static_cast<int>(j) < chosen)
        before.push_back(l.name + " " + (lr.otherwise ? "otherwise" : rt::truth_name(lr.truth)));
    }
    if (chosen < 0) {
      out += "  no label is true, so " + k.name + " is missing\n";
    } else if (k.unique) {
      out += "  " + k.labels[chosen].name + " is the only label whose condition is true\n";
    } else if (chosen == 0) {
      out += "  first match: " + k.labels[chosen].name + " is the first label and its condition is true\n";
    } else {
      const bool other = cr.labels[chosen].otherwise;
      out += "  first match: " + k.labels[chosen].name +
             (other ? " (otherwise), since no earlier label is true: " : " is the first true label; before it: ") +
             join(before, ", ") + "\n";
    }
  }
  return out;
}

void ExplainText::compact(const rt::Registers& regs, size_t row, std::string& out) const {
  bool first = true;
  for (size_t i : classes_) {
    const ir::Classification& k = p_.classifications[i];
    if (!first) out += "; ";
    first = false;
    const int chosen = explainer_.chosen_label(i, regs, row);
    if (chosen >= 0) out += compact_[i][chosen];
    else out += k.name + " missing: no label is true";
  }
}

void ExplainText::reasons(const rt::Registers& regs, size_t row, rt::ItemList& items) const {
  for (size_t i : classes_) {
    const int chosen = explainer_.chosen_label(i, regs, row);
    std::string& item = items.add();
    if (chosen >= 0) item += compact_[i][chosen];
    else item += p_.classifications[i].name + " missing: no label is true";
  }
  for (size_t s : scores_) {
    const ir::Score& sc = p_.scores[s];
    const rt::Column& col = regs.regs[sc.reg];
    std::string& item = items.add();
    item += sc.name;
    item += '=';
    if (col.known[row]) rt::append_number(item, col.num[row]);
    else item += "missing";
    if (explainer_.clamped(s, regs, row) != 0)
      item += " (" + clamp_text(explainer_.rule_sum(s, regs, row), col.num[row]) + ")";  // as `leadc explain` says it
    bool any = false;
    for (size_t j = 0; j < sc.rules.size(); ++j) {
      const double added = explainer_.rule_added(s, j, regs, row);
      if (added == 0) continue;
      item += any ? ", " : ": ";
      any = true;
      item += added_text(sc.rules[j], explainer_.rule(s, j, regs, row));  // `+10 (2 × 5)`, as explain says it
      item += ' ';
      item += rule_text_[s][j];
    }
    if (!any) item += ": no rule added points";
  }

  // The limit, in characters (UTF-8 lead bytes), over the items joined by `; `.
  auto chars = [](const std::string& t) {
    size_t n = 0;
    for (unsigned char c : t) n += (c & 0xC0) != 0x80;
    return n;
  };
  size_t total = 0;
  for (size_t k = 0; k < items.size(); ++k) total += chars(items[k]) + (k ? 2 : 0);
  if (total <= kReasonsLimit) return;
  const size_t room = kReasonsLimit - chars(kReasonsCut);  // characters of text kept
  size_t used = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    const size_t sep = k ? 2 : 0;
    const size_t n = chars(items[k]);
    if (used + sep + n <= room) {
      used += sep + n;
      continue;
    }
    // Cut this item at the character where the room ends; a separator alone is not kept.
    std::string& t = items[k];
    const size_t keep = used + sep < room ? room - used - sep : 0;
    size_t byte = 0;
    for (size_t c = 0; byte < t.size() && c < keep; ++c) {
      ++byte;
      while (byte < t.size() && (static_cast<unsigned char>(t[byte]) & 0xC0) == 0x80) ++byte;
    }
    if (keep == 0 && k > 0) {
      items.keep(k);
      items[k - 1] += kReasonsCut;
    } else {
      t.resize(byte);
      t += kReasonsCut;
      items.keep(k + 1);
    }
    return;
  }
}

}  // namespace leadc::cli
