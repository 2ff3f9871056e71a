// `leadc diff OLD NEW [--leads LEADS [--activities EVENTS]] [--format text|json]
// [--exit-code]`: what a new version of a definition changes. The semantic diff
// (compiler/analysis/semantic_diff.h) proves per shared output whether some lead can
// change and how; with a lead file, each change also gets how many of its leads take
// it, followed by the label matrices and score means over that file.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <map>
#include <type_traits>
#include <optional>

#include "base/counted.h"
#include "compiler/analysis/semantic_diff.h"
#include "runtime/activities.h"
#include "runtime/atomic_file.h"
#include "runtime/label_transitions.h"
#include "runtime/lead_source.h"
#include "runtime/output_format.h"
#include "runtime/output_paths.h"
#include "runtime/report_write.h"
#include "runtime/witness_replay.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/diff_text.h"
#include "tools/leadc/explain_text.h"

namespace leadc::cli {

namespace {

// One definition's results over the whole file, row by row: the rows it reads, and
// the rows it cannot read (by line, with the reason), which the other version may read.
struct Results {
  std::vector<uint64_t> line;
  std::vector<std::string> key;
  std::vector<std::vector<int32_t>> labels;  // per classification, per row: member or -1
  std::vector<std::vector<double>> scores;   // per score, per row: value or NaN
  std::map<uint64_t, std::string> rejected;  // line -> "FILE:LINE:COL: error: …"
  std::optional<rt::EventCounts> events;     // with --activities: what became of the events
};

Results evaluate_all(const CheckedFile& c, const std::string& leads, const std::string& events, rt::EvalContext ctx,
                     uint64_t bytes) {
  const ir::Program& p = *c.compilation.program;
  std::string engine;
  auto eval = make_engine(p, ctx, "auto", bytes, engine);
  const rt::Explainer text(p);
  const int key = p.key_input();
  Results res;
  res.labels.resize(p.classifications.size());
  res.scores.resize(p.scores.size());
  // Without --activities, aggregates count as a lead without events.
  std::optional<rt::ActivityTable> table;
  if (!events.empty() && p.activity) {
    rt::ActivityOptions aopts;
    aopts.path = events;
    table.emplace(p, aopts, ctx);
  }
  rt::LeadSource source(leads, p, table ? &*table : nullptr);
  rt::Batch batch;
  rt::Registers regs;
  std::vector<rt::RowError> errors;
  while (source.next(batch, &errors)) {
    if (batch.rows == 0) continue;
    eval->evaluate(batch, regs);
    for (size_t r = 0; r < batch.rows; ++r) {
      res.line.push_back(batch.line[r]);
      res.key.push_back(text.input_text(key, batch, r));
    }
    for (size_t i = 0; i < p.classifications.size(); ++i) {
      const rt::Column& col = regs.regs[p.classifications[i].reg];
      for (size_t r = 0; r < batch.rows; ++r) res.labels[i].push_back(col.known[r] ? col.member[r] : -1);
    }
    for (size_t i = 0; i < p.scores.size(); ++i) {
      const rt::Column& col = regs.regs[p.scores[i].reg];
      for (size_t r = 0; r < batch.rows; ++r) res.scores[i].push_back(col.known[r] ? col.num[r] : NAN);
    }
  }
  for (rt::RowError& e : errors) res.rejected.emplace(e.line, std::move(e.message));
  if (table) res.events = table->counts();
  return res;
}

// Keeps only the rows of `res` at positions `keep` (in order).
void keep_rows(Results& res, const std::vector<size_t>& keep) {
  auto pick = [&](auto& v) {
    std::remove_reference_t<decltype(v)> out;
    out.reserve(keep.size());
    for (size_t i : keep) out.push_back(std::move(v[i]));
    v = std::move(out);
  };
  pick(res.line);
  pick(res.key);
  for (auto& l : res.labels) pick(l);
  for (auto& s : res.scores) pick(s);
}

std::string number(double v) {
  std::string s;
  rt::append_number(s, std::round(v * 100) / 100);
  return s;
}

// ---- reading a definition: a file, `-`, or REV:PATH through git ----------------------

// Runs `git ARGS…` and returns its standard output, or nullopt when it fails.
std::optional<std::string> git_output(const std::vector<std::string>& args) {
  int fd[2];
  if (pipe(fd) != 0) return std::nullopt;
  pid_t pid = fork();
  if (pid < 0) return std::nullopt;
  if (pid == 0) {
    dup2(fd[1], 1);
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 2);
    close(fd[0]);
    close(fd[1]);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("git"));
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp("git", argv.data());
    _exit(127);
  }
  close(fd[1]);
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

// A definition argument: `-`, an existing file, or REV:PATH (PATH as of git revision
// REV, relative to the current directory). Prints the error and returns nullopt when
// it cannot be read.
std::optional<CheckedFile> load_definition(const std::string& arg, unsigned timeout_ms) {
  struct stat st{};
  const size_t colon = arg.find(':');
  if (arg == "-" || ::stat(arg.c_str(), &st) == 0 || colon == std::string::npos || colon == 0) {
    if (arg != "-" && ::stat(arg.c_str(), &st) != 0) {
      usage_error(fmt::format("cannot read `{}`: no such file", arg));
      return std::nullopt;
    }
    return compile_and_check(arg, {}, timeout_ms);
  }
  const std::string rev = arg.substr(0, colon), path = arg.substr(colon + 1);
  auto inside = git_output({"rev-parse", "--is-inside-work-tree"});
  if (!inside || inside->rfind("true", 0) != 0) {
    usage_error(fmt::format("`{}` is no file, and REV:PATH needs a git work tree (the current directory is not in one)",
                            arg));
    return std::nullopt;
  }
  if (!git_output({"rev-parse", "--verify", "--quiet", rev + "^{commit}"})) {
    usage_error(fmt::format("`{}`: unknown git revision `{}`", arg, rev));
    return std::nullopt;
  }
  const std::string spec = rev + ":" + (path.rfind('/', 0) == 0 || path.rfind("./", 0) == 0 ? path : "./" + path);
  auto text = git_output({"show", spec});
  if (!text) {
    usage_error(fmt::format("`{}`: git revision `{}` has no file `{}`", arg, rev, path));
    return std::nullopt;
  }
  return compile_and_check_text(arg, std::move(*text), {}, timeout_ms);
}


}  // namespace

