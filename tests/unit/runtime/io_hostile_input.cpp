// Hostile and messy lead files (issue 19): stray quotes are text and lose no row, a bad
// row is one reject, rejects files stay well-formed, CR-only line ends, rows without a
// line end, exact numbers or a data error, NUL and invalid UTF-8 in cells, and duplicate
// header names and JSON keys.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <chrono>
#include <random>

#include "io_test_util.h"
#include "runtime/cell_parse.h"
#include "runtime/output_format.h"
#include "runtime/reader_plan.h"
#include "runtime/row_scan.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

ir::Program id_note_n() {
  ProgramBuilder b;
  b.field("id", ir::FieldKind::Text);
  b.field("note", ir::FieldKind::Text, true);
  b.field("n", ir::FieldKind::Int, true);
  return b.p;
}

std::string data_error(const ir::Program& p, const std::string& path, ReaderOptions ro = {}) {
  try {
    read_rows(p, path, ro);
  } catch (const DataError& e) {
    return e.what();
  }
  return "<no error>";
}

// A strict RFC 4180 reader: false when the text is not CSV (a quote that does not
// close, text after a closing quote).
bool parse_strict_csv(std::string_view s, std::vector<std::vector<std::string>>& rows) {
  rows.assign(1, std::vector<std::string>(1));
  size_t i = 0;
  bool at_start = true;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '"' && at_start) {
      ++i;
      for (;;) {
        if (i >= s.size()) return false;
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') { rows.back().back() += '"'; i += 2; continue; }
          ++i;
          break;
        }
        rows.back().back() += s[i++];
      }
      if (i < s.size() && s[i] != ',' && s[i] != '\n') return false;
      at_start = false;
      continue;
    }
    if (c == ',') { rows.back().emplace_back(); at_start = true; }
    else if (c == '\n') { if (i + 1 < s.size()) rows.emplace_back(1); at_start = true; }
    else { if (c == '"') return false; rows.back().back() += c; at_start = false; }
    ++i;
  }
  return true;
}

RunStats run_skip(const ir::Program& p, const std::string& leads, const TempDir& t, OutFormat f = OutFormat::Csv) {
  RunOptions o;
  o.leads_path = leads;
  o.out_path = t.path(f == OutFormat::Csv ? "out.csv" : "out.jsonl");
  o.format = f;
  o.on_error = OnError::Skip;
  o.rejects_path = t.path(leads.ends_with(".jsonl") ? "rejects.jsonl" : "rejects.csv");
  o.threads = 2;
  return run_copy(p, o);
}

}  // namespace

TEST_CASE("a stray quote in an unquoted cell is text: `5\" screen` then three rows, 4 read, 4 written") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string leads = t.write("leads.csv", "id,note,n\na1,5\" screen,1\na2,ok,2\na3,\"q,\"\"x\"\"\",3\na4,27\",4\n");
  const RunStats s = run_skip(p, leads, t);
  CHECK(s.rows_read == 4);
  CHECK(s.rows_written == 4);
  CHECK(s.rows_rejected == 0);
  CHECK(slurp(t.path("out.csv")) == "id,note,n\na1,\"5\"\" screen\",1\na2,ok,2\na3,\"q,\"\"x\"\"\",3\na4,\"27\"\"\",4\n");
  for (bool fast : {true, false}) {
    ReaderOptions ro;
    ro.csv_fast_path = fast;
    CHECK(read_rows(p, leads, ro) ==
          std::vector<std::string>{"a1|5\" screen|1", "a2|ok|2", "a3|q,\"x\"|3", "a4|27\"|4"});
  }
}

