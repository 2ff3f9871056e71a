// Time zones through date/tz with the operating system's tzdata (USE_OS_TZDB).
#include "base/time_zone.h"

#include "base/closest_name.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace leadc::tz {

struct Zone {
  const date::time_zone* zone;
};

namespace {

// The database's zones and links, loaded on first use (date/tz reads the files once).
const std::vector<std::string>& zone_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    try {
      const date::tzdb& db = date::get_tzdb();
      for (const auto& z : db.zones) out.push_back(std::string(z.name()));  // links too, with the OS database
    } catch (const std::exception&) {
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return names;
}

}  // namespace

const Zone* find_zone(std::string_view name) {
  // One Zone per database entry, kept for the program's life (pointers stay valid).
  static std::vector<std::unique_ptr<Zone>>* cache = new std::vector<std::unique_ptr<Zone>>;
  static std::mutex* mu = new std::mutex;
  if (name.empty()) return nullptr;
  const date::time_zone* z = nullptr;
  try {
    z = date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(*mu);
  for (const auto& c : *cache)
    if (c->zone == z) return c.get();
  cache->push_back(std::make_unique<Zone>(Zone{z}));
  return cache->back().get();
}

std::string closest_zone(std::string_view name) {
  const std::string want = lowercase(name);
  std::string best;
  size_t best_d = std::max<size_t>(3, want.size() / 4) + 1;
  for (const std::string& n : zone_names()) {
    const std::string ln = lowercase(n);
    // `new_york` for America/New_York: the city alone, or with spaces for `_`.
    const size_t slash = ln.rfind('/');
    const std::string city = slash == std::string::npos ? ln : ln.substr(slash + 1);
    std::string spaced = want;
    std::replace(spaced.begin(), spaced.end(), ' ', '_');
    size_t d = std::min(edit_distance(want, ln), edit_distance(spaced, city) + 1);
    if (d < best_d) best_d = d, best = n;
  }
  return best;
}

LocalTime local_to_utc(const Zone* zone, int64_t local, int64_t& utc, int32_t offsets[2]) {
  using namespace std::chrono;
  const date::local_seconds ls{seconds{local}};
  const date::local_info info = zone->zone->get_info(ls);
  if (info.result == date::local_info::unique) {
    utc = local - info.first.offset.count();
    return LocalTime::Unique;
  }
  offsets[0] = static_cast<int32_t>(info.first.offset.count());
  offsets[1] = static_cast<int32_t>(info.second.offset.count());
  return info.result == date::local_info::nonexistent ? LocalTime::Skipped : LocalTime::Repeated;
}

std::string offset_text(int32_t seconds) {
  char buf[16];
  const int32_t a = std::abs(seconds);
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

}  // namespace leadc::tz
