// The semantic diff: one Encoder over both versions (merge_versions.h), one solver per
// output name. Each question is a formula over the shared inputs: "the old version
// gives x and the new one y" for a classification, the largest (new - old) for a
// score, "the values differ" for a term. A witness keeps only the inputs that matter:
// every other one is pinned to its fallback (required) or missing (optional) as long
// as the question stays satisfiable.
#include "compiler/analysis/semantic_diff.h"

#include <fmt/format.h>
#include <z3++.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include "compiler/analysis/checker.h"
#include "compiler/analysis/encoder.h"
#include "compiler/analysis/event_witness.h"
#include "compiler/analysis/merge_versions.h"
#include "compiler/analysis/witness.h"

namespace leadc {

using analysis::Encoder;
using analysis::MergedVersions;

// At most this many transitions of one classification are listed (each has a witness).
constexpr size_t kMaxTransitions = 200;
// Past this many pairs of outcomes, a classification's transitions are never asked pair by pair.
constexpr size_t kMaxPairQuestions = 400;
// At most this many ever larger changes are asked for when a score's largest change
// is sought among leads with witness events.
constexpr int kMaxImprovements = 40;
// A witness preference (fewer events, readable values) gets this share of a query's budget.
constexpr unsigned kPreferenceShare = 5;

namespace {
double number_of(const z3::expr& numeral) { return std::strtod(analysis::decimal_text(numeral).c_str(), nullptr); }

bool near_equal(double a, double b) { return std::fabs(a - b) <= 1e-9 * (1 + std::fabs(a) + std::fabs(b)); }

std::string value_text(const ir::Program& p, const ir::Output& out, const ir::Constant& c) {
  if (c.missing) return kNoLabel;
  switch (out.type) {
    case ir::Type::Bool: return c.b ? "true" : "false";
    case ir::Type::Num: return fmt::format("{}", c.num / out.scale);
    case ir::Type::Str: return "\"" + c.str + "\"";
    case ir::Type::Enum:
      return out.enum_id >= 0 && c.member >= 0 && static_cast<size_t>(c.member) < p.enums[out.enum_id].members.size()
                 ? p.enums[out.enum_id].members[c.member]
                 : std::to_string(c.member);
  }
  return "?";
}

bool same_value(const ir::Program& a, const ir::Output& oa, const ir::Constant& x, const ir::Program& b,
                const ir::Output& ob, const ir::Constant& y) {
  if (x.missing || y.missing) return x.missing == y.missing;
  if (oa.type != ob.type) return false;
  switch (oa.type) {
    case ir::Type::Bool: return x.b == y.b;
    case ir::Type::Num: return x.num == y.num;
    case ir::Type::Str: return x.str == y.str;
    case ir::Type::Enum: return value_text(a, oa, x) == value_text(b, ob, y);
  }
  return false;
}

class Differ {
 public:
  Differ(const ir::Program& old_version, const ir::Program& new_version, MergedVersions merged, const DiffOptions& opts)
      : m_(std::move(merged)),
        opts_(opts),
        as_of_(ctx_.real_const("as_of")),
        enc_(ctx_, m_.program, as_of_, "d_") {
    ver_[0] = &old_version;
    ver_[1] = &new_version;
    for (uint32_t i = 0; i < m_.program.inputs.size(); ++i) all_.push_back(i);
    for (int v = 0; v < 2; ++v) {
      z3::expr_vector parts(ctx_);
      for (uint32_t i : m_.required_by[v]) parts.push_back(enc_.input(i).known);
      for (const auto& [i, members] : m_.members_read_by[v]) {
        z3::expr_vector one_of(ctx_);
        for (int32_t k : members) one_of.push_back(enc_.input(i).value == ctx_.int_val(k));
        parts.push_back(!enc_.input(i).known || z3::mk_or(one_of));
      }
      for (uint32_t i : m_.whole_by[v]) parts.push_back(!enc_.input(i).known || z3::is_int(enc_.input(i).value));
      reads_[v] = std::make_unique<z3::expr>(z3::mk_and(parts));
    }
  }

