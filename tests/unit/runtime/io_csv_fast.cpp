// The CSV fast path (csv_fast.cpp) against the general parser: on random files of
// every field kind, with bad rows of every sort sprinkled in, both give the same good
// rows, lines, errors and raw texts; and the fast path really takes plain chunks (also
// with bad cells) and really refuses each kind of irregular one.
#include <doctest/doctest.h>

#include <deque>
#include <random>

#include "io_test_util.h"
#include "runtime/reader_plan.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

// Columns: id text, e e-mail?, p phone?, c company text? (often quoted), r enum?,
// n int, m money?, d duration?, ok bool, skip (unused), dt date?.
ir::Program kinds_program() {
  ProgramBuilder b;
  const int32_t role = b.add_enum("role", {"buyer", "user", "champion"});
  b.field("id", ir::FieldKind::Text);
  b.field("e", ir::FieldKind::Email, true);
  b.field("p", ir::FieldKind::Phone, true);
  b.field("c", ir::FieldKind::Text, true);
  b.field("r", ir::FieldKind::Enum, true, 1, "", role);
  b.field("n", ir::FieldKind::Int);
  b.field("m", ir::FieldKind::Money, true, 100, "", -1, "USD");
  b.field("d", ir::FieldKind::Duration, true, 86400);
  b.field("ok", ir::FieldKind::Bool);
  b.field("dt", ir::FieldKind::Date, true);
  return b.p;
}
const char* const kHeader = "id,e,p,c,r,n,m,d,ok,skip,dt\n";

std::string good_row(std::mt19937& rng, int i) {
  auto pick = [&](std::initializer_list<const char*> xs) { return std::string(xs.begin()[rng() % xs.size()]); };
  auto maybe = [&](std::string s) { return rng() % 5 == 0 ? std::string() : s; };
  std::string row = "L" + std::to_string(i);
  row += "," + maybe(pick({"a@b.example", "dana.w@northwind.example", "x@y"}));
  row += "," + maybe(pick({"+1 303 555 0142", "(596) 555-0934", "5550100"}));
  row += "," + maybe(pick({"Acme", "\"Baltic Freight, LLC\"", "\"Say \"\"hi\"\" Inc\"", "\"\"", "Zoë GmbH"}));
  row += "," + maybe(pick({"buyer", "user", "champion", " user "}));
  // ints of every length around the 8-digit fast path, and signs, zeros, spaces
  row += "," + (rng() % 2 ? pick({"0", "007", "-", " 5"}) : std::string()) + std::to_string(rng() % 1000000000 >> (rng() % 30));
  row += "," + maybe(pick({"1975480.68", "0", "12.5", "\"300\"", "99999999", "123456789", "00000000"}));
  row += "," + maybe(pick({"30", "0.5", "365"}));
  row += "," + pick({"true", "false", "yes", "0"});
  row += "," + pick({"\"anything, really\"", "x", "", "\"q,\"\"\""});  // the unused column
  row += "," + maybe(pick({"2026-11-23", "1999-01-31"}));
  return row;
}

// A row the general parser rejects, or one only it handles (blank line, CRLF, a line
// end inside quotes), chosen at random.
std::string odd_row(std::mt19937& rng, int i) {
  std::string row = good_row(rng, i);
  switch (rng() % 9) {
    case 0: return row + ",extra";                                   // too many cells
    case 1: return row.substr(0, row.rfind(','));                    // too few
    case 2: return "";                                               // blank line
    case 3: return row + "\r";                                       // CRLF
    case 4: return "L" + std::to_string(i) + ",\"two\nlines\"" + row.substr(row.find(',', row.find(',') + 1));
    case 5: return "L" + std::to_string(i) + ",bad\"quote" + row.substr(row.find(',', row.find(',') + 1));
    case 6: return "L" + std::to_string(i) + ",\"closed\"early" + row.substr(row.find(',', row.find(',') + 1));
    case 7: return "L" + std::to_string(i) + ",not-an-email" + row.substr(row.find(',', row.find(',') + 1));
    default: {  // a bad int
      std::string r = good_row(rng, i);
      size_t at = 0;
      for (int k = 0; k < 5; ++k) at = r.find(',', at) + 1;
      return r.substr(0, at) + "12x" + r.substr(r.find(',', at));
    }
  }
}

struct ReadResult {
  std::vector<std::string> rows;
  std::vector<uint64_t> lines;
  std::vector<std::string> errors;
};

