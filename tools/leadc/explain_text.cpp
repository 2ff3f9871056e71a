// The text of `leadc explain` and of the `explanation` column of `leadc run --explain`
// (see explain_text.h).
#include "tools/leadc/explain_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtime/output_format.h"

namespace leadc::cli {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string number(double v) {
  std::string s;
  rt::append_number(s, v);
  return s;
}

std::string quoted(std::string_view s) {
  std::string out;
  rt::append_json_string(out, s);
  return out;
}

// `1 days` reads badly; the declared unit is plural, so drop its `s` for exactly one.
std::string with_unit(double v, const std::string& unit) {
  std::string u = unit;
  if (v == 1 && u.size() > 1 && u.back() == 's') u.pop_back();
  return u.empty() ? number(v) : number(v) + " " + u;
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

}  // namespace

std::string span_text(const Span& span) {
  if (!span.file || span.end <= span.begin || span.end > span.file->text.size()) return {};
  std::string_view src(span.file->text.data() + span.begin, span.end - span.begin);
  std::string out;
  bool in_string = false, pending_space = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char ch = src[i];
    if (!in_string && ch == '/' && i + 1 < src.size() && src[i + 1] == '/') {
      while (i < src.size() && src[i] != '\n') ++i;
      pending_space = true;
      continue;
    }
    if (!in_string && is_space(ch)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += ch;
    if (ch == '"') in_string = !in_string;
    else if (in_string && ch == '\\' && i + 1 < src.size()) out += src[++i];
  }
  return out;
}

Explainer::Explainer(const Compilation& c) : c_(c), p_(*c.program) {
  field_reg_.assign(p_.inputs.size(), ir::kNoReg);
  for (size_t r = 0; r < p_.code.size(); ++r)
    if (p_.code[r].op == ir::Op::Field && p_.code[r].a < p_.inputs.size()) field_reg_[p_.code[r].a] = ir::Reg(r);

  // Inputs that something the user declared reads: walk operands back from the roots.
  std::vector<uint8_t> live(p_.code.size(), 0);
  auto mark = [&](ir::Reg r) { if (r < live.size()) live[r] = 1; };
  for (const auto& t : p_.terms) mark(t.reg);
  for (const auto& s : p_.scores) mark(s.reg);
  for (const auto& k : p_.classifications) mark(k.reg);
  for (size_t r = live.size(); r-- > 0;) {
    if (!live[r] || p_.code[r].op == ir::Op::Field) continue;
    mark(p_.code[r].a);
    mark(p_.code[r].b);
    mark(p_.code[r].c);
  }
  for (size_t i = 0; i < p_.inputs.size(); ++i)
    if (!p_.inputs[i].key && field_reg_[i] != ir::kNoReg && live[field_reg_[i]]) used_inputs_.push_back(i);

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
                            (l.condition == ir::kNoReg ? std::string("otherwise") : span_text(l.condition_span)));
}

std::string Explainer::field_value(size_t input, const rt::Registers& regs, size_t row) const {
  const ir::Input& in = p_.inputs[input];
  const ir::Reg r = field_reg_[input];
  if (r == ir::kNoReg || r >= regs.regs.size()) return "missing";
  const rt::Column& col = regs.regs[r];
  if (row >= col.known.size() || !col.known[row]) return "missing";
  switch (in.kind) {
    case ir::FieldKind::Bool: return col.b[row] ? "true" : "false";
    case ir::FieldKind::Int:
    case ir::FieldKind::Number: return number(col.num[row]);
    case ir::FieldKind::Text:
    case ir::FieldKind::Email:
    case ir::FieldKind::Phone: return quoted(col.str[row]);
    case ir::FieldKind::Date: { std::string s; rt::append_date(s, col.num[row]); return s; }
    case ir::FieldKind::Timestamp: { std::string s; rt::append_timestamp(s, col.num[row]); return s; }
    case ir::FieldKind::Duration:
    case ir::FieldKind::Money: return with_unit(col.num[row] / in.scale, in.unit);
    case ir::FieldKind::Enum: return value_text(r, regs, row);
  }
  return "?";
}

std::string Explainer::field_plain(size_t input, const rt::Batch& batch, size_t row) const {
  const ir::Input& in = p_.inputs[input];
  const rt::Column& col = batch.inputs[input];
  if (row >= col.known.size() || !col.known[row]) return {};
  switch (col.type) {
    case ir::Type::Bool: return col.b[row] ? "true" : "false";
    case ir::Type::Str: return std::string(col.str[row]);
    case ir::Type::Enum:
      if (in.enum_id >= 0 && col.member[row] >= 0 &&
          static_cast<size_t>(col.member[row]) < p_.enums[in.enum_id].members.size())
        return p_.enums[in.enum_id].members[col.member[row]];
      return {};
    case ir::Type::Num:
      if (in.kind == ir::FieldKind::Date) { std::string s; rt::append_date(s, col.num[row]); return s; }
      if (in.kind == ir::FieldKind::Timestamp) { std::string s; rt::append_timestamp(s, col.num[row]); return s; }
      return number(col.num[row] / in.scale);
  }
  return {};
}

