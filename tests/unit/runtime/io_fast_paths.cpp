// The reader's fast paths against plain byte-at-a-time references on random inputs:
// the SIMD/SWAR cell-end search, the block-wise row scanner, the vectorised e-mail
// check, enum lookup, and whole CSV files of random cells read back exactly.
#include <doctest/doctest.h>

#include <random>

#include "io_test_util.h"
#include "base/contact_syntax.h"
#include "runtime/cell_parse.h"
#include "runtime/csv_scan.h"
#include "runtime/row_scan.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

// Bytes that matter to the scanners, plus multibyte UTF-8 and high bytes.
std::string random_bytes(std::mt19937& rng, size_t n) {
  static const std::string kAlphabet[] = {",", "\n", "\"", "\r", "a", "Z", "0", " ", "\t", "@",
                                          "\xC3\xA9", "\xE2\x82\xAC", "\xFF", "\x80", "\x0B"};
  std::string s;
  while (s.size() < n) s += kAlphabet[rng() % std::size(kAlphabet)];
  s.resize(n);
  return s;
}

// Long runs without structural bytes, so searches cross many 8/16-byte blocks.
std::string sparse_bytes(std::mt19937& rng, size_t n) {
  std::string s(n, 'x');
  for (size_t i = 0; i < n; ++i) {
    const unsigned r = rng() % 40;
    if (r == 0) s[i] = ',';
    else if (r == 1) s[i] = '\n';
    else if (r == 2) s[i] = '"';
    else if (r == 3) s[i] = static_cast<char>(0xC3);
  }
  return s;
}

// The quote rule of row_scan.h, spelled out: a quote opens a quoted section only at a
// cell's start (or right after a closing quote); elsewhere it is text.
struct ScanRef {
  bool in_quote = false, at_start = true;
  size_t last_boundary = 0;
  uint64_t newlines = 0, newlines_at_boundary = 0;
  void scan(const std::string& d, size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      if (d[i] == '"') {
        if (in_quote) in_quote = false, at_start = true;
        else if (at_start) in_quote = true;
      } else if (d[i] == '\n') {
        ++newlines;
        if (!in_quote) {
          last_boundary = i + 1;
          newlines_at_boundary = newlines;
          at_start = true;
        }
      } else if (!in_quote) {
        at_start = d[i] == ',';
      }
    }
  }
};

}  // namespace

TEST_CASE("cell-end search matches the byte loop at every offset and length") {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    const std::string s = round % 2 ? random_bytes(rng, rng() % 90) : sparse_bytes(rng, rng() % 200);
    const char* b = s.data();
    for (size_t from = 0; from <= s.size(); ++from) {
      for (size_t to : {s.size(), from + (s.size() - from) / 2}) {
        CHECK(find_cell_stop(b + from, b + to) == find_any_scalar<',', '\n', '"'>(b + from, b + to));
        CHECK(find_quote_or_newline(b + from, b + to) == find_any_scalar<'"', '\n', '\n'>(b + from, b + to));
      }
    }
  }
}

TEST_CASE("block-mask cell stops equal the byte loop for forward-moving positions") {
  std::mt19937 rng(9);
  for (int round = 0; round < 2000; ++round) {
    const std::string s = round % 2 ? random_bytes(rng, rng() % 300) : sparse_bytes(rng, rng() % 400);
    const char* const b = s.data();
    const char* const e = b + s.size();
    CellStops stops(b, e);
    for (const char* p = b; p <= e;) {
      const char* const want = find_any_scalar<',', '\n', '"'>(p, e);
      REQUIRE(stops.next(p) == want);
      if (p == e) break;
      p += rng() % 3 == 0 ? static_cast<size_t>(rng() % (e - p) + 1) : static_cast<size_t>(want - p) + (want < e);
    }
  }
}

TEST_CASE("a stop byte at each position of a 16/32-byte block is found there") {
  for (char stop : {',', '\n', '"'}) {
    for (size_t len = 1; len <= 48; ++len) {
      for (size_t pos = 0; pos < len; ++pos) {
        std::string s(len, 'b');
        s[pos] = stop;
        CHECK(find_cell_stop(s.data(), s.data() + len) == s.data() + pos);
      }
      const std::string none(len, '\xC3');
      CHECK(find_cell_stop(none.data(), none.data() + len) == none.data() + len);
    }
  }
}

TEST_CASE("row scanner: block-wise quote parity equals the byte loop, in any pieces") {
  std::mt19937 rng(11);
  for (int round = 0; round < 400; ++round) {
    const std::string s = round % 2 ? random_bytes(rng, rng() % 300) : sparse_bytes(rng, rng() % 600);
    RowScan fast;
    ScanRef ref;
    size_t at = 0;
    while (at < s.size()) {
      const size_t piece = std::min(s.size() - at, static_cast<size_t>(rng() % 70));
      fast.scan(s.data(), at, at + piece);
      ref.scan(s, at, at + piece);
      at += piece;
      REQUIRE(fast.in_quote == ref.in_quote);
      if (!ref.in_quote) REQUIRE(fast.at_start == ref.at_start);
      REQUIRE(fast.last_boundary == ref.last_boundary);
      REQUIRE(fast.newlines == ref.newlines);
      REQUIRE(fast.newlines_at_boundary == ref.newlines_at_boundary);
    }
  }
}

