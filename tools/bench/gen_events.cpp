// gen_events: writes a deterministic lead file and events file for
// examples/behaviour.lead, for the behaviour-scoring benchmark and tests.
//   gen_events LEADS EVENTS LEADS_OUT.csv EVENTS_OUT.csv [--seed S] [--bad-every K] [--as-of DATE]
// Leads RT-100001, RT-100002, … with company, role and employees. Events come in time
// order over the 400 days before --as-of (default 2026-11-22), as a CRM or marketing
// export writes them: so one chunk of the file holds events of thousands of leads. A
// third of the events belong to a hot tenth of the leads, 5% to keys with no lead.
// Kinds are weighted like a B2B funnel (page visits and downloads common, hand-raises
// rare); page visits carry time_on_page (seconds, a tenth missing). --bad-every K puts
// one unreadable cell in every K-th event (a data error for `leadc run`).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "base/civil_time.h"
#include "tools/bench/gen_common.h"

namespace {

using namespace leadc::bench;  // gen_common.h
using Rng = Random</*kWide=*/true>;

// Per 1000 events.
const Weighted kKind[] = {{"pricing_page_visit", 330}, {"whitepaper_download", 220}, {"case_study_download", 130},
                          {"webinar_register", 110},   {"webinar_attend", 80},       {"demo_request", 45},
                          {"free_trial", 30},          {"pricing_form", 25},         {"inbound_email", 30}};
const Weighted kRole[] = {{"economic_buyer", 16}, {"technical_buyer", 25}, {"user", 38}, {"influencer", 21}};
const std::string_view kCompany[] = {"Brightpath Analytics", "Summit Credit Union, Inc.", "Lumen Health Partners",
                                     "Ironridge Mining",     "QuantaFlow",                "Harbor, Finch & Lowe",
                                     "Cobalt Software",      "Müller & Söhne GmbH",       "Gridline Logistics",
                                     "Nordbank Capital",     "Acme \"Blue\" Widgets",     "Zürich Data Werke AG"};
// Cells that no reader accepts.
const Bad kBad[] = {{1, "webinar_atend"}, {1, "Demo Request"}, {2, "yesterday"}, {2, "2026-13-01T00:00:00Z"},
                    {3, "ten"},           {3, "-"}};

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: gen_events LEADS EVENTS LEADS_OUT.csv EVENTS_OUT.csv [--seed S] [--bad-every K] "
               "[--as-of YYYY-MM-DD]\n");
  std::exit(2);
}

uint64_t parse_count(const char* s) {
  uint64_t v;
  if (!leadc::bench::parse_count(s, v)) usage();
  return v;
}

// `YYYY-MM-DD` -> seconds since the epoch (midnight UTC).
int64_t parse_day(const char* s) {
  double seconds;
  if (!leadc::parse_iso_date(s, seconds)) usage();
  return int64_t(seconds);
}

bool write_leads(const char* path, uint64_t n, Rng& r) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  bool ok;
  {
    Writer w(f);
    w.put("lead_id,company,role,employees\n");
    for (uint64_t i = 0; i < n; ++i) {
      w.put("RT-");
      w.put_uint(100001 + i);
      w.put(',');
      if (!r.chance(10)) w.put_cell(kCompany[r.below(std::size(kCompany))]);
      w.put(',');
      if (!r.chance(14)) w.put(pick_weighted(r, kRole));
      w.put(',');
      if (!r.chance(15)) w.put_uint(uint64_t(std::exp(r.unit() * 11.5)) + 1);  // log-uniform 1 .. ~100k
      w.put('\n');
    }
    ok = w.flush();
  }
  return std::fclose(f) == 0 && ok;
}

bool write_events(const char* path, uint64_t n, uint64_t leads, uint64_t bad_every, int64_t as_of, Rng& r) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  Rng bad_rng{r.s ^ 0xBADBADull};
  const int64_t span = 400 * 86400, start = as_of - span;
  const uint64_t hot = leads / 10 ? leads / 10 : 1;
  bool ok;
  {
    Writer w(f);
    w.put("lead_id,kind,at,time_on_page\n");
    for (uint64_t i = 0; i < n; ++i) {
      const Bad* bad = bad_cell(bad_rng, i, bad_every, kBad);
      const int bad_column = bad ? bad->column : -1;
      const std::string_view bad_text = bad ? bad->text : std::string_view();
      uint64_t id;
      const uint64_t who = r.below(100);
      if (who < 5 || leads == 0) id = 100001 + leads + r.below(leads / 20 + 1000);  // no such lead
      else if (who < 38) id = 100001 + r.below(hot);                                   // the hot tenth
      else id = 100001 + r.below(leads);
      const std::string_view kind = pick_weighted(r, kKind);
      const int64_t t = start + int64_t((double(i) + r.unit()) * double(span) / double(n));
      w.put("RT-");
      w.put_uint(id);
      w.put(',');
      if (bad_column == 1) w.put_cell(bad_text);
      else w.put(kind);
      w.put(',');
      if (bad_column == 2) w.put_cell(bad_text);
      else w.put_time(t);
      w.put(',');
      if (bad_column == 3) w.put_cell(bad_text);
      else if (kind == "pricing_page_visit" && !r.chance(10)) w.put_uint(uint64_t(std::exp(r.unit() * 6.4)));  // 1 s .. 10 min
      w.put('\n');
    }
    ok = w.flush();
  }
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) usage();
  const uint64_t leads = parse_count(argv[1]), events = parse_count(argv[2]);
  uint64_t seed = 42, bad_every = 0;
  int64_t as_of = leadc::days_from_civil(2026, 11, 22) * 86400;
  for (int i = 5; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--seed" && i + 1 < argc) seed = parse_count(argv[++i]);
    else if (a == "--bad-every" && i + 1 < argc) bad_every = parse_count(argv[++i]);
    else if (a == "--as-of" && i + 1 < argc) as_of = parse_day(argv[++i]);
    else usage();
  }
  Rng rng{seed};
  if (!write_leads(argv[3], leads, rng)) {
    std::fprintf(stderr, "gen_events: error writing %s\n", argv[3]);
    return 1;
  }
  Rng events_rng{seed * 31 + 7};
  if (!write_events(argv[4], events, leads, bad_every, as_of, events_rng)) {
    std::fprintf(stderr, "gen_events: error writing %s\n", argv[4]);
    return 1;
  }
  return 0;
}