  SemanticDiff run() {
    SemanticDiff out;
    const ir::Program& a = *ver_[0];
    const ir::Program& b = *ver_[1];
    for (const ir::Output& oa : a.outputs) {
      const ir::Output* ob = nullptr;
      for (const ir::Output& o : b.outputs) ob = o.name == oa.name ? &o : ob;
      if (!ob) {
        out.only_old.push_back(oa.name);
        continue;
      }
      OutputDiff d;
      d.name = oa.name;
      const ir::NamedValue* na = a.find_name(oa.name);
      const ir::NamedValue* nb = b.find_name(oa.name);
      const ir::NameKind ka = na ? na->kind : ir::NameKind::Term, kb = nb ? nb->kind : ir::NameKind::Term;
      try {
        if (ka == ir::NameKind::Classification && kb == ir::NameKind::Classification) {
          d.kind = "classification";
          diff_classification(find_cls(a, oa.name), find_cls(b, oa.name), d);
        } else if (ka == ir::NameKind::Score && kb == ir::NameKind::Score) {
          d.kind = "score";
          diff_score(oa, *ob, d);
        } else {
          d.kind = ka == ir::NameKind::Field ? "field" : "term";
          diff_value(oa, *ob, d);
        }
      } catch (const z3::exception& e) {
        d.undecided = true;
        d.undecided_what.push_back(std::string("solver error: ") + e.msg());
      }
      d.equivalent = d.changes.empty() && !d.undecided;
      out.outputs.push_back(std::move(d));
    }
    for (const ir::Output& ob : b.outputs) {
      bool shared = false;
      for (const ir::Output& o : a.outputs) shared |= o.name == ob.name;
      if (!shared) out.only_new.push_back(ob.name);
    }
    return out;
  }

 private:
  static const ir::Classification& find_cls(const ir::Program& p, const std::string& name) {
    for (const ir::Classification& c : p.classifications)
      if (c.name == name) return c;
    fail_internally("classification output without a classification: " + name);
  }

  ir::Reg merged(int v, ir::Reg r) const { return m_.reg[v][r]; }
  const z3::expr& reads(int v) const { return *reads_[v]; }

  std::vector<uint32_t> relevant_of(ir::Reg old_reg, ir::Reg new_reg) const {
    std::vector<uint32_t> r = analysis::merge_sorted(enc_.deps(merged(0, old_reg)), enc_.deps(merged(1, new_reg)));
    for (int v = 0; v < 2; ++v) {
      r = analysis::merge_sorted(r, m_.required_by[v]);
      std::vector<uint32_t> whole = m_.whole_by[v];
      std::sort(whole.begin(), whole.end());
      r = analysis::merge_sorted(r, whole);
      std::vector<uint32_t> enums;
      for (const auto& read : m_.members_read_by[v]) enums.push_back(read.first);
      std::sort(enums.begin(), enums.end());
      r = analysis::merge_sorted(r, enums);
    }
    return r;
  }

  // Sets solver s's limits to 1/share of a query's.
  void limit(z3::solver& s, unsigned share) {
    z3::params p(ctx_);
    uint64_t units = std::max<uint64_t>(1, uint64_t{opts_.timeout_ms} * analysis::kRlimitPerMs / share);
    p.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(units, UINT32_MAX)));
    p.set("timeout", (opts_.timeout_ms * analysis::kWallClockFactor + analysis::kWallClockSlackMs) / share + 1);
    s.set(p);
  }

  z3::solver make_solver() {
    z3::solver s(ctx_);
    z3::params p(ctx_);
    uint64_t units = std::max<uint64_t>(1, uint64_t{opts_.timeout_ms} * analysis::kRlimitPerMs);
    p.set("rlimit", static_cast<unsigned>(std::min<uint64_t>(units, UINT32_MAX)));
    p.set("timeout", opts_.timeout_ms * analysis::kWallClockFactor + analysis::kWallClockSlackMs);
    s.set(p);
    return s;
  }

  // Input i "does not matter": its fallback when required, missing when optional.
  z3::expr left_out(uint32_t i) const {
    // A set's member shares the set's known flag: left out, it is not listed.
    const ir::Input& in = m_.program.inputs[i];
    return in.optional && in.kind != ir::FieldKind::Set ? !enc_.input(i).known : enc_.input(i).is_fallback;
  }

