// leadc: check, test, run and compile lead definitions. Each subcommand lives in its
// own cmd_*.cpp; this file only dispatches and maps failures to exit codes.
#include <cstdio>
#include <exception>

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
  add(leadc::cli::add_diff);
  add(leadc::cli::add_fmt);
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
