// The formatter behind `leadc fmt`. The parse tree says what each token is (a field
// name, a label, a call's parenthesis); a Printer lays the tokens out: one item per line,
// aligned columns in blocks, normalised spaces, the author's line breaks inside
// expressions and every comment kept. The result is re-lexed and must give the same
// tokens and comments, so formatting can never change what a definition means.
#include "compiler/syntax/format.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <stdexcept>

#include "LeadSpecLexer.h"
#include "LeadSpecParser.h"
#include "compiler/syntax/parse.h"

namespace leadc {
namespace {

using P = leadc_antlr::LeadSpecParser;
constexpr size_t npos = static_cast<size_t>(-1);
constexpr size_t kIndent = 2;

struct Tok {
  size_t type;
  std::string text;
  size_t line;   // 1-based source line
  size_t col;    // 0-based source column, in code points
  bool comment;  // LINE_COMMENT on the hidden channel
};

size_t width(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// Every token the lexer produces (comments included, whitespace excluded), EOF last.
std::vector<Tok> lex_all(antlr4::CommonTokenStream& stream) {
  stream.fill();
  std::vector<Tok> out;
  for (antlr4::Token* t : stream.getTokens())
    out.push_back({t->getType(), t->getType() == antlr4::Token::EOF ? "" : t->getText(), t->getLine(),
                   t->getCharPositionInLine(), t->getChannel() != antlr4::Token::DEFAULT_CHANNEL});
  return out;
}

bool is_opener(const std::string& s) { return s == "(" || s == "[" || s == "{"; }
bool is_closer(const std::string& s) { return s == ")" || s == "]" || s == "}"; }

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
  void line(size_t i, size_t indent, bool blank_ok = true) {
    flush_comments(i, indent);
    bool blank = blank_ok && !after_block_open_ && !out_.empty() && toks_[i].line > prev_line_ + 1;
    brackets_.clear();
    pending_open_ = want_anchor_ = preserve_ = false;
    anchor_col_ = npos;
    stmt_indent_ = indent;
    put(i, true, indent, blank, true);
  }

  // Token i follows the previous one: a space or none, or a line break when a comment
  // ends the line or (after preserve()) the author broke the line here.
  void next(size_t i) {
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

  // next() for every non-comment token in [a, b].
  void range(size_t a, size_t b) {
    for (size_t k = a; k <= b && k < toks_.size(); ++k)
      if (!toks_[k].comment) next(k);
  }

  void pad_to(size_t col) { pad_col_ = col; }
  void preserve() { preserve_ = true; }
  void anchor() { want_anchor_ = true; }
  void trailing_comment_col(size_t col) { trailing_col_ = col; }

  // The `{` that opens a block of items (not a bracket for continuation lines).
  void block_open(size_t i) {
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

  // Comments left in the block go at the items' indent, then `}` on its own line.
  void block_close(size_t i, size_t indent) {
    flush_comments(i, indent + kIndent);
    brackets_.clear();
    put(i, true, indent, false, false);
  }

  std::string finish() {
    flush_comments(toks_.size() - 1, 0);
    if (!out_.empty()) out_ += '\n';
    return std::move(out_);
  }

  // Width of [a, b] laid out on one line, or npos when the author broke it or put a
  // comment inside (such items do not take part in column alignment).
  size_t measure(size_t a, size_t b) const {
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

 private:
  struct Bracket {
    size_t col;          // column of the first token after it, npos when that is on the next line
    size_t line_indent;  // indent of the line the bracket is on
  };

  bool glued(size_t a, size_t b) const {
    if (a == npos) return true;
    const std::string& x = toks_[a].text;
    const std::string& y = toks_[b].text;
    if (glue_after_[a] || glue_before_[b]) return true;
    if (x == "(" || x == "[" || x == "." || x == "..") return true;
    if (y == ")" || y == "]" || y == "," || y == "." || y == ".." || y == "?" || y == ":") return true;
    return x == "{" && y == "}";
  }

  size_t continuation_indent(size_t i) const {
    if (!brackets_.empty()) {
      const Bracket& b = brackets_.back();
      if (is_closer(toks_[i].text)) return b.line_indent;
      return b.col != npos ? b.col : b.line_indent + kIndent;
    }
    return anchor_col_ != npos ? anchor_col_ : stmt_indent_ + kIndent;
  }

  void newline(size_t indent, bool blank) {
    if (!out_.empty()) out_ += blank ? "\n\n" : "\n";
    out_.append(indent, ' ');
    col_ = line_indent_ = indent;
  }

  void put(size_t i, bool on_new_line, size_t indent, bool blank, bool bracket) {
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

  // Comments between the last token printed and token i. One on the same source line
  // as that token stays at the end of its line (at its old column when that still
  // fits); any other keeps a line of its own at `indent` (npos: the continuation indent).
  void flush_comments(size_t i, size_t indent) {
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

size_t first(antlr4::ParserRuleContext* c) { return c->getStart()->getTokenIndex(); }
size_t last(antlr4::ParserRuleContext* c) { return c->getStop()->getTokenIndex(); }
size_t at(antlr4::tree::TerminalNode* n) { return n->getSymbol()->getTokenIndex(); }
size_t at(antlr4::Token* t) { return t->getTokenIndex(); }

// Walks the parse tree and tells the Printer where lines and columns go.
class Formatter {
 public:
  explicit Formatter(const std::vector<Tok>& toks) : toks_(toks), pr_(toks) {}

  std::string run(P::File_Context* file) {
    mark_glue(file);
    std::vector<P::DeclContext*> decls = file->decl();
    std::vector<size_t> eq_cols = equals_columns(decls);
    for (size_t d = 0; d < decls.size(); ++d) decl(decls[d], eq_cols[d]);
    return pr_.finish();
  }

 private:
  size_t next_default(size_t i) const {
    for (size_t k = i + 1; k < toks_.size(); ++k)
      if (!toks_[k].comment) return k;
    return toks_.size() - 1;
  }

  size_t find_text(antlr4::ParserRuleContext* c, const char* text) const {
    for (size_t k = first(c); k <= last(c); ++k)
      if (!toks_[k].comment && toks_[k].text == text) return k;
    throw std::logic_error(std::string("formatter: no `") + text + "` in a declaration");
  }

  // Call parentheses hug their callee; signs hug their number.
  void mark_glue(antlr4::tree::ParseTree* t) {
    if (auto* c = dynamic_cast<P::CallContext*>(t)) pr_.glue_before(next_default(last(c->ident())));
    else if (auto* c = dynamic_cast<P::KnownCallContext*>(t)) pr_.glue_before(next_default(at(c->KNOWN())));
    else if (auto* c = dynamic_cast<P::AggregateCallContext*>(t)) pr_.glue_before(next_default(last(c->aggregateName())));
    else if (auto* c = dynamic_cast<P::ParameterisedTypeContext*>(t)) pr_.glue_before(next_default(last(c->ident(0))));
    else if (auto* c = dynamic_cast<P::UnaryExprContext*>(t)) pr_.glue_after(at(c->op));
    else if (auto* c = dynamic_cast<P::WhenRuleContext*>(t)) pr_.glue_after(at(c->sign));
    else if (auto* c = dynamic_cast<P::PerRuleContext*>(t)) pr_.glue_after(at(c->sign));
    else if (auto* c = dynamic_cast<P::SignedNumberContext*>(t); c && toks_[first(c)].text == "-") pr_.glue_after(first(c));
    for (auto* child : t->children) mark_glue(child);
  }

  // `=` of consecutive type, const or term declarations (no blank or comment line
  // between them) is aligned when the author aligned it; otherwise one space.
  std::vector<size_t> equals_columns(const std::vector<P::DeclContext*>& decls) const {
    std::vector<size_t> cols(decls.size(), npos);
    // A comment before `=` puts it on another line, out of any column.
    auto kind = [&](P::DeclContext* d) -> int {
      int k = d->typeDecl() ? 1 : d->constDecl() ? 2 : d->termDecl() ? 3 : 0;
      if (k == 0) return 0;
      for (size_t i = first(d); i < eq_token(d); ++i)
        if (toks_[i].comment) return 0;
      return k;
    };
    size_t g = 0;
    while (g < decls.size()) {
      size_t e = g + 1;
      if (kind(decls[g]) != 0)
        while (e < decls.size() && kind(decls[e]) == kind(decls[g]) && adjacent(decls[e - 1], decls[e])) ++e;
      if (e - g >= 2) {
        bool aligned = true;
        size_t eq_col = toks_[eq_token(decls[g])].col, name_w = 0;
        for (size_t k = g; k < e; ++k) {
          aligned = aligned && toks_[eq_token(decls[k])].col == eq_col;
          name_w = std::max(name_w, width(toks_[first(ident_of(decls[k]))].text));
        }
        size_t keyword_w = width(toks_[first(decls[g])].text);
        if (aligned)
          for (size_t k = g; k < e; ++k) cols[k] = keyword_w + 1 + name_w + 1;
      }
      g = e;
    }
    return cols;
  }

  size_t eq_token(P::DeclContext* d) const { return next_default(last(ident_of(d))); }
  static P::IdentContext* ident_of(P::DeclContext* d) {
    if (auto* x = d->typeDecl()) return x->ident();
    if (auto* x = d->constDecl()) return x->ident();
    return d->termDecl()->ident();
  }

  bool adjacent(P::DeclContext* a, P::DeclContext* b) const {
    size_t end_line = toks_[last(a)].line;
    for (size_t k = last(a) + 1; k < first(b); ++k)
      if (toks_[k].comment && toks_[k].line > end_line) return false;
    return toks_[first(b)].line <= end_line + 1;
  }

  void decl(P::DeclContext* d, size_t eq_col) {
    if (auto* x = d->typeDecl()) return assignment(first(x), x->ident(), eq_col, first(x->enumType()), last(x));
    if (auto* x = d->constDecl()) return assignment(first(x), x->ident(), eq_col, first(x->expr()), last(x));
    if (auto* x = d->termDecl()) return assignment(first(x), x->ident(), eq_col, first(x->expr()), last(x));
    if (auto* x = d->leadDecl()) return fields(x, x->fieldDecl());
    if (auto* x = d->activityDecl()) return fields(x, x->fieldDecl());
    if (auto* x = d->scoreDecl()) return score(x);
    if (auto* x = d->classifyDecl()) return classify(x);
    if (auto* x = d->exampleDecl()) return example(x);
    if (auto* x = d->outputDecl()) {
      pr_.line(first(x), 0);
      pr_.anchor();
      pr_.next(next_default(first(x)));
      pr_.preserve();
      return pr_.range(next_default(next_default(first(x))), last(x));
    }
    // definition, import: one line.
    auto* c = dynamic_cast<antlr4::ParserRuleContext*>(d->children.at(0));
    pr_.line(first(c), 0);
    pr_.range(first(c) + 1, last(c));
  }

  // `type|const|term NAME = VALUE`; the value keeps its line breaks, and continuation
  // lines start under its first token.
  void assignment(size_t keyword, P::IdentContext* name, size_t eq_col, size_t value, size_t end) {
    pr_.line(keyword, 0);
    pr_.next(first(name));
    if (eq_col != npos) pr_.pad_to(eq_col);
    pr_.next(next_default(last(name)));
    pr_.preserve();
    pr_.anchor();
    pr_.range(value, end);
  }

  // `lead { … }` / `activity { … }`: names, types and `from` (or end-of-line comments)
  // in three aligned columns.
  void fields(antlr4::ParserRuleContext* block, const std::vector<P::FieldDeclContext*>& fs) {
    size_t open = find_text(block, "{");
    pr_.line(first(block), 0);
    pr_.range(first(block) + 1, open - 1);
    pr_.block_open(open);
    size_t name_w = 0;
    for (auto* f : fs) name_w = std::max(name_w, width(toks_[first(f->ident())].text) + 1);
    size_t type_col = kIndent + name_w + 1;
    auto type_end = [&](P::FieldDeclContext* f) {
      for (auto* o : f->fieldOption())
        if (dynamic_cast<P::FromOptionContext*>(o)) return first(o) - 1;
      return last(f);
    };
    size_t third_col = 0;
    for (auto* f : fs)
      if (size_t w = pr_.measure(first(f->typeRef()), type_end(f)); w != npos)
        third_col = std::max(third_col, type_col + w + 1);
    // End-of-line comments line up after the longest field that has one, and never
    // left of the `from` column.
    size_t comment_col = third_col;
    for (auto* f : fs) {
      size_t after = last(f) + 1;
      if (!toks_[after].comment || toks_[after].line != toks_[last(f)].line) continue;
      if (pr_.measure(first(f->typeRef()), last(f)) == npos) continue;
      size_t end = type_col + pr_.measure(first(f->typeRef()), type_end(f));
      if (type_end(f) != last(f)) end = third_col + pr_.measure(type_end(f) + 1, last(f));
      comment_col = std::max(comment_col, end + 1);
    }
    for (auto* f : fs) {
      pr_.line(first(f), kIndent);
      pr_.next(next_default(first(f)));  // `:`
      pr_.pad_to(type_col);
      pr_.anchor();
      pr_.next(first(f->typeRef()));
      pr_.preserve();
      size_t end = type_end(f);
      pr_.range(first(f->typeRef()) + 1, end);
      if (end != last(f)) {
        if (pr_.measure(first(f->typeRef()), end) != npos) pr_.pad_to(third_col);
        pr_.range(end + 1, last(f));
      }
      if (pr_.measure(first(f->typeRef()), last(f)) != npos) pr_.trailing_comment_col(comment_col);
    }
    pr_.block_close(last(block), 0);
  }

  // Rules one per line, `when` / `per` in one column after the widest points
  // (`+5  per`, `+10 per`); `max` aligned when the author aligned it.
  void score(P::ScoreDeclContext* x) {
    size_t open = find_text(x, "{");
    pr_.line(first(x), 0);
    pr_.range(first(x) + 1, open - 1);
    pr_.block_open(open);
    size_t points_w = 0;
    std::vector<P::PerRuleContext*> capped;
    for (auto* item : x->scoreItem()) {
      if (auto* w = dynamic_cast<P::WhenRuleContext*>(item))
        points_w = std::max(points_w, width(w->sign->getText()) + width(w->amount->getText()));
      if (auto* p = dynamic_cast<P::PerRuleContext*>(item)) {
        points_w = std::max(points_w, width(p->sign->getText()) + width(p->amount->getText()));
        if (p->cap && pr_.measure(first(p), last(p)) != npos) capped.push_back(p);
      }
    }
    size_t rule_col = kIndent + points_w + 1;
    size_t max_col = npos;
    if (capped.size() >= 2) {
      bool aligned = true;
      size_t w = 0;
      for (auto* p : capped) {
        aligned = aligned && toks_[at(p->MAX())].col == toks_[at(capped[0]->MAX())].col;
        w = std::max(w, pr_.measure(at(p->PER()), last(p->expr())));
      }
      if (aligned) max_col = rule_col + w + 1;
    }
    for (auto* item : x->scoreItem()) {
      pr_.line(first(item), kIndent);
      if (auto* d = dynamic_cast<P::DecayRuleContext*>(item)) {
        pr_.next(at(d->HALF_LIFE()));
        pr_.preserve();
        pr_.anchor();
        pr_.range(first(d->expr()), last(d));
        continue;
      }
      auto* w = dynamic_cast<P::WhenRuleContext*>(item);
      auto* p = dynamic_cast<P::PerRuleContext*>(item);
      pr_.next(first(w ? w->amount : p->amount));
      pr_.pad_to(rule_col);
      pr_.next(w ? at(w->WHEN()) : at(p->PER()));
      pr_.preserve();
      pr_.anchor();
      pr_.range(first(w ? w->expr() : p->expr()), last(w ? w->expr() : p->expr()));
      if (p && p->cap) {
        if (max_col != npos && std::find(capped.begin(), capped.end(), p) != capped.end()) pr_.pad_to(max_col);
        pr_.range(at(p->MAX()), last(p));
      }
    }
    pr_.block_close(last(x), 0);
  }

  // Labels padded so every `when` / `otherwise` starts in one column.
  void classify(P::ClassifyDeclContext* x) {
    size_t open = find_text(x, "{");
    pr_.line(first(x), 0);
    pr_.range(first(x) + 1, open - 1);
    pr_.block_open(open);
    size_t label_w = 0;
    for (auto* r : x->labelRule()) label_w = std::max(label_w, width(toks_[first(r)].text));
    for (auto* r : x->labelRule()) {
      pr_.line(first(r), kIndent);
      pr_.pad_to(kIndent + label_w + 1);
      pr_.next(next_default(first(r)));
      if (auto* w = dynamic_cast<P::WhenLabelContext*>(r)) {
        pr_.preserve();
        pr_.anchor();
        pr_.range(first(w->expr()), last(w));
      }
    }
    pr_.block_close(last(x), 0);
  }

  void example(P::ExampleDeclContext* x) {
    size_t open = find_text(x, "{");
    pr_.line(first(x), 0);
    pr_.range(first(x) + 1, open - 1);
    pr_.block_open(open);
    P::GivenBlockContext* given = x->givenBlock();
    pr_.line(first(given), kIndent);
    pr_.next(next_default(first(given)));  // `{`: continuation lines align inside it
    pr_.preserve();
    pr_.range(next_default(first(given)) + 1, last(given));
    if (auto* a = x->asOfClause()) {
      pr_.line(first(a), kIndent);
      pr_.range(first(a) + 1, last(a));
    }
    if (auto* e = x->expectClause()) {
      pr_.line(first(e), kIndent);
      pr_.anchor();
      pr_.next(next_default(first(e)));
      pr_.preserve();
      pr_.range(next_default(first(e)) + 1, last(e));
    }
    pr_.block_close(last(x), 0);
  }

  const std::vector<Tok>& toks_;
  Printer pr_;
};

// The formatted text must lex to the same tokens and comments as the source.
bool same_tokens(const std::vector<Tok>& a, const std::string& text) {
  antlr4::ANTLRInputStream input(text);
  leadc_antlr::LeadSpecLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  std::vector<Tok> b = lex_all(stream);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].type != b[i].type || a[i].comment != b[i].comment) return false;
    if ((a[i].comment ? rtrim(a[i].text) : a[i].text) != b[i].text) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> format_source(const SourceFile& file, Diagnostics& diags) {
  // parse() reports syntax errors exactly as `leadc check` does.
  if (!parse(file, diags)) return std::nullopt;
  antlr4::ANTLRInputStream input(file.text);
  leadc_antlr::LeadSpecLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  std::vector<Tok> toks = lex_all(stream);
  P parser(&stream);
  parser.removeErrorListeners();
  P::File_Context* tree = parser.file_();
  if (parser.getNumberOfSyntaxErrors() > 0) throw std::logic_error("formatter: the parse tree differs from parse()");
  std::string out = Formatter(toks).run(tree);
  if (!same_tokens(toks, out)) throw std::logic_error("formatter: the output does not lex to the same tokens");
  return out;
}

}  // namespace leadc