  // A witness of `goal` (satisfiable on `s`, which holds nothing else): as few inputs
  // of `relevant` as possible keep a value of their own, the rest are left out, and
  // whole numbers are preferred. Fills `relevant` with the inputs that stay.
  // `soft` are further preferences (fewer events, readable event values), tried in order
  // after the inputs.
  z3::model minimal_model(z3::solver& s, const z3::expr& goal, std::vector<uint32_t>& relevant,
                          const std::vector<z3::expr>& soft = {}) {
    s.push();
    s.add(goal);
    s.add(enc_.domain_for(goal));
    s.add(analysis::fallbacks_except(enc_, all_, relevant));
    int pushed = 1;
    // With witness events every preference is a large question: each gets a fifth
    // of the budget (one that runs out is a preference not met), the last check all of it.
    if (!soft.empty()) limit(s, kPreferenceShare);
    std::vector<uint32_t> kept;
    for (uint32_t i : relevant) {
      s.push();
      s.add(left_out(i));
      if (s.check() == z3::sat) {
        ++pushed;
      } else {
        s.pop();
        kept.push_back(i);
      }
    }
    relevant = kept;
    z3::check_result r = z3::unknown;
    // The analysis' usual as-of where the change happens at it (it is free otherwise).
    std::vector<z3::expr> preferred{as_of_ == analysis::real_of(ctx_, analysis::kDefaultAsOf)};
    preferred.insert(preferred.end(), soft.begin(), soft.end());
    for (const z3::expr& nice : analysis::nice_values(enc_, relevant)) preferred.push_back(nice);
    for (const z3::expr& nice : preferred) {
      s.push();
      s.add(nice);
      if (s.check() == z3::sat) {
        ++pushed;
      } else {
        s.pop();
      }
    }
    if (!soft.empty()) limit(s, 1);
    r = s.check();
    if (r != z3::sat) {
      s.pop(static_cast<unsigned>(pushed));
      throw z3::exception("the witness query ran out of time");
    }
    z3::model model = s.get_model();
    s.pop(static_cast<unsigned>(pushed));
    return model;
  }

  // `events`: the witness events the model holds (how many), or nullopt when the
  // aggregates are shown as values (comments).
  DiffChange witness_of(const z3::model& model, const std::vector<uint32_t>& relevant, bool timed,
                        std::optional<size_t> events = std::nullopt) {
    z3::expr at = model.eval(as_of_, true);
    double as_of = timed ? number_of(at) : analysis::kDefaultAsOf;
    // Each version's text names its own fields (a field renamed but read from the same
    // column, one only a version has): the new one's is the witness, the old one's is
    // shown too when it differs.
    std::string text[2];
    analysis::Witness w;
    for (int v = 1; v >= 0; --v) {
      std::vector<std::string> names(m_.program.inputs.size());
      for (size_t i = 0; i < names.size(); ++i)
        if (int mine = m_.version_input[v][i]; mine >= 0 && !(events && m_.program.inputs[i].synthetic))
          names[i] = ver_[v]->inputs[mine].field;
      w = analysis::make_witness(enc_, model, relevant, as_of, &names);
      text[v] = w.text;
      if (events) text[v] += event_text(model, *events, v, as_of);
      if (timed) text[v] += " as_of " + analysis::format_as_of(at);
    }
    DiffChange c;
    c.witness = text[1];
    if (text[0] != text[1]) c.old_witness = text[0];
    for (int v = 0; v < 2; ++v) {
      WitnessLead& lead = v ? c.new_lead : c.old_lead;
      lead.as_of = as_of;
      for (const ir::Example::Given& g : w.lead.given) {
        int mine = m_.version_input[v][g.input];
        if (mine < 0 || (events && m_.program.inputs[g.input].synthetic)) continue;
        ir::Example::Given own{static_cast<uint32_t>(mine), g.value};
        const ir::Input& in = m_.program.inputs[g.input];
        // A member of a merged list as the version's own (-1: one it has not, which
        // its reader rejects).
        if (in.kind == ir::FieldKind::Enum && !own.value.missing)
          own.value.member = m_.version_member(v, in.enum_id, own.value.member);
        lead.given.push_back(std::move(own));
      }
      if (events) lead.events = event_leads(model, *events, v, as_of);
    }
    return c;
  }

