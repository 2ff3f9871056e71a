#include "base/fixits.h"

#include <algorithm>

namespace leadc {

FixResult apply_fixits(const SourceFile& file, const Diagnostics& diags) {
  std::vector<const FixIt*> fixes;
  for (const Diagnostic& d : diags.all())
    for (const FixIt& f : d.fixits)
      if (f.span.file == &file && f.span.end >= f.span.begin && f.span.end <= file.text.size()) fixes.push_back(&f);
  std::stable_sort(fixes.begin(), fixes.end(), [](const FixIt* a, const FixIt* b) { return a->span.begin < b->span.begin; });
  FixResult out;
  size_t copied = 0;  // bytes of file.text already in out.text
  const FixIt* last = nullptr;  // the fix applied last
  for (const FixIt* f : fixes) {
    if (f->span.begin < copied) continue;  // overlaps (or repeats) one already applied
    // The same insertion asked twice (two findings want one `?`) is made once.
    if (last && last->span.begin == f->span.begin && last->span.end == f->span.end &&
        last->replacement == f->replacement)
      continue;
    last = f;
    out.text.append(file.text, copied, f->span.begin - copied);
    out.text += f->replacement;
    copied = f->span.end;
    ++out.applied;
  }
  out.text.append(file.text, copied, std::string::npos);
  return out;
}

}  // namespace leadc
