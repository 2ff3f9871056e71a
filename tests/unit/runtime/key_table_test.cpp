// The fold's key table (runtime/key_table.h): keys of every length around the inline
// limit (15 bytes, the 16th holds the length), keys that differ only by a trailing NUL
// or past byte 15, ids stable through growth, values and event counts per key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "runtime/key_table.h"

using namespace leadc::rt;

TEST_CASE("key table: short, boundary and long keys stay apart through growth") {
  KeyTable t;
  t.set_initial({0.0, -1.0});
  std::vector<std::string> keys = {"", "a", std::string("a\0", 2), "lead-000000001", "lead-0000000012",
                                   "lead-00000000123", "lead-000000001234", std::string(40, 'x'), std::string(41, 'x'),
                                   std::string(15, 'y') + "1", std::string(15, 'y') + "2"};
  for (int i = 0; i < 5000; ++i) keys.push_back("k" + std::to_string(i) + (i % 3 ? "" : "-with-a-long-suffix"));
  std::vector<uint32_t> ids;
  for (const std::string& k : keys) ids.push_back(t.find_or_add(k, key_hash(k)));
  CHECK(t.size() == keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    CHECK(ids[i] == i);
    CHECK(t.find(keys[i], key_hash(keys[i])) == ids[i]);
    CHECK(t.find_or_add(keys[i], key_hash(keys[i])) == ids[i]);
    t.count_event(ids[i]);
    t.values(ids[i])[0] += static_cast<double>(i);
  }
  CHECK(t.find("not a key", key_hash("not a key")) == KeyTable::kNone);
  CHECK(t.find(std::string(39, 'x'), key_hash(std::string(39, 'x'))) == KeyTable::kNone);
  for (size_t i = 0; i < keys.size(); ++i) {
    CHECK(t.events(ids[i]) == 1);
    CHECK(t.values(ids[i])[0] == static_cast<double>(i));
    CHECK(t.values(ids[i])[1] == -1.0);
  }
}

TEST_CASE("key table: a record of up to 5 values is one 64-byte line") {
  KeyTable t;
  t.set_initial({0, 0, 0, 0, 0});
  for (int i = 0; i < 100; ++i) {
    const std::string k = std::to_string(i);
    const uint32_t id = t.find_or_add(k, key_hash(k));
    const auto at = reinterpret_cast<uintptr_t>(t.values(id)) - 3 * sizeof(double);  // the record's start
    CHECK(at % 64 == 0);
  }
}
