// gen_leads: writes a deterministic, realistic lead export with the columns of
// examples/readytalk.lead, for benchmarks and error-path tests.
//   gen_leads N OUT.csv [--seed S] [--bad-every K]
// Same N and seed give the same bytes. --bad-every K puts one unreadable cell in every
// K-th row (a data error for `leadc run`). Rows are built in a large buffer and written
// with fwrite, so 5M rows (~0.7 GB) take seconds.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>

#include "tools/bench/gen_common.h"

namespace {

using namespace leadc::bench;  // gen_common.h
using Rng = Random</*kWide=*/false>;

template <size_t N>
std::string_view pick(Rng& r, const std::string_view (&a)[N]) {
  return a[r.below(N)];
}

// First and last names; `ascii` is what goes into the e-mail's local part.
struct Name {
  std::string_view text, ascii;
};

const Name kFirst[] = {
    {"Maria", "maria"},     {"Kevin", "kevin"},     {"Priya", "priya"},     {"Tom", "tom"},
    {"Aisha", "aisha"},     {"Daniel", "daniel"},   {"Sofia", "sofia"},     {"Liam", "liam"},
    {"Hannah", "hannah"},   {"Omar", "omar"},       {"Grace", "grace"},     {"Ethan", "ethan"},
    {"Mei", "mei"},         {"Carlos", "carlos"},   {"Rachel", "rachel"},   {"Viktor", "viktor"},
    {"Nadia", "nadia"},     {"Ben", "ben"},         {"Isabel", "isabel"},   {"Yuki", "yuki"},
    {"José", "jose"},       {"Zoë", "zoe"},         {"Jürgen", "juergen"},  {"Søren", "soeren"},
    {"Björn", "bjoern"},    {"Chloé", "chloe"},     {"Łukasz", "lukasz"},   {"Ana", "ana"},
    {"Dana", "dana"},       {"Michael", "michael"}, {"Jennifer", "jennifer"}, {"David", "david"},
    {"Sarah", "sarah"},     {"James", "james"},     {"Emily", "emily"},     {"Robert", "robert"},
    {"Fatima", "fatima"},   {"Wei", "wei"},         {"Aarav", "aarav"},     {"Olga", "olga"},
    {"太郎", "taro"},       {"美咲", "misaki"},     {"Ngozi", "ngozi"},     {"Mateo", "mateo"},
};
const Name kLast[] = {
    {"Gonzalez", "gonzalez"}, {"O'Brien", "obrien"},     {"Raman", "raman"},       {"Becker", "becker"},
    {"Bello", "bello"},       {"Kim", "kim"},            {"Rossi", "rossi"},       {"Walsh", "walsh"},
    {"Schmidt", "schmidt"},   {"Haddad", "haddad"},      {"Okafor", "okafor"},     {"Clarke", "clarke"},
    {"Tanaka", "tanaka"},     {"Mendes", "mendes"},      {"Green", "green"},       {"Petrov", "petrov"},
    {"Yusuf", "yusuf"},       {"Carter", "carter"},      {"Duarte", "duarte"},     {"Sato", "sato"},
    {"Núñez", "nunez"},       {"Müller", "mueller"},     {"Østergaard", "oestergaard"}, {"Lefèvre", "lefevre"},
    {"Kowalski", "kowalski"}, {"van der Berg", "vanderberg"}, {"Smith", "smith"},  {"Johnson", "johnson"},
    {"Williams", "williams"}, {"Brown", "brown"},        {"Nguyen", "nguyen"},     {"Patel", "patel"},
    {"Ivanova", "ivanova"},   {"Whitfield", "whitfield"}, {"García", "garcia"},   {"Dubois", "dubois"},
    {"山田", "yamada"},       {"李", "li"},              {"Håkansson", "hakansson"}, {"Papadopoulos", "papadopoulos"},
};

// Company stems and suffixes; many suffixes start with ", " so the cell needs quoting,
// like real CRM exports ("Summit Credit Union, Inc.").
const std::string_view kStem[] = {
    "Brightpath Analytics", "Summit Credit Union", "Lumen Health Partners", "Ironridge Mining",
    "QuantaFlow",           "Harbor, Finch & Lowe", "Cobalt Software",     "Rossi & Figli",
    "Gridline Logistics",   "Nordbank Capital",    "TallyLedger",          "Meridian Insurance Group",
    "Foxglove Media",       "Kaizen Labs",         "Evergreen Cloud Services", "Baltic Freight",
    "Clearwater Bank",      "SparkFit",            "Nova Retail Group",    "Pinnacle IT Consulting",
    "Northwind Traders",    "Société Générale Conseil", "Müller & Söhne",  "Ørsted Nordic",
    "漢字テック",           "Zürich Data Werke",   "Café Olé Distribución", "Acme \"Blue\" Widgets",
    "Redwood Dental",       "Atlas Freightways",   "Bluebird Telecom",     "Copperline Energy",
    "Silverleaf Pharma",    "Granite State Legal", "Orbit Payments",       "Helios Solar",
    "Maplewood Schools",    "Vertex Engineering",  "Sunrise Hospitality",  "Keystone Realty",
};
const std::string_view kSuffix[] = {", Inc.", ", LLC", " Ltd.", ", Ltd.", " GmbH", " S.A.", " AG", "",
                                    "",       "",      "",      " Co.",   ", N.A.", " A/S", " LLP", " plc"};
const std::string_view kDomainWord[] = {"brightpath", "summitcu", "lumenhealth", "ironridge", "quantaflow",
                                        "harborlegal", "cobaltsoft", "gridline", "nordbank", "tallyledger",
                                        "meridian", "foxglove", "kaizenlabs", "evergreencloud", "baltic-freight",
                                        "clearwater", "sparkfit", "novaretail", "pinnacle-it", "northwind",
                                        "orbitpay", "helios", "vertex-eng", "keystone", "copperline"};

const Weighted kRole[] = {{"economic_buyer", 14}, {"technical_buyer", 22}, {"user", 34},
                          {"influencer", 18},     {"champion", 12}};
const Weighted kSource[] = {{"referral", 9},  {"web_search", 30}, {"tradeshow", 10},   {"webinar", 15},
                            {"partner", 7},   {"inbound_call", 6}, {"opt_in_list", 13}, {"paid_social", 10}};
const Weighted kBudget[] = {{"approved", 25}, {"planned", 40}, {"no_budget", 35}};
// NAICS codes; 51/52/54 (information, finance, professional services) are common in a
// B2B software funnel, so about half the leads fall in the target industries.
const Weighted kNaics[] = {
    {"511210", 8}, {"518210", 7}, {"519130", 3}, {"5112", 3},  {"517311", 3}, {"522110", 6}, {"522130", 3},
    {"523110", 4}, {"524126", 3}, {"52", 1},     {"541511", 7}, {"541512", 6}, {"541110", 3}, {"541211", 2},
    {"541330", 3}, {"541715", 2}, {"621111", 5}, {"611310", 4}, {"452319", 4}, {"488510", 3}, {"212221", 1},
    {"3341", 3},   {"336411", 2}, {"713940", 2}, {"722511", 3}, {"236220", 3}, {"483111", 1}, {"92", 1}};
const std::string_view kCountryPhone[] = {"+1 303 555 ", "+1 720 555 ", "+1 415 555 ", "+1 212 555 ",
                                          "+44 20 7946 ", "+49 69 5550 ", "+33 1 5550 ", "+81 3 5550 ",
                                          "+39 02 5550 ", "+372 555 ", "+61 2 5550 ", "+91 22 5550 "};
// Cells that no reader accepts.
const Bad kBad[] = {{7, "12x"},   {7, "1,200"},   {8, "12.345"},  {8, "-500"},     {10, "-5"},
                    {10, "soon"}, {5, "CEO"},     {9, "maybe"},   {15, "maybe"},   {12, "two"},
                    {2, "no-at-sign.example"},    {3, "call me"}, {11, "Referral"}, {14, "1e3"}};

const char kHeader[] =
    "lead_id,name,email,phone,company,role,industry_naics,employees,annual_revenue_usd,budget_status,"
    "decision_timeframe_days,lead_source,whitepaper_downloads,webinar_attended,pricing_page_seconds,"
    "demo_requested\n";
// Employees: log-uniform from 1 to ~100k, like a real mix of small and large firms.
uint64_t employees(Rng& r) {
  double e = std::exp(r.unit() * 11.5);
  return uint64_t(e) + 1;
}

// Writes one lead; `bad_column` (or -1) is the cell replaced by an unreadable value.
void write_row(Writer& w, Rng& r, uint64_t id, int bad_column, std::string_view bad_text) {
  std::string cell;
  const Name& first = kFirst[r.below(std::size(kFirst))];
  const Name& last = kLast[r.below(std::size(kLast))];
  std::string_view stem = pick(r, kStem);
  std::string_view suffix = pick(r, kSuffix);
  std::string_view domain = pick(r, kDomainWord);
  bool have_name = !r.chance(12), have_email = !r.chance(15), have_phone = !r.chance(22);
  bool have_company = !r.chance(10), have_role = !r.chance(14), have_industry = !r.chance(15);
  bool have_employees = !r.chance(15), have_revenue = !r.chance(25), have_budget = !r.chance(20);
  bool have_timeframe = !r.chance(20);

  auto column = [&](int c, auto&& body) {
    if (c) w.put(',');
    if (c == bad_column) {
      w.put_cell(bad_text);
      return;
    }
    body();
  };
  column(0, [&] {
    w.put("RT-");
    w.put_uint(id);
  });
  column(1, [&] {
    if (!have_name) return;
    cell.assign(first.text).append(" ").append(last.text);
    w.put_cell(cell);
  });
  column(2, [&] {
    if (!have_email) return;
    switch (r.below(3)) {
      case 0: cell.assign(first.ascii).append(".").append(last.ascii); break;
      case 1: cell.assign(first.ascii.substr(0, 1)).append(last.ascii); break;
      default: cell.assign(first.ascii); break;
    }
    cell.append("@").append(domain).append(".example");
    w.put(cell);
  });
  column(3, [&] {
    if (!have_phone) return;
    if (r.chance(30)) {
      w.put('(');
      w.put_uint(200 + r.below(800));
      w.put(") 555-");
      w.put_padded(r.below(10000), 4);
    } else {
      w.put(pick(r, kCountryPhone));
      w.put_padded(r.below(10000), 4);
    }
  });
  column(4, [&] {
    if (!have_company) return;
    cell.assign(stem).append(suffix);
    w.put_cell(cell);
  });
  column(5, [&] {
    if (have_role) w.put(pick_weighted(r, kRole));
  });
  column(6, [&] {
    if (have_industry) w.put(pick_weighted(r, kNaics));
  });
  uint64_t emp = employees(r);
  column(7, [&] {
    if (have_employees) w.put_uint(emp);
  });
  column(8, [&] {
    if (!have_revenue) return;
    // Revenue per employee between $40k and $400k; a fifth of the amounts have cents.
    uint64_t dollars = emp * (40000 + r.below(360000));
    if (r.chance(80)) {
      w.put_uint(dollars / 1000 * 1000);
    } else {
      w.put_uint(dollars);
      w.put('.');
      w.put_padded(r.below(100), 2);
    }
  });
  column(9, [&] {
    if (have_budget) w.put(pick_weighted(r, kBudget));
  });
  column(10, [&] {
    if (!have_timeframe) return;
    static const uint32_t kDays[] = {7, 10, 14, 20, 30, 30, 45, 60, 60, 75, 90, 90, 120, 180, 200, 270, 365, 365, 540};
    w.put_uint(kDays[r.below(std::size(kDays))]);
  });
  column(11, [&] { w.put(pick_weighted(r, kSource)); });
  column(12, [&] {
    // Geometric: most leads download nothing, a few download many.
    uint32_t n = 0;
    while (n < 12 && r.chance(38)) ++n;
    w.put_uint(n);
  });
  column(13, [&] {
    uint32_t n = 0;
    while (n < 6 && r.chance(30)) ++n;
    w.put_uint(n);
  });
  column(14, [&] {
    if (r.chance(40)) return w.put('0');
    w.put_uint(uint64_t(std::exp(r.unit() * 6.8)));  // 1 s .. ~15 min
    if (r.chance(10)) {
      w.put('.');
      w.put_uint(r.below(10));
    }
  });
  column(15, [&] { w.put(r.chance(18) ? "true" : "false"); });
  w.put('\n');
}

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: gen_leads N OUT.csv [--seed S] [--bad-every K]\n");
  std::exit(2);
}

