// `leadc test FILE… [--junit out.xml] [--cases CASES.csv] [--coverage [--fail-under P]]
// [--suggest] [--format text|json]`: check each definition as `check` does, run its `example`
// blocks and the rows of a cases file (runtime/examples.h, runtime/cases.h), and
// report them; coverage comes from runtime/coverage.h. `--suggest` prints, for each
// label no example reaches, an example made of the analysis' lead for that label
// (lead_for_label) with the current outputs as its expectations
// (runtime/suggested_example.h). A failing example or case
// prints expected vs actual and makes the exit code 1.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>

#include "base/diagnostic_printer.h"
#include "base/json.h"

#include "base/civil_time.h"
#include "compiler/analysis/analyze.h"
#include "compiler/lower_examples.h"
#include "runtime/atomic_file.h"
#include "runtime/cases.h"
#include "runtime/coverage.h"
#include "runtime/examples.h"
#include "runtime/output_format.h"
#include "runtime/output_paths.h"
#include "runtime/suggested_example.h"
#include "runtime/witness_confirmation.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

namespace {

struct Outcome {
  std::string definition;  // the .lead file
  std::string file, title; // where the example or case is written (a cases file for a case)
  uint32_t line = 0;
  std::vector<std::string> failures;
  std::string error;    // non-empty: the definition does not check (a JUnit <error>)
  double seconds = 0;
  bool is_case = false; // a row of the cases file
};

// One definition's run: its compilation stays alive for the coverage goals' spans.
struct FileRun {
  std::string path;
  CheckedFile checked;
  std::optional<rt::Coverage> coverage;
};

struct Settings {
  double as_of = 0;
  std::string cases, activities;  // --cases, and the events of its rows (--activities)
  bool coverage = false;
};

// One `--suggest` entry: an example to paste, or a comment saying why there is none.
struct Suggestion {
  std::string file, classification, label;
  std::string status;  // "suggested", "needs events", "impossible", "undecided"
  std::string text;    // the example (suggested) or the comment
};

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void print_failure(const Outcome& out, const Span& span) {
  if (span.valid()) {
    // Printed now: the span points into this compilation's source file.
    Diagnostics failure;
    auto& d = failure.report(DiagCode::E0305, span, fmt::format("example \"{}\" failed", out.title));
    for (const auto& f : out.failures) d.notes.push_back({Span{}, f});
    print_diagnostics(failure);
    return;
  }
  // A case has no place in the definition: its row of the cases file is the place.
  std::string text = fmt::format("{}:{}: error[E0305]: {} failed\n", out.file, out.line, out.title);
  for (const auto& f : out.failures) text += "  = note: " + f + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void run_file(FileRun& run, const Settings& s, std::vector<Outcome>& outcomes, bool& compile_failed) {
  double start = now_seconds();
  // The same checks as `leadc check` (the ambiguity analysis included): a definition
  // `check` rejects fails its tests.
  run.checked = compile_and_check(run.path, {}, 2000);
  print_diagnostics(run.checked.diags);
  if (!run.checked.ok) {
    // A definition that does not check is one erroring test case, so a CI dashboard
    // never shows "0 tests, 0 failures" for a run that exits 1.
    compile_failed = true;
    Outcome out;
    out.definition = out.file = run.path;
    out.title = "definition checks";
    out.line = 1;
    for (const Diagnostic& d : run.checked.diags.all())
      if (d.severity == Severity::Error && d.span.valid()) {
        out.line = d.span.line;
        break;
      }
    out.error = render_text(run.checked.diags, TextStyle{});
    if (out.error.empty()) out.error = "the definition does not check\n";
    out.seconds = now_seconds() - start;
    outcomes.push_back(std::move(out));
    // Only the analysis rejected it (the program exists): its examples still run, so a
    // pasted witness shows it reproduces the finding.
    if (!run.checked.compilation.program || !run.checked.compilation.checked) return;
  }
  const leadc::Checked& checked = *run.checked.compilation.checked;
  const ir::Program& p = *run.checked.compilation.program;
  if (s.coverage) run.coverage.emplace(p);
  rt::Coverage* coverage = run.coverage ? &*run.coverage : nullptr;
  auto interp = rt::make_interpreter(p, rt::EvalContext{s.as_of}).value();
  for (const ir::Example& ex : lower_examples(checked, p)) {
    double ex_start = now_seconds();
    Outcome out;
    out.definition = out.file = run.path;
    out.title = ex.title;
    out.line = ex.span.line;
    if (ex.has_as_of) {
      auto at = rt::make_interpreter(p, rt::EvalContext{ex.as_of}).value();
      out.failures = rt::run_example(p, ex, *at, ex.as_of, coverage).failures;
    } else {
      out.failures = rt::run_example(p, ex, *interp, s.as_of, coverage).failures;
    }
    out.seconds = now_seconds() - ex_start;
    if (!out.failures.empty()) print_failure(out, ex.span);
    outcomes.push_back(std::move(out));
  }
  if (s.cases.empty()) return;
  std::vector<rt::Case> cases = rt::read_cases(p, s.cases);
  if (!s.activities.empty()) rt::attach_case_events(p, s.activities, cases);
  for (const rt::Case& c : cases) {
    double case_start = now_seconds();
    Outcome out;
    out.definition = run.path;
    out.file = s.cases == "-" ? "<stdin>" : s.cases;
    out.title = c.key.empty() ? c.example.title : fmt::format("case {}", c.key);
    out.line = static_cast<uint32_t>(c.line);
    out.is_case = true;
    out.failures = rt::run_example(p, c.example, *interp, s.as_of, coverage).failures;
    out.seconds = now_seconds() - case_start;
    if (!out.failures.empty()) print_failure(out, Span{});
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

// JUnit XML as GitHub, GitLab and Jenkins read it: one <testcase> per example or case
// with the file and line where it is written, a <failure> per failing one and an
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
                       xml_escape(o.definition), xml_escape(o.title), xml_escape(o.file), o.line, o.seconds);
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
    std::string text = o.is_case ? fmt::format("{}:{}: {} failed\n", o.file, o.line, o.title)
                                 : fmt::format("{}:{}: example \"{}\" failed\n", o.file, o.line, o.title);
    for (auto& f : o.failures) text += f + "\n";
    xml += fmt::format(">\n    <failure message=\"{}\" type=\"example\">{}</failure>\n  </testcase>\n",
                       xml_escape(o.failures[0]), xml_escape(text));
  }
  xml += "</testsuite>\n";
  rt::AtomicFile out(path);  // a temporary and a rename; written through a symlink
  out.write(xml);
  out.commit();
}

// What a goal that no example reached lacks, as the report says it.
std::string never(const rt::CoverageGoal& g) {
  if (g.kind == rt::CoverageGoal::Kind::Label && g.want) return "is never the result";
  return g.want ? "is never true" : "is never false";
}

std::string goal_text(const rt::CoverageGoal& g) {
  using K = rt::CoverageGoal::Kind;
  switch (g.kind) {
    case K::Term: return fmt::format("term `{}`", g.name);
    case K::Rule: return fmt::format("score rule `{}` of `{}`", g.name, g.of);
    case K::Label:
      return g.want ? fmt::format("label `{}` of `{}`", g.name, g.of)
                    : fmt::format("the condition of label `{}` of `{}`", g.name, g.of);
  }
  return "";
}

std::string place(const Span& s) {
  return s.valid() ? fmt::format("{}:{}:{}", s.file->path, s.line, s.col) : std::string(s.file ? s.file->path : "");
}

std::string coverage_text(const std::vector<FileRun>& runs) {
  std::string out;
  for (const FileRun& r : runs) {
    if (!r.coverage) continue;
    const rt::Coverage& c = *r.coverage;
    out += fmt::format("coverage of {}: {} of {} goals ({:.1f}%)\n", r.path, c.reached(), c.goals().size(), c.percent());
    for (const rt::CoverageGoal& g : c.goals())
      if (!g.reached) out += fmt::format("  {}: {} {}\n", place(g.span), goal_text(g), never(g));
  }
  return out;
}

std::string as_of_text(double seconds) {
  std::string out;
  rt::append_timestamp(out, seconds);
  return out;
}

// For each label of `run` that no example makes the result: the analysis' lead for it
// (with the events that give its aggregates, when some within the bounds do; else
// aggregates aside, as pasted), run by the interpreter for the current outputs.
void suggest(const FileRun& run, double as_of, std::vector<Suggestion>& out) {
  if (!run.coverage || !run.checked.compilation.program) return;
  const ir::Program& p = *run.checked.compilation.program;
  AnalyzeOptions opts;
  opts.confirm = rt::witness_confirmation();
  for (const rt::CoverageGoal& g : run.coverage->goals()) {
    if (g.reached || g.kind != rt::CoverageGoal::Kind::Label || !g.want) continue;
    size_t ci = 0, li = 0;
    while (ci < p.classifications.size() && p.classifications[ci].name != g.of) ++ci;
    if (ci == p.classifications.size()) continue;
    const ir::Classification& cls = p.classifications[ci];
    while (li < cls.labels.size() && cls.labels[li].name != g.name) ++li;
    if (li == cls.labels.size()) continue;
    Suggestion sg{run.path, g.of, g.name, "", ""};
    const std::string what = fmt::format("label `{}` of `{}` ({})", g.name, g.of, place(g.span));
    const LabelLead lead = lead_for_label(p, ci, li, opts);
    if (lead.status == LabelLead::Status::Impossible) {
      sg.status = "impossible";
      sg.text = fmt::format("// {}: no lead gets this label (`leadc check` says why)\n", what);
    } else if (lead.status == LabelLead::Status::Undecided) {
      sg.status = "undecided";
      sg.text = fmt::format("// {}: the solver found no lead for it within its budget; write this example by hand\n", what);
    } else {
      const bool timed = lead.given.find(" as_of ") != std::string::npos;
      const double at = timed ? lead.lead.as_of : as_of;
      // A lead with events (`events { … }` in its text) is run with them.
      rt::SuggestedExample ex = rt::suggest_expectations(p, lead.lead.given, at, ci, li, false, lead.lead.events);
      const std::string without = ex.got;
      // Needs events: the expectations are those the witness's aggregate values give.
      if (!ex.reaches) ex.expect = rt::suggest_expectations(p, lead.lead.given, at, ci, li, true).expect;
      std::string body = lead.given;
      if (!timed && ex.timed) body += " as_of " + as_of_text(at);
      std::string example = fmt::format("example \"review: {} is {}\" {{\n  {}\n  expect {}\n}}\n", g.of, g.name,
                                        body, ex.expect);
      if (ex.reaches) {
        sg.status = "suggested";
        sg.text = fmt::format("// Suggested for {}, from the solver's lead.\n"
                              "// Review: the expectations are what the definition gives this lead now; check each\n"
                              "// before you keep it.\n{}",
                              what, example);
      } else {
        // The lead needs events (the witness shows its aggregates as comments): the
        // example as printed gets another label, so it is shown commented out.
        sg.status = "needs events";
        sg.text = fmt::format("// {}: the solver's lead needs events (the aggregates in its comments); without\n"
                              "// them it gets {}. Add an `events {{ … }}` block that gives those values:\n",
                              what, without.empty() || without == "missing" ? "no label" : "`" + without + "`");
        size_t start = 0;
        while (start < example.size()) {
          size_t end = example.find('\n', start);
          sg.text += "// " + example.substr(start, end - start) + "\n";
          start = end + 1;
        }
      }
    }
    out.push_back(std::move(sg));
  }
}

std::string suggestions_text(const std::vector<Suggestion>& suggestions) {
  std::string out;
  std::string file;
  for (const Suggestion& s : suggestions) {
    if (s.file != file) {
      file = s.file;
      out += fmt::format("\nsuggested examples for {} (paste into it; review the expectations):\n", file);
    }
    out += "\n" + s.text;
  }
  return out;
}

std::string json(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string json_report(const std::vector<FileRun>& runs, const std::vector<Outcome>& outcomes,
                        const std::optional<double>& total_percent, const std::vector<Suggestion>& suggestions,
                        bool with_suggestions) {
  std::string out = "{\"tests\":[";
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& o = outcomes[i];
    std::string failures;
    for (const auto& f : o.failures) failures += (failures.empty() ? "" : ",") + json(f);
    const char* status = !o.error.empty() ? "error" : o.failures.empty() ? "passed" : "failed";
    out += fmt::format("{}{{\"definition\":{},\"file\":{},\"line\":{},\"name\":{},\"status\":\"{}\",\"failures\":[{}]}}",
                       i ? "," : "", json(o.definition), json(o.file), o.line, json(o.title), status, failures);
  }
  out += "]";
  if (total_percent) {
    out += ",\"coverage\":{";
    out += fmt::format("\"percent\":{:.1f},\"files\":[", *total_percent);
    bool first_file = true;
    for (const FileRun& r : runs) {
      if (!r.coverage) continue;
      const rt::Coverage& c = *r.coverage;
      out += fmt::format("{}{{\"file\":{},\"goals\":{},\"reached\":{},\"percent\":{:.1f},\"missed\":[",
                         first_file ? "" : ",", json(r.path), c.goals().size(), c.reached(), c.percent());
      first_file = false;
      bool first = true;
      for (const rt::CoverageGoal& g : c.goals()) {
        if (g.reached) continue;
        out += fmt::format("{}{{\"kind\":\"{}\",\"name\":{},\"of\":{},\"never\":\"{}\",\"line\":{},\"column\":{}}}",
                           first ? "" : ",", rt::coverage_kind_name(g.kind), json(g.name),
                           g.of.empty() ? "null" : json(g.of),
                           g.kind == rt::CoverageGoal::Kind::Label && g.want ? "result" : g.want ? "true" : "false",
                           g.span.line, g.span.col);
        first = false;
      }
      out += "]}";
    }
    out += "]}";
  }
  if (with_suggestions) {
    out += ",\"suggestions\":[";
    for (size_t i = 0; i < suggestions.size(); ++i) {
      const Suggestion& sg = suggestions[i];
      out += fmt::format("{}{{\"file\":{},\"classification\":{},\"label\":{},\"status\":\"{}\",\"text\":{}}}",
                         i ? "," : "", json(sg.file), json(sg.classification), json(sg.label), sg.status, json(sg.text));
    }
    out += "]";
  }
  return out + "}\n";
}

}  // namespace

