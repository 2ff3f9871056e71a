// `leadc explain FILE --leads LEADS --id KEY [--as-of DATE]`: find one lead by its key,
// evaluate it with the interpreter and say, for a person, why it got each label.
#include <sys/stat.h>

#include <cstdio>

#include <optional>

#include "runtime/activities.h"
#include "runtime/lead_source.h"
#include "runtime/output_format.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/explain_text.h"

namespace leadc::cli {

namespace {

// Row `row` of `in` as a batch of its own (strings copied into its arena).
rt::Batch one_row(const rt::Batch& in, size_t row) {
  rt::Batch b;
  b.rows = 1;
  b.line.push_back(row < in.line.size() ? in.line[row] : 0);
  for (const rt::Column& src : in.inputs) {
    rt::Column c;
    c.reset(src.type, 1);
    c.known[0] = src.known[row];
    switch (src.type) {
      case ir::Type::Bool: c.b[0] = src.b[row]; break;
      case ir::Type::Num: c.num[0] = src.num[row]; break;
      case ir::Type::Enum: c.member[0] = src.member[row]; break;
      case ir::Type::Str: c.str[0] = src.known[row] ? b.keep(std::string(src.str[row])) : std::string_view(); break;
    }
    b.inputs.push_back(std::move(c));
  }
  return b;
}

}  // namespace

Runner add_explain(CLI::App& app) {
  struct Opts {
    std::string file, leads, activities, id, as_of;
    unsigned timeout_ms = 2000;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("explain", "Explain why one lead got its labels: field values, terms, score rules, "
                                            "each classification's labels in order");
  cmd->add_option("file", o->file, "Definition file (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--leads", o->leads, "Lead file (.csv, .jsonl)")->required();
  cmd->add_option("--id", o->id, "The key of the lead to explain")->required();
  cmd->add_option("--activities", o->activities, "Events file for the definition's `activity` block (default: no events)");
  cmd->add_option("--as-of", o->as_of, "The time `within` and `days_since` count from (default: now)");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->footer("Exit codes: 0 explained, 1 the definition has check errors, 2 usage or I/O error,\n"
              "3 data error (no lead with that key, or the lead file's header does not fit).");
  return [o]() {
    CheckedFile c = compile_and_check(o->file, {}, o->timeout_ms);
    print_diagnostics(c.diags);
    if (!c.ok) return int(kFindings);
    const ir::Program& p = *c.compilation.program;
    auto input = lead_input(o->as_of, o->leads);
    if (!input) return usage_error(input.error());
    const rt::EvalContext ctx = input->ctx;
    const int key = p.key_input();
    if (key < 0) {
      std::fprintf(stderr, "leadc: error: `%s` has no key field to look leads up by\n", o->file.c_str());
      return int(kUsage);
    }
    const ExplainText explain_text(c.compilation);
    const rt::Explainer& explainer = explain_text.explainer();
    return with_data_errors([&]() -> int {
      std::optional<rt::ActivityTable> activities;
      if (!o->activities.empty() && p.activity) {
        rt::ActivityOptions aopts;
        aopts.path = o->activities;
        activities.emplace(p, aopts, ctx);
      }
      rt::LeadSource leads(o->leads, p, activities ? &*activities : nullptr);
      rt::Batch batch;
      std::vector<rt::RowError> errors;
      while (leads.next(batch, &errors)) {
        for (size_t r = 0; r < batch.rows; ++r) {
          if (explainer.input_text(key, batch, r) != o->id) continue;
          const rt::Batch one = one_row(batch, r);
          rt::Registers regs;
          rt::make_interpreter(p, ctx).value()->evaluate(one, regs);
          std::string as_of;
          rt::append_timestamp(as_of, ctx.as_of);
          std::string out = "lead " + p.inputs[key].field + " = " + explainer.field_value(key, regs, 0).text + " (" +
                            o->leads + " line " + std::to_string(one.line[0]) + "), as of " + as_of + "\n\n";
          out += explain_text.full(regs, 0);
          std::fwrite(out.data(), 1, out.size(), stdout);
          return int(kOk);
        }
      }
      std::fprintf(stderr, "leadc: error: no lead with key \"%s\" in %s\n", o->id.c_str(), o->leads.c_str());
      if (!errors.empty())
        std::fprintf(stderr, "  note: %zu row%s could not be read; the first: %s\n", errors.size(),
                     errors.size() == 1 ? "" : "s", errors.front().message.c_str());
      return int(kData);
    });
  };
}

}  // namespace leadc::cli