TEST_CASE("10k rows with 1 % stray quotes (and a few bad rows): nothing lost, rejects are CSV") {
  TempDir t;
  const ir::Program p = id_note_n();
  std::mt19937 rng(19);
  std::string text = "id,note,n\n";
  std::vector<std::string> want;
  size_t bad = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = "L" + std::to_string(i);
    const unsigned r = rng() % 1000;
    if (r < 10) {  // a stray quote, somewhere in an unquoted cell
      const std::string note = std::string(1 + rng() % 4, 'x') + "\"" + std::string(rng() % 70, 'y');
      text += id + "," + note + "," + std::to_string(i) + "\n";
      want.push_back(id + "|" + note + "|" + std::to_string(i));
    } else if (r < 12) {  // genuinely bad: text after a closing quote, with more quotes after it
      text += id + ",\"ab\"c\"d," + std::to_string(i) + "\n";
      ++bad;
    } else if (r < 14) {  // a cell count that is wrong
      text += id + "," + std::to_string(i) + "\n";
      ++bad;
    } else {
      text += id + ",\"note, " + std::to_string(i) + "\"," + std::to_string(i) + "\n";
      want.push_back(id + "|note, " + std::to_string(i) + "|" + std::to_string(i));
    }
  }
  const std::string leads = t.write("leads.csv", text);
  for (size_t chunk : {size_t(64), size_t(4096), size_t(256) << 10}) {
    for (bool fast : {true, false}) {
      ReaderOptions ro;
      ro.chunk_bytes = chunk;
      ro.csv_fast_path = fast;
      std::vector<RowError> errors;
      const auto rows = read_rows(p, leads, ro, &errors);
      CAPTURE(chunk);
      CAPTURE(fast);
      CHECK(rows == want);
      CHECK(errors.size() == bad);
    }
  }
  const RunStats s = run_skip(p, leads, t);
  CHECK(s.rows_read == 10000);
  CHECK(s.rows_written == want.size());
  CHECK(s.rows_rejected == bad);
  CHECK(s.rows_read == s.rows_written + s.rows_rejected);
  std::vector<std::vector<std::string>> rejects;
  REQUIRE(parse_strict_csv(slurp(t.path("rejects.csv")), rejects));
  CHECK(rejects.size() == bad + 1);
  CHECK(rejects[0] == std::vector<std::string>{"id", "note", "n", "leadc_error"});
}

TEST_CASE("a quoted cell never closed is one reject; the lines after it still read") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string leads = t.write("leads.csv", "id,note,n\na1,ok,1\na2,\"never closed,2\na3,x,3\na4,y,4");
  for (size_t chunk : {size_t(5), size_t(1) << 20}) {
    ReaderOptions ro;
    ro.chunk_bytes = chunk;
    std::vector<RowError> errors;
    CHECK(read_rows(p, leads, ro, &errors) == std::vector<std::string>{"a1|ok|1", "a3|x|3", "a4|y|4"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].raw == "a2,\"never closed,2");
    CHECK(errors[0].message == leads + ":3:4: error: field `note` (column \"note\"): quoted cell is never closed");
  }
  const RunStats s = run_skip(p, leads, t);
  CHECK(s.rows_read == 4);
  CHECK(s.rows_written == 3);
  // The broken row is kept, unchanged, as one quoted cell: the rejects file is CSV.
  const std::string rejects = slurp(t.path("rejects.csv"));
  std::vector<std::vector<std::string>> rows;
  REQUIRE(parse_strict_csv(rejects, rows));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][0] == "a2,\"never closed,2");
  // A quote that opens a cell pairs with the next quote, lines later: that is one row by
  // the rule (then bad: text after its closing quote), one reject; what follows reads.
  const std::string paired = t.write("paired.csv", "id,note,n\na2,\"oops,2\na3,x,3\na4,\"y\",4\na5,z,5\n");
  std::vector<RowError> errors;
  CHECK(read_rows(p, paired, {}, &errors) == std::vector<std::string>{"a5|z|5"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].raw == "a2,\"oops,2\na3,x,3\na4,\"y\",4");
}