// A register's value; numbers of terms are shown in their source type's unit.
std::string Explainer::value_text(ir::Reg reg, const rt::Registers& regs, size_t row) const {
  const rt::Column& col = regs.regs[reg];
  if (row >= col.known.size() || !col.known[row]) return "unknown";
  const ir::Instr& ins = p_.code[reg];
  switch (ins.type) {
    case ir::Type::Bool: return col.b[row] ? "true" : "false";
    case ir::Type::Str: return quoted(col.str[row]);
    case ir::Type::Enum: {
      if (ins.enum_id < 0 || static_cast<size_t>(ins.enum_id) >= p_.enums.size()) return "?";
      const auto& m = p_.enums[ins.enum_id].members;
      return col.member[row] >= 0 && static_cast<size_t>(col.member[row]) < m.size() ? m[col.member[row]] : "?";
    }
    case ir::Type::Num: break;
  }
  const double v = col.num[row];
  if (c_.checked)
    for (const ir::Term& t : p_.terms) {
      if (t.reg != reg) continue;
      auto it = c_.checked->values.find(t.name);
      if (it == c_.checked->values.end() || it->second.kind != SymbolKind::Term) break;
      const Type& ty = c_.checked->term_types[it->second.index];
      switch (ty.kind) {
        case TypeKind::Duration: return with_unit(v / 86400, "days");
        case TypeKind::Money: return with_unit(v / 100, ty.currency);
        case TypeKind::Date: { std::string s; rt::append_date(s, v); return s; }
        case TypeKind::Timestamp: { std::string s; rt::append_timestamp(s, v); return s; }
        default: break;
      }
      break;
    }
  return number(v);
}

