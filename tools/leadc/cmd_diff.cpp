// `leadc diff OLD.lead NEW.lead --leads LEADS [--as-of DATE] [-o OUT]`: run two versions
// of a definition over the same leads and report how the labels move: a transition
// matrix per classification both define, score means, and optionally the changed leads.
#include <sys/stat.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "runtime/atomic_file.h"
#include "runtime/activities.h"
#include "runtime/label_transitions.h"
#include "runtime/lead_source.h"
#include "runtime/output_format.h"
#include "runtime/output_paths.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/explain_text.h"

namespace leadc::cli {

namespace {

// One definition's results over the whole file, row by row.
struct Results {
  std::vector<uint64_t> line;
  std::vector<std::string> key;
  std::vector<std::vector<int32_t>> labels;  // per classification, per row: member or -1
  std::vector<std::vector<double>> scores;   // per score, per row: value or NaN
};

Results evaluate_all(const CheckedFile& c, const std::string& leads, rt::EvalContext ctx, uint64_t bytes) {
  const ir::Program& p = *c.compilation.program;
  std::string engine;
  auto eval = make_engine(p, ctx, "auto", bytes, engine);
  const rt::Explainer text(p);
  const int key = p.key_input();
  Results res;
  res.labels.resize(p.classifications.size());
  res.scores.resize(p.scores.size());
  // Aggregates over activities count as a lead without events (diff reads no events file).
  rt::LeadSource source(leads, p);
  rt::Batch batch;
  rt::Registers regs;
  while (source.next(batch)) {
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
  return res;
}

std::string number(double v) {
  std::string s;
  rt::append_number(s, std::round(v * 100) / 100);
  return s;
}

}  // namespace

Runner add_diff(CLI::App& app) {
  struct Opts {
    std::string old_file, new_file, leads, as_of, out;
    unsigned timeout_ms = 2000;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("diff", "Run two versions of a definition over the same leads and report how "
                                         "labels and scores change");
  cmd->add_option("old", o->old_file, "The old definition (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("new", o->new_file, "The new definition (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--leads", o->leads, "Lead file (.csv, .jsonl)")->required();
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  cmd->add_option("-o,--output", o->out, "Write the changed leads as CSV: key, classification, old, new");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->footer("Both definitions must pass `leadc check` and have the same key field. The report (stdout) has,\n"
              "per classification both define, a matrix of old label -> new label counts, and per score the\n"
              "mean before and after. Exit codes: 0 report written, 1 check errors, 2 usage or I/O error,\n"
              "3 data error in the lead file.");
  return [o]() {
    // `-o` may be no input (checked by file identity, imports included once known).
    auto distinct = [&](const CheckedFile* a, const CheckedFile* b) {
      std::vector<rt::NamedPath> in{{o->old_file, "the old definition"}, {o->new_file, "the new definition"},
                                    {o->leads, "the lead file (--leads)"}};
      for (const CheckedFile* c : {a, b})
        for (size_t i = 1; c && i < c->compilation.files.size(); ++i) in.push_back({c->compilation.files[i]->path, "an imported definition"});
      auto clash = rt::output_conflict(in, {{o->out, "the output (-o)"}});
      if (clash) std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
      return !clash;
    };
    if (!distinct(nullptr, nullptr)) return int(kUsage);
    CheckedFile a = compile_and_check(o->old_file, {}, o->timeout_ms);
    print_diagnostics(a.diags);
    CheckedFile b = compile_and_check(o->new_file, {}, o->timeout_ms);
    print_diagnostics(b.diags);
    if (!a.ok || !b.ok) return int(kFindings);
    if (!distinct(&a, &b)) return int(kUsage);
    const ir::Program& pa = *a.compilation.program;
    const ir::Program& pb = *b.compilation.program;
    const int ka = pa.key_input(), kb = pb.key_input();
    if (ka < 0 || kb < 0 || pa.inputs[ka].field != pb.inputs[kb].field) {
      std::fprintf(stderr, "leadc: error: the two definitions must have the same key field (`%s` vs `%s`)\n",
                   ka < 0 ? "" : pa.inputs[ka].field.c_str(), kb < 0 ? "" : pb.inputs[kb].field.c_str());
      return int(kUsage);
    }
    auto input = lead_input(o->as_of, o->leads);
    if (!input) return usage_error(input.error());
    const rt::EvalContext ctx = input->ctx;
    return with_data_errors([&]() -> int {
      const uint64_t bytes = input->lead_bytes;
      Results ra = evaluate_all(a, o->leads, ctx, bytes);
      Results rb = evaluate_all(b, o->leads, ctx, bytes);
      if (ra.line != rb.line) throw std::runtime_error("the two definitions read different rows of " + o->leads);
      const size_t rows = ra.line.size();
      std::string as_of;
      rt::append_timestamp(as_of, ctx.as_of);
      std::string report = fmt::format("leadc diff: {} -> {} over {} leads of {} (as of {})\n", o->old_file,
                                       o->new_file, rows, o->leads, as_of);
      std::string changed_csv = pa.inputs[ka].field + ",classification,old,new\n";
      std::vector<std::string> only;

      std::vector<std::string> only_old, only_new;
      std::vector<rt::LabelTransitions> moves = rt::label_transitions_for(pa, pb, 0, only_old, only_new);
      for (const std::string& name : only_old) only.push_back(fmt::format("classification `{}` is only in {}", name, o->old_file));
      for (const std::string& name : only_new) only.push_back(fmt::format("classification `{}` is only in {}", name, o->new_file));
      for (rt::LabelTransitions& t : moves) {
        for (size_t r = 0; r < rows; ++r) {
          const int32_t x = ra.labels[t.old_index][r], y = rb.labels[t.new_index][r];
          t.add(x, y, [] { return std::string(); });
          const size_t xi = x < 0 ? t.old_labels.size() : x, yi = y < 0 ? t.new_labels.size() : y;
          if (!t.changes(xi, yi)) continue;
          rt::append_csv_field(changed_csv, ra.key[r]);
          changed_csv += "," + t.name + ",";
          if (x >= 0) rt::append_csv_field(changed_csv, t.old_name(xi));
          changed_csv += ",";
          if (y >= 0) rt::append_csv_field(changed_csv, t.new_name(yi));
          changed_csv += "\n";
        }
        report += fmt::format("\nclassify {}: {} of {} leads change label\n", t.name, t.changed, rows);
        // Rows: old labels then `missing`; columns: new labels then `missing`, shown
        // only when some lead has no label.
        const auto& m = t.counts;
        const size_t na = t.old_labels.size(), nb = t.new_labels.size();
        bool row_missing = false, col_missing = false;
        for (size_t y = 0; y <= nb; ++y) row_missing |= m[na][y] > 0;
        for (size_t x = 0; x <= na; ++x) col_missing |= m[x][nb] > 0;
        std::vector<std::string> cols(t.new_labels);
        if (col_missing) cols.push_back("missing");
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

      for (size_t i = 0; i < pa.scores.size(); ++i) {
        size_t j = 0;
        while (j < pb.scores.size() && pb.scores[j].name != pa.scores[i].name) ++j;
        if (j == pb.scores.size()) {
          only.push_back(fmt::format("score `{}` is only in {}", pa.scores[i].name, o->old_file));
          continue;
        }
        double sa = 0, sb = 0;
        uint64_t na = 0, nb = 0, changed = 0;
        for (size_t r = 0; r < rows; ++r) {
          const double x = ra.scores[i][r], y = rb.scores[j][r];
          if (!std::isnan(x)) sa += x, ++na;
          if (!std::isnan(y)) sb += y, ++nb;
          if (std::isnan(x) != std::isnan(y) || (!std::isnan(x) && x != y)) ++changed;
        }
        report += fmt::format("\nscore {}: mean {} -> {}, {} of {} leads change score\n", pa.scores[i].name,
                              na ? number(sa / na) : "-", nb ? number(sb / nb) : "-", changed, rows);
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
      std::fwrite(report.data(), 1, report.size(), stdout);
      return int(kOk);
    });
  };
}

}  // namespace leadc::cli
