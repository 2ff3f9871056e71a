// The semantic diff as text (the one-screen summary of LANGUAGE.md section 10) and as
// JSON Lines; `leadc diff` prints them and `leadc report --vs` shows the text.
#include "tools/leadc/diff_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/counted.h"
#include "base/json.h"
#include "runtime/output_format.h"

namespace leadc::cli {

namespace {

std::string json_string(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string leads_text(uint64_t n) { return counted(n, "lead", "leads"); }
std::string points_phrase(double v) { return points_text(v) + (v == 1 ? " point" : " points"); }

// A witness on one line of the report: an aggregate's comment lines indented under it.
std::string witness_line(const std::string& w) {
  std::string out;
  for (char ch : w) out += ch == '\n' ? std::string("\n      ") : std::string(1, ch);
  return out;
}

// The witness (in the new version's field names) and, when the old version names its
// fields otherwise, the old one's text on a line of its own.
std::string witness_line(const DiffChange& c) {
  std::string out = witness_line(c.witness);
  if (!c.old_witness.empty()) out += "\n      (in the old version: " + witness_line(c.old_witness) + ")";
  return out;
}

}  // namespace

std::string points_text(double v) {
  std::string s;
  rt::append_number(s, v);
  return s;
}

std::string render_text(const SemanticDiff& d, const Counts* counts, const Style& st) {
  std::string out;
  for (const OutputDiff& o : d.outputs) {
    const std::vector<uint64_t>* n = nullptr;
    if (counts && counts->count(o.name)) n = &counts->at(o.name);
    out += st.name(o.name) + ": ";
    if (o.equivalent) {
      out += st.same("equivalent (no lead can change)") + "\n";
      continue;
    }
    if (o.kind == "score") {
      std::vector<std::string> parts;
      for (const char* dir : {"rise", "fall"}) {
        const bool rise = std::string(dir) == "rise";
        const DiffChange* c = nullptr;
        size_t index = 0;
        for (size_t k = 0; k < o.changes.size(); ++k)
          if (o.changes[k].from == dir) c = &o.changes[k], index = k;
        std::string verb = rise ? "rise" : "fall";
        if (c) {
          const uint64_t moved = n ? (*n)[index] : 0;
          std::string count =
              n ? fmt::format("; {} {}{}", leads_text(moved), rise ? "rise" : "fall", moved == 1 ? "s" : "") : "";
          if (c->unbounded)
            parts.push_back(st.change(fmt::format("can {} without limit", verb)) +
                            fmt::format(" (by {} given {}{})", points_phrase(c->points),
                                        witness_line(*c).substr(6), count));
          else if (c->largest_undecided)
            // The witness' change is certain, the largest one is not (decision 94).
            parts.push_back(st.change(fmt::format("can {} by {}", verb, points_phrase(c->points))) + " (" +
                            witness_line(*c) + count + "), " + st.doubt("perhaps by more: undecided"));
          else
            parts.push_back(st.change(fmt::format("can {} by up to {}", verb, points_phrase(c->points))) + " (" +
                            witness_line(*c) + count + ")");
        } else if (rise ? o.no_rise : o.no_fall) {
          parts.push_back(fmt::format("cannot {}", verb));
        } else {
          // Why: the entry the diff recorded for it (`rise (…)`).
          std::string why = "(the solver ran out of time)";
          for (const std::string& u : o.undecided_what)
            if (u.rfind(verb + " (", 0) == 0) why = u.substr(verb.size() + 1);
          parts.push_back(st.doubt(fmt::format("may {}: undecided {}", verb, why)));
        }
      }
      out += parts[0] + " and " + parts[1] + "\n";
      continue;
    }
    if (o.kind != "classification") {
      if (!o.changes.empty()) {
        const DiffChange& c = o.changes[0];
        out += st.change("can differ") + fmt::format(" ({} -> {} given {}{})", c.from, c.to,
                                                      witness_line(c).substr(6),
                                                      n ? "; " + leads_text((*n)[0]) + ((*n)[0] == 1 ? " differs" : " differ") : "");
      } else {
        out += st.doubt("undecided: " + (o.undecided_what.empty() ? std::string("differ") : o.undecided_what[0]));
      }
      out += "\n";
      continue;
    }
    const size_t k = o.changes.size(), u = o.undecided_what.size();
    const std::string undecided = fmt::format("{} possible change{} undecided", u,
                                              u == 1 ? "" : "s");
    if (k == 0) {
      out += st.doubt(undecided);
    } else {
      out += st.change(fmt::format("{} kind{} of change {} possible", k, k == 1 ? "" : "s", k == 1 ? "is" : "are"));
      if (o.undecided) out += ", " + st.doubt(undecided);
    }
    if (n) {
      uint64_t total = 0, one_sided = 0;
      for (size_t i = 0; i < n->size(); ++i) {
        total += (*n)[i];
        if (o.changes[i].from == kRejected || o.changes[i].to == kRejected) one_sided += (*n)[i];
      }
      out += fmt::format("; {} of the file {}", leads_text(total), total == 1 ? "changes" : "change");
      // The matrix below counts the leads both versions read: say how the two add up.
      if (one_sided)
        out += fmt::format(" ({} both versions read, {} only one version reads)", total - one_sided,
                           counted(one_sided, "row", "rows"));
    }
    out += "\n";
    size_t w = 0, wn = 0;
    for (const DiffChange& c : o.changes) w = std::max(w, c.from.size() + 4 + c.to.size());
    if (n)
      for (uint64_t x : *n) wn = std::max(wn, leads_text(x).size());
    for (size_t i = 0; i < o.changes.size(); ++i) {
      const DiffChange& c = o.changes[i];
      out += fmt::format("  {:<{}}  ", c.from + " -> " + c.to, w);
      if (n) out += fmt::format("{:<{}}  ", leads_text((*n)[i]), wn);
      out += witness_line(c) + "\n";
    }
    for (const std::string& u : o.undecided_what) out += "  " + st.doubt("undecided: " + u) + "\n";
  }
  if (!d.only_old.empty() || !d.only_new.empty()) {
    out += "not compared:";
    for (const std::string& s : d.only_old) out += " " + s + " (only old)";
    for (const std::string& s : d.only_new) out += " " + s + " (only new)";
    out += "\n";
  }
  return out;
}

std::string render_json(const SemanticDiff& d, const Counts* counts) {
  std::string out;
  for (const OutputDiff& o : d.outputs) {
    const std::vector<uint64_t>* n = nullptr;
    if (counts && counts->count(o.name)) n = &counts->at(o.name);
    out += fmt::format("{{\"name\": {}, \"kind\": {}, \"equivalent\": {}, \"undecided\": {}, \"changes\": [",
                       json_string(o.name), json_string(o.kind), o.equivalent, o.undecided);
    for (size_t i = 0; i < o.changes.size(); ++i) {
      const DiffChange& c = o.changes[i];
      out += i ? ", {" : "{";
      if (o.kind == "score")
        // Without a largest change, `points` is only what the witness shows: say so.
        out += fmt::format("{}: {}{}", json_string(c.from), points_text(c.points), c.unbounded ? ", \"unbounded\": true" : "");
      else
        out += fmt::format("\"from\": {}, \"to\": {}", json_string(c.from), json_string(c.to));
      out += fmt::format(", \"witness\": {}", json_string(c.witness));
      if (!c.old_witness.empty()) out += fmt::format(", \"old_witness\": {}", json_string(c.old_witness));
      if (n) out += fmt::format(", \"leads\": {}", (*n)[i]);
      out += "}";
    }
    out += "]}\n";
  }
  return out;
}

}  // namespace leadc::cli
