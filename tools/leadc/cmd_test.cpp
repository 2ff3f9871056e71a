// `leadc test FILE… [--junit out.xml]`: run each definition's `example` blocks
// (runtime/examples.h) and report them; a failing example prints expected vs actual
// and makes the exit code 1.
#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "compiler/lower_examples.h"
#include "runtime/examples.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

struct Outcome {
  std::string file, title;
  Span span;
  std::vector<std::string> failures;
};

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
  for (const ir::Example& ex : lower_examples(checked, p)) {
    Outcome out{path, ex.title, ex.span, rt::run_example(p, ex, *interp).failures};
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
