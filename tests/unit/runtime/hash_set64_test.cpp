// The hash set `leadc infer` keeps for its key check (runtime/hash_set64.h): it tells a
// new hash from one seen before across its growth, and stays at 8 bytes a slot.
#include <doctest/doctest.h>

#include <string>

#include "runtime/hash_set64.h"

using namespace leadc::rt;

TEST_CASE("hash set: new and repeated hashes, through growth, within 23 bytes a value") {
  HashSet64 set;
  constexpr int kValues = 300000;
  for (int i = 0; i < kValues; ++i) CHECK(set.insert(cell_hash("lead-" + std::to_string(i))));
  CHECK(set.size() == kValues);
  int repeated = 0;
  for (int i = 0; i < kValues; i += 7) repeated += set.insert(cell_hash("lead-" + std::to_string(i))) ? 0 : 1;
  CHECK(repeated == (kValues + 6) / 7);
  CHECK(set.size() == kValues);
  CHECK(set.bytes() <= 23u * kValues);
  set.release();
  CHECK(set.size() == 0);
  CHECK(set.bytes() == 0);
  CHECK(set.insert(cell_hash("lead-1")));
}

TEST_CASE("cell hash: never 0, equal text equal hash") {
  CHECK(cell_hash("") != 0);
  CHECK(cell_hash("a@example.com") == cell_hash(std::string("a@example.com")));
  CHECK(cell_hash("a@example.com") != cell_hash("b@example.com"));
}
