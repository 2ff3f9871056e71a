#include "compiler/syntax/format_printer.h"

#include <algorithm>

namespace leadc::syntax {

  void Printer::line(size_t i, size_t indent, bool blank_ok) {
  flush_comments(i, indent);
  bool blank = blank_ok && !after_block_open_ && !out_.empty() && toks_[i].line > prev_line_ + 1;
  brackets_.clear();
  pending_open_ = want_anchor_ = preserve_ = false;
  anchor_col_ = npos;
  stmt_indent_ = indent;
  put(i, true, indent, blank, true);
}

  void Printer::next(size_t i) {
  flush_comments(i, npos);
  bool brk = must_break_ || (preserve_ && last_ != npos && toks_[i].line > toks_[last_].line);
  if (brk) {
    put(i, true, continuation_indent(i), false, true);
    return;
  }
  size_t target = col_ + (glued(last_, i) ? 0 : 1);
  if (pad_col_ != npos && pad_col_ > target) target = pad_col_;
  out_.append(target - col_, ' ');
  col_ = target;
  put(i, false, 0, false, true);
}

  void Printer::range(size_t a, size_t b) {
  for (size_t k = a; k <= b && k < toks_.size(); ++k)
    if (!toks_[k].comment) next(k);
}

  void Printer::block_open(size_t i) {
  flush_comments(i, npos);
  if (must_break_) {
    put(i, true, continuation_indent(i), false, false);
  } else {
    out_ += ' ';
    ++col_;
    put(i, false, 0, false, false);
  }
  after_block_open_ = true;
}

  void Printer::block_close(size_t i, size_t indent) {
  flush_comments(i, indent + kIndent);
  brackets_.clear();
  put(i, true, indent, false, false);
}

  std::string Printer::finish() {
  flush_comments(toks_.size() - 1, 0);
  if (!out_.empty()) out_ += '\n';
  return std::move(out_);
}

  size_t Printer::measure(size_t a, size_t b) const {
  size_t w = 0, prev = npos;
  for (size_t k = a; k <= b; ++k) {
    if (toks_[k].comment) return npos;
    if (prev != npos) {
      if (toks_[k].line != toks_[prev].line) return npos;
      w += glued(prev, k) ? 0 : 1;
    }
    w += width(toks_[k].text);
    prev = k;
  }
  return w;
}

  bool Printer::glued(size_t a, size_t b) const {
  if (a == npos) return true;
  const std::string& x = toks_[a].text;
  const std::string& y = toks_[b].text;
  if (glue_after_[a] || glue_before_[b]) return true;
  if (x == "(" || x == "[" || x == "." || x == "..") return true;
  if (y == ")" || y == "]" || y == "," || y == "." || y == ".." || y == "?" || y == ":") return true;
  return x == "{" && y == "}";
}

  size_t Printer::continuation_indent(size_t i) const {
  if (!brackets_.empty()) {
    const Bracket& b = brackets_.back();
    if (is_closer(toks_[i].text)) return b.line_indent;
    return b.col != npos ? b.col : b.line_indent + kIndent;
  }
  return anchor_col_ != npos ? anchor_col_ : stmt_indent_ + kIndent;
}

  void Printer::newline(size_t indent, bool blank) {
  if (!out_.empty()) out_ += blank ? "\n\n" : "\n";
  out_.append(indent, ' ');
  col_ = line_indent_ = indent;
}

  void Printer::put(size_t i, bool on_new_line, size_t indent, bool blank, bool bracket) {
  if (on_new_line) newline(indent, blank);
  if (pending_open_) {
    if (!on_new_line) brackets_.back().col = col_;
    pending_open_ = false;
  }
  if (want_anchor_) {
    anchor_col_ = col_;
    want_anchor_ = false;
  }
  out_ += toks_[i].text;
  col_ += width(toks_[i].text);
  if (bracket && is_opener(toks_[i].text)) {
    brackets_.push_back({npos, line_indent_});
    pending_open_ = true;
  } else if (bracket && is_closer(toks_[i].text) && !brackets_.empty()) {
    brackets_.pop_back();
  }
  last_ = i;
  prev_line_ = toks_[i].line;
  must_break_ = after_block_open_ = false;
  pad_col_ = trailing_col_ = npos;
}

  void Printer::flush_comments(size_t i, size_t indent) {
  for (size_t k = last_ == npos ? 0 : last_ + 1; k < i; ++k) {
    const Tok& c = toks_[k];
    if (!c.comment) continue;
    std::string text = rtrim(c.text);
    if (!must_break_ && last_ != npos && c.line == toks_[last_].line) {
      size_t want = trailing_col_ != npos ? trailing_col_ : c.col;
      size_t target = std::max(col_ + 1, want);
      out_.append(target - col_, ' ');
      out_ += text;
      col_ = target + width(text);
    } else {
      bool blank = indent != npos && !after_block_open_ && !out_.empty() && c.line > prev_line_ + 1;
      newline(indent != npos ? indent : continuation_indent(i), blank);
      out_ += text;
      col_ += width(text);
    }
    prev_line_ = c.line;
    must_break_ = true;
    after_block_open_ = false;
  }
}

}  // namespace leadc::syntax
