// `leadc test FILE… [--junit out.xml]`: run each definition's `example` blocks
// through the interpreter and compare the expected values; a failing example prints
// expected vs actual and makes the exit code 1.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "compiler/lower.h"
#include "compiler/typecheck.h"
#include "runtime/activities.h"
#include "runtime/output_format.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

struct Outcome {
  std::string file, title;
  Span span;
  std::vector<std::string> failures;
};

// A one-row batch holding the example's `given` values.
rt::Batch given_batch(const leadc::Checked& c, const ir::Program& p, const ast::ExampleDecl& ex,
                      std::vector<std::string>& problems) {
  rt::Batch batch;
  batch.rows = 1;
  batch.line = {ex.span.line};
  batch.inputs.resize(p.inputs.size());
  for (size_t i = 0; i < p.inputs.size(); ++i) batch.inputs[i].reset(p.inputs[i].type, 1);
  std::vector<bool> given(p.inputs.size(), false);
  for (const auto& b : ex.given) {
    int idx = p.find_input(b.name.name);
    if (idx < 0) continue;
    given[idx] = true;
    const auto& field = c.module.fields[idx];
    ir::Constant k = lower_literal(c, *b.value, field.resolved);
    rt::Column& col = batch.inputs[idx];
    if (k.missing) {
      if (!p.inputs[idx].optional) problems.push_back(fmt::format("`{}` is not optional but is given as missing", b.name.name));
      continue;
    }
    bool negative_quantity = (field.resolved.kind == TypeKind::Duration || field.resolved.kind == TypeKind::Money) && k.num < 0;
    if (negative_quantity) problems.push_back(fmt::format("`{}` cannot be negative", b.name.name));
    col.known[0] = 1;
    switch (col.type) {
      case ir::Type::Bool: col.b[0] = k.b; break;
      case ir::Type::Num: col.num[0] = k.num; break;
      case ir::Type::Enum: col.member[0] = k.member; break;
      case ir::Type::Str: col.str[0] = batch.keep(k.str); break;
    }
  }
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (!given[i] && !p.inputs[i].optional && !p.inputs[i].synthetic)
      problems.push_back(fmt::format("`{}` is not optional, so `given` must set it", p.inputs[i].field));
  // An example gives no events: every aggregate over activities is that of a lead without any.
  if (p.activity) rt::fill_aggregates(p, nullptr, batch);
  return batch;
}

// How a named value prints, as an output column would.
ir::Output display_of(const ir::Program& p, const std::string& name, ir::Reg reg) {
  for (const auto& o : p.outputs)
    if (o.name == name) return o;
  ir::Output o;
  o.name = name;
  o.reg = reg;
  o.type = p.code[reg].type;
  o.enum_id = p.code[reg].enum_id;
  o.display = o.type == ir::Type::Bool ? ir::Display::Bool
              : o.type == ir::Type::Str ? ir::Display::Text
              : o.type == ir::Type::Enum ? ir::Display::Enum
                                         : ir::Display::Number;
  int in = p.find_input(name);
  if (in >= 0 && p.code[reg].op == ir::Op::Field) {
    const auto& input = p.inputs[in];
    if (input.kind == ir::FieldKind::Duration || input.kind == ir::FieldKind::Money) o.scale = input.scale;
    if (input.kind == ir::FieldKind::Date) o.display = ir::Display::Date;
    if (input.kind == ir::FieldKind::Timestamp) o.display = ir::Display::Timestamp;
  }
  return o;
}

ir::Reg named_register(const ir::Program& p, const std::string& name) {
  for (const auto& t : p.terms) if (t.name == name) return t.reg;
  for (const auto& s : p.scores) if (s.name == name) return s.reg;
  for (const auto& c : p.classifications) if (c.name == name) return c.reg;
  for (const auto& k : p.consts) if (k.name == name) return k.reg;
  int in = p.find_input(name);
  if (in >= 0)
    for (size_t r = 0; r < p.code.size(); ++r)
      if (p.code[r].op == ir::Op::Field && p.code[r].a == static_cast<ir::Reg>(in)) return static_cast<ir::Reg>(r);
  return ir::kNoReg;
}

std::string show(const std::string& text) { return text.empty() ? "missing" : text; }

