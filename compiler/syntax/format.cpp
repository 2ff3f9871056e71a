// The formatter behind `leadc fmt`. The parse tree says what each token is (a field
// name, a label, a call's parenthesis); a Printer (format_printer.h) lays the tokens out: one item per line,
// aligned columns in blocks, normalised spaces, the author's line breaks inside
// expressions and every comment kept. The result is re-lexed and must give the same
// tokens and comments, so formatting can never change what a definition means.
#include "compiler/syntax/format.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <stdexcept>

#include "LeadSpecLexer.h"
#include "LeadSpecParser.h"
#include "compiler/syntax/format_printer.h"
#include "compiler/syntax/parse.h"

namespace leadc {
namespace {

using P = leadc_antlr::LeadSpecParser;
using syntax::is_closer;
using syntax::is_opener;
using syntax::kIndent;
using syntax::npos;
using syntax::Printer;
using syntax::Tok;
using syntax::rtrim;
using syntax::width;

// Every token the lexer produces (comments included, whitespace excluded), EOF last.
std::vector<Tok> lex_all(antlr4::CommonTokenStream& stream) {
  stream.fill();
  std::vector<Tok> out;
  for (antlr4::Token* t : stream.getTokens())
    out.push_back({t->getType(), t->getType() == antlr4::Token::EOF ? "" : t->getText(), t->getLine(),
                   t->getCharPositionInLine(), t->getChannel() != antlr4::Token::DEFAULT_CHANNEL});
  return out;
}


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

  // A block declaration's first line: its words up to `{`, as written, on a line of its
  // own at the left margin, then the block opened.
  void open_block(antlr4::ParserRuleContext* c) {
    size_t open = find_text(c, "{");
    pr_.line(first(c), 0);
    pr_.range(first(c) + 1, open - 1);
    pr_.block_open(open);
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

  // `lead { … }` / `activity { … }`: names, types, `format` (when a field has one) and
  // `from`/`zone` (or end-of-line comments) in aligned columns, as LANGUAGE.md section 9
  // lays them out.
  void fields(antlr4::ParserRuleContext* block, const std::vector<P::FieldDeclContext*>& fs) {
    open_block(block);
    size_t name_w = 0;
    for (auto* f : fs) name_w = std::max(name_w, width(toks_[first(f->ident())].text) + 1);
    size_t type_col = kIndent + name_w + 1;
    auto type_end = [&](P::FieldDeclContext* f) {
      for (auto* o : f->fieldOption())
        if (dynamic_cast<P::FromOptionContext*>(o)) return first(o) - 1;
      return last(f);
    };
    // A `format` option before any other option but `key`/`in`/`?`: its own column.
    auto format_option = [&](P::FieldDeclContext* f) -> antlr4::ParserRuleContext* {
      for (auto* o : f->fieldOption()) {
        if (dynamic_cast<P::FormatPatternOptionContext*>(o) || dynamic_cast<P::FormatNamedOptionContext*>(o)) return o;
        if (dynamic_cast<P::FromOptionContext*>(o) || dynamic_cast<P::ZoneOptionContext*>(o)) return nullptr;
      }
      return nullptr;
    };
    size_t format_col = 0;
    for (auto* f : fs)
      if (auto* o = format_option(f))
        if (size_t w = pr_.measure(first(f->typeRef()), first(o) - 1); w != npos)
          format_col = std::max(format_col, type_col + w + 1);
    // With a format column, what follows the format (`zone`, `from`) is the third column.
    auto third_begin = [&](P::FieldDeclContext* f) {
      auto* o = format_col ? format_option(f) : nullptr;
      return o ? last(o) + 1 : type_end(f) + 1;
    };
    size_t third_col = 0;
    for (auto* f : fs) {
      auto* o = format_col ? format_option(f) : nullptr;
      const size_t w = o ? pr_.measure(first(o), last(o)) : pr_.measure(first(f->typeRef()), type_end(f));
      if (w != npos) third_col = std::max(third_col, (o ? format_col : type_col) + w + 1);
    }
    // End-of-line comments line up after the longest field that has one, and never
    // left of the `from` column.
    size_t comment_col = third_col;
    for (auto* f : fs) {
      size_t after = last(f) + 1;
      if (!toks_[after].comment || toks_[after].line != toks_[last(f)].line) continue;
      if (pr_.measure(first(f->typeRef()), last(f)) == npos) continue;
      auto* fo = format_col ? format_option(f) : nullptr;
      const size_t seg_end = third_begin(f) - 1;
      size_t end = fo ? format_col + pr_.measure(first(fo), last(fo))
                      : type_col + pr_.measure(first(f->typeRef()), seg_end);
      if (seg_end != last(f)) end = third_col + pr_.measure(seg_end + 1, last(f));
      comment_col = std::max(comment_col, end + 1);
    }
    for (auto* f : fs) {
      pr_.line(first(f), kIndent);
      pr_.next(next_default(first(f)));  // `:`
      pr_.pad_to(type_col);
      pr_.anchor();
      pr_.next(first(f->typeRef()));
      pr_.preserve();
      auto* fo = format_col ? format_option(f) : nullptr;
      size_t end = third_begin(f) - 1;
      if (fo) {
        pr_.range(first(f->typeRef()) + 1, first(fo) - 1);
        if (pr_.measure(first(f->typeRef()), first(fo) - 1) != npos) pr_.pad_to(format_col);
        pr_.range(first(fo), last(fo));
      } else {
        pr_.range(first(f->typeRef()) + 1, end);
      }
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
    open_block(x);
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
    open_block(x);
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
    open_block(x);
    P::GivenBlockContext* given = x->givenBlock();
    pr_.line(first(given), kIndent);
    pr_.next(next_default(first(given)));  // `{`: continuation lines align inside it
    pr_.preserve();
    pr_.range(next_default(first(given)) + 1, last(given));
    if (auto* ev = x->eventsBlock()) {
      pr_.line(first(ev), kIndent);
      pr_.next(next_default(first(ev)));  // `{`: the records keep their own line breaks
      pr_.preserve();
      pr_.range(next_default(first(ev)) + 1, last(ev));
    }
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

Expected<std::string> format_source(const SourceFile& file, Diagnostics& diags) {
  // parse() reports syntax errors exactly as `leadc check` does.
  if (!parse(file, diags)) return Failure{"the file has syntax errors"};
  antlr4::ANTLRInputStream input(file.text);
  leadc_antlr::LeadSpecLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream stream(&lexer);
  std::vector<Tok> toks = lex_all(stream);
  P parser(&stream);
  parser.removeErrorListeners();
  P::File_Context* tree = parser.file_();
  if (parser.getNumberOfSyntaxErrors() > 0) return Failure{"formatter: the parse tree differs from parse()"};
  std::string out;
  try {
    out = Formatter(toks).run(tree);
  } catch (const std::logic_error& e) {  // thrown deep inside the walk (format.cpp only)
    return Failure{e.what()};
  }
  if (!same_tokens(toks, out)) return Failure{"formatter: the output does not lex to the same tokens"};
  return out;
}

}  // namespace leadc