ReadResult read_all(const ir::Program& p, const std::string& path, size_t chunk, bool fast) {
  ReadResult res;
  std::vector<RowError> errors;
  ReaderOptions ro;
  ro.chunk_bytes = chunk;
  ro.csv_fast_path = fast;
  res.rows = read_rows(p, path, ro, &errors, &res.lines);
  for (const RowError& e : errors) res.errors.push_back(e.message + " | " + e.raw);
  return res;
}

// A plan for `program` where header cell c feeds input c, except `skip` (no input).
ReaderPlan plan_for(const ir::Program& program, size_t columns, size_t skip) {
  ReaderPlan plan;
  plan.path = "t.csv";
  plan.program = &program;
  for (size_t i = 0; i < program.inputs.size(); ++i) plan.fields.emplace_back(program, i);
  plan.columns = columns;
  plan.feed_begin.assign(1, 0);
  uint32_t input = 0;
  for (size_t c = 0; c < columns; ++c) {
    if (c != skip && input < program.inputs.size()) plan.feed_inputs.push_back(input++);
    plan.feed_begin.push_back(static_cast<uint32_t>(plan.feed_inputs.size()));
  }
  return plan;
}

}  // namespace

TEST_CASE("CSV fast path and general parser agree on random files with bad rows sprinkled in") {
  const ir::Program p = kinds_program();
  std::mt19937 rng(2026);
  TempDir dir;
  for (int file = 0; file < 30; ++file) {
    std::string text = kHeader;
    const int rows = 50 + static_cast<int>(rng() % 400);
    const unsigned odd_every = file % 3 == 0 ? 0 : 5 + rng() % 60;  // a third are clean
    const std::string eol = file % 5 == 2 ? "\r\n" : "\n";
    for (int i = 0; i < rows; ++i) text += (odd_every && rng() % odd_every == 0 ? odd_row(rng, i) : good_row(rng, i)) + eol;
    if (file % 4 == 1) text.resize(text.size() - eol.size());  // no line end after the last row
    const std::string path = dir.write("f" + std::to_string(file) + ".csv", text);
    for (size_t chunk : {size_t(64), size_t(1000), size_t(1) << 20}) {
      CAPTURE(file);
      CAPTURE(chunk);
      const ReadResult fast = read_all(p, path, chunk, true);
      const ReadResult general = read_all(p, path, chunk, false);
      CHECK(fast.rows == general.rows);
      CHECK(fast.lines == general.lines);
      CHECK(fast.errors == general.errors);
      if (odd_every == 0) CHECK(fast.rows.size() == static_cast<size_t>(rows));
    }
  }
}