TEST_CASE("row scanner, general parser and fast path agree on rows with stray quotes") {
  // Every row start the scanner finds is a row start of the parser: parsing the chunk
  // whole, or cut at the scanner's last boundary, gives the same rows.
  const ir::Program p = id_note_n();
  ReaderPlan plan;
  plan.path = "x.csv";
  plan.program = &p;
  for (size_t i = 0; i < p.inputs.size(); ++i) plan.fields.emplace_back(p, i);
  plan.columns = 3;
  plan.feed_begin = {0, 1, 2, 3};
  plan.feed_inputs = {0, 1, 2};
  std::mt19937 rng(7);
  const char* const pieces[] = {"a", "\"", ",", "\n", "\"\"", "x\"y", ",\"q\"", "\r\n", "5\" ", "bb"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    const size_t n = rng() % 60;
    for (size_t k = 0; k < n; ++k) s += pieces[rng() % std::size(pieces)];
    RowScan scan;
    scan.scan(s.data(), 0, s.size());
    if (scan.in_quote) continue;  // the reader only cuts at a boundary outside quotes
    const size_t cut = scan.last_boundary;
    Batch whole, a, b;
    std::vector<RowError> ew, ea, eb;
    begin_batch(plan, whole, 4);
    parse_csv_chunk_general(plan, s, 1, whole, ew);
    begin_batch(plan, a, 4);
    parse_csv_chunk_general(plan, std::string_view(s).substr(0, cut), 1, a, ea);
    begin_batch(plan, b, 4);
    const uint64_t lines_a = static_cast<uint64_t>(std::count(s.begin(), s.begin() + static_cast<ptrdiff_t>(cut), '\n'));
    parse_csv_chunk_general(plan, std::string_view(s).substr(cut), 1 + lines_a, b, eb);
    CAPTURE(s);
    std::vector<std::string_view> raws(a.raw.begin(), a.raw.end());
    raws.insert(raws.end(), b.raw.begin(), b.raw.end());
    CHECK(std::vector<std::string_view>(whole.raw.begin(), whole.raw.end()) == raws);
    CHECK(ew.size() == ea.size() + eb.size());
    // The fast path, when it takes the chunk, reads the same rows.
    Batch f;
    std::vector<RowError> ef;
    begin_batch(plan, f, 4);
    if (parse_csv_chunk_fast(plan, s, 1, f, ef)) {
      CHECK(f.raw == whole.raw);
      CHECK(ef.size() == ew.size());
    }
  }
}

TEST_CASE("CR-only line ends (Excel's CSV for Macintosh) are line ends") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string leads = t.write("mac.csv", "id,note,n\ra1,\"two\rlines\",1\ra2,x,2\r\ra3,,3\r");
  for (size_t chunk : {size_t(3), size_t(1) << 20}) {
    ReaderOptions ro;
    ro.chunk_bytes = chunk;
    std::vector<uint64_t> lines;
    // A CR inside a quoted cell is the cell's text, kept as it is (issue 18), and no
    // line end: a1 is on line 2, a2 on 3, a3 on 5 after the blank line.
    CHECK(read_rows(p, leads, ro, nullptr, &lines) ==
          std::vector<std::string>{"a1|two\rlines|1", "a2|x|2", "a3|<missing>|3"});
    CHECK(lines == std::vector<uint64_t>{2, 3, 5});
  }
  const std::string bad = t.write("mac_bad.csv", "id,note,n\ra1,x,one\r");
  CHECK(data_error(p, bad) == bad + ":2:6: error: field `n` (column \"n\"): cannot read \"one\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
  // A CR inside a cell of a file with LF line ends is still text.
  const std::string lf = t.write("lf.csv", "id,note,n\na1,x\ry,1\n");
  CHECK(read_rows(p, lf) == std::vector<std::string>{"a1|x\ry|1"});
}

