// Output paths (issue 19): an output that is an input or another output is found by
// file identity (a link, a hard link, `./x` vs `x`, a file still to be created);
// AtomicFile writes through a symlink, keeps the replaced file's permissions, and
// removes temporaries left by a run that died.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/atomic_file.h"
#include "runtime/output_paths.h"

namespace fs = std::filesystem;
using leadc::rt::NamedPath;

namespace {

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("leadc-output-paths-" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool clash(const std::string& in, const std::string& out) {
  return leadc::rt::output_conflict({{in, "the input"}}, {{out, "the output"}}).has_value();
}

// A PID that certainly belongs to no process: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

}  // namespace

TEST_CASE("an output is compared with the inputs by identity, not by name") {
  Scratch s;
  std::ofstream(s / "leads.csv") << "id\n1\n";
  fs::create_symlink(s / "leads.csv", s / "link.csv");
  fs::create_hard_link(s / "leads.csv", s / "hard.csv");
  CHECK(clash(s / "leads.csv", s / "leads.csv"));
  CHECK(clash(s / "leads.csv", s / "link.csv"));
  CHECK(clash(s / "link.csv", s / "hard.csv"));
  CHECK(clash(s / "leads.csv", s.dir.string() + "/./../" + s.dir.filename().string() + "/leads.csv"));
  CHECK_FALSE(clash(s / "leads.csv", s / "out.csv"));
  CHECK_FALSE(clash(s / "leads.csv", ""));       // stdout
  CHECK_FALSE(clash("-", s / "out.csv"));         // stdin
  CHECK_FALSE(clash(s / "leads.csv", "/dev/null"));
  auto msg = leadc::rt::output_conflict({{s / "leads.csv", "the lead file"}}, {{s / "link.csv", "the output (-o)"}});
  REQUIRE(msg);
  CHECK(msg->find("the lead file") != std::string::npos);
  CHECK(msg->find("the output (-o)") != std::string::npos);
}

TEST_CASE("two outputs that do not exist yet clash when they name the same file") {
  Scratch s;
  fs::create_directories(s.dir / "sub");
  fs::create_directory_symlink(s.dir / "sub", s.dir / "alias");
  auto two = [](const std::string& a, const std::string& b) {
    return leadc::rt::output_conflict({}, {{a, "the output (-o)"}, {b, "the rejects file (--rejects)"}}).has_value();
  };
  CHECK(two(s / "x.csv", s / "x.csv"));
  CHECK(two(s / "sub/x.csv", s / "alias/x.csv"));
  CHECK_FALSE(two(s / "x.csv", s / "y.csv"));
  CHECK_FALSE(two("/dev/null", "/dev/null"));  // written in place: nothing is replaced
  // A dangling symlink is the file it would create.
  fs::create_symlink(s / "target.csv", s / "dangling.csv");
  CHECK(two(s / "dangling.csv", s / "target.csv"));
}

TEST_CASE("AtomicFile writes through a symlink and keeps the file's permissions") {
  Scratch s;
  std::ofstream(s / "real.csv") << "old\n";
  ::chmod((s / "real.csv").c_str(), 0640);
  fs::create_symlink("real.csv", s / "link.csv");  // relative, as `ln -s` makes them
  {
    leadc::rt::AtomicFile f(s / "link.csv");
    f.write("new\n");
    f.commit();
  }
  CHECK(fs::is_symlink(s / "link.csv"));
  CHECK(read(s / "real.csv") == "new\n");
  CHECK((fs::status(s / "real.csv").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(leadc::rt::write_target(s / "link.csv") == s.dir.string() + "/real.csv");
}

TEST_CASE("temporaries of a dead run are removed, a live run's are kept") {
  Scratch s;
  const std::string stale = s / (".out.csv.leadc-tmp." + std::to_string(dead_pid()) + ".AbC123");
  const std::string live = s / (".out.csv.leadc-tmp." + std::to_string(::getppid()) + ".XyZ789");
  const std::string other = s / (".other.csv.leadc-tmp." + std::to_string(dead_pid()) + ".q");
  for (const auto& p : {stale, live, other}) std::ofstream(p) << "half";
  CHECK(leadc::rt::is_stale_temporary(fs::path(stale).filename().string()));
  CHECK_FALSE(leadc::rt::is_stale_temporary(".out.csv.tmp-123456"));
  CHECK_FALSE(leadc::rt::is_stale_temporary("out.csv"));
  {
    leadc::rt::AtomicFile f(s / "out.csv");
    f.write("x\n");
    f.commit();
  }
  CHECK_FALSE(fs::exists(stale));
  CHECK(fs::exists(live));
  CHECK(fs::exists(other));  // another output's: left to the run that writes that file
  // Nothing else is left next to the output.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(s.dir)) entries += e.path().filename().string().find("leadc-tmp") != std::string::npos;
  CHECK(entries == 2);
}

TEST_CASE("remove_previous_output removes a regular file only") {
  Scratch s;
  std::ofstream(s / "old.rejects.csv") << "a,leadc_error\n";
  fs::create_symlink(s / "old.rejects.csv", s / "link.rejects.csv");
  CHECK_FALSE(leadc::rt::remove_previous_output(s / "link.rejects.csv"));
  CHECK(leadc::rt::remove_previous_output(s / "old.rejects.csv"));
  CHECK_FALSE(fs::exists(s / "old.rejects.csv"));
  CHECK_FALSE(leadc::rt::remove_previous_output(s / "none.csv"));
  CHECK_FALSE(leadc::rt::remove_previous_output(s.dir.string()));
}