  // The minimal witness of `goal`, or nullopt (and `what` undecided in `d`) when a
  // query for it runs out of time.
  // `reproduces` replays a candidate through both versions (and may fill in what it
  // shows): the witness with events is tried first, then the one with the aggregates'
  // values; none that reproduces leaves `what` undecided.
  // `say`: record a witness that does not reproduce as undecided (the caller may try
  // another way first).
  std::optional<DiffChange> witness(z3::solver& s, const z3::expr& goal, std::vector<uint32_t>& relevant, bool timed,
                                    const std::string& what, OutputDiff& d,
                                    const std::function<bool(DiffChange&)>& reproduces, bool say = true) {
    try {
      std::vector<uint32_t> first = relevant;
      z3::model model = minimal_model(s, goal, first);
      if (auto with = events_witness(s, goal, relevant, first, model, timed); with && reproduces(*with)) return with;
      // The values' count of events may be too few when weights or sums are bounded
      // only (decision 94): every event a witness may have, once more.
      if (!values_stand(first)) {
        std::vector<uint32_t> again = relevant;
        if (auto with = events_witness(s, goal, relevant, again, model, timed, analysis::EventWitness::kMaxEvents);
            with && reproduces(*with))
          return with;
      }
      // The aggregates' values as comments: replayed with those values, which proves
      // nothing unless some events give them (decision 94).
      if (values_stand(first)) {
        DiffChange c = witness_of(model, first, timed);
        if (reproduces(c)) return c;
      }
      if (say) {
        d.undecided = true;
        d.undecided_what.push_back(what + " (its witness did not reproduce)");
      }
      return std::nullopt;
    } catch (const z3::exception& e) {
      d.undecided = true;
      d.undecided_what.push_back(what + " (" + e.msg() + ")");
      return std::nullopt;
    }
  }

  // Whether a witness that gives the aggregates of `inputs` as values (not as events)
  // is a real lead: only when every such value is one the analysis relates exactly to
  // the events (counts, any, none, latest, earliest; cells all found). A sum or a
  // decayed weight is bounded, not fixed, by the cells: its value may be one no set of
  // events gives, and two half-lives' weights of one lead are related only through
  // bounds (decision 94).
  bool values_stand(const std::vector<uint32_t>& inputs) const {
    if (!m_.program.activity) return true;
    if (enc_.approximate(inputs)) return false;
    for (uint32_t i : inputs) {
      const ir::Input& in = m_.program.inputs[i];
      if (!in.synthetic) continue;
      const ir::AggregateKind k = m_.program.activity->aggregates.at(in.aggregate).kind;
      if (k == ir::AggregateKind::Sum || k == ir::AggregateKind::DecayedCount || k == ir::AggregateKind::DecayedAny)
        return false;
    }
    return true;
  }

  // The largest `change` (> 0 under `goal`) that a lead with up to kMaxEvents witness
  // events gives, both versions folding the same events, with its witness; nullopt
  // when there is none or a query runs out. `reproduces(c, points)` replays it.
  std::optional<DiffChange> events_best(const z3::expr& goal, const z3::expr& change,
                                        const std::vector<uint32_t>& relevant, bool timed,
                                        const std::function<bool(DiffChange&, double)>& reproduces) {
    if (!m_.program.activity) return std::nullopt;
    const size_t n = analysis::EventWitness::kMaxEvents;
    try {
      z3::expr tied = events().tie(n);
      std::vector<uint32_t> rel = analysis::merge_sorted(relevant, events().aggregates());
      // Ever larger changes, each question with its own limit: the last lead found
      // stands when a question runs out (an optimizer would give nothing then).
      z3::solver s = make_solver();
      z3::expr all = goal && tied;
      s.add(all);
      s.add(enc_.domain_for(all));
      s.add(analysis::fallbacks_except(enc_, all_, rel));
      std::optional<z3::expr> best;
      for (int round = 0; round < kMaxImprovements; ++round) {
        z3::check_result r = z3::unknown;
        try {
          r = s.check();
        } catch (const z3::exception&) {
          r = z3::unknown;
        }
        if (r != z3::sat) break;
        z3::expr v = s.get_model().eval(change, true);
        if (!v.is_numeral()) break;
        best = v;
        s.add(change > v);
      }
      if (!best) return std::nullopt;
      z3::solver w = make_solver();
      z3::model with = minimal_model(w, all && change == *best, rel, events().soft(n));
      DiffChange c = witness_of(with, rel, timed, n);
      c.points = number_of(*best);
      if (!reproduces(c, c.points)) return std::nullopt;
      return c;
    } catch (const z3::exception&) {
      return std::nullopt;
    }
  }

  // ---- witnesses with events (decision 70; event_witness.h) ---------------------
  analysis::EventWitness& events() {
    if (!events_) events_.emplace(ctx_, m_.program, enc_, as_of_);
    return *events_;
  }

  // The names version v gives the events program's inputs ("" for the key, which an
  // example's event may leave out, and for fields the version has not).
  std::vector<std::string> event_names(int v) const {
    const ir::Activity& act = *m_.program.activity;
    std::vector<std::string> names(act.events.inputs.size());
    const ir::Activity* own = ver_[v]->activity.get();
    for (size_t i = 0; own && i < names.size(); ++i) {
      const int mine = m_.version_event_input[v].empty() ? -1 : m_.version_event_input[v][i];
      if (mine >= 0 && mine != own->key_input) names[i] = own->events.inputs[mine].field;
    }
    return names;
  }