TEST_CASE("a file without a line end within the limit stops with a message") {
  TempDir t;
  const ir::Program p = id_note_n();
  ReaderOptions ro;
  ro.max_row_bytes = 1 << 16;
  ro.chunk_bytes = 4096;
  const std::string blob = t.write("blob.csv", std::string(200000, 'x'));
  CHECK(data_error(p, blob, ro) == blob + ":1:1: error: no line end within 65536 bytes (a row longer than that, or not a lead file)");
  const std::string long_row = t.write("long.csv", "id,note,n\na1," + std::string(200000, 'y') + ",1\n");
  CHECK(data_error(p, long_row, ro) == long_row + ":2:1: error: no line end within 65536 bytes (a row longer than that, or not a lead file)");
  std::string open_quote = "id,note,n\na1,\"";
  for (int i = 0; i < 20000; ++i) open_quote += "line\n";
  const std::string oq = t.write("open.csv", open_quote);
  CHECK(data_error(p, oq, ro) == oq + ":2:1: error: a quoted cell in the row starting here is not closed within 65536 bytes (a quote missing its pair?)");
  // With the default limit a row of 1 MiB is fine, and a 2 MB header is found in one pass
  // even when it arrives in small reads (the search was quadratic).
  std::string wide = "id,note,n";
  for (int i = 0; wide.size() < 2000000; ++i) wide += ",c" + std::to_string(i);
  const std::string w = t.write("wide.csv", wide + "\na1,x,1\n");
  ReaderOptions small;
  small.chunk_bytes = 1024;
  const auto start = std::chrono::steady_clock::now();
  CHECK(data_error(p, w, small) == w + ":2:7: error: row has 3 cells but the header has " +
                                       std::to_string(std::count(wide.begin(), wide.end(), ',') + 1));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("ints and money beyond 2^53 units are data errors; inf, nan, 1e400 never numbers") {
  ProgramBuilder b;
  b.field("i", ir::FieldKind::Int, true);
  b.field("m", ir::FieldKind::Money, true, 100, "", -1, "USD");
  b.field("x", ir::FieldKind::Number, true);
  b.field("d", ir::FieldKind::Duration, true, 86400);
  FieldReader fi(b.p, 0), fm(b.p, 1), fx(b.p, 2), fd(b.p, 3);
  Column num{ir::Type::Num, {0}, {0}, {}, {}, {}};
  CHECK(fi.read("9007199254740992", num, 0) == CellError::None);
  CHECK(num.num[0] == 9007199254740992.0);
  CHECK(fi.read("-9007199254740992", num, 0) == CellError::None);
  CHECK(fi.read("9007199254740993", num, 0) == CellError::Range);
  CHECK(fi.read("123456789012345678901234567890", num, 0) == CellError::Range);
  CHECK(fi.read("0000000000000000000000012", num, 0) == CellError::None);
  CHECK(num.num[0] == 12);
  CHECK(fi.message(CellError::Range, "9007199254740993") ==
        "field `i` (column \"i\"): cannot read \"9007199254740993\" as int (beyond 9007199254740992, the largest value kept exactly)");
  CHECK(fm.read("90071992547409.92", num, 0) == CellError::None);
  CHECK(num.num[0] == 9007199254740992.0);
  CHECK(fm.read("90071992547409.93", num, 0) == CellError::Range);
  CHECK(fm.read("1000000000000000", num, 0) == CellError::Range);
  CHECK(fm.message(CellError::Range, "1000000000000000") ==
        "field `m` (column \"m\"): cannot read \"1000000000000000\" as money(USD) (beyond 90071992547409.92, the largest amount "
        "kept exact to the cent)");
  CHECK(fd.read("999999999999999", num, 0) == CellError::Range);
  for (const char* s : {"inf", "-inf", "nan", "NaN", "1e400", "Infinity", "1e5"})
    CHECK(fx.read(s, num, 0) == CellError::Syntax);
  CHECK(fx.read("1" + std::string(400, '0'), num, 0) == CellError::Range);
  CHECK(fx.read("12345678901234567890.5", num, 0) == CellError::None);  // number: the nearest double

  // JSON Lines: a 30-digit integer and a 1e400 are data errors, not rounded values.
  TempDir t;
  const std::string j = t.write("n.jsonl",
                                "{\"i\":123456789012345678901234567890}\n{\"x\":1e400}\n{\"i\":1e20}\n{\"x\":2.5e3}\n");
  std::vector<RowError> errors;
  CHECK(read_rows(b.p, j, {}, &errors) == std::vector<std::string>{"<missing>|<missing>|2500|<missing>"});
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].message.find("as int (beyond 9007199254740992") != std::string::npos);
  CHECK(errors[1].line == 2);
  CHECK(errors[2].message.find("as int (beyond") != std::string::npos);
}

