// `leadc test FILE… [--junit out.xml]`: run each definition's `example` blocks
// (runtime/examples.h) and report them; a failing example prints expected vs actual
// and makes the exit code 1.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "base/diagnostic_printer.h"

#include "compiler/lower_examples.h"
#include "runtime/atomic_file.h"
#include "runtime/examples.h"
#include "runtime/output_paths.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

struct Outcome {
  std::string file, title;
  Span span;
  uint32_t line = 0;
  std::vector<std::string> failures;
  std::string error;    // non-empty: the definition does not check (a JUnit <error>)
  double seconds = 0;
};

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void run_examples(const std::string& path, double as_of, std::vector<Outcome>& outcomes, bool& compile_failed) {
  double start = now_seconds();
  CheckedFile c = compile_and_check(path, {}, 2000, /*analyze=*/false);
  print_diagnostics(c.diags);
  if (!c.ok) {
    // A definition that does not check is one erroring test case, so a CI dashboard
    // never shows "0 tests, 0 failures" for a run that exits 1.
    compile_failed = true;
    Outcome out;
    out.file = path;
    out.title = "definition checks";
    out.line = 1;
    out.error = render_text(c.diags, TextStyle{});
    if (out.error.empty()) out.error = "the definition does not check\n";
    out.seconds = now_seconds() - start;
    outcomes.push_back(std::move(out));
    return;
  }
  const leadc::Checked& checked = *c.compilation.checked;
  const ir::Program& p = *c.compilation.program;
  rt::EvalContext ctx;
  ctx.as_of = as_of;
  auto interp = rt::make_interpreter(p, ctx).value();
  for (const ir::Example& ex : lower_examples(checked, p)) {
    double ex_start = now_seconds();
    Outcome out;
    out.file = path;
    out.title = ex.title;
    out.span = ex.span;
    out.line = ex.span.line;
    if (ex.has_as_of) {
      rt::EvalContext at = ctx;
      at.as_of = ex.as_of;
      out.failures = rt::run_example(p, ex, *rt::make_interpreter(p, at).value()).failures;
    } else {
      out.failures = rt::run_example(p, ex, *interp).failures;
    }
    out.seconds = now_seconds() - ex_start;
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

// JUnit XML as GitHub, GitLab and Jenkins read it: one <testcase> per example with
// the file and line of its `example` keyword, a <failure> per failing example and an
// <error> for a definition that does not check.
void write_junit(const std::string& path, const std::vector<Outcome>& outcomes) {
  size_t failures = 0, errors = 0;
  double total = 0;
  for (auto& o : outcomes) {
    failures += !o.failures.empty();
    errors += !o.error.empty();
    total += o.seconds;
  }
  std::string xml = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuite name=\"leadc\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\">\n",
      outcomes.size(), failures, errors, total);
  for (auto& o : outcomes) {
    xml += fmt::format("  <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"{:.3f}\"",
                       xml_escape(o.file), xml_escape(o.title), xml_escape(o.file), o.line, o.seconds);
    if (!o.error.empty()) {
      std::string first = o.error.substr(0, o.error.find('\n'));
      xml += fmt::format(">\n    <error message=\"{}\" type=\"check\">{}</error>\n  </testcase>\n",
                         xml_escape(first), xml_escape(o.error));
      continue;
    }
    if (o.failures.empty()) {
      xml += "/>\n";
      continue;
    }
    std::string text = fmt::format("{}:{}: example \"{}\" failed\n", o.file, o.line, o.title);
    for (auto& f : o.failures) text += f + "\n";
    xml += fmt::format(">\n    <failure message=\"{}\" type=\"example\">{}</failure>\n  </testcase>\n",
                       xml_escape(o.failures[0]), xml_escape(text));
  }
  xml += "</testsuite>\n";
  rt::AtomicFile out(path);  // a temporary and a rename; written through a symlink
  out.write(xml);
  out.commit();
}

}  // namespace

Runner add_test(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    std::string junit, as_of;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("test", "Run the `example` blocks of definitions");
  cmd->add_option("files", o->files, "Definition files (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--junit", o->junit, "Also write a JUnit XML report");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  return [o]() {
    std::vector<Outcome> outcomes;
    bool compile_failed = false;
    auto parsed_as_of = parse_as_of(o->as_of);
    if (!parsed_as_of) return usage_error(parsed_as_of.error());
    const double as_of = *parsed_as_of;
    std::vector<rt::NamedPath> defs;  // --junit may not be one of the definitions (file identity)
    for (const auto& f : o->files) defs.push_back({f, "a definition"});
    if (auto clash = rt::output_conflict(defs, {{o->junit, "the JUnit report (--junit)"}})) {
      std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
      return int(kUsage);
    }
    for (const auto& f : o->files) run_examples(f, as_of, outcomes, compile_failed);
    size_t failed = 0;
    std::string report;
    size_t errored = 0;
    for (const auto& out : outcomes) {
      if (!out.error.empty()) {
        ++errored;
        report += fmt::format("ERROR {}: the definition does not check\n", out.file);
        continue;
      }
      if (out.failures.empty()) {
        report += fmt::format("ok    {}: {}\n", out.file, out.title);
        continue;
      }
      ++failed;
      report += fmt::format("FAIL  {}: {}\n", out.file, out.title);
    }
    size_t examples = outcomes.size() - errored;
    report += fmt::format("{} example{}: {} passed, {} failed", examples, examples == 1 ? "" : "s",
                          examples - failed, failed);
    if (errored) report += fmt::format("; {} file{} did not check", errored, errored == 1 ? "" : "s");
    report += "\n";
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (!o->junit.empty()) write_junit(o->junit, outcomes);
    return (failed > 0 || compile_failed) ? int(kFindings) : int(kOk);
  };
}

}  // namespace leadc::cli