  // ` events { {…}, … }` of the present events of the model, in version v's names.
  std::string event_text(const z3::model& model, size_t n, int v, double as_of) {
    return events().text(model, n, as_of, event_names(v));
  }

  // The present events as version v's example events.
  std::vector<std::vector<ir::Example::Given>> event_leads(const z3::model& model, size_t n, int v, double as_of) {
    std::vector<std::vector<ir::Example::Given>> out;
    const ir::Activity* own = ver_[v]->activity.get();
    if (!own) return out;
    for (const std::vector<ir::Example::Given>& event : events().leads(model, n, as_of)) {
      std::vector<ir::Example::Given> mine;
      for (const ir::Example::Given& g : event) {
        const int i = m_.version_event_input[v][g.input];
        if (i >= 0 && i != own->key_input) mine.push_back({static_cast<uint32_t>(i), g.value});
      }
      out.push_back(std::move(mine));
    }
    return out;
  }

  // The witness of `goal` with events for its aggregates, or nullopt (keep the one
  // with values). `first` and `model`: the witness with values, which says how many
  // events to allow.
  // `events`: how many witness events to allow (0: as many as the values need).
  std::optional<DiffChange> events_witness(z3::solver& s, const z3::expr& goal, const std::vector<uint32_t>& relevant,
                                           std::vector<uint32_t>& first, const z3::model& model, bool timed,
                                           size_t events_allowed = 0) {
    if (!m_.program.activity) return std::nullopt;
    std::optional<size_t> n = events().count(first, model);
    if (events_allowed) n = events_allowed;
    if (!n) return std::nullopt;
    z3::expr tied = events().tie(*n);
    // Every aggregate is the events' fold now, so none is pinned to its value without events.
    std::vector<uint32_t> rel = analysis::merge_sorted(relevant, events().aggregates());
    try {
      z3::model with = minimal_model(s, goal && tied, rel, events().soft(*n));
      DiffChange c = witness_of(with, rel, timed, *n);
      first = rel;
      return c;
    } catch (const z3::exception&) {
      return std::nullopt;  // the witness with values stands
    }
  }

  bool timed(ir::Reg old_reg, ir::Reg new_reg) const {
    return enc_.timed(merged(0, old_reg)) || enc_.timed(merged(1, new_reg));
  }

  // The replayed values of `reg` in version v (nullopt: the version rejects the lead).
  std::optional<ir::Constant> replay(int v, const WitnessLead& lead, ir::Reg reg) const {
    auto values = opts_.replay(*ver_[v], lead, {reg});
    if (!values) return std::nullopt;
    return values->at(0);
  }

  // ---- classifications -------------------------------------------------------------
  // The labels version v can give, kNoLabel and kRejected included, with the formula
  // of each.
  std::vector<std::pair<std::string, z3::expr>> outcomes(int v, const ir::Classification& c) {
    std::vector<std::pair<std::string, z3::expr>> out;
    const ir::Reg r = merged(v, c.reg);
    const auto& members = ver_[v]->enums[c.enum_id].members;
    for (size_t k = 0; k < members.size(); ++k)
      out.emplace_back(members[k], reads(v) && enc_.known(r) && enc_.value(r) == ctx_.int_val(static_cast<int>(k)));
    out.emplace_back(kNoLabel, reads(v) && !enc_.known(r));
    if (!m_.required_by[v].empty() || !m_.members_read_by[v].empty() || !m_.whole_by[v].empty())
      out.emplace_back(kRejected, !reads(v));
    return out;
  }

  std::string label_of(int v, const ir::Classification& c, const std::optional<ir::Constant>& value) const {
    if (!value) return kRejected;
    if (value->missing) return kNoLabel;
    return ver_[v]->enums[c.enum_id].members.at(value->member);
  }

  // Which outcome of `outcomes` a lead gets in version v, as one Int term: its index
  // in `ids`, the outcome names of both versions (a label both have is one id).
  z3::expr outcome_id(const std::vector<std::pair<std::string, z3::expr>>& outcomes, const std::vector<int>& id_of) {
    z3::expr t = ctx_.int_val(-1);
    for (size_t k = outcomes.size(); k-- > 0;) t = z3::ite(outcomes[k].second, ctx_.int_val(id_of[k]), t);
    return t;
  }

