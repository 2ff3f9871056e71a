// Myers' O(ND) shortest edit script over lines, then hunks with 3 lines of context.
// A formatter changes little, so D is small and this stays fast on long files.
#include "tools/leadc/unified_diff.h"

#include <fmt/format.h>

#include <string_view>
#include <vector>

namespace leadc::cli {
namespace {

std::vector<std::string_view> split_lines(const std::string& text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;  // keeps the '\n'
    lines.emplace_back(text.data() + pos, end - pos);
    pos = end;
  }
  return lines;
}

enum class Op { Keep, Del, Add };
struct Edit {
  Op op;
  size_t a, b;  // line index in the old (Keep/Del) and new (Keep/Add) text
};

std::vector<Edit> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size()), max = n + m;
  std::vector<long> v(2 * max + 2, 0);
  std::vector<std::vector<long>> trace;
  long d_end = 0;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? v[k + 1 + max] : v[k - 1 + max] + 1;
      long y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[k + max] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      d_end = d;
      break;
    }
  }
  // Walk the trace back from (n, m).
  std::vector<Edit> edits;
  long x = n, y = m;
  for (long d = d_end; d > 0; --d) {
    const std::vector<long>& pv = trace[d];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[k - 1 + max] < pv[k + 1 + max])) ? k + 1 : k - 1;
    long prev_x = pv[prev_k + max], prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) --x, --y, edits.push_back({Op::Keep, size_t(x), size_t(y)});
    if (x == prev_x) --y, edits.push_back({Op::Add, size_t(x), size_t(y)});
    else --x, edits.push_back({Op::Del, size_t(x), size_t(y)});
  }
  while (x > 0 && y > 0) --x, --y, edits.push_back({Op::Keep, size_t(x), size_t(y)});
  return {edits.rbegin(), edits.rend()};
}

void add_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out.append(line);
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

}  // namespace

std::string unified_diff(const std::string& old_text, const std::string& new_text, const std::string& old_name,
                         const std::string& new_name) {
  if (old_text == new_text) return "";
  auto a = split_lines(old_text), b = split_lines(new_text);
  std::vector<Edit> edits = edit_script(a, b);
  constexpr size_t kContext = 3;
  std::string out = fmt::format("--- {}\n+++ {}\n", old_name, new_name);
  size_t i = 0;
  while (i < edits.size()) {
    if (edits[i].op == Op::Keep) {
      ++i;
      continue;
    }
    // A hunk: from kContext kept lines before this change to kContext after the last
    // change that is at most 2 * kContext kept lines from the next.
    size_t start = i >= kContext ? i - kContext : 0;
    while (start < i && edits[start].op != Op::Keep) ++start;
    size_t end = i, keep_run = 0;
    for (size_t j = i; j < edits.size(); ++j) {
      if (edits[j].op == Op::Keep) {
        if (++keep_run > 2 * kContext) break;
      } else {
        keep_run = 0;
        end = j + 1;
      }
    }
    size_t stop = std::min(edits.size(), end + kContext);
    size_t a_start = edits[start].a, b_start = edits[start].b, a_len = 0, b_len = 0;
    std::string body;
    for (size_t j = start; j < stop; ++j) {
      const Edit& e = edits[j];
      if (e.op == Op::Keep) add_line(body, ' ', a[e.a]), ++a_len, ++b_len;
      else if (e.op == Op::Del) add_line(body, '-', a[e.a]), ++a_len;
      else add_line(body, '+', b[e.b]), ++b_len;
    }
    // `diff -u` numbers an empty range by the line before it.
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_len ? a_start + 1 : a_start, a_len, b_len ? b_start + 1 : b_start,
                       b_len);
    out += body;
    i = stop;
  }
  return out;
}

}  // namespace leadc::cli
