// Time zones through date/tz with the operating system's tzdata (USE_OS_TZDB).
#include "base/time_zone.h"

#include "base/closest_name.h"
#include "base/civil_time.h"
#include "base/posix_tz_rule.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <mutex>
#include <vector>

namespace leadc::tz {

struct Zone {
  const date::time_zone* zone;
  // The footer's rule for every time after the file's last transition (`rule_from`, UTC
  // seconds), when it has daylight saving: see posix_tz_rule.h for why.
  std::optional<PosixTzRule> rule;
  int64_t rule_from = 0;
};

namespace {

// The system's TZif file of the zone (the one date/tz read) and its footer's rule.
void load_rule(Zone& z) {
  std::ifstream in("/usr/share/zoneinfo/" + std::string(z.zone->name()), std::ios::binary);
  if (!in) return;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::optional<PosixTzRule> rule = parse_posix_tz(tzif_footer(bytes));
  if (!rule || !rule->has_dst) return;
  using namespace std::chrono;
  // The period in force at the end of time begins at the table's last transition.
  const date::sys_seconds far{seconds{int64_t{400} * 366 * 86400 * 25}};
  z.rule_from = z.zone->get_info(far).begin.time_since_epoch().count();
  z.rule = rule;
}

// local_to_utc by the footer's rule: the switches of the year around `local` split time
// into periods of one offset each; the local time happens in as many periods as
// contain `local - offset`.
LocalTime local_to_utc_by_rule(const PosixTzRule& rule, int64_t local, int64_t& utc, int32_t offsets[2]) {
  const int64_t year = civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400).year;
  std::vector<PosixTzRule::Switch> sw;
  for (int64_t y = year - 1; y <= year + 1; ++y)
    for (const PosixTzRule::Switch& s : rule.switches(y)) sw.push_back(s);
  int found = 0;
  for (size_t i = 0; i <= sw.size(); ++i) {
    const int64_t from = i == 0 ? INT64_MIN : sw[i - 1].at;
    const int64_t to = i == sw.size() ? INT64_MAX : sw[i].at;
    const int32_t offset = i == 0 ? sw[0].offset_before : sw[i - 1].offset_after;
    const int64_t u = local - offset;
    if (u >= from && u < to) ++found, utc = u;
  }
  if (found == 1) return LocalTime::Unique;
  // Which switch's wall-clock jump holds `local`: its offsets before and after.
  for (const PosixTzRule::Switch& s : sw) {
    const int64_t a = s.at + std::min(s.offset_before, s.offset_after);
    const int64_t b = s.at + std::max(s.offset_before, s.offset_after);
    if (local >= a && local < b) {
      offsets[0] = s.offset_before;
      offsets[1] = s.offset_after;
      break;
    }
  }
  return found == 0 ? LocalTime::Skipped : LocalTime::Repeated;
}

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
  auto zone = std::make_unique<Zone>();
  zone->zone = z;
  load_rule(*zone);
  cache->push_back(std::move(zone));
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
  // Two days' margin: up to the rule's first switch the table's last offset is right too.
  if (zone->rule && local > zone->rule_from + 2 * 86400) return local_to_utc_by_rule(*zone->rule, local, utc, offsets);
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