  // The transition x -> y (possible: `goal` is satisfiable) with its witness, when one reproduces.
  void transition(z3::solver& w, const std::string& x, const std::string& y, const z3::expr& goal,
                  const std::vector<uint32_t>& relevant, bool t, const ir::Classification& ca,
                  const ir::Classification& cb, OutputDiff& d) {
    std::vector<uint32_t> rel = relevant;
    // Never shown unless both versions, run on the printed lead, give x and y.
    std::optional<DiffChange> got = witness(w, goal, rel, t, x + " -> " + y, d, [&](DiffChange& c) {
      return label_of(0, ca, replay(0, c.old_lead, ca.reg)) == x && label_of(1, cb, replay(1, c.new_lead, cb.reg)) == y;
    });
    if (!got) return;
    DiffChange c = std::move(*got);
    c.from = x;
    c.to = y;
    d.changes.push_back(std::move(c));
  }

  // Each pair of outcomes not in `found` asked on its own question; `possible(x, y, goal)`
  // for each one that is satisfiable, an undecided entry for each that runs out.
  void pairs_one_by_one(const std::vector<std::pair<std::string, z3::expr>>& from,
                        const std::vector<std::pair<std::string, z3::expr>>& to,
                        const std::vector<std::pair<std::string, std::string>>& found,
                        const std::vector<uint32_t>& relevant, OutputDiff& d,
                        const std::function<void(const std::string&, const std::string&, const z3::expr&)>& possible) {
    z3::solver s = make_solver();
    for (const auto& from_outcome : from) {
      for (const auto& to_outcome : to) {
        const std::string& x = from_outcome.first;
        const std::string& y = to_outcome.first;
        if (x == y || std::find(found.begin(), found.end(), std::make_pair(x, y)) != found.end()) continue;
        z3::expr goal = from_outcome.second && to_outcome.second;
        s.push();
        s.add(goal);
        s.add(enc_.domain_for(goal));
        s.add(analysis::fallbacks_except(enc_, all_, relevant));
        z3::check_result r = z3::unknown;
        try {
          r = s.check();
        } catch (const z3::exception&) {
          r = z3::unknown;
        }
        s.pop();
        if (r == z3::unsat) continue;
        if (r == z3::unknown) {
          d.undecided = true;
          d.undecided_what.push_back(x + " -> " + y + " (the solver ran out of time)");
          continue;
        }
        possible(x, y, goal);
      }
    }
  }

