// `leadc run FILE --leads LEADS …`: check the definition (again, with any `--set`
// values), then stream the lead file through an engine and write the outputs.
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "base/counted.h"
#include "base/time_zone.h"
#include "compiler/definition_hash.h"
#include "runtime/activities.h"
#include "runtime/output_format.h"
#include "runtime/output_paths.h"
#include "runtime/run.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/explain_text.h"

namespace leadc::cli {

namespace {

// Every `--set NAME=VALUE`, or why one is unusable (then none is applied).
Expected<std::vector<std::pair<std::string, std::string>>> parse_sets(const std::vector<std::string>& sets) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : sets) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) return Failure{"--set: expected NAME=VALUE, got `" + s + "`"};
    out.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    if (std::string why = override_value_error(out.back().first, out.back().second); !why.empty()) return Failure{why};
  }
  return out;
}

std::string timestamp_text(double seconds) {
  std::string s;
  rt::append_timestamp(s, seconds);
  return s;
}

// The summary's line for timestamps read as UTC for want of an offset or zone (LANGUAGE.md
// section 9), for the lead file ("") and the events file ("event "); empty for none.
std::string zoneless_note(uint64_t n, const char* what) {
  if (n == 0) return "";
  return fmt::format("  {} {}timestamp{} without an offset read as UTC (say their zone with `zone \"AREA/CITY\"` "
                     "on the field or --timezone)\n",
                     n, what, n == 1 ? "" : "s");
}

void print_summary(const ir::Program& p, const rt::RunStats& st, const std::string& engine, double as_of) {
  std::string out = fmt::format("leadc run: {} read, {} written, {} rejected in {:.2f} s ({}; as of {})\n",
                                counted(st.rows_read, "row", "rows"), st.rows_written, st.rows_rejected, st.seconds, engine,
                                timestamp_text(as_of));
  for (size_t i = 0; i < p.classifications.size() && i < st.label_counts.size(); ++i) {
    const auto& c = p.classifications[i];
    out += fmt::format("  {}:", c.name);
    const auto& members = p.enums[c.enum_id].members;
    for (size_t m = 0; m < members.size() && m < st.label_counts[i].size(); ++m)
      out += fmt::format(" {}={}", members[m], st.label_counts[i][m]);
    if (i < st.unlabelled.size() && st.unlabelled[i] > 0) out += fmt::format(" (no label)={}", st.unlabelled[i]);
    out += "\n";
  }
  if (!st.rejects_path.empty()) out += fmt::format("  rejected rows written to {}\n", st.rejects_path);
  if (st.delimiter != ',' || !st.encoding.empty()) {
    const char* d = st.delimiter == ';' ? "`;`" : st.delimiter == '\t' ? "TAB" : st.delimiter == '|' ? "`|`" : "`,`";
    out += fmt::format("  read as {}{}{}\n", st.encoding.empty() ? "UTF-8" : st.encoding,
                       st.delimiter != ',' ? ", cells separated by " : "", st.delimiter != ',' ? d : "");
  }
  out += zoneless_note(st.zoneless_utc, "");
  std::fwrite(out.data(), 1, out.size(), stderr);
}

// `seconds` is the events' share of the run's `run_seconds` (the summary's time).
void print_activity_summary(const rt::ActivityTable& t, double seconds, double run_seconds) {
  const rt::ActivityStats& st = t.stats();
  const rt::EventCounts n = t.counts();  // the same counts as the report's
  // `activities: 6 events read (3 keys), 0 rejected, 5 matched a lead, 1 event for a key
  // with no lead (1 key); 0.01 s of the 0.02 s run` (the orphans only when there are some).
  std::string out = fmt::format("  activities: {} read ({}), {} rejected, {} matched a lead", counted(n.read, "event", "events"),
                                counted(n.keys, "key", "keys"), n.rejected, n.matched);
  if (n.orphans > 0)
    out += fmt::format(", {} for {} with no lead ({})", counted(n.orphans, "event", "events"),
                       n.orphan_keys == 1 ? "a key" : "keys", counted(n.orphan_keys, "key", "keys"));
  out += fmt::format("; {:.2f} s of the {:.2f} s run\n", seconds, run_seconds);
  if (!st.rejects_path.empty()) out += fmt::format("  rejected events written to {}\n", st.rejects_path);
  out += zoneless_note(st.zoneless_utc, "event ");
  std::fwrite(out.data(), 1, out.size(), stderr);
}

// `<out>.events.rejects.csv` (.jsonl for JSON Lines events), or `<events file name>.rejects.csv`
// in the current directory when the output is stdout.
std::string events_rejects_path(const std::string& events, const std::string& out) {
  const bool csv = rt::lead_format_for_path(events) == rt::LeadFormat::Csv;
  if (!out.empty()) return out + (csv ? ".events.rejects.csv" : ".events.rejects.jsonl");
  const size_t slash = events.rfind('/');
  return (slash == std::string::npos ? events : events.substr(slash + 1)) + (csv ? ".rejects.csv" : ".rejects.jsonl");
}

