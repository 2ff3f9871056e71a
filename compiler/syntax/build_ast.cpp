// Turns the ANTLR parse tree of grammar/LeadSpec.g4 into the AST. ANTLR positions
// are in code points, so a table maps them back to the byte offsets the rest of
// leadc uses.
#include "compiler/syntax/build_ast.h"

#include <antlr4-runtime.h>

#include <cmath>

#include <fmt/format.h>

#include "LeadSpecParser.h"

namespace leadc::syntax {
namespace {

using P = leadc_antlr::LeadSpecParser;

class Builder {
 public:
  Builder(const SourceFile& file, const std::vector<uint32_t>& offsets) : file_(file), offsets_(offsets) {}

  Span span(antlr4::ParserRuleContext* ctx) const {
    if (!ctx || !ctx->getStart()) return {};
    antlr4::Token* stop = ctx->getStop() ? ctx->getStop() : ctx->getStart();
    return make_span(ctx->getStart()->getStartIndex(), stop->getStopIndex() + 1);
  }
  Span span(antlr4::Token* tok) const {
    if (!tok) return {};
    return make_span(tok->getStartIndex(), tok->getStopIndex() + 1);
  }
  Span span(antlr4::tree::TerminalNode* node) const { return node ? span(node->getSymbol()) : Span{}; }

  ast::Ident ident(P::IdentContext* ctx) const {
    if (!ctx) return {};
    return {ctx->getText(), span(ctx)};
  }

