// leadc: check, test, run and compile lead definitions. Each subcommand lives in its
// own cmd_*.cpp; this file only dispatches and maps failures to exit codes.
#include <algorithm>
#include <cstdio>
#include <exception>

#include "compiler/resolve.h"
#include "tools/leadc/cli.h"

int main(int argc, char** argv) {
  CLI::App app{"leadc: lead definitions that say exactly what a lead is"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "leadc 0.1.0");
  std::vector<std::pair<CLI::App*, leadc::cli::Runner>> commands;
  auto add = [&](auto reg) {
    size_t before = app.get_subcommands({}).size();
    auto runner = reg(app);
    commands.emplace_back(app.get_subcommands({})[before], runner);
  };
  add(leadc::cli::add_check);
  add(leadc::cli::add_test);
  add(leadc::cli::add_run);
  add(leadc::cli::add_compile);
  add(leadc::cli::add_explain);
  add(leadc::cli::add_explain_code);
  add(leadc::cli::add_diff);
  add(leadc::cli::add_report);
  add(leadc::cli::add_fmt);
  add(leadc::cli::add_fix);
  add(leadc::cli::add_infer);
  add(leadc::cli::add_lsp);
  if (argc > 1 && argv[1][0] != '-') {
    // CLI11 would say only "A subcommand is required" for a misspelt command.
    std::vector<std::string> names;
    for (auto& [sub, runner] : commands) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::string near = leadc::closest_name(argv[1], names);
      std::fprintf(stderr, "leadc: error: unknown command \"%s\"", argv[1]);
      if (!near.empty()) std::fprintf(stderr, "; did you mean \"%s\"?", near.c_str());
      std::fprintf(stderr, "\nRun `leadc --help` for the commands.\n");
      return leadc::cli::kUsage;
    }
    // An unknown `--option` would otherwise be read as a file name (`--formt json`
    // complains about a file `json`): name it, and the closest option of the command.
    for (auto& [sub, runner] : commands) {
      if (sub->get_name() != argv[1]) continue;
      std::vector<std::string> options{"--help"};
      for (const CLI::Option* opt : sub->get_options())
        for (const std::string& l : opt->get_lnames()) options.push_back("--" + l);
      for (int i = 2; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") break;
        if (arg.rfind("--", 0) != 0) continue;
        arg = arg.substr(0, arg.find('='));
        if (std::find(options.begin(), options.end(), arg) != options.end()) continue;
        std::string near = leadc::closest_name(arg, options);
        std::fprintf(stderr, "leadc: error: unknown option `%s` of `leadc %s`", arg.c_str(), argv[1]);
        if (!near.empty()) std::fprintf(stderr, "; did you mean `%s`?", near.c_str());
        std::fprintf(stderr, "\nRun `leadc %s --help` for its options.\n", argv[1]);
        return leadc::cli::kUsage;
      }
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : leadc::cli::kUsage;
  }
  try {
    for (auto& [sub, runner] : commands)
      if (sub->parsed()) return runner();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "leadc: error: %s\n", e.what());
    return leadc::cli::kUsage;
  }
  return leadc::cli::kUsage;
}
