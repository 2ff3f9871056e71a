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
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

// splitmix64, as in gen_leads.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  bool chance(uint32_t percent) { return below(100) < percent; }
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
};

struct Weighted {
  std::string_view text;
  uint32_t weight;
};

template <size_t N>
std::string_view pick_weighted(Rng& r, const Weighted (&a)[N]) {
  uint32_t total = 0;
  for (const auto& w : a) total += w.weight;
  uint32_t x = static_cast<uint32_t>(r.below(total));
  for (const auto& w : a) {
    if (x < w.weight) return w.text;
    x -= w.weight;
  }
  return a[N - 1].text;
}

// Per 1000 events.
const Weighted kKind[] = {{"pricing_page_visit", 330}, {"whitepaper_download", 220}, {"case_study_download", 130},
                          {"webinar_register", 110},   {"webinar_attend", 80},       {"demo_request", 45},
                          {"free_trial", 30},          {"pricing_form", 25},         {"inbound_email", 30}};
const Weighted kRole[] = {{"economic_buyer", 16}, {"technical_buyer", 25}, {"user", 38}, {"influencer", 21}};
const std::string_view kCompany[] = {"Brightpath Analytics", "Summit Credit Union, Inc.", "Lumen Health Partners",
                                     "Ironridge Mining",     "QuantaFlow",                "Harbor, Finch & Lowe",
                                     "Cobalt Software",      "Müller & Söhne GmbH",       "Gridline Logistics",
                                     "Nordbank Capital",     "Acme \"Blue\" Widgets",     "Zürich Data Werke AG"};
// Cells no reader accepts: (column, text).
struct Bad {
  int column;
  std::string_view text;
};
const Bad kBad[] = {{1, "webinar_atend"}, {1, "Demo Request"}, {2, "yesterday"}, {2, "2026-13-01T00:00:00Z"},
                    {3, "ten"},           {3, "-"}};

class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f), buf_(size_t(8) << 20) {}
  ~Writer() { flush(); }
  void put(std::string_view s) {
    if (n_ + s.size() > buf_.size()) flush();
    std::memcpy(buf_.data() + n_, s.data(), s.size());
    n_ += s.size();
  }
  void put(char c) {
    if (n_ == buf_.size()) flush();
    buf_[n_++] = c;
  }
  void put_uint(uint64_t v, int width = 0) {
    char tmp[24];
    int i = 24;
    do {
      tmp[--i] = char('0' + v % 10);
      v /= 10;
    } while (v || 24 - i < width);
    put(std::string_view(tmp + i, size_t(24 - i)));
  }
  void put_cell(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return put(s);
    put('"');
    for (char c : s) {
      if (c == '"') put('"');
      put(c);
    }
    put('"');
  }
  // 2026-11-22T08:15:00Z
  void put_time(int64_t t) {
    int64_t days = t / 86400, secs = t % 86400;
    // civil_from_days (H. Hinnant)
    days += 719468;
    const int64_t era = days / 146097, doe = days - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    put_uint(uint64_t(y), 4);
    put('-');
    put_uint(uint64_t(m), 2);
    put('-');
    put_uint(uint64_t(d), 2);
    put('T');
    put_uint(uint64_t(secs / 3600), 2);
    put(':');
    put_uint(uint64_t(secs / 60 % 60), 2);
    put(':');
    put_uint(uint64_t(secs % 60), 2);
    put('Z');
  }
  bool flush() {
    if (n_ && std::fwrite(buf_.data(), 1, n_, f_) != n_) ok_ = false;
    n_ = 0;
    return ok_;
  }

 private:
  std::FILE* f_;
  std::vector<char> buf_;
  size_t n_ = 0;
  bool ok_ = true;
};

int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = y / 400, yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: gen_events LEADS EVENTS LEADS_OUT.csv EVENTS_OUT.csv [--seed S] [--bad-every K] "
               "[--as-of YYYY-MM-DD]\n");
  std::exit(2);
}

uint64_t parse_count(const char* s) {
  char* end = nullptr;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (!*s || *end) usage();
  return v;
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
      int bad_column = -1;
      std::string_view bad_text;
      if (bad_every && (i + 1) % bad_every == 0) {
        const Bad& b = kBad[bad_rng.below(std::size(kBad))];
        bad_column = b.column;
        bad_text = b.text;
      }
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
  int64_t as_of = days_from_civil(2026, 11, 22) * 86400;
  for (int i = 5; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--seed" && i + 1 < argc) seed = parse_count(argv[++i]);
    else if (a == "--bad-every" && i + 1 < argc) bad_every = parse_count(argv[++i]);
    else if (a == "--as-of" && i + 1 < argc) {
      int y, m, d;
      if (std::sscanf(argv[++i], "%d-%d-%d", &y, &m, &d) != 3) usage();
      as_of = days_from_civil(y, m, d) * 86400;
    } else usage();
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