// No output may be an input or another output (checked by file identity before any
// lead is read); `imports` are the definition's other files once it is compiled.
bool outputs_are_distinct(const std::string& file, const std::string& leads, const std::string& events,
                          const std::string& out, const std::string& rejects, bool skip, const Compilation* imports) {
  std::vector<rt::NamedPath> in{{file, "the definition"}, {leads, "the lead file (--leads)"}};
  if (!events.empty()) in.push_back({events, "the events file (--activities)"});
  if (imports)
    for (size_t i = 1; i < imports->files.size(); ++i)
      if (imports->files[i]->path.rfind("--set ", 0) != 0) in.push_back({imports->files[i]->path, "an imported definition"});
  std::vector<rt::NamedPath> outs{{out, "the output (-o)"}};
  rt::RunOptions paths;
  paths.leads_path = leads;
  paths.out_path = out;
  if (!rejects.empty()) outs.push_back({rejects, "the rejects file (--rejects)"});
  else if (skip) outs.push_back({rt::default_rejects_path(paths), "the default rejects file"});
  if (!events.empty() && skip) outs.push_back({events_rejects_path(events, out), "the events rejects file"});
  if (auto clash = rt::output_conflict(in, outs)) {
    std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
    return false;
  }
  return true;
}

}  // namespace