// `budget, decision_timeframe missing` — the inputs under `reg` that are missing here.
std::string Explainer::missing_inputs(ir::Reg reg, const rt::Registers& regs, size_t row) const {
  std::vector<uint8_t> seen(reg + 1, 0);
  seen[reg] = 1;
  std::vector<std::string> names;
  for (size_t r = reg + 1; r-- > 0;) {
    if (!seen[r]) continue;
    const ir::Instr& ins = p_.code[r];
    if (ins.op == ir::Op::Field) {
      const rt::Column& col = regs.regs[r];
      if (row >= col.known.size() || !col.known[row]) names.insert(names.begin(), p_.inputs[ins.a].field);
      continue;
    }
    for (ir::Reg o : {ins.a, ins.b, ins.c})
      if (o < r) seen[o] = 1;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names.empty() ? std::string() : join(names, ", ") + " missing";
}

std::string Explainer::truth(ir::Reg reg, const rt::Registers& regs, size_t row, bool why) const {
  std::string v = value_text(reg, regs, row);
  if (why && v == "unknown") {
    std::string m = missing_inputs(reg, regs, row);
    if (!m.empty()) v += " (" + m + ")";
  }
  return v;
}

std::string Explainer::full(const rt::Registers& regs, size_t row) const {
  std::string out;

  out += "fields\n";
  size_t w = 0;
  for (size_t i : used_inputs_) w = std::max(w, p_.inputs[i].field.size());
  for (size_t i : used_inputs_) out += "  " + pad(p_.inputs[i].field, w) + " = " + field_value(i, regs, row) + "\n";

  if (!terms_.empty()) {
    out += "\nterms\n";
    w = 0;
    size_t wv = 0;
    std::vector<std::string> values;
    for (size_t i : terms_) {
      w = std::max(w, p_.terms[i].name.size());
      values.push_back(truth(p_.terms[i].reg, regs, row, true));
      wv = std::max(wv, values.back().size());
    }
    for (size_t n = 0; n < terms_.size(); ++n) {
      const ir::Term& t = p_.terms[terms_[n]];
      out += "  " + pad(t.name, w) + " = " + pad(values[n], wv) + "  " + span_text(t.span) + "\n";
    }
  }

  for (size_t i : scores_) {
    const ir::Score& s = p_.scores[i];
    out += "\nscore " + s.name + " = " + value_text(s.reg, regs, row);
    if (s.has_range) out += "  (range " + number(s.lo) + ".." + number(s.hi) + ")";
    out += "\n";
    std::vector<std::string> texts;
    w = 0;
    for (const ir::ScoreRule& rule : s.rules) {
      texts.push_back(span_text(rule.span));
      w = std::max(w, texts.back().size());
    }
    for (size_t k = 0; k < s.rules.size(); ++k) {
      const ir::ScoreRule& rule = s.rules[k];
      const double got = regs.regs[rule.contribution].num[row];
      std::string res = got > 0 ? "+" + number(got) : number(got);
      if (rule.condition != ir::kNoReg) {
        const std::string cond = value_text(rule.condition, regs, row);
        if (cond == "unknown") {
          std::string m = missing_inputs(rule.condition, regs, row);
          res += " (condition unknown" + (m.empty() ? std::string() : ", " + m) + ")";
        } else if (cond == "false") {
          res += " (condition false)";
        }
      } else if (rule.per_value != ir::kNoReg) {
        const std::string v = value_text(rule.per_value, regs, row);
        if (v == "unknown") {
          std::string m = missing_inputs(rule.per_value, regs, row);
          res += " (value unknown" + (m.empty() ? std::string() : ", " + m) + ")";
        } else {
          res += " (" + v + " × " + number(rule.points);
          if (rule.cap >= 0 && std::fabs(got) < std::fabs(regs.regs[rule.per_value].num[row] * rule.points))
            res += ", capped at " + number(rule.cap);
          res += ")";
        }
      }
      out += "  " + pad(texts[k], w) + "  → " + res + "\n";
    }
    const double sum = regs.regs[s.unclamped].num[row], fin = regs.regs[s.reg].num[row];
    if (s.rules.size() > 1 || sum != fin) {
      out += "  sum " + number(sum);
      if (sum != fin) out += ", clamped to " + number(fin);
      out += "\n";
    }
  }

  for (size_t i : classes_) {
    const ir::Classification& k = p_.classifications[i];
    const std::string result = value_text(k.reg, regs, row);
    out += "\nclassify " + k.name + (k.unique ? " (unique)" : " (first match)") + " = " +
           (result == "unknown" ? "missing" : result) + "\n";
    w = 0;
    for (const ir::Label& l : k.labels) w = std::max(w, l.name.size());
    int chosen = -1;
    std::vector<std::string> before;  // earlier labels, with why they were not taken
    std::vector<std::string> values;
    for (const ir::Label& l : k.labels) {
      values.push_back(l.condition == ir::kNoReg ? "otherwise" : truth(l.condition, regs, row, true));
      if (chosen < 0 && (l.condition == ir::kNoReg || values.back() == "true") && result == l.name)
        chosen = static_cast<int>(values.size()) - 1;
    }
    std::vector<std::string> conds;
    size_t wc = 0;
    for (const ir::Label& l : k.labels) {
      conds.push_back(l.condition == ir::kNoReg ? std::string("otherwise") : "when " + span_text(l.condition_span));
      wc = std::max(wc, conds.back().size());
    }
    for (size_t j = 0; j < k.labels.size(); ++j) {
      const ir::Label& l = k.labels[j];
      const bool other = l.condition == ir::kNoReg;
      out += "  " + pad(l.name, w) + "  " + (other ? conds[j] : pad(conds[j], wc) + "  → " + values[j]);
      if (static_cast<int>(j) == chosen) out += "   ← chosen";
      out += "\n";
      if (chosen < 0 || static_cast<int>(j) < chosen)
        before.push_back(l.name + " " + values[j].substr(0, values[j].find(' ')));
    }
    if (chosen < 0) {
      out += "  no label is true, so " + k.name + " is missing\n";
    } else if (k.unique) {
      out += "  " + k.labels[chosen].name + " is the only label whose condition is true\n";
    } else if (chosen == 0) {
      out += "  first match: " + k.labels[chosen].name + " is the first label and its condition is true\n";
    } else {
      const bool other = k.labels[chosen].condition == ir::kNoReg;
      out += "  first match: " + k.labels[chosen].name +
             (other ? " (otherwise), since no earlier label is true: " : " is the first true label; before it: ") +
             join(before, ", ") + "\n";
    }
  }
  return out;
}

void Explainer::compact(const rt::Registers& regs, size_t row, std::string& out) const {
  bool first = true;
  for (size_t i : classes_) {
    const ir::Classification& k = p_.classifications[i];
    if (!first) out += "; ";
    first = false;
    const rt::Column& col = regs.regs[k.reg];
    int chosen = -1;
    if (row < col.known.size() && col.known[row])
      for (size_t j = 0; j < k.labels.size(); ++j) {
        const ir::Label& l = k.labels[j];
        if (l.member != col.member[row]) continue;
        // The label named by the result whose condition holds (labels may repeat a name).
        if (l.condition == ir::kNoReg || (regs.regs[l.condition].known[row] && regs.regs[l.condition].b[row])) {
          chosen = static_cast<int>(j);
          break;
        }
      }
    if (chosen >= 0) out += compact_[i][chosen];
    else out += k.name + " missing: no label is true";
  }
}

}  // namespace leadc::cli