uint64_t parse_count(const char* s) {
  uint64_t v;
  if (!leadc::bench::parse_count(s, v)) usage();
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) usage();
  uint64_t rows = parse_count(argv[1]);
  const char* out = argv[2];
  uint64_t seed = 42, bad_every = 0;
  for (int i = 3; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--seed" && i + 1 < argc) seed = parse_count(argv[++i]);
    else if (a == "--bad-every" && i + 1 < argc) bad_every = parse_count(argv[++i]);
    else usage();
  }
  std::FILE* f = std::string_view(out) == "-" ? stdout : std::fopen(out, "wb");
  if (!f) {
    std::perror(out);
    return 1;
  }
  Rng rng{seed};
  Rng bad_rng{seed ^ 0xBADBADull};
  bool ok;
  {
    Writer w(f);
    w.put(std::string_view(kHeader, sizeof kHeader - 1));
    for (uint64_t i = 0; i < rows; ++i) {
      const Bad* bad = bad_cell(bad_rng, i, bad_every, kBad);
      const int bad_column = bad ? bad->column : -1;
      const std::string_view bad_text = bad ? bad->text : std::string_view();
      write_row(w, rng, 100001 + i, bad_column, bad_text);
    }
    ok = w.flush();
  }
  if (f != stdout && std::fclose(f) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "gen_leads: error writing %s\n", out);
    return 1;
  }
  return 0;
}