TEST_CASE("row scanner without quotes (JSON Lines) ends a row at every newline") {
  std::mt19937 rng(3);
  const std::string s = random_bytes(rng, 1000);
  RowScan scan;
  scan.quotes = false;
  scan.scan(s.data(), 0, s.size());
  const size_t last_nl = s.rfind('\n');
  CHECK(scan.last_boundary == (last_nl == std::string::npos ? 0 : last_nl + 1));
  CHECK(scan.newlines == static_cast<uint64_t>(std::count(s.begin(), s.end(), '\n')));
  CHECK(scan.newlines_at_boundary == scan.newlines);
  CHECK_FALSE(scan.in_quote);
}

TEST_CASE("e-mail check: the reader's vector path equals the shared rule (base/contact_syntax.h)") {
  std::mt19937 rng(5);
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 50, 'a');
    for (char& c : s) {
      const unsigned r = rng() % 30;
      c = r == 0 ? '@' : r == 1 ? ' ' : r == 2 ? static_cast<char>('\t' + rng() % 5)
        : r == 3 ? static_cast<char>(0xC3) : r == 4 ? '\x0E' : static_cast<char>('a' + rng() % 26);
    }
    CHECK_MESSAGE(valid_email(s) == contact::email_is_valid(s), s);
  }
  CHECK(valid_email("a.very.long.local.part@example.example"));
  CHECK_FALSE(valid_email("a.very.long.local.part@example.example@"));
  CHECK_FALSE(valid_email("a.very.long.local.part@example.exampl\r"));
  CHECK_FALSE(valid_email("@a.very.long.local.part.example.example"));
  CHECK_FALSE(valid_email("a.very.long.local.part.example.example@"));
  CHECK(valid_email("0123456789abcde@x"));   // '@' in the overlapping last block
  CHECK_FALSE(valid_email("0123456789abcde@@"));
}

TEST_CASE("enum lookup: small and large enums, shared prefixes and lengths") {
  for (size_t count : {3, 16, 17, 40}) {
    ProgramBuilder b;
    std::vector<std::string> members;
    for (size_t i = 0; i < count; ++i)
      members.push_back(std::string(1 + i % 19, static_cast<char>('a' + i % 3)) + (i % 2 ? "_x" : "") +
                        std::to_string(i));
    const int32_t e = b.add_enum("stage", members);
    b.field("f", ir::FieldKind::Enum, false, 1, "", e);
    FieldReader fr(b.p, 0);
    Column col;
    col.type = ir::Type::Enum;
    resize_column(col, 1);
    for (size_t i = 0; i < count; ++i) {
      REQUIRE(fr.read(members[i], col, 0) == CellError::None);
      CHECK(col.member[0] == static_cast<int32_t>(i));
      std::string off = members[i];
      off.back() = static_cast<char>(off.back() + 40);  // same length, last byte differs
      CHECK(fr.read(off, col, 0) == CellError::Syntax);
      CHECK(fr.read(members[i] + "0", col, 0) == CellError::Syntax);
      CHECK(fr.read(members[i].substr(1), col, 0) == CellError::Syntax);
    }
  }
}

TEST_CASE("random CSV files: every cell reads back as written, over any chunk size") {
  std::mt19937 rng(13);
  ProgramBuilder b;
  b.field("t", ir::FieldKind::Text, true);
  b.field("n", ir::FieldKind::Int, true);
  b.field("u", ir::FieldKind::Text, true, 1, "unused_left");  // feeds from a column further right
  TempDir dir;
  for (int file = 0; file < 20; ++file) {
    const bool crlf = file % 2;
    std::string text = "t,skip,n,unused_left\n";
    std::vector<std::string> want;
    for (int row = 0; row < 150; ++row) {
      // Cells of varying length so they straddle 16/32-byte blocks.
      // Every cell must be UTF-8, read or not (anything else is a data error, LANGUAGE.md
      // section 9): drop what is not.
      auto utf8 = [](std::string s) {
        std::erase_if(s, [](char c) { return c == '\xFF' || c == '\x80'; });
        while (!valid_utf8(s)) s.pop_back();
        return s;
      };
      std::string t = utf8(random_bytes(rng, rng() % 40));
      std::string skip = utf8(sparse_bytes(rng, rng() % 35));
      std::string u = utf8(random_bytes(rng, rng() % 20));
      const std::string n = std::to_string(static_cast<int>(rng() % 200000) - 100000);
      auto quote = [](const std::string& s) {
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
      };
      // A text cell that is neither quoted nor safe to leave unquoted must be quoted.
      const bool t_plain = t.find_first_of(",\n\"\r") == std::string::npos && rng() % 2;
      const std::string t_cell = t_plain ? t : quote(t);
      text += t_cell + "," + quote(skip) + "," + (rng() % 3 ? n : " " + n + " ") + "," + quote(u) +
              (crlf ? "\r\n" : "\n");
      want.push_back((t.empty() ? "<missing>" : t) + "|" + n + "|" + (u.empty() ? "<missing>" : u));
    }
    const std::string path = dir.write("r" + std::to_string(file) + ".csv", text);
    for (size_t chunk : {size_t(7), size_t(100), size_t(1) << 20}) {
      const auto got = read_rows(b.p, path, reader_options(chunk));
      REQUIRE(got.size() == want.size());
      for (size_t i = 0; i < want.size(); ++i) CHECK(got[i] == want[i]);
    }
  }
}

TEST_CASE("phone check: the reader equals the shared rule (base/contact_syntax.h)") {
  std::mt19937 rng(6);
  const std::string alphabet = "0123456789 +-().x/";
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 16, '0');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    CHECK_MESSAGE(valid_phone(s) == contact::phone_is_valid(s), s);
  }
  CHECK(valid_phone("+1 (555) 010-0100"));
  CHECK_FALSE(valid_phone("555-010"));  // six digits
}