  static std::string unquote(const std::string& s) {
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) {
        char c = s[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  // `1_000_000`, `250k`, `5M`, `3.5`.
  static double number_value(const std::string& text) {
    std::string digits;
    double mult = 1;
    for (char c : text) {
      if (c == '_') continue;
      if (c == 'k') mult = 1e3;
      else if (c == 'M') mult = 1e6;
      else if (c == 'B') mult = 1e9;
      else digits += c;
    }
    return std::strtod(digits.c_str(), nullptr) * mult;
  }

  std::optional<Span> too_deep;  // set when an expression nests past kMaxExprDepth
  std::optional<Span> too_big;   // set at the first number literal a double cannot hold

  // number_value, remembering where a literal overflows (`1` and 309 zeros is `inf`,
  // which no later pass can use: the solver would fail without a location).
  double number_at(const std::string& text, Span where) {
    const double v = number_value(text);
    if (!std::isfinite(v) && !too_big) too_big = where;
    return v;
  }

  std::unique_ptr<ast::Module> module(P::File_Context* ctx) {
    auto m = std::make_unique<ast::Module>();
    m->file = &file_;
    for (P::DeclContext* d : ctx->decl()) decl(*m, d);
    return m;
  }

 private:
  Span make_span(size_t cp_begin, size_t cp_end) const {
    Span s;
    s.file = &file_;
    s.begin = byte(cp_begin);
    s.end = byte(cp_end);
    auto [l, c] = file_.line_col(s.begin);
    s.line = l;
    s.col = c;
    return s;
  }
  uint32_t byte(size_t cp) const { return cp < offsets_.size() ? offsets_[cp] : offsets_.back(); }

  void decl(ast::Module& m, P::DeclContext* d) {
    if (auto* x = d->definitionDecl()) {
      auto strings = x->STRING();
      size_t i = 0;
      if (i < strings.size()) m.name = unquote(strings[i++]->getText());
      if (x->VERSION() && i < strings.size()) m.version = unquote(strings[i++]->getText());
      if (x->OWNER() && i < strings.size()) m.owner = unquote(strings[i++]->getText());
    } else if (auto* x = d->importDecl()) {
      ast::ImportDecl imp;
      imp.span = span(x);
      if (auto* s = dynamic_cast<P::ImportStdContext*>(x)) {
        imp.std_module = true;
        imp.path = s->ident()->getText();
      } else if (auto* p = dynamic_cast<P::ImportPathContext*>(x)) {
        imp.path = unquote(p->STRING()->getText());
      }
      m.imports.push_back(std::move(imp));
    } else if (auto* x = d->typeDecl()) {
      ast::EnumDecl e;
      e.name = ident(x->ident());
      e.span = span(x);
      enum_members(x->enumType(), e.members, e.spellings);
      m.types.push_back(std::move(e));
    } else if (auto* x = d->leadDecl()) {
      if (!m.has_lead) m.lead_span = span(x);
      m.has_lead = true;
      for (auto* f : x->fieldDecl()) m.fields.push_back(field(f));
    } else if (auto* x = d->activityDecl()) {
      m.has_activity = true;
      m.activity_span = span(x);
      for (auto* f : x->fieldDecl()) m.activity_fields.push_back(field(f));
    } else if (auto* x = d->constDecl()) {
      m.consts.push_back({ident(x->ident()), expr(x->expr()), span(x)});
    } else if (auto* x = d->termDecl()) {
      m.terms.push_back({ident(x->ident()), expr(x->expr()), span(x)});
    } else if (auto* x = d->scoreDecl()) {
      m.scores.push_back(score(x));
    } else if (auto* x = d->classifyDecl()) {
      m.classifications.push_back(classify(x));
    } else if (auto* x = d->outputDecl()) {
      std::vector<ast::Ident> names;
      for (auto* id : x->ident()) names.push_back(ident(id));
      if (m.output) m.output->insert(m.output->end(), names.begin(), names.end());
      else m.output = std::move(names);
    } else if (auto* x = d->exampleDecl()) {
      m.examples.push_back(example(x));
    }
  }

  void enum_members(P::EnumTypeContext* t, std::vector<ast::Ident>& members, std::vector<ast::Ident>& spellings) {
    for (auto* m : t->enumMember()) {
      members.push_back(ast::Ident{m->memberName()->getText(), span(m->memberName())});
      spellings.push_back(m->spelling ? ast::Ident{unquote(m->spelling->getText()), span(m->spelling)} : ast::Ident{});
    }
  }

  ast::Field field(P::FieldDeclContext* f) {
    ast::Field out;
    out.name = ident(f->ident());
    out.span = span(f);
    out.optional = f->optional != nullptr;
    P::TypeRefContext* t = f->typeRef();
    out.type.span = span(t);
    if (auto* named = dynamic_cast<P::NamedTypeContext*>(t)) {
      out.type.kind = ast::TypeRef::Kind::Named;
      out.type.name = ident(named->ident());
    } else if (auto* param = dynamic_cast<P::ParameterisedTypeContext*>(t)) {
      out.type.kind = ast::TypeRef::Kind::Param;
      out.type.name = ident(param->ident(0));
      out.type.param = ident(param->ident(1));
    } else if (auto* inl = dynamic_cast<P::InlineEnumTypeContext*>(t)) {
      out.type.kind = ast::TypeRef::Kind::InlineEnum;
      enum_members(inl->enumType(), out.type.members, out.type.spellings);
    } else if (auto* set = dynamic_cast<P::SetTypeContext*>(t)) {
      out.type.kind = ast::TypeRef::Kind::Set;
      if (auto* named = dynamic_cast<P::NamedSetElementContext*>(set->setElement()))
        out.type.name = ident(named->ident());
      else if (auto* inl = dynamic_cast<P::InlineSetElementContext*>(set->setElement()))
        enum_members(inl->enumType(), out.type.members, out.type.spellings);
    }
    for (auto* opt : f->fieldOption()) {
      if (dynamic_cast<P::KeyOptionContext*>(opt)) out.key = true;
      else if (auto* u = dynamic_cast<P::UnitOptionContext*>(opt)) out.unit = ident(u->ident());
      else if (auto* fr = dynamic_cast<P::FromOptionContext*>(opt))
        out.from = ast::Ident{unquote(fr->STRING()->getText()), span(fr->STRING())};
      else if (auto* fp = dynamic_cast<P::FormatPatternOptionContext*>(opt))
        out.format = ast::Ident{unquote(fp->STRING()->getText()), span(fp->STRING())};
      else if (auto* fn = dynamic_cast<P::FormatNamedOptionContext*>(opt)) {
        out.format = ident(fn->ident());
        out.named_format = true;
      } else if (auto* z = dynamic_cast<P::ZoneOptionContext*>(opt))
        out.zone = ast::Ident{unquote(z->STRING()->getText()), span(z->STRING())};
      else if (auto* sep = dynamic_cast<P::SeparatorOptionContext*>(opt))
        out.separator = ast::Ident{unquote(sep->STRING()->getText()), span(sep->STRING())};
    }
    return out;
  }

  double signed_number(P::SignedNumberContext* ctx) {
    double v = number_at(ctx->NUMBER()->getText(), span(ctx->NUMBER()));
    return ctx->getStart()->getText() == "-" ? -v : v;
  }

  ast::ScoreDecl score(P::ScoreDeclContext* x) {
    ast::ScoreDecl s;
    s.name = ident(x->ident());
    s.span = span(x);
    if (x->lo && x->hi) {
      s.has_range = true;
      s.lo = signed_number(x->lo);
      s.hi = signed_number(x->hi);
    }
    for (auto* item : x->scoreItem()) {
      if (auto* w = dynamic_cast<P::WhenRuleContext*>(item)) {
        ast::ScoreRule r{ast::ScoreRule::Kind::When, 0, expr(w->expr()), std::nullopt, span(w)};
        r.points = number_at(w->amount->getText(), span(w->amount)) * (w->sign->getText() == "-" ? -1 : 1);
        s.rules.push_back(std::move(r));
      } else if (auto* p = dynamic_cast<P::PerRuleContext*>(item)) {
        ast::ScoreRule r{ast::ScoreRule::Kind::Per, 0, expr(p->expr()), std::nullopt, span(p)};
        r.points = number_at(p->amount->getText(), span(p->amount)) * (p->sign->getText() == "-" ? -1 : 1);
        if (p->cap) r.cap = number_at(p->cap->getText(), span(p->cap));
        s.rules.push_back(std::move(r));
      } else if (auto* d = dynamic_cast<P::DecayRuleContext*>(item)) {
        s.decay = expr(d->expr());
      }
    }
    return s;
  }

  ast::ClassifyDecl classify(P::ClassifyDeclContext* x) {
    ast::ClassifyDecl c;
    c.name = ident(x->ident());
    c.span = span(x);
    c.unique = dynamic_cast<P::UniqueContext*>(x->strategy()) != nullptr;
    for (auto* rule : x->labelRule()) {
      ast::LabelRule r;
      r.span = span(rule);
      if (auto* w = dynamic_cast<P::WhenLabelContext*>(rule)) {
        r.label = {w->label()->getText(), span(w->label())};
        r.condition = expr(w->expr());
      } else if (auto* o = dynamic_cast<P::OtherwiseLabelContext*>(rule)) {
        r.label = {o->label()->getText(), span(o->label())};
      }
      c.labels.push_back(std::move(r));
    }
    return c;
  }

  ast::ExampleDecl example(P::ExampleDeclContext* x) {
    ast::ExampleDecl e;
    e.title = unquote(x->STRING()->getText());
    e.span = span(x);
    for (auto* b : x->givenBlock()->binding()) e.given.push_back({ident(b->ident()), binding_value(b), span(b), "==", {}});
    if (auto* ev = x->eventsBlock()) {
      e.has_events = true;
      e.events_span = span(ev);
      for (auto* r : ev->eventRecord()) {
        std::vector<ast::Binding> record;
        for (auto* b : r->binding()) record.push_back({ident(b->ident()), binding_value(b), span(b), "==", {}});
        e.events.push_back(std::move(record));
      }
    }
    if (auto* a = x->asOfClause()) e.as_of = expr(a->expr());
    if (auto* ex = x->expectClause())
      for (auto* b : ex->expectation()) {
        auto values = b->expr();
        ast::Binding binding{ident(b->ident()), expr(values[0]), span(b), b->op ? b->op->getText() : "in", {}};
        for (size_t i = 1; i < values.size(); ++i) binding.more.push_back(expr(values[i]));
        e.expect.push_back(std::move(binding));
      }
    return e;
  }

  // `name: VALUE`, or `name: [a, b]` (a set's members).
  ast::ExprPtr binding_value(P::BindingContext* b) {
    if (auto* list = b->memberList()) {
      auto e = make(ast::ExprKind::SetLit, list);
      add_members(*e, list);
      return e;
    }
    return expr(b->expr());
  }

  void add_members(ast::Expr& e, P::MemberListContext* list) {
    for (auto* id : list->ident()) {
      auto m = make(ast::ExprKind::Name, id);
      m->text = id->getText();
      e.args.push_back(std::move(m));
    }
  }

  ast::ExprPtr make(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->span = span(ctx);
    return e;
  }

  ast::ExprPtr binary(ast::ExprKind kind, antlr4::ParserRuleContext* ctx, P::ExprContext* a, P::ExprContext* b,
                      std::string op = {}) {
    auto e = make(kind, ctx);
    e->text = std::move(op);
    e->args.push_back(expr(a));
    e->args.push_back(expr(b));
    return e;
  }

  // Long operator chains nest the tree one level per operator; past kMaxExprDepth the
  // expression is refused (too_deep) so that no later pass can run out of stack.
  ast::ExprPtr expr(P::ExprContext* ctx) {
    if (!ctx) return nullptr;
    if (depth_ >= kMaxExprDepth) {
      if (!too_deep) too_deep = span(ctx);
      return nullptr;
    }
    ++depth_;
    ast::ExprPtr e = expr_inner(ctx);
    --depth_;
    return e;
  }

  int depth_ = 0;

  ast::ExprPtr expr_inner(P::ExprContext* ctx) {
    using K = ast::ExprKind;
    if (auto* x = dynamic_cast<P::PrimaryExprContext*>(ctx)) return primary(x->primary());
    if (auto* x = dynamic_cast<P::UnaryExprContext*>(ctx)) {
      ast::ExprPtr inner = expr(x->expr());
      if (x->op->getText() == "+") return inner;
      auto e = make(K::Neg, x);
      e->args.push_back(std::move(inner));
      return e;
    }
    if (auto* x = dynamic_cast<P::MulExprContext*>(ctx)) return binary(K::Arith, x, x->expr(0), x->expr(1), x->op->getText());
    if (auto* x = dynamic_cast<P::AddExprContext*>(ctx)) return binary(K::Arith, x, x->expr(0), x->expr(1), x->op->getText());
    if (auto* x = dynamic_cast<P::CompareExprContext*>(ctx))
      return binary(K::Compare, x, x->expr(0), x->expr(1), x->op->getText());
    if (auto* x = dynamic_cast<P::TextExprContext*>(ctx))
      return binary(K::TextOp, x, x->expr(0), x->expr(1), x->op->getText());
    if (auto* x = dynamic_cast<P::WithinExprContext*>(ctx)) return binary(K::Within, x, x->expr(0), x->expr(1));
    if (auto* x = dynamic_cast<P::AndExprContext*>(ctx)) return binary(K::And, x, x->expr(0), x->expr(1));
    if (auto* x = dynamic_cast<P::OrExprContext*>(ctx)) return binary(K::Or, x, x->expr(0), x->expr(1));
    if (auto* x = dynamic_cast<P::NotExprContext*>(ctx)) {
      auto e = make(K::Not, x);
      e->args.push_back(expr(x->expr()));
      return e;
    }
    if (auto* x = dynamic_cast<P::IsExprContext*>(ctx)) {
      // Normalised to "is known", negated for `is missing` / `is not known`.
      auto e = make(K::IsKnown, x);
      bool missing = x->MISSING() != nullptr;
      bool nott = x->NOT() != nullptr;
      e->negated = missing != nott;
      e->args.push_back(expr(x->expr()));
      return e;
    }
    if (auto* x = dynamic_cast<P::IsEmptyExprContext*>(ctx)) {
      auto e = make(K::IsEmpty, x);
      e->negated = x->NOT() != nullptr;
      e->args.push_back(expr(x->expr()));
      return e;
    }
    if (auto* x = dynamic_cast<P::HasExprContext*>(ctx)) {
      auto e = make(K::Has, x);
      e->text = "has";
      e->args.push_back(expr(x->expr()));
      auto m = make(K::Name, x->ident());
      m->text = x->ident()->getText();
      e->args.push_back(std::move(m));
      return e;
    }
    if (auto* x = dynamic_cast<P::HasSomeExprContext*>(ctx)) {
      auto e = make(K::Has, x);
      e->text = x->quantifier->getText();  // "any" or "all"
      e->args.push_back(expr(x->expr()));
      add_members(*e, x->memberList());
      return e;
    }
    if (auto* x = dynamic_cast<P::RangeExprContext*>(ctx)) {
      auto e = make(K::InRange, x);
      e->negated = x->NOT() != nullptr;
      e->args.push_back(expr(x->expr(0)));
      e->args.push_back(expr(x->lo));
      e->args.push_back(expr(x->hi));
      return e;
    }
    if (auto* x = dynamic_cast<P::ListExprContext*>(ctx)) {
      auto e = make(K::InList, x);
      e->negated = x->NOT() != nullptr;
      for (auto* sub : x->expr()) e->args.push_back(expr(sub));
      return e;
    }
    return nullptr;
  }

  ast::ExprPtr primary(P::PrimaryContext* ctx) {
    using K = ast::ExprKind;
    if (auto* x = dynamic_cast<P::NumberLitContext*>(ctx)) {
      auto e = make(K::Number, x);
      e->number = number_at(x->getText(), span(x));
      e->text = x->getText();
      return e;
    }
    if (auto* x = dynamic_cast<P::QuantityLitContext*>(ctx)) {
      auto e = make(K::Quantity, x);
      e->number = number_at(x->number()->getText(), span(x->number()));
      e->text = x->unit->getText();
      return e;
    }
    if (auto* x = dynamic_cast<P::StringLitContext*>(ctx)) {
      auto e = make(K::String, x);
      e->text = unquote(x->getText());
      return e;
    }
    if (auto* x = dynamic_cast<P::DateLitContext*>(ctx)) {
      auto e = make(K::Date, x);
      e->text = x->getText();
      return e;
    }
    if (auto* x = dynamic_cast<P::BoolLitContext*>(ctx)) {
      auto e = make(K::Bool, x);
      e->boolean = x->getText() == "true";
      return e;
    }
    if (auto* x = dynamic_cast<P::MissingLitContext*>(ctx)) return make(K::Missing, x);
    if (auto* x = dynamic_cast<P::KnownCallContext*>(ctx)) {
      auto e = make(K::KnownCall, x);
      for (auto* sub : x->expr()) e->args.push_back(expr(sub));
      return e;
    }
    if (auto* x = dynamic_cast<P::AggregateCallContext*>(ctx)) {
      auto e = make(K::Aggregate, x);
      e->text = x->aggregateName()->getText();
      if (x->ident()) e->field = x->ident()->getText();
      // args[0] = `where` condition, args[1] = `within` duration; either may be absent.
      auto exprs = x->expr();
      size_t i = 0;
      e->args.push_back(x->WHERE() && i < exprs.size() ? expr(exprs[i++]) : nullptr);
      e->args.push_back(x->WITHIN() && i < exprs.size() ? expr(exprs[i++]) : nullptr);
      return e;
    }
    if (auto* x = dynamic_cast<P::CallContext*>(ctx)) {
      auto e = make(K::Call, x);
      e->text = x->ident()->getText();
      for (auto* sub : x->expr()) e->args.push_back(expr(sub));
      return e;
    }
    if (auto* x = dynamic_cast<P::NameRefContext*>(ctx)) {
      auto e = make(K::Name, x);
      e->text = x->getText();
      return e;
    }
    if (auto* x = dynamic_cast<P::ParenExprContext*>(ctx)) {
      ast::ExprPtr inner = expr(x->expr());
      if (inner) inner->span = span(x);
      return inner;
    }
    return nullptr;
  }

  const SourceFile& file_;
  const std::vector<uint32_t>& offsets_;
};

// Returns true when every expression slot the builder filled is non-null; the
// parser only yields a complete tree when there were no syntax errors, but this
// keeps a grammar/builder mismatch from becoming a crash later.
bool complete(const ast::Expr* e) {
  if (!e) return false;
  for (size_t i = 0; i < e->args.size(); ++i) {
    if (e->kind == ast::ExprKind::Aggregate && !e->args[i]) continue;
    if (!complete(e->args[i].get())) return false;
  }
  return true;
}

bool complete(const ast::Module& m) {
  for (auto& c : m.consts) if (!complete(c.value.get())) return false;
  for (auto& t : m.terms) if (!complete(t.value.get())) return false;
  for (auto& s : m.scores)
    for (auto& r : s.rules) if (!complete(r.expr.get())) return false;
  for (auto& c : m.classifications)
    for (auto& l : c.labels) if (l.condition && !complete(l.condition.get())) return false;
  for (auto& e : m.examples) {
    for (auto& b : e.given) if (!complete(b.value.get())) return false;
    for (auto& record : e.events)
      for (auto& b : record) if (!complete(b.value.get())) return false;
    if (e.as_of && !complete(e.as_of.get())) return false;
    for (auto& b : e.expect) {
      if (!complete(b.value.get())) return false;
      for (auto& v : b.more) if (!complete(v.get())) return false;
    }
  }
  return true;
}

}  // namespace

BuiltModule build_ast(antlr4::ParserRuleContext* file_tree, const SourceFile& file,
                      const std::vector<uint32_t>& offsets) {
  Builder builder(file, offsets);
  BuiltModule out;
  out.module = builder.module(static_cast<P::File_Context*>(file_tree));
  out.too_deep = builder.too_deep;
  out.too_big = builder.too_big;
  out.complete = out.module && complete(*out.module);
  return out;
}

}  // namespace leadc::syntax
