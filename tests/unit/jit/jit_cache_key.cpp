// The JIT cache binds each entry to its key (issue 19): a valid entry of another
// definition copied under a key's file name, as a shared CI cache or another user
// could plant it, is a miss, rebuilt and rewritten; it never runs.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "tests/unit/jit/jit_test_util.h"
#include "runtime/jit/jit.h"
#include "tests/unit/ir_support/random_program.h"

using namespace leadc;
namespace fs = std::filesystem;

using leadc::testing::same_registers;

namespace {

std::vector<fs::path> objects(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".o") out.push_back(e.path());
  return out;
}

}  // namespace

TEST_CASE("a cache entry copied under another key is ignored and rebuilt") {
  const fs::path home = fs::temp_directory_path() / ("leadc-jit-cache-key-" + std::to_string(::getpid()));
  fs::remove_all(home);
  const std::optional<std::string> old_xdg =
      std::getenv("XDG_CACHE_HOME") ? std::optional<std::string>(std::getenv("XDG_CACHE_HOME")) : std::nullopt;
  ::setenv("XDG_CACHE_HOME", home.c_str(), 1);
  ::unsetenv("LEADC_JIT_CACHE");
  const fs::path dir = home / "leadc";
  rt::EvalContext ctx{1.7e9};

  testing::RandomProgram gen_a(21), gen_b(22);
  ir::Program a = gen_a.make(), b = gen_b.make();
  rt::Batch batch_b = gen_b.batch(b, 500);

  // The reference: b compiled without the cache.
  jit::JitOptions no_cache;
  no_cache.use_cache = false;
  auto ref = testing::must_jit(b, ctx, no_cache);
  rt::Registers want;
  ref->evaluate(batch_b, want);

  REQUIRE(bool(jit::make_jit(a, ctx)));
  const std::vector<fs::path> only_a = objects(dir);
  REQUIRE(only_a.size() == 1);
  REQUIRE(bool(jit::make_jit(b, ctx)));
  std::vector<fs::path> both = objects(dir);
  REQUIRE(both.size() == 2);
  const fs::path entry_a = only_a[0];
  const fs::path entry_b = both[0] == entry_a ? both[1] : both[0];

  // Poison: a's (valid, self-consistent) entry under b's name.
  fs::copy_file(entry_a, entry_b, fs::copy_options::overwrite_existing);
  jit::JitStats poisoned;
  auto eval = testing::must_jit(b, ctx, {}, &poisoned);
  CHECK_FALSE(poisoned.cache_hit);
  rt::Registers got;
  eval->evaluate(batch_b, got);
  CHECK(same_registers(b, want, got));

  // The rebuilt entry is b's own again: the next compile is a hit with the same results.
  jit::JitStats again;
  auto warm = testing::must_jit(b, ctx, {}, &again);
  CHECK(again.cache_hit);
  rt::Registers got2;
  warm->evaluate(batch_b, got2);
  CHECK(same_registers(b, want, got2));

  // An entry cut short, or an empty file, is a miss too (no crash, no hit).
  fs::resize_file(entry_b, fs::file_size(entry_b) / 2);
  jit::JitStats cut;
  CHECK(bool(jit::make_jit(b, ctx, {}, &cut)));
  CHECK_FALSE(cut.cache_hit);

  if (old_xdg) ::setenv("XDG_CACHE_HOME", old_xdg->c_str(), 1);
  else ::unsetenv("XDG_CACHE_HOME");
  fs::remove_all(home);
}