  // Every transition is found by asking for a lead whose two outcomes differ, then
  // excluding that pair and asking again (one incremental solver): the questions are
  // as many as the transitions, not as the pairs of labels (decision 95). A question
  // that runs out of time says that the transitions not listed yet are undecided.
  void diff_classification(const ir::Classification& ca, const ir::Classification& cb, OutputDiff& d) {
    const bool t = timed(ca.reg, cb.reg);
    auto from = outcomes(0, ca), to = outcomes(1, cb);
    std::map<std::string, int> ids;
    std::vector<std::string> names;
    auto id = [&](const std::string& name) {
      auto [it, fresh] = ids.emplace(name, static_cast<int>(names.size()));
      if (fresh) names.push_back(name);
      return it->second;
    };
    std::vector<int> id_from, id_to;
    for (const auto& o : from) id_from.push_back(id(o.first));
    for (const auto& o : to) id_to.push_back(id(o.first));
    const z3::expr x_id = ctx_.int_const("diff_old_outcome"), y_id = ctx_.int_const("diff_new_outcome");
    std::vector<uint32_t> relevant = relevant_of(ca.reg, cb.reg);
    z3::solver s = make_solver();
    z3::expr defs = x_id == outcome_id(from, id_from) && y_id == outcome_id(to, id_to);
    s.add(defs);
    s.add(x_id != y_id);
    s.add(enc_.domain_for(defs));
    s.add(analysis::fallbacks_except(enc_, all_, relevant));
    z3::solver w = make_solver();  // the witnesses' questions
    std::vector<std::pair<std::string, std::string>> found_pairs;
    for (;;) {
      z3::check_result r = z3::unknown;
      try {
        r = s.check();
      } catch (const z3::exception&) {
        r = z3::unknown;
      }
      if (r == z3::unsat) break;
      if (r == z3::unknown) {
        if (from.size() * to.size() <= kMaxPairQuestions) {
          // Few labels: each pair not found yet is asked on its own, so that what stays
          // undecided is named pair by pair.
          pairs_one_by_one(from, to, found_pairs, relevant, d, [&](const std::string& x, const std::string& y,
                                                                    const z3::expr& goal) {
            transition(w, x, y, goal, relevant, t, ca, cb, d);
          });
          break;
        }
        d.undecided = true;
        d.undecided_what.push_back(found_pairs.empty() ? "every transition (the solver ran out of time)"
                                                       : "the transitions not listed (the solver ran out of time)");
        break;
      }
      z3::model model = s.get_model();
      const int xi = model.eval(x_id, true).get_numeral_int(), yi = model.eval(y_id, true).get_numeral_int();
      s.add(x_id != ctx_.int_val(xi) || y_id != ctx_.int_val(yi));
      if (xi < 0 || yi < 0) continue;  // no outcome: cannot be (the outcomes cover every lead)
      const std::string x = names[static_cast<size_t>(xi)], y = names[static_cast<size_t>(yi)];
      found_pairs.emplace_back(x, y);
      const std::string what = x + " -> " + y;
      if (found_pairs.size() > kMaxTransitions) {
        d.undecided = true;
        d.undecided_what.push_back(fmt::format("more transitions than {} are possible: only the first {} are listed",
                                               kMaxTransitions, kMaxTransitions));
        break;
      }
      z3::expr old_is = ctx_.bool_val(false), new_is = ctx_.bool_val(false);
      for (const auto& o : from)
        if (o.first == x) old_is = o.second;
      for (const auto& o : to)
        if (o.first == y) new_is = o.second;
      transition(w, x, y, old_is && new_is, relevant, t, ca, cb, d);
    }
    // In the order of the outcomes (old labels, then new ones), as before.
    auto rank = [&](const DiffChange& c) {
      size_t a = 0, b = 0;
      for (size_t k = 0; k < from.size(); ++k)
        if (from[k].first == c.from) a = k;
      for (size_t k = 0; k < to.size(); ++k)
        if (to[k].first == c.to) b = k;
      return std::make_pair(a, b);
    };
    std::stable_sort(d.changes.begin(), d.changes.end(),
                     [&](const DiffChange& l, const DiffChange& r) { return rank(l) < rank(r); });
  }

  // ---- scores ----------------------------------------------------------------------
  void diff_score(const ir::Output& oa, const ir::Output& ob, OutputDiff& d) {
    const ir::Reg ra = merged(0, oa.reg), rb = merged(1, ob.reg);
    z3::expr both = reads(0) && reads(1) && enc_.known(ra) && enc_.known(rb);
    z3::expr rise = enc_.value(rb) - enc_.value(ra);
    for (int dir = 0; dir < 2; ++dir) {
      const char* what = dir == 0 ? "rise" : "fall";
      z3::expr change = dir == 0 ? rise : -rise;
      std::vector<uint32_t> relevant = relevant_of(oa.reg, ob.reg);
      z3::optimize o(ctx_);
      z3::params p(ctx_);
      p.set("timeout", opts_.timeout_ms * analysis::kWallClockFactor + analysis::kWallClockSlackMs);
      o.set(p);
      z3::expr goal = both && change > 0;
      o.add(goal);
      o.add(enc_.domain_for(goal));
      o.add(analysis::fallbacks_except(enc_, all_, relevant));
      z3::optimize::handle h = o.maximize(change);
      z3::check_result r = o.check();
      if (r == z3::unsat) {
        (dir == 0 ? d.no_rise : d.no_fall) = true;
        continue;
      }
      if (r == z3::unknown) {
        d.undecided = true;
        d.undecided_what.push_back(std::string(what) + " (the solver ran out of time)");
        continue;
      }
      z3::expr upper = o.upper(h);
      const bool exact = upper.is_numeral();
      const bool unbounded = !exact && upper.to_string().find("oo") != std::string::npos;
      z3::expr best = exact ? upper : o.get_model().eval(change, true);
      z3::solver s = make_solver();
      double points = number_of(best);
      // Both versions run on the printed lead (and its events) must change by `target`.
      auto replays = [&](DiffChange& c, double target) {
        auto x = replay(0, c.old_lead, oa.reg), y = replay(1, c.new_lead, ob.reg);
        return x && y && !x->missing && !y->missing && near_equal((dir == 0 ? 1 : -1) * (y->num - x->num), target);
      };
      const bool t = timed(oa.reg, ob.reg);
      std::optional<DiffChange> found = witness(
          s, both && change == best, relevant, t, what, d, [&](DiffChange& c) { return replays(c, points); }, false);
      bool largest_undecided = false;
      if (!found) {
        // No lead reproduces the largest change the solver allows: the aggregates'
        // relations bound it from above only (decision 94). The largest change that
        // witness events shared by both versions give is shown, with the bound; the
        // largest one itself stays undecided.
        found = events_best(goal, change, relevant, t, replays);
        d.undecided = true;
        if (!found) {
          d.undecided_what.push_back(std::string(what) + " (its witness did not reproduce)");
          continue;
        }
        // The optimizer's value over the bounded relations is no proof of a largest one
        // either way (a lead may change more than it): only the witness' change is said.
        largest_undecided = true;
        points = found->points;
        d.undecided_what.push_back(fmt::format("the largest {}: at least {} points (the witness)", what, points));
      }
      DiffChange c = std::move(*found);
      c.from = what;
      c.points = points;
      c.largest_undecided = largest_undecided;
      c.unbounded = unbounded;
      d.changes.push_back(std::move(c));
    }
  }