Runner add_diff(CLI::App& app) {
  struct Opts {
    std::string old_file, new_file, leads, activities, as_of, out, format = "text";
    std::string on_error = "fail";
    bool exit_code = false;
    unsigned timeout_ms = 2000;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("diff", "Prove what a new version of a definition changes: for every shared "
                                         "output, equivalence or each possible change with a witness lead");
  cmd->add_option("old", o->old_file, "The old definition: FILE, - (standard input) or REV:PATH (git)")->required();
  cmd->add_option("new", o->new_file, "The new definition: FILE, - (standard input) or REV:PATH (git)")->required();
  cmd->add_option("--leads", o->leads, "Lead file (.csv, .jsonl): count the leads of each change, add label matrices");
  cmd->add_option("--activities", o->activities, "Events file for the definitions' `activity` blocks (with --leads)");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from in --leads (default: now)");
  cmd->add_option("-o,--output", o->out,
                  "With --leads: write the changed leads as CSV: key, classification, old, new, old/new scores");
  cmd->add_option("--on-error", o->on_error,
                  "With --leads, on a row neither version can read: stop (fail) or count it as rejected (skip); a row "
                  "only one version reads is always counted, as `rejected` on the other side")
      ->check(CLI::IsMember({"fail", "skip"}));
  cmd->add_option("--format", o->format, "Report format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--exit-code", o->exit_code, "Exit 1 when some lead can change");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->footer("Both definitions must pass `leadc check`. Fields are matched by the column they read (a renamed field\n"
              "is the same input); a field only one version has is missing for the other; a column read as another\n"
              "type is an error. Exit codes: 0 report written (1 with\n"
              "--exit-code when a change is possible), 1 check errors, 2 usage or I/O error, 3 data error.");
  return [o]() {
    const bool with_leads = !o->leads.empty();
    if (!with_leads && (!o->out.empty() || !o->activities.empty() || !o->as_of.empty() || o->on_error != "fail"))
      return usage_error("-o, --activities, --as-of and --on-error need --leads");
    const bool skip = o->on_error == "skip";
    // `-o` may be no input (checked by file identity, imports included once known).
    auto distinct = [&](const CheckedFile* a, const CheckedFile* b) {
      std::vector<rt::NamedPath> in{{o->old_file, "the old definition"}, {o->new_file, "the new definition"}};
      if (with_leads) in.push_back({o->leads, "the lead file (--leads)"});
      if (!o->activities.empty()) in.push_back({o->activities, "the events file (--activities)"});
      for (const CheckedFile* c : {a, b})
        for (size_t i = 1; c && i < c->compilation.files.size(); ++i) in.push_back({c->compilation.files[i]->path, "an imported definition"});
      auto clash = rt::output_conflict(in, {{o->out, "the output (-o)"}});
      if (clash) std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
      return !clash;
    };
    if (o->old_file == "-" && o->new_file == "-")
      return usage_error("OLD and NEW cannot both be `-`: standard input holds one definition (give the other as "
                         "a file or as REV:PATH)");
    if (!distinct(nullptr, nullptr)) return int(kUsage);
    std::optional<CheckedFile> la = load_definition(o->old_file, o->timeout_ms);
    if (!la) return int(kUsage);
    print_diagnostics(la->diags);
    std::optional<CheckedFile> lb = load_definition(o->new_file, o->timeout_ms);
    if (!lb) return int(kUsage);
    print_diagnostics(lb->diags);
    CheckedFile& a = *la;
    CheckedFile& b = *lb;
    if (!a.ok || !b.ok) return int(kFindings);
    if (!distinct(&a, &b)) return int(kUsage);
    const ir::Program& pa = *a.compilation.program;
    const ir::Program& pb = *b.compilation.program;

    DiffOptions dopts;
    dopts.timeout_ms = o->timeout_ms;
    dopts.replay = rt::replay_witness;  // every witness printed is one the interpreter reproduces
    const SemanticDiff sd = semantic_diff(pa, pb, dopts);
    if (!sd.error.empty()) return usage_error(sd.error + " (the versions read the lead file differently)");
    bool changes = false;
    for (const OutputDiff& d : sd.outputs) changes |= !d.changes.empty();
    const int ok_exit = o->exit_code && changes ? int(kFindings) : int(kOk);
    const Style style{o->format == "text" && isatty(fileno(stdout)) != 0 && std::getenv("NO_COLOR") == nullptr};
    auto emit = [&](const Counts* counts, const std::string& tail) {
      std::string text = o->format == "json" ? render_json(sd, counts) : render_text(sd, counts, style) + tail;
      std::fwrite(text.data(), 1, text.size(), stdout);
    };
    if (!with_leads) {
      emit(nullptr, "");
      return ok_exit;
    }

    const int ka = pa.key_input(), kb = pb.key_input();
    if (ka < 0 || kb < 0 || pa.inputs[ka].column != pb.inputs[kb].column) {
      std::fprintf(stderr, "leadc: error: the two definitions must read the key from the same column (`%s` vs `%s`)\n",
                   ka < 0 ? "" : pa.inputs[ka].column.c_str(), kb < 0 ? "" : pb.inputs[kb].column.c_str());
      return int(kUsage);
    }
    auto input = lead_input(o->as_of, o->leads);
    if (!input) return usage_error(input.error());
    const rt::EvalContext ctx = input->ctx;
    return with_data_errors([&]() -> int {
      const uint64_t bytes = input->lead_bytes;
      Results ra = evaluate_all(a, o->leads, o->activities, ctx, bytes);
      Results rb = evaluate_all(b, o->leads, o->activities, ctx, bytes);
      // Rows in = rows both versions read (compared) + rows only one reads + rows
      // neither reads. A row only one version reads is a change of its own (`rejected`
      // on the other side, as in the proof); a row neither reads is a bad row of the
      // file, which --on-error treats as `leadc run` does.
      struct OneSided {
        uint64_t line;
        size_t row;  // in the results of the version that reads it
      };
      std::vector<OneSided> only_by[2];
      std::vector<size_t> both_a, both_b;
      for (size_t i = 0, j = 0; i < ra.line.size() || j < rb.line.size();) {
        if (j == rb.line.size() || (i < ra.line.size() && ra.line[i] < rb.line[j])) {
          only_by[0].push_back({ra.line[i], i}), ++i;
        } else if (i == ra.line.size() || rb.line[j] < ra.line[i]) {
          only_by[1].push_back({rb.line[j], j}), ++j;
        } else {
          both_a.push_back(i++), both_b.push_back(j++);
        }
      }
      std::vector<std::pair<uint64_t, std::string>> neither;
      for (auto& [line, message] : rb.rejected)
        if (ra.rejected.count(line)) neither.emplace_back(line, message);
      if (!neither.empty() && !skip) throw rt::DataError(neither.front().second);
      // The rows one version reads, with their labels, before the results keep only the shared ones.
      struct Side {
        std::vector<std::string> key;
        std::vector<std::vector<int32_t>> labels;
        std::vector<std::vector<double>> scores;
      } side[2];
      for (int v = 0; v < 2; ++v) {
        Results& r = v ? rb : ra;
        side[v].labels.resize(r.labels.size());
        side[v].scores.resize(r.scores.size());
        for (const OneSided& x : only_by[v]) {
          side[v].key.push_back(r.key[x.row]);
          for (size_t c = 0; c < r.labels.size(); ++c) side[v].labels[c].push_back(r.labels[c][x.row]);
          for (size_t c = 0; c < r.scores.size(); ++c) side[v].scores[c].push_back(r.scores[c][x.row]);
        }
      }
      const uint64_t rows_in = ra.line.size() + only_by[1].size() + neither.size();
      keep_rows(ra, both_a);
      keep_rows(rb, both_b);
      const size_t rows = ra.line.size();
      std::string as_of;
      rt::append_timestamp(as_of, ctx.as_of);
      std::string report = fmt::format("\nleadc diff: {} -> {} over {} of {} (as of {})\n", o->old_file,
                                       o->new_file, counted(rows, "lead", "leads"), o->leads, as_of);
      if (rows != rows_in) {
        report += fmt::format("  {} read: {} by both versions, {} by only one version ({} only by {}, {} only by "
                              "{}), {} by neither (rejected)\n",
                              counted(rows_in, "row", "rows"), rows, only_by[0].size() + only_by[1].size(), only_by[0].size(), o->old_file,
                              only_by[1].size(), o->new_file, neither.size());
        for (int v = 0; v < 2; ++v) {
          if (only_by[v].empty()) continue;
          // Why the other version cannot read it: its reader's message.
          const auto& other = v ? ra.rejected : rb.rejected;
          auto why = other.find(only_by[v].front().line);
          if (why != other.end())
            report += fmt::format("  the first row only {} reads: {}\n", v ? o->new_file : o->old_file, why->second);
        }
      }
      // What became of the events: orphans (a key no lead has) change no lead, but are said.
      auto events_line = [&](const rt::EventCounts& e, const char* whose) {
        report += fmt::format("  events{}: {}{}\n", whose, rt::events_text(e),
                              e.orphans ? "; an orphan event (its key is no lead's in the file) changes no lead" : "");
      };
      const auto same_events = [](const rt::EventCounts& x, const rt::EventCounts& y) {
        return x.read == y.read && x.rejected == y.rejected && x.matched == y.matched && x.orphans == y.orphans;
      };
      if (ra.events && rb.events && same_events(*ra.events, *rb.events)) {
        events_line(*ra.events, "");
      } else {
        if (ra.events) events_line(*ra.events, " (old version)");
        if (rb.events) events_line(*rb.events, " (new version)");
      }
      // Shared scores, old index -> new index: their values go into the changed-leads file.
      std::vector<std::pair<size_t, size_t>> shared_scores;
      for (size_t i = 0; i < pa.scores.size(); ++i)
        for (size_t j = 0; j < pb.scores.size(); ++j)
          if (pa.scores[i].name == pb.scores[j].name) shared_scores.emplace_back(i, j);
      std::string changed_csv;
      rt::append_csv_field(changed_csv, pa.inputs[ka].column.empty() ? pa.inputs[ka].field : pa.inputs[ka].column);
      changed_csv += ",classification,old,new";
      for (auto [i, j] : shared_scores) {
        changed_csv += ",";
        rt::append_csv_field(changed_csv, "old " + pa.scores[i].name);
        changed_csv += ",";
        rt::append_csv_field(changed_csv, "new " + pb.scores[j].name);
      }
      changed_csv += "\n";
      auto score_cells = [&](size_t r) {
        std::string s;
        for (auto [i, j] : shared_scores) {
          const double x = ra.scores[i][r], y = rb.scores[j][r];
          s += "," + (std::isnan(x) ? std::string() : points_text(x));
          s += "," + (std::isnan(y) ? std::string() : points_text(y));
        }
        return s;
      };
      std::vector<bool> row_in_csv(rows, false);
      std::vector<std::string> only;
      Counts counts;

      std::vector<std::string> only_old, only_new;
      std::vector<rt::LabelTransitions> moves = rt::label_transitions_for(pa, pb, 0, only_old, only_new);
      for (const std::string& name : only_old) only.push_back(fmt::format("classification `{}` is only in {}", name, o->old_file));
      for (const std::string& name : only_new) only.push_back(fmt::format("classification `{}` is only in {}", name, o->new_file));
      for (rt::LabelTransitions& t : moves) {
        std::map<std::pair<std::string, std::string>, uint64_t> moved;  // by label names
        for (size_t r = 0; r < rows; ++r) {
          const int32_t x = ra.labels[t.old_index][r], y = rb.labels[t.new_index][r];
          t.add(x, y, [] { return std::string(); });
          const size_t xi = x < 0 ? t.old_labels.size() : x, yi = y < 0 ? t.new_labels.size() : y;
          if (!t.changes(xi, yi)) continue;
          ++moved[{t.old_name(xi), t.new_name(yi)}];
          row_in_csv[r] = true;
          rt::append_csv_field(changed_csv, ra.key[r]);
          changed_csv += "," + t.name + ",";
          if (x >= 0) rt::append_csv_field(changed_csv, t.old_name(xi));
          changed_csv += ",";
          if (y >= 0) rt::append_csv_field(changed_csv, t.new_name(yi));
          changed_csv += score_cells(r) + "\n";
        }
        // Rows one version cannot read: `rejected` on that side.
        for (int v = 0; v < 2; ++v) {
          const size_t index = v ? t.new_index : t.old_index;
          for (size_t r = 0; r < side[v].key.size(); ++r) {
            const int32_t x = side[v].labels[index][r];
            const std::string label = x < 0 ? kNoLabel : v ? t.new_name(x) : t.old_name(x);
            ++moved[v ? std::make_pair(std::string(kRejected), label) : std::make_pair(label, std::string(kRejected))];
            rt::append_csv_field(changed_csv, side[v].key[r]);
            changed_csv += "," + t.name + ",";
            rt::append_csv_field(changed_csv, v ? std::string(kRejected) : label);
            changed_csv += ",";
            rt::append_csv_field(changed_csv, v ? label : std::string(kRejected));
            for (auto [i, j] : shared_scores) {
              const double val = side[v].scores[v ? j : i][r];
              const std::string cell = std::isnan(val) ? std::string() : points_text(val);
              changed_csv += v ? ",," + cell : "," + cell + ",";
            }
            changed_csv += "\n";
          }
        }
        for (const OutputDiff& d : sd.outputs) {
          if (d.name != t.name || d.kind != "classification") continue;
          auto& c = counts[d.name];
          for (const DiffChange& ch : d.changes) c.push_back(moved[{ch.from, ch.to}]);
        }
        // The matrix holds the leads both versions read; a row only one reads is a
        // change of its own (`rejected` on the other side), said so that the counts add up.
        const size_t one_sided = only_by[0].size() + only_by[1].size();
        report += fmt::format("\nclassify {}: {} of {} {} label{}\n", t.name, t.changed,
                              counted(rows, "lead", "leads"), t.changed == 1 ? "changes" : "change",
                              one_sided ? fmt::format(" (the leads both versions read; {} only one version reads: {} -> "
                                                      "rejected, {} rejected -> …)",
                                                      counted(one_sided, "more row", "more rows"), only_by[0].size(),
                                                      only_by[1].size())
                                        : std::string());
        // Rows: old labels then `missing`; columns: new labels then `missing`, shown
        // only when some lead has no label.
        const auto& m = t.counts;
        const size_t na = t.old_labels.size(), nb = t.new_labels.size();
        bool row_missing = false, col_missing = false;
        for (size_t y = 0; y <= nb; ++y) row_missing |= m[na][y] > 0;
        for (size_t x = 0; x <= na; ++x) col_missing |= m[x][nb] > 0;
        std::vector<std::string> cols(t.new_labels);
        if (col_missing) cols.push_back(kNoLabel);
        size_t w0 = std::string("old \\ new").size();
        for (const auto& l : t.old_labels) w0 = std::max(w0, l.size());
        size_t wc = 1;
        for (const auto& c : cols) wc = std::max(wc, c.size());
        for (const auto& row : m)
          for (uint64_t v : row) wc = std::max(wc, std::to_string(v).size());
        report += fmt::format("  {:<{}}", "old \\ new", w0);
        for (const auto& c : cols) report += fmt::format("  {:>{}}", c, wc);
        report += "\n";
        for (size_t x = 0; x <= na; ++x) {
          if (x == na && !row_missing) break;
          report += fmt::format("  {:<{}}", t.old_name(x), w0);
          for (size_t y = 0; y < cols.size(); ++y) report += fmt::format("  {:>{}}", m[x][y < nb ? y : nb], wc);
          report += "\n";
        }
      }

      for (auto [i, j] : shared_scores) {
        double sa = 0, sb = 0;
        uint64_t na = 0, nb = 0, changed = 0, rose = 0, fell = 0;
        for (size_t r = 0; r < rows; ++r) {
          const double x = ra.scores[i][r], y = rb.scores[j][r];
          if (!std::isnan(x)) sa += x, ++na;
          if (!std::isnan(y)) sb += y, ++nb;
          if (std::isnan(x) != std::isnan(y) || (!std::isnan(x) && x != y)) {
            ++changed;
            if (!row_in_csv[r]) {
              // A lead whose labels stay but whose score moves: a row without a classification.
              row_in_csv[r] = true;
              // Its labels (the same in both versions) fill the classification columns.
              rt::append_csv_field(changed_csv, ra.key[r]);
              changed_csv += ",";
              if (!moves.empty()) {
                const rt::LabelTransitions& t = moves.front();
                const int32_t x = ra.labels[t.old_index][r], y = rb.labels[t.new_index][r];
                rt::append_csv_field(changed_csv, t.name);
                changed_csv += ",";
                if (x >= 0) rt::append_csv_field(changed_csv, t.old_name(x));
                changed_csv += ",";
                if (y >= 0) rt::append_csv_field(changed_csv, t.new_name(y));
              } else {
                changed_csv += ",";
              }
              changed_csv += score_cells(r) + "\n";
            }
          }
          if (!std::isnan(x) && !std::isnan(y)) rose += y > x, fell += y < x;
        }
        for (const OutputDiff& d : sd.outputs) {
          if (d.name != pa.scores[i].name || d.kind != "score") continue;
          auto& c = counts[d.name];
          for (const DiffChange& ch : d.changes) c.push_back(ch.from == "rise" ? rose : fell);
        }
        report += fmt::format("\nscore {}: mean {} -> {}, {} of {} {} score\n", pa.scores[i].name,
                              na ? number(sa / na) : "-", nb ? number(sb / nb) : "-", changed, counted(rows, "lead", "leads"),
                              changed == 1 ? "changes" : "change");
      }
      for (const auto& sa : pa.scores) {
        bool in_new = false;
        for (const auto& sb : pb.scores) in_new |= sa.name == sb.name;
        if (!in_new) only.push_back(fmt::format("score `{}` is only in {}", sa.name, o->old_file));
      }
      for (const auto& sb : pb.scores) {
        bool in_old = false;
        for (const auto& sa : pa.scores) in_old |= sa.name == sb.name;
        if (!in_old) only.push_back(fmt::format("score `{}` is only in {}", sb.name, o->new_file));
      }
      if (!only.empty()) {
        report += "\nnot compared:\n";
        for (const auto& s : only) report += "  " + s + "\n";
      }
      if (!o->out.empty()) {
        rt::AtomicFile f(o->out);
        f.write(changed_csv);
        f.commit();
        report += "\nchanged leads written to " + o->out + "\n";
      }
      emit(&counts, report);
      return ok_exit;
    });
  };
}

}  // namespace leadc::cli
