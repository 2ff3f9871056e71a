// Drafting a lead block from a CSV file (see infer.h). Every column is read as text
// once; each cell is tried with the readers of the candidate declarations still alive
// for its column, in order of preference, and the first one left standing at the end
// of the file is the column's type. Plain forms come before `format` patterns, so a
// pattern is only proposed when the file needs it.
#include "runtime/infer.h"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "runtime/cell_parse.h"
#include "runtime/hash_set64.h"

namespace leadc::rt {
namespace {

using ir::FieldKind;

struct Candidate {
  FieldKind kind;
  std::string type;    // as the draft writes it
  std::string format;  // "" = the default forms
  bool named = false;  // epoch_millis / epoch_seconds
  std::string unit;    // money: the currency
};

// What the candidates' guards look at, gathered over a column's cells.
struct CellFacts {
  bool non_01 = false;          // a cell other than 0 and 1 (so not an int column's 0/1)
  bool leading_zero = false;    // `02134`: a code, not a number
  bool all_13_digits = true;    // epoch milliseconds (2001..2286)
  bool all_10_digits = true;    // epoch seconds (2001..2286)
  bool usd = false, eur = false, gbp = false;
};

constexpr size_t kMaxMembers = 10;
// A column whose cells list `;`-separated values of at most this many kinds is a set
// (HubSpot's and Salesforce's multi-select export), when the file is not `;`-separated.
constexpr size_t kMaxSetMembers = 20;
// Repeated hashes a key candidate may meet before it is taken as not all different (see
// ColumnState::hits): past this, 17 collisions of 64-bit hashes in one column would be
// needed for the column to be all different after all.
constexpr size_t kMaxHits = 16;

std::string snake_case(std::string_view s) {
  std::string out;
  bool gap = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      gap = true;
      continue;
    }
    // camelCase / PascalCase: a capital after a lower-case letter starts a word.
    const bool upper = c >= 'A' && c <= 'Z';
    if (upper && !out.empty() && i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z') gap = true;
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += static_cast<char>(upper ? c - 'A' + 'a' : c);
  }
  return out;
}

// Words the grammar does not take as a field name (grammar `ident`).
bool reserved_name(const std::string& n) {
  static const char* const kReserved[] = {"when",  "otherwise", "and",         "or",        "not",      "in",
                                          "is",    "missing",   "known",       "true",      "false",    "starts_with",
                                          "ends_with", "contains", "within",   "where",     "term",     "const",
                                          "classify",  "definition", "import"};
  return std::find_if(std::begin(kReserved), std::end(kReserved), [&](const char* r) { return n == r; }) !=
         std::end(kReserved);
}

bool builtin_type_name(const std::string& n) {
  static const char* const kTypes[] = {"bool", "int", "number", "text", "email", "phone",
                                       "date", "timestamp", "duration", "money"};
  return std::find_if(std::begin(kTypes), std::end(kTypes), [&](const char* t) { return n == t; }) !=
         std::end(kTypes);
}

std::string field_name(std::string_view header, size_t column) {
  std::string n = snake_case(header);
  if (n.empty()) return "column_" + std::to_string(column + 1);
  if (n[0] >= '0' && n[0] <= '9') n = "c_" + n;
  if (reserved_name(n)) n += "_value";
  return n;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void observe(std::string_view cell, CellFacts& f) {
  if (cell != "0" && cell != "1") f.non_01 = true;
  std::string_view digits = cell.substr(!cell.empty() && cell[0] == '-');
  if (digits.size() > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9') f.leading_zero = true;
  if (!(cell.size() == 13 && all_digits(cell) && cell >= "1000000000000")) f.all_13_digits = false;
  if (!(cell.size() == 10 && all_digits(cell) && cell >= "1000000000")) f.all_10_digits = false;
  if (cell.find('$') != std::string_view::npos || cell.find("USD") != std::string_view::npos) f.usd = true;
  if (cell.find("\xE2\x82\xAC") != std::string_view::npos || cell.find("EUR") != std::string_view::npos) f.eur = true;
  if (cell.find("\xC2\xA3") != std::string_view::npos || cell.find("GBP") != std::string_view::npos) f.gbp = true;
}

// A header that says a column holds times (for 10-digit epoch seconds, which could
// as well be phone numbers or ids).
bool time_header(std::string_view header) {
  const std::string n = snake_case(header);
  for (const char* w : {"time", "date", "seen", "synced", "created", "updated", "modified", "epoch", "_at"})
    if (n.find(w) != std::string::npos) return true;
  return n.size() > 3 && n.compare(n.size() - 3, 3, "_at") == 0;
}

// The declarations tried for a column, best first, given what its cells look like.
std::vector<Candidate> candidates(const CellFacts& f, std::string_view header) {
  std::vector<Candidate> c;
  if (f.non_01) c.push_back({FieldKind::Bool, "bool", "", false, ""});
  if (f.all_13_digits) c.push_back({FieldKind::Timestamp, "timestamp", "epoch_millis", true, ""});
  if (f.all_10_digits && time_header(header)) c.push_back({FieldKind::Timestamp, "timestamp", "epoch_seconds", true, ""});
  if (!f.leading_zero) {
    for (const char* p : {"", "1,234", "1 234"}) c.push_back({FieldKind::Int, "int", p, false, ""});
    for (const char* p : {"", "1,234.56", "1.234,56", "1 234,56"}) c.push_back({FieldKind::Number, "number", p, false, ""});
  }
  for (auto [marked, cur] : {std::pair{f.usd, "USD"}, std::pair{f.eur, "EUR"}, std::pair{f.gbp, "GBP"}}) {
    if (!marked || f.leading_zero) continue;
    for (const char* p : {"", "1,234.56", "1.234,56", "1 234,56"})
      c.push_back({FieldKind::Money, std::string("money(") + cur + ")", p, false, cur});
  }
  for (const char* p : {"", "MM/DD/YYYY", "M/D/YYYY", "DD/MM/YYYY", "D/M/YYYY", "DD.MM.YYYY", "D.M.YYYY",
                        "YYYY/MM/DD", "MM-DD-YYYY", "DD-MM-YYYY"})
    c.push_back({FieldKind::Date, "date", p, false, ""});
  for (const char* p : {"", "MM/DD/YYYY hh:mm A", "M/D/YYYY h:mm A", "MM/DD/YYYY hh:mm:ss A", "M/D/YYYY h:mm:ss A",
                        "MM/DD/YYYY HH:mm", "M/D/YYYY H:mm", "MM/DD/YYYY HH:mm:ss", "M/D/YYYY H:mm:ss",
                        "DD/MM/YYYY HH:mm", "D/M/YYYY H:mm", "DD/MM/YYYY HH:mm:ss", "DD.MM.YYYY HH:mm",
                        "D.M.YYYY H:mm", "DD.MM.YYYY HH:mm:ss", "YYYY/MM/DD HH:mm", "YYYY/MM/DD HH:mm:ss"})
    c.push_back({FieldKind::Timestamp, "timestamp", p, false, ""});
  c.push_back({FieldKind::Email, "email", "", false, ""});
  c.push_back({FieldKind::Phone, "phone", "", false, ""});
  return c;
}

ir::Type ir_type(FieldKind k) {
  switch (k) {
    case FieldKind::Bool: return ir::Type::Bool;
    case FieldKind::Text:
    case FieldKind::Email:
    case FieldKind::Phone: return ir::Type::Str;
    case FieldKind::Enum: return ir::Type::Enum;
    default: return ir::Type::Num;
  }
}

// Formats that mean the same reading of a cell (`MM/DD/YYYY` and `M/D/YYYY`) have one
// shape: the pattern with its two-digit parts made one-digit.
std::string shape(std::string p) {
  std::string out;
  for (size_t i = 0; i < p.size(); ++i) {
    if (i + 1 < p.size() && p[i] == p[i + 1] && (p[i] == 'M' || p[i] == 'D' || p[i] == 'H' || p[i] == 'h')) continue;
    out += p[i];
  }
  return out;
}

// What is kept of a column while the file is read, bounded whatever its length: the key
// check keeps a 64-bit hash per row (HashSet64, 11-23 bytes a row) and only while the
// column can still be the key (every cell filled, no two alike); the enum check keeps at
// most kMaxMembers + 1 values; the candidates' check, the first kFactRows cells.
struct ColumnState {
  CellFacts facts;
  uint64_t filled = 0, empty = 0;
  bool distinct = true;  // every cell filled and no two alike so far (up to `hits`)
  HashSet64 seen;        // the hashes of the cells, while `distinct`
  // Hashes met again: two equal cells or, rarely, two that share a hash; told apart by
  // one more pass over the file (confirm_distinct) if the column would be the key.
  std::vector<uint64_t> hits;
  std::vector<std::string> values;  // distinct values in file order, up to kMaxMembers + 1
  std::vector<std::string> cells;   // the first cells, kept until the candidates are known
  // A multi-select column: some cell holds a `;`; its distinct trimmed pieces in file
  // order (up to kMaxSetMembers + 1) and how many pieces there were.
  bool listy = false;
  std::vector<std::string> pieces;
  std::unordered_set<std::string> piece_set;
  uint64_t piece_count = 0;
};

void observe_pieces(std::string_view cell, ColumnState& st) {
  st.listy = st.listy || cell.find(';') != std::string_view::npos;
  while (!cell.empty()) {
    const size_t at = cell.find(';');
    const std::string_view piece = trim_spaces(cell.substr(0, at));
    if (!piece.empty()) {
      ++st.piece_count;
      if (st.pieces.size() <= kMaxSetMembers && st.piece_set.emplace(piece).second) st.pieces.emplace_back(piece);
    }
    if (at == std::string_view::npos) break;
    cell.remove_prefix(at + 1);
  }
}

// Member names for a column's values (snake_case, `v_` before a digit) with the file's
// text as a spelling where it differs; false when two values give one name.
bool members_of(const std::vector<std::string>& values, InferredField& f) {
  std::vector<std::string> members;
  for (const std::string& v : values) {
    std::string m = snake_case(v);
    if (m.empty() || !valid_utf8(v)) return false;
    if (m[0] >= '0' && m[0] <= '9') m = "v_" + m;
    if (std::find(members.begin(), members.end(), m) != members.end()) return false;
    members.push_back(m);
  }
  f.type = builtin_type_name(f.name) ? f.name + "_type" : f.name;
  f.members = members;
  for (size_t m = 0; m < members.size(); ++m) f.spellings.push_back(members[m] == values[m] ? "" : values[m]);
  return true;
}

void not_distinct(ColumnState& st) {
  st.distinct = false;
  st.seen.release();
  std::vector<uint64_t>().swap(st.hits);
}

// Reads every row of the file as the optional text columns of `text`, calling
// cell(column, text) for each filled cell and empty(column) for the others.
template <class Cell, class Empty, class RowDone>
void read_cells(LeadReader& reader, size_t n, uint64_t& rows, Cell&& cell, Empty&& empty, RowDone&& row_done) {
  Batch batch;
  while (reader.next(batch)) {
    for (size_t r = 0; r < batch.rows; ++r) {
      ++rows;
      for (size_t i = 0; i < n; ++i) {
        const Column& c = batch.inputs[i];
        const std::string_view v = c.known[r] ? trim_spaces(c.str[r]) : std::string_view();
        if (v.empty())
          empty(i);
        else
          cell(i, v);
      }
      row_done();
    }
  }
}

// The columns in `check` met a hash twice: one more pass keeps the cells with those
// hashes (at most 2 * kMaxHits a column: each repeat added a hit) and compares them; a
// column with two equal cells is not all different.
void confirm_distinct(const std::string& path, const ir::Program& text, const ReaderOptions& options,
                      const std::vector<size_t>& check, std::vector<ColumnState>& cols) {
  struct Pending {
    std::unordered_set<uint64_t> hashes;
    std::unordered_map<uint64_t, std::vector<std::string>> cells;
  };
  std::vector<Pending> pending(cols.size());
  std::vector<uint8_t> checking(cols.size(), 0);
  for (size_t i : check) {
    checking[i] = 1;
    pending[i].hashes.insert(cols[i].hits.begin(), cols[i].hits.end());
  }
  LeadReader reader;
  reader.open(path, text, options);
  uint64_t rows = 0;
  read_cells(
      reader, text.inputs.size(), rows,
      [&](size_t i, std::string_view v) {
        if (!checking[i]) return;
        const uint64_t h = cell_hash(v);
        if (!pending[i].hashes.count(h)) return;
        std::vector<std::string>& same = pending[i].cells[h];
        if (std::find(same.begin(), same.end(), v) != same.end()) {
          checking[i] = 0;
          not_distinct(cols[i]);
          pending[i] = {};
          return;
        }
        same.emplace_back(v);
      },
      [](size_t) {}, [] {});
}

}  // namespace

InferredLead infer_lead(const std::string& path, const ReaderOptions& options) {
  if (lead_format_for_path(path) != LeadFormat::Csv)
    throw IoError(path + ": error: leadc infer reads CSV files (a JSON Lines file names its fields in every line)");
  InferredLead out;
  std::vector<std::string> header;
  {
    ir::Program none;
    LeadReader probe;
    probe.open(path, none, options);
    header = probe.header();
  }
  // Every usable column as optional text.
  ir::Program text;
  std::vector<size_t> column_of;  // input -> header cell
  std::vector<std::string> names;
  for (size_t c = 0; c < header.size(); ++c) {
    const bool repeated = std::find(header.begin(), header.begin() + static_cast<long>(c), header[c]) !=
                          header.begin() + static_cast<long>(c);
    if (header[c].empty() || repeated) {
      out.skipped.push_back(header[c].empty() ? "column " + std::to_string(c + 1) + " (no header)"
                                              : "column " + std::to_string(c + 1) + " (\"" + header[c] + "\" again)");
      continue;
    }
    ir::Input in;
    std::string name = field_name(header[c], c);
    while (std::find(names.begin(), names.end(), name) != names.end()) name += "_" + std::to_string(c + 1);
    names.push_back(name);
    in.field = name;
    in.column = header[c];
    in.kind = FieldKind::Text;
    in.type = ir::Type::Str;
    in.optional = true;
    text.inputs.push_back(in);
    column_of.push_back(c);
  }
  const size_t n = text.inputs.size();
  std::vector<ColumnState> cols(n);

  // Candidate readers, made once the first batch has shown what the cells look like
  // (the guards then only grow stricter: a later cell can kill a candidate, never add one).
  ir::Program cands;
  std::vector<FieldReader> readers;
  std::vector<std::vector<size_t>> alive(n);  // column -> indexes into cands.inputs / readers
  std::vector<std::vector<Candidate>> proposed(n);
  std::vector<uint64_t> zoneless;             // per candidate
  bool started = false;
  Column scratch;

  auto try_cell = [&](size_t col, std::string_view cell) {
    auto& a = alive[col];
    a.erase(std::remove_if(a.begin(), a.end(),
                           [&](size_t k) {
                             scratch.reset(cands.inputs[k].type, 1);
                             const bool ok = readers[k].read(cell, scratch, 0) == CellError::None;
                             zoneless[k] += scratch.zoneless_count(1);
                             return !ok;
                           }),
            a.end());
  };
  auto start = [&] {
    started = true;
    for (size_t i = 0; i < n; ++i) {
      proposed[i] = candidates(cols[i].facts, text.inputs[i].column);
      for (const Candidate& cd : proposed[i]) {
        ir::Input in;
        in.field = text.inputs[i].field;
        in.column = text.inputs[i].column;
        in.kind = cd.kind;
        in.type = ir_type(cd.kind);
        in.optional = true;
        in.format = cd.format;
        in.format_is_name = cd.named;
        in.unit = cd.unit;
        in.scale = cd.kind == FieldKind::Money ? 100 : 1;
        alive[i].push_back(cands.inputs.size());
        cands.inputs.push_back(in);
      }
    }
    readers.reserve(cands.inputs.size());
    for (size_t k = 0; k < cands.inputs.size(); ++k) readers.emplace_back(cands, k);
    zoneless.assign(cands.inputs.size(), 0);
    for (size_t i = 0; i < n; ++i) {
      for (const std::string& cell : cols[i].cells) try_cell(i, cell);
      cols[i].cells.clear();
      cols[i].cells.shrink_to_fit();
    }
  };

  LeadReader reader;
  reader.open(path, text, options);
  out.delimiter = reader.delimiter();
  out.encoding = reader.encoding();
  // Facts from the first rows decide the candidates; the guards (a currency mark, 13
  // digits) are checked on every later cell as a reader would be.
  constexpr uint64_t kFactRows = 1000;
  read_cells(
      reader, n, out.rows,
      [&](size_t i, std::string_view cell) {
        ColumnState& st = cols[i];
        ++st.filled;
        if (st.distinct) {
          const uint64_t h = cell_hash(cell);
          if (!st.seen.insert(h)) {
            if (st.hits.size() == kMaxHits)
              not_distinct(st);
            else
              st.hits.push_back(h);
          }
        }
        if (st.values.size() <= kMaxMembers && std::find(st.values.begin(), st.values.end(), cell) == st.values.end())
          st.values.emplace_back(cell);
        observe_pieces(cell, st);
        if (!started) {
          observe(cell, st.facts);
          st.cells.emplace_back(cell);
        } else {
          // A guard that no longer holds removes the candidates it admitted.
          CellFacts f = st.facts;
          observe(cell, f);
          st.facts.non_01 = f.non_01;
          if (!(f.all_13_digits == st.facts.all_13_digits && f.all_10_digits == st.facts.all_10_digits &&
                f.leading_zero == st.facts.leading_zero)) {
            auto& a = alive[i];
            a.erase(std::remove_if(a.begin(), a.end(),
                                   [&](size_t k) {
                                     const ir::Input& in = cands.inputs[k];
                                     if (in.format_is_name) return true;
                                     return f.leading_zero && (in.kind == FieldKind::Int || in.kind == FieldKind::Number ||
                                                               in.kind == FieldKind::Money);
                                   }),
                    a.end());
            st.facts = f;
          }
          try_cell(i, cell);
        }
      },
      [&](size_t i) {
        ColumnState& st = cols[i];
        ++st.empty;
        if (st.distinct) not_distinct(st);  // a key has a value in every row
      },
      [&] {
        if (!started && out.rows >= kFactRows) start();
      });
  if (!started) start();

  for (size_t i = 0; i < n; ++i) {
    const ColumnState& st = cols[i];
    InferredField f;
    f.name = text.inputs[i].field;
    f.column = text.inputs[i].column;
    f.optional = st.empty > 0;
    f.type = "text";
    if (st.filled > 0 && !alive[i].empty()) {
      const ir::Input& best = cands.inputs[alive[i].front()];
      f.type = best.kind == FieldKind::Money ? "money(" + best.unit + ")" : ir::field_kind_name(best.kind);
      f.format = best.format;
      f.format_is_name = best.format_is_name;
      f.zoneless = zoneless[alive[i].front()];
      f.zero_one = best.kind == FieldKind::Int && !st.facts.non_01;
      for (size_t k : alive[i]) {
        const ir::Input& o = cands.inputs[k];
        if (o.kind != best.kind || o.format.empty() || best.format.empty() || o.format_is_name) continue;
        if (shape(o.format) == shape(best.format)) continue;
        const std::string shown = shape(o.format);
        bool dup = false;
        for (const std::string& a : f.also) dup = dup || shape(a) == shown;
        if (!dup) f.also.push_back(o.format);
      }
    } else if (st.listy && out.delimiter != ';' && st.pieces.size() <= kMaxSetMembers && st.pieces.size() < st.piece_count &&
               members_of(st.pieces, f)) {
      // `crm;CMS Hub` cells of few kinds of piece: a multi-select, a set of an enum.
      f.is_set = true;
    } else if (st.filled > 0 && st.values.size() <= kMaxMembers && st.values.size() < st.filled) {
      // A column of few values, some repeated: an enum with the file's spellings.
      members_of(st.values, f);
    }
    out.fields.push_back(std::move(f));
  }
  // The key: the first column with a value in every row, all different. Columns before
  // the first one without a repeated hash are confirmed by one more pass if need be.
  auto key_like = [&](size_t i) {
    const ColumnState& st = cols[i];
    return st.empty == 0 && st.filled > 0 && st.distinct && out.fields[i].members.empty();
  };
  std::vector<size_t> check;
  for (size_t i = 0; i < n; ++i) {
    if (!key_like(i)) continue;
    if (cols[i].hits.empty()) break;
    check.push_back(i);
  }
  if (!check.empty()) confirm_distinct(path, text, options, check, cols);
  for (size_t i = 0; i < n; ++i)
    if (key_like(i)) {
      out.fields[i].key = true;
      break;
    }
  return out;
}

}  // namespace leadc::rt
