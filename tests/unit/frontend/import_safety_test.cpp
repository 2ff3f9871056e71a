// Hostile paths and values in the front end (issue 19): an import stays inside the
// root file's folder once symlinks are resolved, reads only regular `.lead` files of
// bounded size and never shows another file's contents; `--set` takes exactly one
// literal; a number literal too big for a double is a located E0101.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "compiler/driver.h"

namespace fs = std::filesystem;

namespace {

const char* kBody = "lead {\n  lead_id: text key\n  employees: int?\n}\nterm big = employees > 10\noutput lead_id, big\n";

// A scratch folder holding `main.lead` (IMPORT_LINE + a valid body) and whatever the
// case adds; removed at the end of the scope.
struct Tree {
  fs::path dir = fs::temp_directory_path() / ("leadc-import-test-" + std::to_string(::getpid()));
  Tree() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Tree() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
  // Compiles main.lead with one import line; returns every diagnostic's text. The
  // compilation is kept (spans point into its files) until the next call.
  std::string compile(const std::string& import_line, leadc::Diagnostics& diags) {
    write("main.lead", import_line + "\n" + kBody);
    last = leadc::compile_file((dir / "main.lead").string(), diags);
    std::string all;
    for (const auto& d : diags.all()) all += d.message + "\n";
    return all;
  }
  leadc::Compilation last;
};

bool has(const leadc::Diagnostics& diags, leadc::DiagCode code) {
  for (const auto& d : diags.all())
    if (d.code == code && d.span.valid()) return true;
  return false;
}

}  // namespace

TEST_CASE("an import through a symlink out of the tree is refused without reading the target") {
  Tree t;
  fs::create_directory_symlink("/proc/self", t.dir / "p");
  leadc::Diagnostics diags;
  const std::string text = t.compile("import \"p/environ\"", diags);
  CHECK(has(diags, leadc::DiagCode::E0002));
  CHECK(text.find("leaves the folder") != std::string::npos);
  // The diagnostics never point into the file reached (no span in it, no text of it).
  for (const auto& d : diags.all()) CHECK((d.span.file == nullptr || d.span.file->path.find("environ") == std::string::npos));
}

TEST_CASE("an import of a directory, of \"\" or of a non-.lead file is an E0002 with a span") {
  Tree t;
  fs::create_directories(t.dir / "sub");
  t.write("secret.txt", "TOKEN=abc123 not a definition\n");
  for (const char* line : {"import \"sub\"", "import \"sub/\"", "import \"\"", "import \"secret.txt\""}) {
    CAPTURE(line);
    leadc::Diagnostics diags;
    const std::string text = t.compile(line, diags);
    CHECK(has(diags, leadc::DiagCode::E0002));
    CHECK(text.find("abc123") == std::string::npos);
  }
  // A symlink with a .lead name to a file without one is refused as well.
  fs::create_symlink(t.dir / "secret.txt", t.dir / "secret.lead");
  leadc::Diagnostics diags;
  CHECK(t.compile("import \"secret.lead\"", diags).find("`.lead` file") != std::string::npos);
}

TEST_CASE("a FIFO import does not hang and an oversized import names the limit") {
  Tree t;
  REQUIRE(::mkfifo((t.dir / "pipe.lead").c_str(), 0600) == 0);
  leadc::Diagnostics fifo;
  CHECK(t.compile("import \"pipe.lead\"", fifo).find("not a regular file") != std::string::npos);
  CHECK(has(fifo, leadc::DiagCode::E0002));

  t.write("big.lead", std::string((1 << 20) + 10, ' '));
  leadc::Diagnostics big;
  CHECK(t.compile("import \"big.lead\"", big).find("1 MiB") != std::string::npos);
}

TEST_CASE("an ordinary import inside the tree still works") {
  Tree t;
  fs::create_directories(t.dir / "shared");
  t.write("shared/seg.lead", "term mid = employees in 100..999\n");
  leadc::Diagnostics diags;
  t.write("main.lead", std::string("import \"shared/seg.lead\"\n") + kBody);
  leadc::Compilation c = leadc::compile_file((t.dir / "main.lead").string(), diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(c.program);
}

TEST_CASE("--set takes exactly one literal") {
  CHECK(leadc::override_value_error("x", "1").empty());
  CHECK(leadc::override_value_error("x", "-5").empty());
  CHECK(leadc::override_value_error("w", "90 days").empty());
  CHECK(leadc::override_value_error("m", "250k USD").empty());
  CHECK(leadc::override_value_error("s", "\"text\"").empty());
  CHECK(leadc::override_value_error("b", "true").empty());
  CHECK_FALSE(leadc::override_value_error("x", "1 const y = 2").empty());
  CHECK_FALSE(leadc::override_value_error("x", "1 term t = true").empty());
  CHECK_FALSE(leadc::override_value_error("x", "1 + 2").empty());
  CHECK_FALSE(leadc::override_value_error("x", "other_const").empty());
  CHECK_FALSE(leadc::override_value_error("x", "").empty());
  CHECK(leadc::override_value_error("x", "1 const y = 2").find("more than one") != std::string::npos);

  // Through the compiler too: never silently dropped.
  leadc::Diagnostics diags;
  leadc::CompileOptions opts;
  opts.overrides = {{"n", "1 const y = 2"}};
  leadc::compile_source("t.lead", std::string(kBody) + "const n = 3\n", diags, opts);
  CHECK(diags.has_errors());
}

TEST_CASE("a number literal too large for a double is an E0101 at the literal") {
  const std::string huge = "1" + std::string(309, '0');
  leadc::Diagnostics diags;
  leadc::compile_source("t.lead",
                        "lead {\n  lead_id: text key\n  employees: int?\n}\nterm big = employees > " + huge +
                            "\noutput lead_id, big\n",
                        diags);
  REQUIRE(diags.all().size() == 1);
  const auto& d = diags.all()[0];
  CHECK(d.code == leadc::DiagCode::E0101);
  CHECK(d.span.line == 5);
  CHECK(d.span.col == 24);
  CHECK(d.message.find("too large") != std::string::npos);
  // Just below the limit is an ordinary number.
  leadc::Diagnostics ok;
  leadc::compile_source("t.lead", "lead {\n  lead_id: text key\n  employees: int?\n}\nterm big = employees > 1" +
                                      std::string(300, '0') + "\noutput lead_id, big\n",
                        ok);
  CHECK_FALSE(ok.has_errors());
}