TEST_CASE("CSV fast path takes plain chunks and gives back irregular ones untouched") {
  const ir::Program p = kinds_program();
  const ReaderPlan plan = plan_for(p, 11, 9);
  std::mt19937 rng(7);
  std::string clean;
  for (int i = 0; i < 200; ++i) clean += good_row(rng, i) + "\n";

  std::vector<RowError> errors;
  // A batch's raw text and unquoted cells point into the chunk, as in the reader,
  // so every chunk handed to the parser must outlive the checks on its batch.
  std::deque<std::string> chunks;
  auto fast = [&](std::string data, Batch& batch) {
    begin_batch(plan, batch, 8);
    errors.clear();
    return parse_csv_chunk_fast(plan, chunks.emplace_back(std::move(data)), 10, batch, errors);
  };
  Batch batch;
  REQUIRE(fast(clean, batch));
  CHECK(batch.rows == 200);
  CHECK(batch.line.front() == 10);
  CHECK(batch.line.back() == 209);
  CHECK(batch.raw[0] == clean.substr(0, clean.find('\n')));
  // Quoted cells come back unquoted, doubled quotes single.
  Batch one;
  REQUIRE(fast("L1,,,\"Say \"\"hi\"\", Inc\",,5,,,true,\"x\",\n", one));
  CHECK(one.inputs[3].str[0] == "Say \"hi\", Inc");
  CHECK(one.inputs[5].num[0] == 5);
  CHECK(!one.inputs[1].known[0]);
  // The last row of a file may lack its line end.
  Batch last;
  REQUIRE(fast("L1,,,,,5,,,true,,\nL2,,,,,6,,,false,,", last));
  CHECK(last.rows == 2);
  CHECK(last.raw[1] == "L2,,,,,6,,,false,,");

  // CRLF line ends: the CR is in no cell and in no raw text.
  Batch crlf;
  REQUIRE(fast("L1,,,\"Acme\",,5,,,true,,2026-11-23\r\nL2,,,,,6,,,false,,\"\"\r\n", crlf));
  CHECK(crlf.rows == 2);
  CHECK(crlf.inputs[9].known[0]);
  CHECK(!crlf.inputs[9].known[1]);
  CHECK(crlf.raw[1] == "L2,,,,,6,,,false,,\"\"");

  const char* const irregular[] = {
      "L1,,,,,5,,,true,,\n\nL2,,,,,6,,,false,,\n",     // blank line
      "L1,,,,,5,,,true,,\r",                            // a CR that ends no line
      "L1,,,,,5,,,true,a\rb,\n",                        // a CR inside an unquoted cell
      "L1,,,,,5,,,true,\"a\nb\",\n",                    // line end inside quotes
      "L1,,,,,5,,,true,,,\n",                           // too many cells
      "L1,,,,,5,,,true,\n",                             // too few
      "L1,,,,,5,,,true,\"a\"b,\n",                      // text after a closing quote
      "L1,,,,,5,,,true,\"ab,\n",                        // never closed
  };
  for (const char* data : irregular) {
    CAPTURE(data);
    Batch b;
    CHECK_FALSE(fast(data, b));
    CHECK(b.rows == 0);
    CHECK(b.line.empty());
    CHECK(b.raw.empty());
    CHECK(errors.empty());
  }

  // A quote inside an unquoted cell is text, on the fast path too.
  Batch stray;
  REQUIRE(fast("L1,,,27\" Monitor,,5,,,true,a\"b,\nL2,,,\"\",,6,,,true,,\n", stray));
  CHECK(stray.rows == 2);
  CHECK(stray.inputs[3].str[0] == "27\" Monitor");
  CHECK(!stray.inputs[3].known[1]);

  // Plain rows with cells that do not read: those rows are left out, and their errors
  // are the general parser's, word for word.
  const std::string some_bad = "L1,,,,,5x,,,true,,\nL2,,,,,6,,,false,,\nL3,,,,,,,,true,,\r\nL4,x@y,,,,7,,,no,,";
  Batch mixed;
  REQUIRE(fast(some_bad, mixed));
  REQUIRE(mixed.rows == 2);
  CHECK(mixed.raw[0] == "L2,,,,,6,,,false,,");
  CHECK(mixed.line == std::vector<uint64_t>{11, 13});
  CHECK(mixed.inputs[0].str[1] == "L4");
  CHECK(mixed.inputs[1].str[1] == "x@y");
  CHECK(mixed.inputs[5].num == std::vector<double>{6, 7});
  Batch general;
  begin_batch(plan, general, 8);
  std::vector<RowError> general_errors;
  parse_csv_chunk_general(plan, some_bad, 10, general, general_errors);
  REQUIRE(errors.size() == 2);
  REQUIRE(general_errors.size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    CHECK(errors[i].message == general_errors[i].message);
    CHECK(errors[i].raw == general_errors[i].raw);
    CHECK(errors[i].line == general_errors[i].line);
    CHECK(errors[i].col == general_errors[i].col);
  }
  CHECK(errors[0].line == 10);
  CHECK(errors[1].raw == "L3,,,,,,,,true,,");
}

TEST_CASE("CSV fast path: quotes at 64-byte block edges") {
  // A quoted cell that closes on the last byte of a block, or opens on its first, must
  // be judged with the neighbouring block's bytes.
  ProgramBuilder b;
  b.field("a", ir::FieldKind::Text, true);
  b.field("z", ir::FieldKind::Text, true);
  const ReaderPlan plan = plan_for(b.p, 2, 99);
  for (size_t pad = 0; pad < 130; ++pad) {
    const std::string a(pad, 'x');
    for (const std::string& z : {std::string("\"q\"\"q\""), std::string("\"\""), std::string("\"a,b\"")}) {
      for (const char* eol : {"\n", "\r\n"}) {
        const std::string good = a + "," + z + eol + z + "," + a + eol + a + "," + z;
        Batch batch;
        begin_batch(plan, batch, 4);
        CAPTURE(pad);
        std::vector<RowError> errors;
        REQUIRE(parse_csv_chunk_fast(plan, good, 1, batch, errors));
        CHECK(batch.rows == 3);
        CHECK(batch.inputs[0].str[1] == batch.inputs[1].str[2]);
      }
      const std::string bad = a + "," + z + "y\n";
      Batch bb;
      begin_batch(plan, bb, 4);
      std::vector<RowError> errors;
      CHECK_FALSE(parse_csv_chunk_fast(plan, bad, 1, bb, errors));
    }
  }
}