TEST_CASE("no inf or nan in any output: such a value is written as missing") {
  ProgramBuilder b;
  b.field("x", ir::FieldKind::Number, true);
  Column c{ir::Type::Num, {1, 1, 1}, {HUGE_VAL, -HUGE_VAL, std::nan("")}, {}, {}, {}};
  for (size_t r = 0; r < 3; ++r) CHECK(format_cell(b.p, b.p.outputs[0], c, r) == "");
  Registers regs;
  regs.regs.resize(b.p.code.size());
  regs.regs[b.p.outputs[0].reg] = c;
  std::string csv, jsonl;
  RowFormatter(b.p, OutFormat::Csv).rows(regs, 3, csv);
  RowFormatter(b.p, OutFormat::Jsonl).rows(regs, 3, jsonl);
  CHECK(csv == "\n\n\n");
  CHECK(jsonl == "{\"x\":null}\n{\"x\":null}\n{\"x\":null}\n");
}

TEST_CASE("NUL and invalid UTF-8: messages are escaped, never cut; text cells must be UTF-8") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string nul = t.write("nul.csv", std::string("id,note,n\na1,x,1\0 2\n", 20));
  const std::string e = data_error(p, nul);
  CHECK(e == nul + ":2:6: error: field `n` (column \"n\"): cannot read \"1\\x00 2\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
  const std::string latin1 = t.write("latin1.csv", "id,note,n\na1,caf\xe9 cr\xe8me,1\n");
  CHECK(data_error(p, latin1) == latin1 + ":2:4: error: field `note` (column \"note\"): cannot read \"caf\\xe9 cr\\xe8me\" as text "
                                          "(not valid UTF-8; if the file is in another encoding, say which: "
                                          "--encoding windows-1252, or latin1, utf-16le, utf-16be)");
  CHECK(escape_for_message("ok \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xED\xA0\x80 \xC0\xAF \x7f\t") ==
        "ok \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \\xed\\xa0\\x80 \\xc0\\xaf \\x7f\\x09");
  CHECK(valid_utf8("plain ascii, long enough for words"));
  CHECK_FALSE(valid_utf8("plain ascii, long enough \xff for words"));
  CHECK_FALSE(valid_utf8("\xE2\x82"));
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  // With --on-error skip the row goes to the rejects file; the output stays UTF-8.
  const RunStats s = run_skip(p, latin1, t, OutFormat::Jsonl);
  CHECK(s.rows_rejected == 1);
  CHECK(slurp(t.path("out.jsonl")).empty());
}

TEST_CASE("JSON Lines rejects are always valid JSON, the raw line a string") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string leads = t.write(
      "l.jsonl", "{\"id\":\"a\",\"n\":\"x\",\"skip\":[1,,2]}\n{\"id\":\"b\",\"n\":1}\n{\"id\":\"c\xff\"}\n{\"id\":\"d\",\"n\":}\n");
  const RunStats s = run_skip(p, leads, t, OutFormat::Jsonl);
  CHECK(s.rows_read == 4);
  CHECK(s.rows_written == 1);
  const std::string rejects = slurp(t.path("rejects.jsonl"));
  simdjson::dom::parser parser;
  size_t lines = 0;
  for (size_t at = 0; at < rejects.size();) {
    const size_t nl = rejects.find('\n', at);
    REQUIRE(nl != std::string::npos);
    const std::string line = rejects.substr(at, nl - at);
    simdjson::dom::element doc;
    CHECK_MESSAGE(parser.parse(line).get(doc) == simdjson::SUCCESS, line);
    std::string_view row;
    CHECK(doc["row"].get(row) == simdjson::SUCCESS);
    at = nl + 1;
    ++lines;
  }
  CHECK(lines == 3);
  CHECK(rejects.find("\"row_base64\":\"eyJpZCI6ImP/In0=\"") != std::string::npos);  // {"id":"c\xff"}
}

