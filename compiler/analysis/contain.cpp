// The solver in a child process: see contain.h.
#include "compiler/analysis/contain.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "compiler/analysis/checker.h"

namespace leadc::analysis {

namespace {

// A child past the analysis' own time limit (which interrupts Z3 from its watchdog
// thread) by this much is killed: a hang the interrupt does not reach.
constexpr unsigned kGraceMs = 10000;

// ---- the records the child sends: B part, E part findings, D (done), X message ----
// Spans keep their SourceFile pointer: the child is a fork, with the parent's memory.
class Writer {
 public:
  void byte(char c) { buf_ += c; }
  void num(uint64_t v) { buf_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    num(s.size());
    buf_ += s;
  }
  void span(const Span& s) {
    num(reinterpret_cast<uintptr_t>(s.file));
    for (uint32_t v : {s.begin, s.end, s.line, s.col}) num(v);
  }
  void diag(const Diagnostic& d) {
    num(static_cast<uint64_t>(d.code));
    num(static_cast<uint64_t>(d.severity));
    span(d.span);
    str(d.message);
    num(d.notes.size());
    for (const Note& n : d.notes) {
      span(n.span);
      str(n.message);
    }
    num(d.help ? 1 : 0);
    if (d.help) str(*d.help);
    num(d.fixits.size());
    for (const FixIt& f : d.fixits) {
      span(f.span);
      str(f.replacement);
    }
    num(d.witness ? 1 : 0);
    if (d.witness) str(*d.witness);
  }
  // Writes what is buffered to `fd` (the parent reads it as it comes).
  void flush(int fd) {
    size_t done = 0;
    while (done < buf_.size()) {
      ssize_t n = ::write(fd, buf_.data() + done, buf_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(3);  // the parent is gone
      done += static_cast<size_t>(n);
    }
    buf_.clear();
  }

 private:
  std::string buf_;
};

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  bool more() const { return ok_ && pos_ < b_.size(); }
  bool ok() const { return ok_; }
  char byte() {
    if (pos_ + 1 > b_.size()) return fail<char>();
    return b_[pos_++];
  }
  uint64_t num() {
    uint64_t v = 0;
    if (pos_ + sizeof v > b_.size()) return fail<uint64_t>();
    std::memcpy(&v, b_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  std::string str() {
    uint64_t n = num();
    if (!ok_ || pos_ + n > b_.size()) return fail<std::string>();
    std::string s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  Span span() {
    Span s;
    s.file = reinterpret_cast<const SourceFile*>(static_cast<uintptr_t>(num()));
    s.begin = static_cast<uint32_t>(num());
    s.end = static_cast<uint32_t>(num());
    s.line = static_cast<uint32_t>(num());
    s.col = static_cast<uint32_t>(num());
    return s;
  }
  Diagnostic diag() {
    Diagnostic d;
    d.code = static_cast<DiagCode>(num());
    d.severity = static_cast<Severity>(num());
    d.span = span();
    d.message = str();
    for (uint64_t k = num(); ok_ && k > 0; --k) {
      Note n;
      n.span = span();
      n.message = str();
      d.notes.push_back(std::move(n));
    }
    if (num()) d.help = str();
    for (uint64_t k = num(); ok_ && k > 0; --k) {
      FixIt f;
      f.span = span();
      f.replacement = str();
      d.fixits.push_back(std::move(f));
    }
    if (num()) d.witness = str();
    return d;
  }

 private:
  template <typename T>
  T fail() {
    ok_ = false;
    pos_ = b_.size();
    return T{};
  }
  const std::string& b_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// The test hook: 0 none, -1 "build", N the N-th part (1-based).
long crash_hook() {
  const char* v = std::getenv(kCrashHookVariable);
  if (!v || !*v) return 0;
  if (std::string(v) == "build") return -1;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  return end && *end == '\0' && n > 0 ? n : 0;
}

[[noreturn]] void child(int fd, const ir::Program& program, const AnalyzeOptions& opts,
                        const std::vector<PartMode>& modes, long hook) {
  Diagnostics diags;
  Writer w;
  try {
    if (hook == -1) raise(SIGSEGV);
    Checker checker(program, opts, diags);
    size_t first = 0;
    PartHooks h;
    h.mode = [&](size_t k) { return modes[k]; };
    h.begin = [&](size_t k) {
      first = diags.all().size();
      w.byte('B');
      w.num(k);
      w.flush(fd);
      if (hook > 0 && static_cast<size_t>(hook) == k + 1) raise(SIGSEGV);
    };
    h.end = [&](size_t k) {
      if (modes[k] != PartMode::Run) return;
      w.byte('E');
      w.num(k);
      w.num(diags.all().size() - first);
      for (size_t i = first; i < diags.all().size(); ++i) w.diag(diags.all()[i]);
      w.flush(fd);
    };
    checker.run(&h);
    w.byte('D');
  } catch (const z3::exception& e) {
    w.byte('X');
    w.str(e.msg());
  }
  w.flush(fd);
  ::close(fd);
  _exit(0);  // no atexit handlers, no stdio buffers of the parent's flushed twice
}

std::string ending(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = strsignal(sig);
    return fmt::format("signal {} ({})", sig, name ? name : "unknown");
  }
  if (WIFEXITED(status)) return fmt::format("exit status {}", WEXITSTATUS(status));
  return "an unknown end";
}

// What one child did.
struct Outcome {
  std::vector<std::pair<size_t, std::vector<Diagnostic>>> found;  // per part it finished
  std::optional<size_t> open;  // a part it began and did not finish
  bool done = false;           // it finished every part it was to run
  std::optional<std::string> failure;  // a solver error building the encoding
  std::string end;             // how it ended, when not done
};

Outcome run_child(const ir::Program& program, const AnalyzeOptions& opts, const std::vector<PartMode>& modes, long hook,
                  unsigned limit_ms) {
  Outcome out;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    out.end = fmt::format("no pipe ({})", std::strerror(errno));
    return out;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    out.end = fmt::format("no process ({})", std::strerror(errno));
    ::close(fds[0]);
    ::close(fds[1]);
    return out;
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(fds[1], program, opts, modes, hook);
  }
  ::close(fds[1]);
  std::string buf;
  bool killed = false;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(uint64_t{limit_ms} + kGraceMs);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left.count(), INT32_MAX)));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;  // the clock is checked above
    char chunk[65536];
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child closed its end: finished or dead
    buf.append(chunk, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Reader rd(buf);
  while (rd.more()) {
    const char tag = rd.byte();
    if (tag == 'B') {
      out.open = static_cast<size_t>(rd.num());
    } else if (tag == 'E') {
      const size_t k = static_cast<size_t>(rd.num());
      std::vector<Diagnostic> ds;
      for (uint64_t c = rd.num(); rd.ok() && c > 0; --c) ds.push_back(rd.diag());
      if (!rd.ok()) break;
      out.found.emplace_back(k, std::move(ds));
      out.open.reset();
    } else if (tag == 'D') {
      out.done = true;
    } else if (tag == 'X') {
      out.failure = rd.str();
    } else {
      break;
    }
  }
  if (out.done && out.open) out.open.reset();  // a Replay part: begun, never sent
  if (killed) {
    out.done = false;
    out.end = fmt::format("no end within the analysis' time limit ({} ms), so it was killed", limit_ms);
  } else if (!out.done && !out.failure) {
    out.end = ending(status);
  }
  return out;
}

}  // namespace

void analyze_contained(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags) {
  const std::vector<AnalysisPart> parts = analysis_parts(program);
  const size_t n = parts.size();
  std::vector<std::optional<std::vector<Diagnostic>>> found(n);
  std::vector<std::string> crashed(n);  // how the process ended in that part
  std::optional<std::string> lost;      // the encoding itself could not be built: why
  std::optional<std::string> failure;   // a solver error building the encoding
  bool replay = true;  // the conditions part can be run again for the state later parts read
  long hook = crash_hook();
  const auto start = std::chrono::steady_clock::now();
  const unsigned total = analysis_ms(opts);
  // One child normally; after a crash, one more for the parts after the one it was in.
  for (size_t attempt = 0; attempt <= n; ++attempt) {
    std::vector<PartMode> modes(n, PartMode::Skip);
    bool any = false, classification = false;
    for (size_t k = 0; k < n; ++k) {
      if (found[k] || !crashed[k].empty()) continue;
      modes[k] = PartMode::Run;
      any = true;
      classification = classification || parts[k].kind == AnalysisPart::Kind::Classification;
    }
    if (!any) break;
    // Later classifications read which labels can never be true (the conditions part).
    if (replay && n > 0 && found[0] && classification) modes[0] = PartMode::Replay;
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    AnalyzeOptions mine = opts;
    mine.total_ms = static_cast<unsigned>(std::max<int64_t>(1, static_cast<int64_t>(total) - spent));
    Outcome o = run_child(program, mine, modes, hook, mine.total_ms);
    hook = 0;  // the test hook crashes the first child only
    for (auto& [k, ds] : o.found) found[k] = std::move(ds);
    if (o.done) break;
    if (o.failure) {
      failure = o.failure;
      break;
    }
    if (!o.open) {
      lost = o.end;  // before the first part, or between two: building the encoding
      break;
    }
    if (modes[*o.open] == PartMode::Replay) {
      replay = false;  // the conditions again: the parts after them go without
    } else {
      crashed[*o.open] = o.end;
    }
  }
  for (size_t k = 0; k < n; ++k) {
    if (found[k]) {
      for (Diagnostic& d : *found[k]) diags.all().push_back(std::move(d));
    } else if (!crashed[k].empty()) {
      Diagnostic& d = diags.report(DiagCode::W0406, parts[k].span,
                                   fmt::format("could not decide whether {}: the solver crashed", parts[k].what));
      d.notes.push_back({Span{}, "the solver's process ended with " + crashed[k] +
                                     "; the other parts of the analysis went on in a new process"});
    }
  }
  if (failure) {
    diags.report(DiagCode::W0406, Span{}, "could not decide the checks of this definition")
        .notes.push_back({Span{}, "the solver failed: " + *failure});
  } else if (lost) {
    diags.report(DiagCode::W0406, Span{}, "could not decide the checks of this definition: the solver crashed")
        .notes.push_back({Span{}, "the solver's process ended with " + *lost + " while building the formulas"});
  }
}

}  // namespace leadc::analysis