Runner add_test(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    std::string junit, as_of, cases, activities, format = "text";
    bool coverage = false, suggest = false;
    double fail_under = -1;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("test", "Check definitions and run their `example` blocks (and cases)");
  cmd->add_option("files", o->files, "Definition files (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--junit", o->junit, "Also write a JUnit XML report");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  auto* cases = cmd->add_option("--cases", o->cases,
                                "A CSV lead file run as examples: `expect NAME` columns hold expected values");
  cmd->add_option("--activities", o->activities,
                  "With --cases: an events file (CSV or JSON Lines) whose events join the cases by key")
      ->needs(cases);
  cmd->add_flag("--coverage", o->coverage, "List labels, score rules and terms that no example makes true (or false)");
  cmd->add_flag("--suggest", o->suggest,
                "With coverage: print, for each label no example reaches, an example to review and paste");
  cmd->add_option("--fail-under", o->fail_under, "With --coverage: exit 1 when coverage is below PERCENT")
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--format", o->format, "Report format")->check(CLI::IsMember({"text", "json"}));
  return [o]() {
    auto parsed_as_of = parse_as_of(o->as_of);
    if (!parsed_as_of) return usage_error(parsed_as_of.error());
    if (o->fail_under >= 0 || o->suggest) o->coverage = true;  // a threshold needs the measurement
    std::vector<rt::NamedPath> defs;  // --junit may not be one of the definitions (file identity)
    for (const auto& f : o->files) defs.push_back({f, "a definition"});
    if (!o->cases.empty()) defs.push_back({o->cases, "the cases file (--cases)"});
    if (!o->activities.empty()) defs.push_back({o->activities, "the events file (--activities)"});
    if (auto clash = rt::output_conflict(defs, {{o->junit, "the JUnit report (--junit)"}})) {
      std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
      return int(kUsage);
    }
    if (!o->cases.empty() && o->cases != "-") {
      if (auto size = input_file_size(o->cases, "cases file"); !size) return usage_error(size.error());
    }
    if (!o->activities.empty() && o->activities != "-") {
      if (auto size = input_file_size(o->activities, "events file"); !size) return usage_error(size.error());
    }
    if (o->activities == "-" && o->cases == "-")
      return usage_error("--cases and --activities cannot both be standard input");
    const Settings settings{*parsed_as_of, o->cases, o->activities, o->coverage};
    std::vector<Outcome> outcomes;
    std::vector<FileRun> runs;
    bool compile_failed = false;
    int data = with_data_errors([&] {
      for (const auto& f : o->files) {
        runs.push_back(FileRun{f, {}, std::nullopt});
        run_file(runs.back(), settings, outcomes, compile_failed);
      }
      return int(kOk);
    });
    if (data != kOk) return data;
    size_t failed = 0, errored = 0;
    for (const auto& out : outcomes) {
      errored += !out.error.empty();
      failed += !out.failures.empty();
    }
    std::optional<double> total_percent;
    if (o->coverage) {
      size_t goals = 0, reached = 0;
      for (const FileRun& r : runs)
        if (r.coverage) goals += r.coverage->goals().size(), reached += r.coverage->reached();
      total_percent = goals ? 100.0 * double(reached) / double(goals) : 100.0;
    }
    std::vector<Suggestion> suggestions;
    if (o->suggest)
      for (const FileRun& r : runs) suggest(r, *parsed_as_of, suggestions);
    std::string report;
    if (o->format == "json") {
      report = json_report(runs, outcomes, total_percent, suggestions, o->suggest);
    } else {
      size_t examples = 0, examples_failed = 0, cases = 0, cases_failed = 0;
      for (const auto& out : outcomes) {
        if (!out.error.empty()) {
          report += fmt::format("ERROR {}: the definition does not check\n", out.file);
          continue;
        }
        (out.is_case ? cases : examples) += 1;
        (out.is_case ? cases_failed : examples_failed) += !out.failures.empty();
        // A case is found by its row; an example by its title.
        const std::string where = out.is_case ? fmt::format("{}:{}", out.file, out.line) : out.file;
        report += fmt::format("{}{}: {}\n", out.failures.empty() ? "ok    " : "FAIL  ", where, out.title);
      }
      report += fmt::format("{} example{}: {} passed, {} failed", examples, examples == 1 ? "" : "s",
                            examples - examples_failed, examples_failed);
      if (!o->cases.empty())
        report += fmt::format("; {} case{}: {} passed, {} failed", cases, cases == 1 ? "" : "s", cases - cases_failed,
                              cases_failed);
      if (errored) report += fmt::format("; {} file{} did not check", errored, errored == 1 ? "" : "s");
      report += "\n";
      report += coverage_text(runs);
      report += suggestions_text(suggestions);
    }
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (!o->junit.empty()) write_junit(o->junit, outcomes);
    bool below = total_percent && o->fail_under >= 0 && *total_percent < o->fail_under;
    if (below)
      std::fprintf(stderr, "leadc: coverage %.1f%% is below --fail-under %g%%\n", *total_percent, o->fail_under);
    return (failed > 0 || compile_failed || below) ? int(kFindings) : int(kOk);
  };
}

}  // namespace leadc::cli