Runner add_run(CLI::App& app) {
  struct Opts {
    std::string file, leads, activities, as_of, out, format, engine = "auto", on_error = "fail", rejects;
    std::string delimiter, encoding, timezone;
    std::vector<std::string> sets;
    unsigned threads = 0, timeout_ms = 2000;
    bool explain = false, reasons = false, provenance = false, quiet = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("run", "Classify every lead of a CSV or JSON Lines file");
  cmd->add_option("file", o->file, "Definition file (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--leads", o->leads, "Lead file (.csv, .jsonl)")->required();
  cmd->add_option("--activities", o->activities, "Events file (.csv, .jsonl) for the definition's `activity` block");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  cmd->add_option("-o,--output", o->out, "Output file (default: stdout)");
  cmd->add_option("--format", o->format, "Output format (default: jsonl for -o *.jsonl/*.ndjson, else csv)")->check(CLI::IsMember({"csv", "jsonl"}));
  cmd->add_option("--engine", o->engine, "Evaluation engine")->check(CLI::IsMember({"interp", "jit", "auto"}));
  cmd->add_flag("--explain", o->explain,
                "Add an `explanation` column: per classification, the label and the condition that chose it "
                "(uses the interpreter)");
  cmd->add_flag("--reasons", o->reasons,
                "Add a `reasons` column (a list in JSON Lines): each classification's label and the condition "
                "that chose it, each score's rules that added points; at most 255 characters (uses the interpreter)");
  cmd->add_flag("--provenance", o->provenance,
                "Add the columns definition_version, definition_sha256 (of the definition as `leadc fmt` prints it, "
                "imports included) and as_of");
  cmd->add_option("--set", o->sets, "Override a const: NAME=VALUE (checked again before any row is read)");
  cmd->add_option("--on-error", o->on_error, "On a bad row: stop (fail) or write it to the rejects file (skip)")
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_option("--rejects", o->rejects, "Where rejected rows go (default: next to the output)");
  add_csv_shape_options(cmd, o->delimiter, o->encoding);
  cmd->add_option("--timezone", o->timezone,
                  "IANA time zone of timestamps without an offset, for fields without a `zone` (default: UTC)")
      ->check([](const std::string& s) {
        if (tz::find_zone(s)) return std::string();
        const std::string near = tz::closest_zone(s);
        return "`" + s + "` is not a time zone" + (near.empty() ? "; write e.g. America/New_York" : "; did you mean " + near + "?");
      });
  cmd->add_option("--threads", o->threads, "Worker threads (default: all cores)");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->add_flag("-q,--quiet", o->quiet, "No summary on stderr");
  return [o]() {
    // The explanation and the reasons read label conditions and rule contributions,
    // which only the interpreter keeps.
    const bool needs_interp = o->explain || o->reasons;
    if (needs_interp && o->engine == "jit") {
      std::fprintf(stderr, "leadc: error: --%s needs the interpreter (--engine interp or auto)\n",
                   o->explain ? "explain" : "reasons");
      return int(kUsage);
    }
    const bool skip = o->on_error == "skip";
    if (!outputs_are_distinct(o->file, o->leads, o->activities, o->out, o->rejects, skip, nullptr)) return int(kUsage);
    CompileOptions copts;
    auto sets = parse_sets(o->sets);
    if (!sets) return usage_error(sets.error());
    copts.overrides = std::move(*sets);
    CheckedFile c = compile_and_check(o->file, copts, o->timeout_ms);
    print_diagnostics(c.diags);
    if (!c.ok) return int(kFindings);
    if (!outputs_are_distinct(o->file, o->leads, o->activities, o->out, o->rejects, skip, &c.compilation))
      return int(kUsage);
    const ir::Program& p = *c.compilation.program;
    auto input = lead_input(o->as_of, o->leads);
    if (!input) return usage_error(input.error());
    const rt::EvalContext ctx = input->ctx;
    const uint64_t lead_bytes = input->lead_bytes;
    if (!o->activities.empty() && !p.activity) {
      std::fprintf(stderr, "leadc: error: --activities needs a definition with an `activity { … }` block\n");
      return int(kUsage);
    }
    if (!o->activities.empty()) {
      // Only that it can be read: the engine is chosen by the lead file's size.
      if (auto size = input_file_size(o->activities, "events file"); !size) return usage_error(size.error());
    }
    if (p.activity && o->activities.empty() && !o->quiet)
      std::fprintf(stderr, "leadc: warning: no --activities file: every lead counts as having no events\n");
    std::string engine;
    auto eval = make_engine(p, ctx, needs_interp ? "interp" : o->engine, lead_bytes, engine);
    rt::RunOptions ropts;
    ropts.leads_path = o->leads;
    ropts.out_path = o->out;
    // The output follows -o's extension unless --format says it (decision 106).
    const bool jsonl = o->format.empty() ? !o->out.empty() && o->out != "-" &&
                                               rt::lead_format_for_path(o->out) == rt::LeadFormat::Jsonl
                                         : o->format == "jsonl";
    ropts.format = jsonl ? rt::OutFormat::Jsonl : rt::OutFormat::Csv;
    ropts.on_error = o->on_error == "skip" ? rt::OnError::Skip : rt::OnError::Fail;
    ropts.rejects_path = o->rejects;
    ropts.threads = o->threads;
    if (!o->delimiter.empty()) rt::parse_delimiter_name(o->delimiter, ropts.reader.delimiter);
    if (o->encoding != "utf-8") ropts.reader.encoding = o->encoding;
    ropts.reader.timezone = o->timezone;
    std::optional<ExplainText> explainer;
    if (needs_interp) explainer.emplace(c.compilation);
    if (o->explain)
      ropts.extra_columns.push_back({"explanation", [&explainer](const rt::Registers& regs, size_t row, std::string& out) {
                                       explainer->compact(regs, row, out);
                                     }, nullptr});
    if (o->reasons)
      ropts.extra_columns.push_back(
          {"reasons", nullptr, [&explainer](const rt::Registers& regs, size_t row, rt::ItemList& items) {
             explainer->reasons(regs, row, items);
           }});
    if (o->provenance) {
      // The same three values on every row: computed once.
      auto constant = [](std::string v) {
        return [v](const rt::Registers&, size_t, std::string& out) { out += v; };
      };
      ropts.extra_columns.push_back({"definition_version", constant(definition_version(c.compilation)), nullptr});
      ropts.extra_columns.push_back({"definition_sha256", constant(definition_sha256(c.compilation)), nullptr});
      ropts.extra_columns.push_back({"as_of", constant(timestamp_text(ctx.as_of)), nullptr});
    }
    return with_data_errors([&]() -> int {
      std::optional<rt::ActivityTable> activities;
      double events_seconds = 0;
      if (!o->activities.empty()) {
        rt::ActivityOptions aopts;
        aopts.path = o->activities;
        aopts.skip_bad_rows = ropts.on_error == rt::OnError::Skip;
        aopts.rejects_path = events_rejects_path(o->activities, o->out);
        aopts.reader = ropts.reader;
        aopts.threads = ropts.threads;
        const auto events_start = std::chrono::steady_clock::now();
        activities.emplace(p, aopts, ctx);
        events_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - events_start).count();
        ropts.activities = &*activities;
      }
      rt::RunStats stats = rt::run_leads(p, *eval, ropts);
      stats.seconds += events_seconds;  // the summary's time is the whole run's
      if (!o->quiet) print_summary(p, stats, engine, ctx.as_of);
      // No rejects this time: a rejects file of an earlier run at that path would be
      // read as this run's, so it goes (and the summary says so).
      const std::string rejects_path = o->rejects.empty() ? rt::default_rejects_path(ropts) : o->rejects;
      if (stats.rejects_path.empty() && (skip || !o->rejects.empty()) && rt::remove_previous_output(rejects_path) &&
          !o->quiet)
        std::fprintf(stderr, "  no rows rejected: removed the rejects file of an earlier run, %s\n", rejects_path.c_str());
      if (!o->quiet && activities) print_activity_summary(*activities, events_seconds, stats.seconds);
      if (activities && skip && activities->stats().rejects_path.empty() &&
          rt::remove_previous_output(events_rejects_path(o->activities, o->out)) && !o->quiet)
        std::fprintf(stderr, "  no events rejected: removed the events rejects file of an earlier run, %s\n",
                     events_rejects_path(o->activities, o->out).c_str());
      return int(kOk);
    });
  };
}

}  // namespace leadc::cli
