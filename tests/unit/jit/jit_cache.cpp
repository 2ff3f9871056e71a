// The JIT's on-disk object cache: a second compile of the same program is a cache
// hit that computes exactly what the cold compile does, a damaged entry is a miss
// (and is rewritten), and LEADC_JIT_CACHE=0 keeps the cache out of the way.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "tests/unit/jit/jit_test_util.h"
#include "runtime/jit/jit.h"
#include "tests/unit/ir_support/random_program.h"

using namespace leadc;
namespace fs = std::filesystem;

using leadc::testing::same_registers;

namespace {

// Sets (or, with null, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::vector<fs::path> entries(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path());
  return out;
}

}  // namespace

TEST_CASE("the JIT object cache: warm hits, damaged entries, LEADC_JIT_CACHE=0") {
  fs::path home = fs::temp_directory_path() / ("leadc-jit-cache-test-" + std::to_string(getpid()));
  fs::remove_all(home);
  ScopedEnv xdg("XDG_CACHE_HOME", home.c_str());
  ScopedEnv on("LEADC_JIT_CACHE", nullptr);
  fs::path dir = home / "leadc";

  testing::RandomProgram gen(11);
  ir::Program p = gen.make();
  rt::Batch batch = gen.batch(p, 1000);
  rt::EvalContext ctx{1.7e9};

  jit::JitStats cold;
  auto first = testing::must_jit(p, ctx, {}, &cold);
  CHECK_FALSE(cold.cache_hit);
  REQUIRE(entries(dir).size() == 1);
  rt::Registers want;
  first->evaluate(batch, want);

  jit::JitStats warm;
  auto second = testing::must_jit(p, ctx, {}, &warm);
  CHECK(warm.cache_hit);
  CHECK(warm.optimize_ms == 0);
  rt::Registers got;
  second->evaluate(batch, got);
  CHECK(same_registers(p, want, got));

  // Flip one byte of the object: the checksum no longer matches.
  fs::path entry = entries(dir).front();
  {
    std::fstream f(entry, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(100);
    char c = 0;
    f.get(c);
    f.seekp(100);
    f.put(static_cast<char>(c ^ 0x5a));
  }
  jit::JitStats damaged;
  auto third = testing::must_jit(p, ctx, {}, &damaged);
  CHECK_FALSE(damaged.cache_hit);
  third->evaluate(batch, got);
  CHECK(same_registers(p, want, got));
  jit::JitStats rewritten;
  CHECK(bool(jit::make_jit(p, ctx, {}, &rewritten)));
  CHECK(rewritten.cache_hit);

  // Off: nothing read, nothing written.
  {
    ScopedEnv off("LEADC_JIT_CACHE", "0");
    jit::JitStats stats;
    CHECK(bool(jit::make_jit(p, ctx, {}, &stats)));
    CHECK_FALSE(stats.cache_hit);
    testing::RandomProgram other(12);
    CHECK(bool(jit::make_jit(other.make(), ctx)));
    CHECK(entries(dir).size() == 1);
  }
  fs::remove_all(home);
}