TEST_CASE("a header a field reads, twice, is an error naming both columns; a duplicate JSON key a data error") {
  TempDir t;
  const ir::Program p = id_note_n();
  const std::string twice = t.write("twice.csv", "id,note,n,note\na1,x,1,y\n");
  CHECK(data_error(p, twice) == twice + ":1:1: error: column `note` for field `note` appears twice in the header "
                                        "(columns 2 and 4); rename one of them");
  // Duplicated headers that no field reads are fine.
  const std::string unused = t.write("unused.csv", "id,extra,note,n,extra\na1,e1,x,1,e2\n");
  CHECK(read_rows(p, unused) == std::vector<std::string>{"a1|x|1"});
  const std::string j = t.write("dup.jsonl", "{\"id\":\"a\",\"n\":1,\"n\":2}\n{\"id\":\"b\",\"x\":1,\"x\":2}\n");
  std::vector<RowError> errors;
  CHECK(read_rows(p, j, {}, &errors) == std::vector<std::string>{"b|<missing>|<missing>"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == j + ":1:17: error: key \"n\" appears twice in the object");
}

TEST_CASE("the fuzz seeds (stray quotes, CR-only, text after a closing quote): scanner, parser and fast path agree") {
  // The fuzz target's columns (tools/fuzz/fuzz_csv.cpp), built by hand.
  ProgramBuilder b;
  const int32_t role = b.add_enum("role", {"buyer", "user", "champion"});
  b.field("id", ir::FieldKind::Text);
  b.field("e", ir::FieldKind::Email, true);
  b.field("p", ir::FieldKind::Phone, true);
  b.field("c", ir::FieldKind::Text, true);
  b.field("r", ir::FieldKind::Enum, true, 1, "", role);
  b.field("n", ir::FieldKind::Int, true);
  b.field("m", ir::FieldKind::Money, true, 100, "", -1, "USD");
  b.field("d", ir::FieldKind::Duration, true, 86400);
  b.field("ok", ir::FieldKind::Bool, true);
  b.field("dt", ir::FieldKind::Date, true);
  b.field("ts", ir::FieldKind::Timestamp, true);
  b.field("x", ir::FieldKind::Number, true);
  ReaderPlan plan;
  plan.path = "fuzz.csv";
  plan.program = &b.p;
  for (size_t i = 0; i < b.p.inputs.size(); ++i) plan.fields.emplace_back(b.p, i);
  plan.columns = b.p.inputs.size();
  plan.feed_begin.assign(1, 0);
  for (uint32_t i = 0; i < plan.columns; ++i) {
    plan.feed_inputs.push_back(i);
    plan.feed_begin.push_back(i + 1);
  }
  size_t seeds = 0, fast_taken = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LEADC_SOURCE_DIR) + "/tools/fuzz/seeds/csv")) {
    const std::string chunk = slurp(entry.path().string());
    CAPTURE(entry.path().string());
    ++seeds;
    RowScan blocks, bytes;
    blocks.scan(chunk.data(), 0, chunk.size());
    bytes.scan_bytes(chunk.data(), 0, chunk.size());
    CHECK(blocks.last_boundary == bytes.last_boundary);
    CHECK(blocks.in_quote == bytes.in_quote);
    Batch general, fast;
    std::vector<RowError> eg, ef;
    begin_batch(plan, general, 4);
    parse_csv_chunk_general(plan, chunk, 1, general, eg);
    begin_batch(plan, fast, 4);
    if (parse_csv_chunk_fast(plan, chunk, 1, fast, ef)) {
      ++fast_taken;
      CHECK(fast.raw == general.raw);
      CHECK(fast.line == general.line);
      CHECK(ef.size() == eg.size());
    }
  }
  CHECK(seeds >= 13);
  CHECK(fast_taken >= 2);  // the stray-quote seeds take the fast path
}