  // ---- terms and fields ------------------------------------------------------------
  void diff_value(const ir::Output& oa, const ir::Output& ob, OutputDiff& d) {
    const ir::Reg ra = merged(0, oa.reg), rb = merged(1, ob.reg);
    z3::expr same = ctx_.bool_val(false);
    if (oa.type == ob.type) {
      if (oa.type == ir::Type::Enum) {
        // Members are compared by name: the versions' enum tables differ.
        const auto& ma = ver_[0]->enums.at(oa.enum_id).members;
        const auto& mb = ver_[1]->enums.at(ob.enum_id).members;
        z3::expr_vector parts(ctx_);
        for (size_t i = 0; i < ma.size(); ++i) {
          auto j = std::find(mb.begin(), mb.end(), ma[i]);
          if (j == mb.end()) continue;
          const int32_t x = m_.merged_member(0, oa.enum_id, static_cast<int32_t>(i));
          const int32_t y = m_.merged_member(1, ob.enum_id, static_cast<int32_t>(j - mb.begin()));
          parts.push_back(enc_.value(ra) == ctx_.int_val(x) && enc_.value(rb) == ctx_.int_val(y));
        }
        same = z3::mk_or(parts);
      } else {
        same = enc_.value(ra) == enc_.value(rb);
      }
    }
    z3::expr differ = reads(0) && reads(1) &&
                      (enc_.known(ra) != enc_.known(rb) || (enc_.known(ra) && enc_.known(rb) && !same));
    std::vector<uint32_t> relevant = relevant_of(oa.reg, ob.reg);
    z3::solver s = make_solver();
    s.push();
    s.add(differ);
    s.add(enc_.domain_for(differ));
    s.add(analysis::fallbacks_except(enc_, all_, relevant));
    z3::check_result r = s.check();
    s.pop();
    if (r == z3::unsat) return;
    if (r == z3::unknown) {
      d.undecided = true;
      d.undecided_what.push_back("differ (the solver ran out of time)");
      return;
    }
    std::optional<DiffChange> found = witness(s, differ, relevant, timed(oa.reg, ob.reg), "differ", d, [&](DiffChange& c) {
      auto x = replay(0, c.old_lead, oa.reg), y = replay(1, c.new_lead, ob.reg);
      if (!x || !y || same_value(*ver_[0], oa, *x, *ver_[1], ob, *y)) return false;
      c.from = value_text(*ver_[0], oa, *x);
      c.to = value_text(*ver_[1], ob, *y);
      return true;
    });
    if (!found) return;
    d.changes.push_back(std::move(*found));
  }

  MergedVersions m_;
  DiffOptions opts_;
  const ir::Program* ver_[2];
  z3::context ctx_;
  z3::expr as_of_;
  Encoder enc_;
  std::vector<uint32_t> all_;
  std::unique_ptr<z3::expr> reads_[2];
  std::optional<analysis::EventWitness> events_;  // the symbolic events of witnesses
};

}  // namespace

SemanticDiff semantic_diff(const ir::Program& old_version, const ir::Program& new_version, const DiffOptions& opts) {
  auto merged = analysis::merge_versions(old_version, new_version);
  if (!merged) {
    SemanticDiff out;
    out.error = merged.error();
    return out;
  }
  Differ differ(old_version, new_version, std::move(*merged), opts);
  return differ.run();
}

}  // namespace leadc