void run_examples(const std::string& path, double as_of, std::vector<Outcome>& outcomes, bool& compile_failed) {
  Checked c = compile_and_check(path, {}, 2000, /*analyze=*/false);
  print_diagnostics(c.diags);
  if (!c.ok) {
    compile_failed = true;
    return;
  }
  const leadc::Checked& checked = *c.compilation.checked;
  const ir::Program& p = *c.compilation.program;
  rt::EvalContext ctx;
  ctx.as_of = as_of;
  auto interp = rt::make_interpreter(p, ctx);
  for (const auto& ex : checked.module.examples) {
    Outcome out{path, ex.title, ex.span, {}};
    rt::Batch batch = given_batch(checked, p, ex, out.failures);
    rt::Registers regs;
    interp->evaluate(batch, regs);
    for (const auto& b : ex.expect) {
      ir::Reg reg = named_register(p, b.name.name);
      if (reg == ir::kNoReg) continue;
      Type type = b.value->sema.type;
      ir::Constant want = lower_literal(checked, *b.value, type);
      // Render the expected value through the same formatter as the actual one.
      rt::Column expected;
      expected.reset(p.code[reg].type, 1);
      if (!want.missing) {
        expected.known[0] = 1;
        switch (expected.type) {
          case ir::Type::Bool: expected.b[0] = want.b; break;
          case ir::Type::Num: expected.num[0] = want.num; break;
          case ir::Type::Enum: expected.member[0] = want.member; break;
          case ir::Type::Str: expected.str[0] = want.str; break;
        }
      }
      ir::Output o = display_of(p, b.name.name, reg);
      std::string actual_text = rt::format_cell(p, o, regs.regs[reg], 0);
      std::string expected_text = rt::format_cell(p, o, expected, 0);
      bool same_known = (regs.regs[reg].known[0] != 0) == !want.missing;
      if (!same_known || actual_text != expected_text)
        out.failures.push_back(fmt::format("`{}`: expected {}, actual {}", b.name.name, show(expected_text), show(actual_text)));
    }
    if (!out.failures.empty()) {
      // Printed now: the span points into this compilation's source file.
      Diagnostics failure;
      auto& d = failure.report(DiagCode::E0305, out.span, fmt::format("example \"{}\" failed", out.title));
      for (const auto& f : out.failures) d.notes.push_back({Span{}, f});
      print_diagnostics(failure);
    }
    out.span = Span{};
    outcomes.push_back(std::move(out));
  }
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

void write_junit(const std::string& path, const std::vector<Outcome>& outcomes) {
  size_t failures = 0;
  for (auto& o : outcomes) failures += !o.failures.empty();
  std::string xml = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"leadc\" tests=\"{}\" failures=\"{}\">\n",
                                outcomes.size(), failures);
  for (auto& o : outcomes) {
    xml += fmt::format("  <testcase classname=\"{}\" name=\"{}\"", xml_escape(o.file), xml_escape(o.title));
    if (o.failures.empty()) {
      xml += "/>\n";
      continue;
    }
    std::string text;
    for (auto& f : o.failures) text += f + "\n";
    xml += fmt::format(">\n    <failure message=\"{}\">{}</failure>\n  </testcase>\n", xml_escape(o.failures[0]), xml_escape(text));
  }
  xml += "</testsuite>\n";
  std::ofstream(path) << xml;
}

}  // namespace

Runner add_test(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    std::string junit, as_of;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("test", "Run the `example` blocks of definitions");
  cmd->add_option("files", o->files, "Definition files (.lead)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--junit", o->junit, "Also write a JUnit XML report");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  return [o]() {
    std::vector<Outcome> outcomes;
    bool compile_failed = false;
    double as_of = 0;
    if (!parse_as_of(o->as_of, as_of)) return int(kUsage);
    for (const auto& f : o->files) run_examples(f, as_of, outcomes, compile_failed);
    size_t failed = 0;
    std::string report;
    for (const auto& out : outcomes) {
      if (out.failures.empty()) {
        report += fmt::format("ok    {}: {}\n", out.file, out.title);
        continue;
      }
      ++failed;
      report += fmt::format("FAIL  {}: {}\n", out.file, out.title);
    }
    report += fmt::format("{} example{}: {} passed, {} failed\n", outcomes.size(), outcomes.size() == 1 ? "" : "s",
                          outcomes.size() - failed, failed);
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (!o->junit.empty()) write_junit(o->junit, outcomes);
    return (failed > 0 || compile_failed) ? int(kFindings) : int(kOk);
  };
}

}  // namespace leadc::cli
