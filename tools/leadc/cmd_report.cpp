// `leadc report FILE --leads LEADS [--activities EVENTS] [--as-of T] [--vs OLD.lead]
// [-o OUT] [--format html|md] [--grid A,B]`: the results of a run as one self-contained
// HTML page (or Markdown tables). This file only reads options: the counting is the
// run pipeline with a ReportAggregator beside it (runtime/report_stats.h), the layout
// runtime/report_write.h.
#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "base/counted.h"
#include "compiler/definition_hash.h"
#include "runtime/activities.h"
#include "runtime/atomic_file.h"
#include "runtime/lead_source.h"
#include "runtime/output_format.h"
#include "runtime/output_paths.h"
#include "runtime/report_stats.h"
#include "runtime/report_write.h"
#include "runtime/run.h"
#include "runtime/witness_replay.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/diff_text.h"

namespace leadc::cli {

namespace {

int classification_named(const ir::Program& p, const std::string& name) {
  for (size_t i = 0; i < p.classifications.size(); ++i)
    if (p.classifications[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

Runner add_report(CLI::App& app) {
  struct Opts {
    std::string file, leads, activities, as_of, vs, out, format = "html", grid, on_error = "fail", rejects;
    unsigned threads = 0, timeout_ms = 2000;
    bool quiet = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("report", "Write the results over a lead file as one self-contained HTML page "
                                           "(or Markdown): label bars, score histograms, grid, funnel, rule counts");
  cmd->add_option("file", o->file, "Definition file (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--leads", o->leads, "Lead file (.csv, .jsonl)")->required();
  cmd->add_option("--activities", o->activities, "Events file (.csv, .jsonl) for the definition's `activity` block");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  cmd->add_option("--vs", o->vs, "An older definition: add the old -> new label transitions with example leads")
      ->check(DefinitionFile);
  cmd->add_option("-o,--output", o->out, "Output file (default: stdout)");
  cmd->add_option("--format", o->format, "html (one self-contained page) or md (Markdown tables)")
      ->check(CLI::IsMember({"html", "md"}));
  cmd->add_option("--grid", o->grid, "Two classifications for the heat map, `A,B` (default: see docs/language.md)");
  cmd->add_option("--on-error", o->on_error,
                  "On a row the definition cannot read: stop (fail) or write it to the rejects file (skip), as `run`")
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_option("--rejects", o->rejects, "Where rejected rows go (default: next to the output)");
  cmd->add_option("--threads", o->threads, "Worker threads (default: all cores)");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->add_flag("-q,--quiet", o->quiet, "No summary on stderr");
  cmd->footer("The counts are those of `leadc run` over the same file (the interpreter evaluates every lead once).\n"
              "Exit codes: 0 report written, 1 check errors, 2 usage or I/O error, 3 data error in the lead file.");
  return [o]() {
    auto distinct = [&](const Compilation* imports) {
      std::vector<rt::NamedPath> in{{o->file, "the definition"}, {o->leads, "the lead file (--leads)"}};
      if (!o->activities.empty()) in.push_back({o->activities, "the events file (--activities)"});
      if (!o->vs.empty()) in.push_back({o->vs, "the old definition (--vs)"});
      if (imports)
        for (size_t i = 1; i < imports->files.size(); ++i)
          if (imports->files[i]->path.rfind("--set ", 0) != 0) in.push_back({imports->files[i]->path, "an imported definition"});
      auto clash = rt::output_conflict(in, {{o->out, "the output (-o)"}});
      if (clash) std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
      return !clash;
    };
    if (!distinct(nullptr)) return int(kUsage);
    CheckedFile c = compile_and_check(o->file, {}, o->timeout_ms);
    print_diagnostics(c.diags);
    std::optional<CheckedFile> old;
    if (!o->vs.empty()) {
      old.emplace(compile_and_check(o->vs, {}, o->timeout_ms));
      print_diagnostics(old->diags);
      if (!old->ok) return int(kFindings);
    }
    if (!c.ok) return int(kFindings);
    if (!distinct(&c.compilation)) return int(kUsage);
    const ir::Program& p = *c.compilation.program;
    if (old) {
      const ir::Program& q = *old->compilation.program;
      const int ka = q.key_input(), kb = p.key_input();
      if (ka < 0 || kb < 0 || q.inputs[ka].field != p.inputs[kb].field) {
        std::fprintf(stderr, "leadc: error: --vs: the two definitions must have the same key field (`%s` vs `%s`)\n",
                     ka < 0 ? "" : q.inputs[ka].field.c_str(), kb < 0 ? "" : p.inputs[kb].field.c_str());
        return int(kUsage);
      }
    }
    std::pair<int, int> grid = rt::inferred_grid(p);
    if (!o->grid.empty()) {
      const size_t comma = o->grid.find(',');
      const std::string a = comma == std::string::npos ? o->grid : o->grid.substr(0, comma);
      const std::string b = comma == std::string::npos ? std::string() : o->grid.substr(comma + 1);
      grid = {classification_named(p, a), classification_named(p, b)};
      for (const std::string* n : {&a, &b})
        if (classification_named(p, *n) < 0)
          return usage_error("--grid: `" + *n + "` is not a classification of " + o->file + " (expected `A,B`)");
      if (a == b) return usage_error("--grid: expected two different classifications, got `" + o->grid + "`");
    }
    auto input = lead_input(o->as_of, o->leads);
    if (!input) return usage_error(input.error());
    const rt::EvalContext ctx = input->ctx;
    if (!o->activities.empty() && !p.activity)
      return usage_error("--activities needs a definition with an `activity { … }` block");
    if (!o->activities.empty())
      if (auto size = input_file_size(o->activities, "events file"); !size) return usage_error(size.error());
    return with_data_errors([&]() -> int {
      // Rule counts read every rule's contribution: the interpreter keeps them all.
      std::string engine;
      auto eval = make_engine(p, ctx, "interp", input->lead_bytes, engine);
      std::optional<rt::ActivityTable> activities, old_activities;
      rt::ActivityOptions aopts;
      aopts.path = o->activities;
      if (!o->activities.empty()) activities.emplace(p, aopts, ctx);
      const rt::Explainer explainer(p);
      std::unique_ptr<rt::Evaluator> old_eval;
      std::optional<rt::LeadSource> old_source;
      std::optional<rt::Explainer> old_explainer;
      rt::OldDefinition old_def;
      if (old) {
        const ir::Program& q = *old->compilation.program;
        std::string old_engine;
        old_eval = make_engine(q, ctx, "interp", input->lead_bytes, old_engine);
        if (!o->activities.empty() && q.activity) old_activities.emplace(q, aopts, ctx);
        old_source.emplace(o->leads, q, old_activities ? &*old_activities : nullptr);
        old_explainer.emplace(q);
        old_def = {&q, old_eval.get(), &*old_source, &*old_explainer, 3};
      }
      rt::ReportAggregator agg(p, explainer, grid.first, grid.second, old ? &old_def : nullptr);
      rt::RunOptions ropts;
      ropts.leads_path = o->leads;
      ropts.write_rows = false;
      ropts.observer = &agg;
      ropts.threads = o->threads;
      ropts.activities = activities ? &*activities : nullptr;
      ropts.progress = !o->quiet;
      ropts.on_error = o->on_error == "skip" ? rt::OnError::Skip : rt::OnError::Fail;
      ropts.rejects_path = o->rejects;
      ropts.out_path = o->out;
      const rt::RunStats stats = rt::run_leads(p, *eval, ropts);

      rt::ReportHeader head;
      head.definition_file = o->file;
      head.name = p.name;
      head.version = definition_version(c.compilation);
      head.sha256 = definition_sha256(c.compilation);
      rt::append_timestamp(head.as_of, ctx.as_of);
      head.leads_file = o->leads;
      head.activities_file = o->activities;
      head.old_file = o->vs;
      std::string findings;
      if (old) {
        // The proof over every possible lead, beside the file's transitions: the same
        // findings, witnesses replayed, as `leadc diff OLD NEW`.
        DiffOptions dopts;
        dopts.timeout_ms = o->timeout_ms;
        dopts.replay = rt::replay_witness;
        const SemanticDiff sd = semantic_diff(*old->compilation.program, p, dopts);
        findings = sd.error.empty() ? render_text(sd, nullptr, Style{}) : sd.error + "\n";
      }
      rt::ReportDoc doc{p, head, stats, agg.stats(), old ? &*old->compilation.program : nullptr, std::move(findings)};
      rt::EventCounts events;
      if (activities) {
        events = activities->counts();
        doc.events = &events;
      }
      const std::string text = o->format == "md" ? rt::report_markdown(doc) : rt::report_html(doc);
      rt::AtomicFile out(o->out);
      out.write(text);
      out.commit();
      if (!o->quiet)
        std::fprintf(stderr, "leadc report: %s in %.2f s%s%s\n", rt::leads_text(stats.rows_written).c_str(), stats.seconds,
                     o->out.empty() ? "" : ", written to ", o->out.c_str());
      if (!o->quiet && (stats.rows_rejected > 0 || agg.stats().only_old_rows + agg.stats().only_new_rows > 0))
        std::fprintf(stderr, "  %s read, %llu rejected%s\n", counted(stats.rows_read, "row", "rows").c_str(),
                     static_cast<unsigned long long>(stats.rows_rejected),
                     old ? fmt::format("; {} read by only one version ({} only by {}, {} only by {})",
                                       agg.stats().only_old_rows + agg.stats().only_new_rows, agg.stats().only_old_rows,
                                       o->vs, agg.stats().only_new_rows, o->file).c_str()
                         : "");
      if (!o->quiet && !stats.rejects_path.empty())
        std::fprintf(stderr, "  rejected rows written to %s\n", stats.rejects_path.c_str());
      return int(kOk);
    });
  };
}

}  // namespace leadc::cli
