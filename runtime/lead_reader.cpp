// LeadReader: opening a lead file, checking the CSV header against the program's
// inputs, and cutting the byte stream into chunks of whole rows (see lead_reader.h).
#include "runtime/lead_reader.h"

#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <simdjson.h>

#include "runtime/reader_plan.h"
#include "runtime/row_scan.h"

namespace leadc::rt {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Splits one CSV row (without its line end) into unescaped cells; header use only. The
// quote rule is row_scan.h's: a quote opens a quoted section only at a cell's start.
std::vector<std::string> split_csv_row(std::string_view row, char delim) {
  std::vector<std::string> cells(1);
  bool in_quote = false, at_start = true;
  for (size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (in_quote) {
      if (c == '"' && i + 1 < row.size() && row[i + 1] == '"') { cells.back() += '"'; ++i; }
      else if (c == '"') in_quote = false;
      else cells.back() += c;
    } else if (c == '"' && at_start) {
      in_quote = true;
      at_start = false;
    } else if (c == delim) {
      cells.emplace_back();
      at_start = true;
    } else {
      cells.back() += c;
      at_start = false;
    }
  }
  if (!cells.back().empty() && cells.back().back() == '\r') cells.back().pop_back();
  return cells;
}

std::string mib(size_t bytes) {
  return bytes % (1 << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// iconv's name for each --encoding (glibc's iconv: always there, no extra package).
const char* iconv_name(const std::string& e) {
  if (e == "windows-1252") return "WINDOWS-1252";
  if (e == "latin1") return "ISO-8859-1";
  if (e == "utf-16le") return "UTF-16LE";
  if (e == "utf-16be") return "UTF-16BE";
  return nullptr;
}

}  // namespace

const char* const kEncodingNames = "windows-1252, latin1, utf-16le, utf-16be";
bool known_encoding(const std::string& name) { return iconv_name(name) != nullptr; }

bool parse_delimiter_name(const std::string& name, char& out) {
  if (name == "," || name == "comma") out = ',';
  else if (name == ";" || name == "semicolon") out = ';';
  else if (name == "\t" || name == "\\t" || name == "tab" || name == "TAB") out = '\t';
  else if (name == "|" || name == "pipe") out = '|';
  else return false;
  return true;
}

LeadFormat lead_format_for_path(const std::string& path) {
  std::string lower = path;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ends = [&](std::string_view suffix) {
    return lower.size() >= suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".jsonl") || ends(".ndjson") ? LeadFormat::Jsonl : LeadFormat::Csv;
}

struct LeadReader::Impl {
  ReaderPlan plan;
  ReaderOptions options;
  int fd = -1;
  bool eof = false;
  uint64_t size = 0;
  uint64_t consumed = 0;     // file bytes handed out in chunks (plus header)
  uint64_t next_line = 1;
  uint64_t next_seq = 0;
  std::string buf;           // bytes read but not yet handed out; starts at a row start
  RowScan scan;
  size_t scanned = 0;        // buf[0, scanned) has been fed to `scan`
  bool cr_line_ends = false; // every '\r' outside quotes is a line end (see start_file)
  // CR line ends in CSV: the quote state of the bytes converted so far (row_scan.h's
  // rule), and where conversion waits for the delimiter (npos: it does not).
  bool cr_quote = false, cr_start = true;
  size_t cr_pending = std::string::npos;
  uint32_t header_line = 1;  // the file's line the header is on (after blank and sep= lines)
  char sep_line = 0;         // the delimiter an Excel `sep=X` first line names
  std::string header_raw;
  std::string encoding;      // "" = UTF-8 as it is; else transcoded by `iconv`
  iconv_t cd = reinterpret_cast<iconv_t>(-1);
  std::string raw;           // file bytes read but not yet transcoded (a split sequence)
  uint64_t raw_offset = 0;   // file offset of raw[0], for messages
  // Chunk buffers whose batches are done, for reuse: a fresh 256 KiB buffer per chunk
  // costs page faults and cold-cache copies that took a third of a run's time.
  std::mutex spare_mu;
  std::vector<std::string> spare;

  std::string take_buffer(size_t capacity) {
    std::string b;
    {
      std::lock_guard lk(spare_mu);
      if (!spare.empty()) {
        b = std::move(spare.back());
        spare.pop_back();
      }
    }
    b.clear();
    b.reserve(capacity);
    return b;
  }
  void give_back(std::string&& b) {
    if (b.capacity() == 0) return;
    std::lock_guard lk(spare_mu);
    constexpr size_t kMaxSpare = 64;
    if (spare.size() < kMaxSpare) spare.push_back(std::move(b));
  }

  ~Impl() {
    if (fd >= 0) ::close(fd);
    if (cd != reinterpret_cast<iconv_t>(-1)) iconv_close(cd);
  }

  bool transcoding() const { return cd != reinterpret_cast<iconv_t>(-1); }

  // Appends up to `want` bytes to buf; sets eof at the end of the file.
  void fill(size_t want) {
    if (transcoding()) return fill_transcoded(want);
    const size_t old = buf.size();
    fill_raw(buf, want);
    if (cr_line_ends && cr_pending == std::string::npos) cr_to_lf(old);
  }

  // Reads up to `want` file bytes onto the end of `dst`; sets eof at the end of the file.
  void fill_raw(std::string& dst, size_t want) {
    const size_t old = dst.size();
    if (dst.capacity() < old + want + simdjson::SIMDJSON_PADDING) dst.reserve(old + want + simdjson::SIMDJSON_PADDING);
    dst.resize(old + want);
    size_t got = 0;
    while (got < want) {
      const ssize_t n = ::read(fd, dst.data() + old + got, want - got);
      if (n < 0) {
        if (errno == EINTR) continue;
        dst.resize(old + got);
        throw IoError(plan.path + ": error: cannot read: " + std::strerror(errno));
      }
      if (n == 0) { eof = true; break; }
      got += static_cast<size_t>(n);
    }
    dst.resize(old + got);
  }

  // fill() for a file that is not UTF-8: reads file bytes and appends their UTF-8 to
  // buf. A sequence split by the read waits in `raw` for the next one; a byte that is
  // not valid in the encoding is a data error at its file offset.
  void fill_transcoded(size_t want) {
    const size_t old = buf.size();
    fill_raw(raw, want);
    char* in = raw.data();
    size_t in_left = raw.size();
    // Each input byte makes at most 3 bytes of UTF-8 (windows-1252 '€'); UTF-16: 1.5.
    buf.resize(old + 3 * in_left + 8);
    char* out = buf.data() + old;
    size_t out_left = buf.size() - old;
    // A byte (a UTF-16 unit) the encoding does not define goes on as bytes that are not
    // UTF-8 — itself for a single-byte encoding, ED A0 80 for a lone surrogate — so the
    // cell that holds it is a data error of its row, at its line and column, like any
    // byte that is not UTF-8 (decision 111).
    const size_t unit = encoding.rfind("utf-16", 0) == 0 ? 2 : 1;
    for (;;) {
      const size_t r = iconv(cd, &in, &in_left, &out, &out_left);
      const int err = r == static_cast<size_t>(-1) ? errno : 0;
      if (!(err == EILSEQ || (err == EINVAL && eof)) || in_left == 0) break;
      const size_t skip = std::min(unit, in_left);
      const char* mark = unit == 2 ? "\xED\xA0\x80" : in;
      const size_t mark_len = unit == 2 ? 3 : 1;
      if (out_left < mark_len) break;
      std::memcpy(out, mark, mark_len);
      out += mark_len, out_left -= mark_len;
      in += skip, in_left -= skip;
    }
    buf.resize(static_cast<size_t>(out - buf.data()));
    raw_offset += static_cast<uint64_t>(in - raw.data());
    raw.erase(0, static_cast<size_t>(in - raw.data()));
    if (cr_line_ends && cr_pending == std::string::npos) cr_to_lf(old);
  }

  // CR line ends: every CR of buf[from, end) outside a quoted cell becomes '\n'; one
  // inside a quoted cell is the cell's text and is kept (JSON Lines: every CR, a JSON
  // string cannot hold one raw). The quote state carries over from the bytes before.
  void cr_to_lf(size_t from) {
    if (plan.format != LeadFormat::Csv) {
      std::replace(buf.begin() + static_cast<ptrdiff_t>(from), buf.end(), '\r', '\n');
      return;
    }
    const char delim = plan.delimiter;
    for (size_t i = from; i < buf.size(); ++i) {
      char& c = buf[i];
      if (cr_quote) {
        if (c == '"') cr_quote = false, cr_start = true;  // `""` opens it again
        continue;
      }
      if (c == '"' && cr_start) {
        cr_quote = true;
        continue;
      }
      if (c == '\r') c = '\n';
      cr_start = c == delim || c == '\n';
    }
  }

  // Chooses the encoding from a BOM (UTF-16 LE/BE; a UTF-8 BOM is skipped later) or
  // options.encoding, and opens the converter. Reads the first bytes to look.
  void start_encoding() {
    fill_raw(raw, 2);
    std::string chosen = options.encoding;
    size_t bom = 0;
    if (raw.size() == 2 && raw[0] == '\xFF' && raw[1] == '\xFE') chosen = "utf-16le", bom = 2;
    else if (raw.size() == 2 && raw[0] == '\xFE' && raw[1] == '\xFF') chosen = "utf-16be", bom = 2;
    if (chosen.empty()) {  // UTF-8: the bytes read go on as they are
      buf = std::move(raw);
      raw.clear();
      return;
    }
    encoding = chosen;
    cd = iconv_open("UTF-8", iconv_name(chosen));
    if (cd == reinterpret_cast<iconv_t>(-1))
      throw IoError(plan.path + ": error: cannot read " + chosen + " here: " + std::strerror(errno));
    raw.erase(0, bom);
    raw_offset = bom;
    consumed = bom;
  }

  // A row longer than the limit without a line end: stop with a message instead of
  // reading on (a file without line ends would be read whole, or never end).
  [[noreturn]] void row_too_long(uint64_t line, bool in_quote) const {
    if (in_quote)
      throw DataError(plan.error_at(line, 1, "a quoted cell in the row starting here is not closed within " +
                                                 mib(options.max_row_bytes) + " (a quote missing its pair?)"));
    throw DataError(plan.error_at(line, 1, "no line end within " + mib(options.max_row_bytes) +
                                               " (a row longer than that, or not a lead file)"));
  }

  // Skips a UTF-8 BOM and decides the line ends: when the first line end is a lone CR
  // (Excel's "CSV (Macintosh)"), every CR is a line end, read as '\n' from here on.
  // Files with LF or CRLF line ends are left exactly as they are.
  void start_file() {
    start_encoding();
    fill(options.chunk_bytes);
    if (buf.size() >= 3 && std::memcmp(buf.data(), "\xEF\xBB\xBF", 3) == 0) {
      buf.erase(0, 3);
      consumed = 3;
    }
    size_t searched = 0;
    for (;;) {
      const size_t at = buf.find_first_of("\r\n", searched);
      if (at != std::string::npos && (at + 1 < buf.size() || eof)) {
        if (buf[at] == '\r' && (at + 1 == buf.size() || buf[at + 1] != '\n')) {
          cr_line_ends = true;
          // CSV: the header's end now, the rest once the delimiter is known (read_header),
          // which says where a quoted cell may open.
          buf[at] = '\n';
          cr_pending = at + 1;
          if (plan.format != LeadFormat::Csv) {
            cr_pending = std::string::npos;
            cr_to_lf(at + 1);
          }
        }
        return;
      }
      if (eof) return;
      if (buf.size() > options.max_row_bytes) row_too_long(1, false);
      searched = at != std::string::npos ? at : buf.size();
      fill(options.chunk_bytes);
    }
  }

  // The delimiter among , ; TAB | that splits the header row into the most cells
  // outside quotes (',' on a tie), unless options.delimiter says it. A '"' anywhere
  // opens or closes a quoted stretch, so a ',' inside `"Company, Name"` of a ';' header
  // does not count (decision 100). On a tie, a delimiter more often followed by a space
  // (`First, Name` in a TAB header) ranks below one that is not; then , ; TAB |.
  char choose_delimiter() const {
    if (options.delimiter != 0) return options.delimiter;
    if (sep_line != 0) return sep_line;
    char best = ',';
    size_t best_cells = 0, best_spaced = 0;
    for (const char d : {',', ';', '\t', '|'}) {
      const size_t row_end = find_row_end(buf.data(), buf.size(), true, d);
      size_t cells = 1, spaced = 0;
      bool quoted = false;
      for (size_t i = 0; i < row_end; ++i) {
        if (buf[i] == '"') quoted = !quoted;
        else if (buf[i] == d && !quoted) {
          ++cells;
          if (i + 1 < row_end && buf[i + 1] == ' ') ++spaced;
        }
      }
      if (cells > best_cells || (cells == best_cells && spaced < best_spaced))
        best = d, best_cells = cells, best_spaced = spaced;
    }
    return best;
  }

  // A field's column missing under the chosen delimiter that the header has when split
  // by another of , ; TAB |: that delimiter, shown for --delimiter, or "".
  std::string delimiter_for(const std::string& column) const {
    for (const char d : {';', '\t', ',', '|'}) {
      if (d == plan.delimiter || header_raw.find(d) == std::string::npos) continue;
      for (const std::string& n : split_csv_row(header_raw, d))
        if (trim_spaces(n) == column) return d == '\t' ? "tab" : std::string("'") + d + "'";
    }
    return "";
  }

  // Why a header may not have the columns the fields read, when the file shows it: a
  // UTF-16 file without a BOM read as UTF-8 (every other byte NUL), or a header of one
  // column holding another delimiter (a quoted header line, a wrong --delimiter).
  std::string header_hint(const std::vector<std::string>& names) const {
    if (encoding.empty()) {
      size_t even = 0, odd = 0;
      for (size_t i = 0; i < header_raw.size(); ++i)
        if (header_raw[i] == '\0') ++(i % 2 ? odd : even);
      // ASCII text in UTF-16 LE has NUL at odd offsets (the BOM-less file starts at 0).
      if (odd + even > 0 && std::max(odd, even) * 3 >= header_raw.size())
        return std::string("\n  the file looks like UTF-16 ") + (odd > even ? "LE" : "BE") +
               " without a BOM: say so with --encoding " + (odd > even ? "utf-16le" : "utf-16be");
    }
    const std::string_view first = trim_spaces(header_raw);
    if (!first.empty() && first.front() == '{' && first.find(':') != std::string_view::npos)
      return "\n  the file looks like JSON Lines (its first line is a JSON object): a lead file's format follows its "
             "extension, so give it a .jsonl name";
    if (names.size() == 1) {
      for (const char d : {';', '\t', ',', '|'}) {
        if (d == plan.delimiter || names[0].find(d) == std::string::npos) continue;
        const std::string shown = d == '\t' ? "TAB" : std::string("`") + d + "`";
        const std::string option = d == '\t' ? "tab" : std::string("'") + d + "'";
        return "\n  the header is one column that contains " + shown + ": if the cells are separated by " + shown +
               ", say so with --delimiter " + option;
      }
    }
    return "";
  }

  // Lines above the header that are not it: Excel's `sep=X` line, which names the
  // delimiter (decision 102), and blank lines (decision 103). Line numbers stay the file's.
  void skip_lines_above_header() {
    for (;;) {
      const char* ends = cr_pending != std::string::npos ? "\r\n" : "\n";
      size_t at = buf.find_first_of(ends);
      while (at == std::string::npos && !eof && buf.size() <= options.max_row_bytes) {
        fill(options.chunk_bytes);
        at = buf.find_first_of(ends);
      }
      if (at == std::string::npos) return;
      std::string_view line(buf.data(), at);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const bool sep = line.size() == 5 && line.substr(0, 4) == "sep=" && std::strchr(",;\t|", line[4]) != nullptr;
      if (!sep && !trim_spaces(line).empty()) {
        if (cr_pending != std::string::npos && buf[at] == '\r') {
          buf[at] = '\n';  // the header's CR line end, as start_file() did for line 1
          cr_pending = at + 1;
        }
        return;
      }
      if (sep && header_line == 1) sep_line = line[4];
      const size_t taken = at + 1;
      buf.erase(0, taken);
      consumed += taken;
      ++header_line;
      if (cr_pending != std::string::npos) cr_pending = cr_pending > taken ? cr_pending - taken : 0;
    }
  }

  void read_header() {
    skip_lines_above_header();
    plan.delimiter = choose_delimiter();
    scan.delimiter = plan.delimiter;
    if (cr_pending != std::string::npos) {
      const size_t from = cr_pending;
      cr_pending = std::string::npos;
      cr_to_lf(from);
    }
    // The header's end, scanning each byte once (a long header arrives in many fills).
    RowScan hs;
    hs.delimiter = plan.delimiter;
    size_t pos = 0;
    for (;;) {
      for (; pos < buf.size() && hs.last_boundary == 0; ++pos) hs.scan_bytes(buf.data(), pos, pos + 1);
      if (hs.last_boundary != 0 || eof) break;
      if (buf.size() > options.max_row_bytes) row_too_long(1, hs.in_quote);
      fill(options.chunk_bytes);
    }
    const size_t row_end = hs.last_boundary != 0 ? hs.last_boundary - 1 : buf.size();
    if (buf.empty()) throw DataError(plan.error_at(header_line, 1, "the file is empty (a CSV lead file needs a header row)"));
    std::string_view header(buf.data(), row_end);  // start_file() took the BOM off
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    header_raw = std::string(header);
    next_line = header_line + static_cast<uint64_t>(std::count(header.begin(), header.end(), '\n')) + (row_end < buf.size());
    const size_t taken = std::min(row_end + 1, buf.size());
    consumed += taken;
    buf.erase(0, taken);

    std::vector<std::string> names = split_csv_row(header_raw, plan.delimiter);
    for (std::string& n : names) n = std::string(trim_spaces(n));
    plan.columns = names.size();
    if (std::all_of(names.begin(), names.end(), [](const std::string& n) { return n.empty(); }))
      throw DataError(plan.error_at(header_line, 1,
                                    "the header row (line " + std::to_string(header_line) +
                                        ") has no column names; the header must be the file's first line that is "
                                        "not blank (remove the lines above it)"));
    // A header cell that is not UTF-8 is a data error before any row (LANGUAGE.md section 9).
    for (size_t c = 0; c < names.size(); ++c) {
      if (valid_utf8(names[c])) continue;
      const size_t at = header_raw.find(names[c]);
      throw DataError(plan.error_at(header_line, static_cast<uint32_t>(at == std::string::npos ? 1 : at + 1),
                                    not_utf8_message("header column " + std::to_string(c + 1), names[c], encoding)) +
                      header_hint(names));
    }
    plan.header = names;
    std::vector<std::vector<uint32_t>> column_inputs(names.size());
    std::string missing;
    const auto& inputs = plan.program->inputs;
    for (uint32_t i = 0; i < inputs.size(); ++i) {
      auto it = std::find(names.begin(), names.end(), inputs[i].column);
      if (it != names.end()) {
        // A column a field reads must be there once: which one it means is a guess.
        auto again = std::find(it + 1, names.end(), inputs[i].column);
        if (again != names.end() && inputs[i].set_member > 0) continue;  // said once, for the set's member 0
        if (again != names.end()) {
          if (!missing.empty()) missing += '\n';
          missing += plan.error_at(header_line, 1, "column `" + inputs[i].column + "` for field `" + inputs[i].field +
                                             "` appears twice in the header (columns " +
                                             std::to_string(it - names.begin() + 1) + " and " +
                                             std::to_string(again - names.begin() + 1) + "); rename one of them");
          continue;
        }
        column_inputs[static_cast<size_t>(it - names.begin())].push_back(i);
        continue;
      }
      if (inputs[i].set_member > 0) continue;  // a set's column is reported once, for member 0
      const std::string* best = nullptr;
      size_t best_d = SIZE_MAX;
      for (const std::string& n : names) {
        const size_t d = edit_distance(inputs[i].column, n);
        if (!n.empty() && d < best_d) { best_d = d; best = &n; }
      }
      for (const std::string& n : names)
        if (n == "\xEF\xBB\xBF" + inputs[i].column) best = &n;  // a second BOM before it
      if (!missing.empty()) missing += '\n';
      missing += plan.error_at(header_line, 1, "column `" + inputs[i].column + "` for field `" + inputs[i].field + "` is missing");
      const std::string other = delimiter_for(inputs[i].column);
      if (!other.empty())
        missing += "; the header has it when its cells are separated by " +
                   (other == "tab" ? std::string("TAB") : "`" + other.substr(1, 1) + "`") + ": say so with --delimiter " +
                   other;
      else if (best)
        missing += "; did you mean `" + escape_for_message(*best) + "`?" +
                   (best->rfind("\xEF\xBB\xBF", 0) == 0 ? " (the header starts with a second byte-order mark, U+FEFF)"
                                                          : "");
    }
    if (!missing.empty()) throw DataError(missing + header_hint(names));
    plan.feed_begin.assign(1, 0);
    plan.feed_inputs.clear();
    for (const std::vector<uint32_t>& feeds : column_inputs) {
      plan.feed_inputs.insert(plan.feed_inputs.end(), feeds.begin(), feeds.end());
      plan.feed_begin.push_back(static_cast<uint32_t>(plan.feed_inputs.size()));
    }
  }
};

LeadReader::LeadReader() = default;
LeadReader::~LeadReader() = default;

void LeadReader::open(const std::string& path, const ir::Program& program, ReaderOptions options) {
  impl_ = std::make_unique<Impl>();
  Impl& m = *impl_;
  m.options = options;
  const bool from_stdin = path == "-";  // `--leads -`: standard input, named <stdin> in messages
  m.plan.path = from_stdin ? "<stdin>" : path;
  m.plan.program = &program;
  m.plan.csv_fast_path = options.csv_fast_path;
  m.plan.format = lead_format_for_path(path);
  m.scan.quotes = m.plan.format == LeadFormat::Csv;
  for (size_t i = 0; i < program.inputs.size(); ++i) m.plan.fields.emplace_back(program, i, options.timezone);
  for (uint32_t i = 0; i < program.inputs.size(); ++i) m.plan.key_inputs[program.inputs[i].column].push_back(i);

  m.fd = from_stdin ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m.fd < 0) throw IoError(m.plan.path + ": error: cannot open lead file: " + std::strerror(errno));
  struct stat st;
  if (::fstat(m.fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw IoError(path + ": error: cannot read lead file: it is a directory");
    if (S_ISREG(st.st_mode)) m.size = static_cast<uint64_t>(st.st_size);
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(m.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  m.start_file();
  m.plan.encoding = m.encoding;
  for (FieldReader& f : m.plan.fields) f.set_source_encoding(m.encoding);
  if (m.transcoding()) m.size = 0;  // progress counts UTF-8 bytes, which are not the file's
  if (m.plan.format == LeadFormat::Csv) m.read_header();
}

bool LeadReader::next_chunk(Chunk& chunk) {
  Impl& m = *impl_;
  for (;;) {
    if (m.buf.size() < m.options.chunk_bytes && !m.eof) m.fill(m.options.chunk_bytes - m.buf.size());
    m.scan.scan(m.buf.data(), m.scanned, m.buf.size());
    m.scanned = m.buf.size();
    size_t cut = m.scan.last_boundary;
    uint64_t newlines = m.scan.newlines_at_boundary;
    if (m.eof) {
      cut = m.buf.size();  // the last row may lack its line end
      newlines = m.scan.newlines;
    }
    if (cut == 0) {
      if (m.eof) return false;
      if (m.buf.size() > m.options.max_row_bytes) m.row_too_long(m.next_line, m.scan.in_quote);
      m.fill(m.options.chunk_bytes);  // a row longer than the buffer: read on
      continue;
    }
    // The chunk takes the buffer; the tail (less than one row) starts the next one.
    const size_t tail = m.buf.size() - cut;
    std::string next = m.take_buffer(std::max(m.options.chunk_bytes, tail) + simdjson::SIMDJSON_PADDING);
    next.assign(m.buf.data() + cut, tail);
    chunk.bytes = std::move(m.buf);
    chunk.bytes.resize(cut);
    chunk.bytes.reserve(cut + simdjson::SIMDJSON_PADDING);
    m.buf = std::move(next);
    chunk.seq = m.next_seq++;
    chunk.first_line = m.next_line;
    chunk.lines = newlines;
    m.consumed += cut;
    chunk.end_offset = m.consumed;
    m.next_line += newlines;
    const bool tail_in_quote = m.scan.in_quote, tail_at_start = m.scan.at_start;
    const uint64_t tail_newlines = m.scan.newlines - m.scan.newlines_at_boundary;
    m.scan = RowScan{};
    m.scan.quotes = m.plan.format == LeadFormat::Csv;
    m.scan.delimiter = m.plan.delimiter;
    m.scan.in_quote = tail_in_quote;
    m.scan.at_start = tail_at_start;
    m.scan.newlines = tail_newlines;
    m.scanned = tail;
    return true;
  }
}

void LeadReader::parse_chunk(Chunk&& chunk, Batch& batch, std::vector<RowError>& errors) const {
  const ReaderPlan& plan = impl_->plan;
  impl_->give_back(std::move(batch.chunk_bytes));
  // A chunk holds at most one row per line end, plus a last row without one.
  begin_batch(plan, batch, chunk.lines ? chunk.lines + 1 : chunk.bytes.size() / 48 + 16);
  batch.chunk_bytes = std::move(chunk.bytes);
  const std::string& bytes = batch.chunk_bytes;
  if (plan.format == LeadFormat::Csv)
    parse_csv_chunk(plan, bytes, chunk.first_line, batch, errors);
  else
    parse_jsonl_chunk(plan, bytes, bytes.capacity(), chunk.first_line, batch, errors);
}

bool LeadReader::next(Batch& batch, std::vector<RowError>* errors) {
  Chunk chunk;
  if (!next_chunk(chunk)) return false;
  std::vector<RowError> local;
  parse_chunk(std::move(chunk), batch, errors ? *errors : local);
  if (!local.empty()) throw DataError(local.front().message);
  return true;
}

const std::string& LeadReader::path() const { return impl_->plan.path; }
LeadFormat LeadReader::format() const { return impl_->plan.format; }
std::vector<std::string> csv_row_cells(std::string_view row, char delimiter) {
  std::vector<std::string> cells = split_csv_row(row, delimiter);
  for (std::string& c : cells) c = std::string(trim_spaces(c));
  return cells;
}

const std::string& LeadReader::header_raw() const { return impl_->header_raw; }
const std::vector<std::string>& LeadReader::header() const { return impl_->plan.header; }
char LeadReader::delimiter() const { return impl_->plan.delimiter; }
bool LeadReader::cr_line_ends() const { return impl_->cr_line_ends; }
const std::string& LeadReader::encoding() const { return impl_->encoding; }
uint64_t LeadReader::file_size() const { return impl_->size; }

void begin_batch(const ReaderPlan& plan, Batch& batch, size_t rows) {
  const auto& inputs = plan.program->inputs;
  batch.rows = 0;
  batch.line.clear();
  batch.raw.clear();
  batch.arena.clear();
  batch.inputs.resize(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    Column& c = batch.inputs[i];
    c.type = inputs[i].type;
    c.zoneless.clear();
    c.known.clear();
    c.num.clear();
    c.b.clear();
    c.member.clear();
    c.str.clear();
    resize_column(c, rows);
  }
}

void reserve_row(Batch& batch, size_t row) {
  if (batch.inputs.empty() || row < batch.inputs[0].known.size()) return;
  for (Column& c : batch.inputs) resize_column(c, (row + 1) * 2);
}

// Removes the rows `sorted_rows` (ascending, distinct) from the batch's columns, lines
// and raw texts, keeping the order of the others.
void drop_batch_rows(Batch& batch, const std::vector<uint32_t>& sorted_rows) {
  auto compact = [&](auto& values) {
    size_t out = 0, next_bad = 0;
    for (size_t r = 0; r < batch.rows; ++r) {
      if (next_bad < sorted_rows.size() && sorted_rows[next_bad] == r) {
        ++next_bad;
        continue;
      }
      values[out++] = values[r];
    }
  };
  for (Column& col : batch.inputs) {
    compact(col.known);
    if (!col.zoneless.empty()) {
      col.zoneless.resize(std::max(col.zoneless.size(), batch.rows), 0);
      compact(col.zoneless);
    }
    switch (col.type) {
      case ir::Type::Num: compact(col.num); break;
      case ir::Type::Bool: compact(col.b); break;
      case ir::Type::Enum: compact(col.member); break;
      case ir::Type::Str: compact(col.str); break;
    }
  }
  compact(batch.line);
  compact(batch.raw);
  batch.rows -= sorted_rows.size();
  batch.line.resize(batch.rows);
  batch.raw.resize(batch.rows);
}

void end_batch(Batch& batch) {
  for (Column& c : batch.inputs) resize_column(c, batch.rows);
}

}  // namespace leadc::rt
