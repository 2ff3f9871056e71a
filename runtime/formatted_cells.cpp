// Cells read with a field's `format`, `zone` or `leadc run --timezone` (LANGUAGE.md
// section 9). The pattern rules are base/cell_format.h's (the front end checked the
// same text); a number is turned into plain text and read by the kind's own reader, so
// ranges, decimals and currency follow section 7's rules exactly.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "base/cell_format.h"
#include "base/civil_time.h"
#include "base/closest_name.h"
#include "base/time_zone.h"
#include "runtime/cell_parse.h"

namespace leadc::rt {

struct FieldReader::Formatted {
  cellfmt::Epoch epoch = cellfmt::Epoch::None;
  bool time_pattern = false;  // a date/time pattern (else ISO forms, or a number pattern)
  cellfmt::TimePattern time;
  bool number_pattern = false;
  cellfmt::NumberPattern number;
  const tz::Zone* zone = nullptr;  // a timestamp's wall-clock times are in this zone
  std::string zone_name;
};

namespace {

constexpr double kDay = 86400;

// The seconds of `local` (a wall-clock time) in `zone`; Skipped/Repeated when the
// clocks skip it or pass it twice.
CellError to_utc(const tz::Zone* zone, int64_t local, double fraction, double& out) {
  int64_t utc = 0;
  int32_t offsets[2];
  switch (tz::local_to_utc(zone, local, utc, offsets)) {
    case tz::LocalTime::Unique: out = static_cast<double>(utc) + fraction; return CellError::None;
    case tz::LocalTime::Skipped: return CellError::Skipped;
    case tz::LocalTime::Repeated: return CellError::Repeated;
  }
  return CellError::Syntax;
}

std::string epoch_expected(cellfmt::Epoch e) {
  return e == cellfmt::Epoch::Millis ? "a Unix time in milliseconds such as 1763807400000 (format epoch_millis)"
                                     : "a Unix time in seconds such as 1763807400 (format epoch_seconds)";
}

// Decision 101: an epoch cell must be a time in the years 0001-9999, and one in the
// other unit's range is refused: epoch_seconds with 12 or more digits (from the year
// 5138 on) reads milliseconds, epoch_millis of 10 or 11 digits (10^9 to below 10^11,
// 1970-01-12 to 1973-03-03) seconds.
constexpr double kFirstSecond = -62135596800.0;  // 0001-01-01T00:00:00Z
constexpr double kLastSecond = 253402300799.0;   // 9999-12-31T23:59:59Z
bool epoch_out_of_range(cellfmt::Epoch e, double v) {
  if (v < kFirstSecond) return true;
  if (e == cellfmt::Epoch::Seconds) return v >= 1e11;
  return v > kLastSecond || (v >= 1e6 && v < 1e8);
}

}  // namespace

// Why a cell in its time pattern's shape names no real date or time ("April 2026 has
// 30 days"), or "" (decision 110).
std::string FieldReader::impossible_time(std::string_view text) const {
  if (!formatted_ || !formatted_->time_pattern) return "";
  int64_t local = 0;
  double fraction = 0;
  bool has_offset = false;
  int32_t offset = 0;
  std::string why;
  cellfmt::read_time(formatted_->time, trim_spaces(text), local, fraction, has_offset, offset, &why);
  return why;
}

// Why an epoch cell that reads is refused (CellError::Range), or "" for another field.
std::string FieldReader::epoch_detail(std::string_view text) const {
  if (!formatted_ || formatted_->epoch == cellfmt::Epoch::None) return "";
  double v = 0;
  cellfmt::read_epoch(formatted_->epoch, trim_spaces(text), v);
  if (formatted_->epoch == cellfmt::Epoch::Seconds && v >= 1e11)
    return " (12 or more digits: this looks like a Unix time in milliseconds; if it is, say format epoch_millis)";
  if (formatted_->epoch == cellfmt::Epoch::Millis && v >= 1e6 && v < 1e8)
    return " (10 or 11 digits, before 1973-03-03: it looks like a Unix time in seconds; if it is, say format "
           "epoch_seconds)";
  return " (outside the years 0001-9999)";
}

void FieldReader::install_formatted(const ir::Program&, std::string_view default_zone) {
  using K = ir::FieldKind;
  const bool timestamp = input_->kind == K::Timestamp;
  const std::string_view zone_name = !input_->zone.empty() ? std::string_view(input_->zone)
                                                           : timestamp ? default_zone : std::string_view();
  if (input_->format.empty() && zone_name.empty()) return;
  auto f = std::make_shared<Formatted>();
  if (!zone_name.empty() && timestamp) {
    f->zone = tz::find_zone(zone_name);  // checked by the front end and the command line
    f->zone_name = std::string(zone_name);
  }
  const std::string& fmt = input_->format;
  bool ok = true;
  if (fmt.empty()) {
    // Only a zone: the ISO forms of section 7, a zoneless one in the zone.
  } else if (input_->format_is_name) {
    ok = cellfmt::epoch_format(fmt, f->epoch);
    if (ok) expected_ = epoch_expected(f->epoch);
  } else if (input_->kind == K::Date || timestamp) {
    ok = cellfmt::compile_time_pattern(fmt, f->time).empty();
    f->time_pattern = true;
    expected_ = std::string(timestamp ? "a timestamp" : "a date") + " written as " + fmt + " (its format)";
    if (timestamp && !f->time.has_offset)
      expected_ += f->zone ? ", in " + f->zone_name : ", in UTC";
  } else {
    ok = cellfmt::compile_number_pattern(fmt, input_->kind == K::Int, f->number).empty();
    f->number_pattern = true;
    expected_ = std::string(input_->kind == K::Int ? "a whole number" : "a number") + " written like " + fmt +
                (f->number.group != 0 ? " (its format; the thousands separators are optional)"
                                      : " (its format, without thousands separators)");
    if (input_->kind == K::Money && !input_->unit.empty())
      expected_ += ", with or without " + input_->unit + (currency_symbol_.empty() ? "" : " or " + std::string(currency_symbol_));
  }
  if (!ok) return;  // the front end rejects such a definition; read the cells as section 7 says
  if (timestamp && !f->time_pattern && f->epoch == cellfmt::Epoch::None && f->zone)
    expected_ += " (without an offset: in " + f->zone_name + ")";
  formatted_ = std::move(f);
  plain_read_ = read_;
  read_ = &read_formatted;
  read_column_ = &read_column_formatted;
}

CellError FieldReader::read_formatted(const FieldReader& fr, std::string_view text, Column& col, size_t row) {
  const Formatted& f = *fr.formatted_;
  const std::string_view t = trim_spaces(text);
  if (t.empty()) return fr.read_missing(col, row);
  const bool date = fr.input_->kind == ir::FieldKind::Date;
  double v = 0;
  if (f.epoch != cellfmt::Epoch::None) {
    if (!cellfmt::read_epoch(f.epoch, t, v)) return CellError::Syntax;
    if (epoch_out_of_range(f.epoch, v)) return CellError::Range;
    if (date) v = std::floor(v / kDay) * kDay;  // the UTC date of that instant
  } else if (f.time_pattern) {
    int64_t local = 0;
    double fraction = 0;
    bool has_offset = false;
    int32_t offset = 0;
    if (!cellfmt::read_time(f.time, t, local, fraction, has_offset, offset)) return CellError::Syntax;
    if (date) {
      v = std::floor(static_cast<double>(local) / kDay) * kDay;  // the date as written
    } else if (has_offset) {
      v = static_cast<double>(local - offset) + fraction;
    } else if (f.zone) {
      if (CellError e = to_utc(f.zone, local, fraction, v); e != CellError::None) return e;
    } else {
      v = static_cast<double>(local) + fraction;
      col.mark_zoneless(row);
    }
  } else if (f.number_pattern) {
    thread_local std::string plain;
    const std::string_view amount = fr.input_->kind == ir::FieldKind::Money ? fr.strip_currency(t) : t;
    if (!cellfmt::normalize_number(f.number, amount, plain)) return CellError::Syntax;
    return fr.plain_read_(fr, plain, col, row);
  } else {
    // A zone without a pattern: the ISO forms; one without an offset is in the zone.
    bool has_zone = false;
    if (!parse_iso_timestamp(t, v, &has_zone)) return CellError::Syntax;
    if (!has_zone && f.zone) {
      const double whole = std::floor(v);
      if (CellError e = to_utc(f.zone, static_cast<int64_t>(whole), v - whole, v); e != CellError::None) return e;
    } else if (!has_zone) {
      col.mark_zoneless(row);
    }
  }
  col.num[row] = v;
  col.known[row] = 1;
  return CellError::None;
}

void FieldReader::read_column_formatted(const FieldReader& fr, const CsvColumnCells& cells, Column& col,
                                        size_t rows) {
  const uint32_t* ends = cells.ends;
  for (size_t r = 0; r < rows; ++r, ends += cells.stride) {
    const uint32_t begin = ends[0] + 1u;
    uint32_t end = ends[1];
    if (cells.last_column && end > begin && cells.data[end - 1] == '\r') --end;
    std::string_view text(cells.data + begin, end - begin);
    if (!text.empty() && text.front() == '"') text = unquote_csv_cell(text, false, cells);
    if (read_formatted(fr, text, col, r) != CellError::None) [[unlikely]] {
      col.known[r] = 0;
      cells.bad_rows->push_back(static_cast<uint32_t>(r));
    }
  }
}

CellError FieldReader::read_json_number(std::string_view text, Column& col, size_t row) const {
  if (formatted_ && formatted_->number_pattern) return plain_read_(*this, text, col, row);
  return read(text, col, row);
}

std::string FieldReader::formatted_detail(CellError err, std::string_view text) const {
  if (!formatted_ || !formatted_->zone) return "";
  const std::string& zone = formatted_->zone_name;
  // The offsets on both sides of the switch, for the fix.
  int64_t local = 0, utc = 0;
  double fraction = 0, v = 0;
  bool has_offset = false;
  int32_t offset = 0, offsets[2] = {0, 0};
  const std::string_view t = trim_spaces(text);
  if (formatted_->time_pattern ? cellfmt::read_time(formatted_->time, t, local, fraction, has_offset, offset)
                               : parse_iso_timestamp(t, v, &has_offset))
    tz::local_to_utc(formatted_->zone, formatted_->time_pattern ? local : static_cast<int64_t>(std::floor(v)), utc,
                     offsets);
  if (err == CellError::Skipped)
    return " (this local time does not exist in " + zone + ": the clocks skip it when they move from UTC" +
           tz::offset_text(offsets[0]) + " to UTC" + tz::offset_text(offsets[1]) +
           "; write the time with its offset if it is right)";
  return " (this local time happens twice in " + zone + ", at UTC" + tz::offset_text(offsets[0]) + " and at UTC" +
         tz::offset_text(offsets[1]) + "; write the time with its offset to say which)";
}

// The member whose name or spelling is closest to the cell (base/closest_name.h's rule,
// the front end's "did you mean"); a spelling is shown in quotes.
std::string FieldReader::closest_member(std::string_view text) const {
  if (enum_ == nullptr) return "";
  std::vector<std::string> candidates, shown;
  std::vector<size_t> member;  // parallel: which member
  for (size_t i = 0; i < enum_->members.size(); ++i) {
    candidates.push_back(enum_->members[i]);
    shown.push_back(enum_->members[i]);
    member.push_back(i);
    if (i < enum_->spellings.size() && !enum_->spellings[i].empty()) {
      candidates.push_back(enum_->spellings[i]);
      shown.push_back("\"" + enum_->spellings[i] + "\"");
      member.push_back(i);
    }
  }
  const std::string_view t = trim_spaces(text);
  const std::string near = closest_name(t, candidates);
  for (size_t i = 0; i < candidates.size() && !near.empty(); ++i)
    if (candidates[i] == near) return shown[i];
  // A cell that adds to or cuts a member's text (`Hotter`, `Decision`): the one member
  // that is the start of the cell, or that the cell starts, ignoring case (3+ letters).
  auto lower = [](std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
  };
  const std::string lt = lower(t);
  size_t found = candidates.size();
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string lc = lower(candidates[i]);
    const size_t common = std::min(lc.size(), lt.size());
    if (common < 3 || lc.compare(0, common, lt, 0, common) != 0) continue;
    if (found != candidates.size() && member[found] != member[i]) return "";  // two: no guess
    if (found == candidates.size()) found = i;
  }
  return found == candidates.size() ? "" : shown[found];
}

}  // namespace leadc::rt
