// Random lead rows (IR values and SQL values) for the programs of
// tests/unit/ir_support/random_program.h, and date text for the SQL side.
#include "random_ir.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "base/civil_time.h"

namespace leadc::testing {

using ir::FieldKind;

namespace {

bool coin(std::mt19937& rng, int percent) { return static_cast<int>(rng() % 100) < percent; }

}  // namespace

std::string format_date(double secs) { return format_iso_date(static_cast<int64_t>(std::floor(secs / 86400))); }

std::string format_timestamp(double secs) {
  long long s = static_cast<long long>(std::floor(secs));
  long long days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
  long long rem = s - days * 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lldZ", format_date(days * 86400.0).c_str(), rem / 3600,
                rem / 60 % 60, rem % 60);
  return buf;
}

LeadRows random_rows(const ir::Program& p, std::mt19937& rng, int count) {
  LeadRows out;
  for (int r = 0; r < count; ++r) {
    std::vector<LeadCell> row;
    for (const ir::Input& in : p.inputs) {
      LeadCell c;
      c.missing = coin(rng, 20);
      if (c.missing) {
        c.sql = std::monostate{};
        row.push_back(c);
        continue;
      }
      switch (in.kind) {
        case FieldKind::Bool:
          c.b = coin(rng, 50);
          c.sql = static_cast<long long>(c.b);
          break;
        case FieldKind::Int: {
          long long v = static_cast<long long>(rng() % 11) - 5;
          c.num = static_cast<double>(v);
          c.sql = v;
          break;
        }
        case FieldKind::Number:
        case FieldKind::Duration: {
          static const double vals[] = {0, 1, 1.5, 2.5, 30, 90, 0.1, 12.25};
          double v = vals[rng() % 8];
          if (in.kind == FieldKind::Number && coin(rng, 30)) v = -v;
          c.num = v * in.scale;
          c.sql = v;
          break;
        }
        case FieldKind::Money: {
          static const long long cents[] = {0, 1, 29, 115, 1234, 99999, 25000000};
          long long v = cents[rng() % 7];
          c.num = static_cast<double>(v);
          c.sql = static_cast<double>(v) / 100;
          break;
        }
        case FieldKind::Text:
        case FieldKind::Email:
        case FieldKind::Phone:
          // Never "": an empty cell is missing, in a lead file and in the SQL (NULLIF).
          c.str = kRandomStrings[1 + rng() % 9];
          c.sql = c.str;
          break;
        case FieldKind::Date: {
          long long days = 19000 + static_cast<long long>(rng() % 1000);
          c.num = static_cast<double>(days) * 86400;
          c.sql = format_date(c.num);
          break;
        }
        case FieldKind::Timestamp: {
          long long s = 1600000000 + static_cast<long long>(rng() % 100000000);
          c.num = static_cast<double>(s);
          std::string ts = format_timestamp(c.num);
          if (coin(rng, 30)) {
            // The same instant written with a +02:00 offset and a space.
            ts = format_timestamp(c.num + 7200);
            ts = ts.substr(0, 10) + " " + ts.substr(11, 8) + "+02:00";
          }
          c.sql = ts;
          break;
        }
        case FieldKind::Enum:
          c.member = static_cast<int32_t>(rng() % p.enums[in.enum_id].members.size());
          c.sql = p.enums[in.enum_id].members[c.member];
          break;
        case FieldKind::Set:  // random programs have no sets: tests/e2e/multi_select.sh and the examples test them
          throw std::logic_error("random_rows: a set input");
      }
      row.push_back(c);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string sqlite_column_type(const ir::Input& in) {
  switch (in.kind) {
    case FieldKind::Bool:
    case FieldKind::Int: return "INTEGER";
    case FieldKind::Number:
    case FieldKind::Duration:
    case FieldKind::Money: return "REAL";
    default: return "TEXT";
  }
}

}  // namespace leadc::testing
