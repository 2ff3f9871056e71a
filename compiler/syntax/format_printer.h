// The layout half of `leadc fmt` (format.cpp walks the parse tree and tells the
// Printer where lines and columns go). Internal to compiler/syntax.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace leadc::syntax {

constexpr size_t npos = static_cast<size_t>(-1);
constexpr size_t kIndent = 2;

struct Tok {
  size_t type;
  std::string text;
  size_t line;   // 1-based source line
  size_t col;    // 0-based source column, in code points
  bool comment;  // LINE_COMMENT on the hidden channel
};

inline size_t width(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

inline std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

inline bool is_opener(const std::string& s) { return s == "(" || s == "[" || s == "{"; }
inline bool is_closer(const std::string& s) { return s == ")" || s == "]" || s == "}"; }

// Lays tokens out in order. Callers say where lines start and where columns are; the
// Printer decides spaces, keeps source line breaks when asked to, places comments, and
// indents continuation lines under the innermost open bracket or the anchor.
class Printer {
 public:
  explicit Printer(const std::vector<Tok>& toks)
      : toks_(toks), glue_before_(toks.size()), glue_after_(toks.size()) {}

  void glue_before(size_t i) { glue_before_[i] = true; }
  void glue_after(size_t i) { glue_after_[i] = true; }

  // Token i starts a new statement on a new line at `indent`.
  void line(size_t i, size_t indent, bool blank_ok = true);

  // Token i follows the previous one: a space or none, or a line break when a comment
  // ends the line or (after preserve()) the author broke the line here.
  void next(size_t i);

  // next() for every non-comment token in [a, b].
  void range(size_t a, size_t b);

  void pad_to(size_t col) { pad_col_ = col; }
  void preserve() { preserve_ = true; }
  void anchor() { want_anchor_ = true; }
  void trailing_comment_col(size_t col) { trailing_col_ = col; }

  // The `{` that opens a block of items (not a bracket for continuation lines).
  void block_open(size_t i);

  // Comments left in the block go at the items' indent, then `}` on its own line.
  void block_close(size_t i, size_t indent);

  std::string finish();

  // Width of [a, b] laid out on one line, or npos when the author broke it or put a
  // comment inside (such items do not take part in column alignment).
  size_t measure(size_t a, size_t b) const;

 private:
  struct Bracket {
    size_t col;          // column of the first token after it, npos when that is on the next line
    size_t line_indent;  // indent of the line the bracket is on
  };

  bool glued(size_t a, size_t b) const;

  size_t continuation_indent(size_t i) const;

  void newline(size_t indent, bool blank);

  void put(size_t i, bool on_new_line, size_t indent, bool blank, bool bracket);

  // Comments between the last token printed and token i. One on the same source line
  // as that token stays at the end of its line (at its old column when that still
  // fits); any other keeps a line of its own at `indent` (npos: the continuation indent).
  void flush_comments(size_t i, size_t indent);

  const std::vector<Tok>& toks_;
  std::vector<bool> glue_before_, glue_after_;
  std::string out_;
  size_t col_ = 0, line_indent_ = 0, stmt_indent_ = 0;
  size_t last_ = npos, prev_line_ = 0;
  size_t anchor_col_ = npos, pad_col_ = npos, trailing_col_ = npos;
  bool must_break_ = false, preserve_ = false, want_anchor_ = false, pending_open_ = false;
  bool after_block_open_ = false;
  std::vector<Bracket> brackets_;
};

}  // namespace leadc::syntax
