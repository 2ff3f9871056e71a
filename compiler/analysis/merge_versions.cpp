#include "compiler/analysis/merge_versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>

namespace leadc::analysis {

namespace {

std::string type_text(const ir::Program& p, const ir::Input& in) {
  std::string s = ir::field_kind_name(in.kind);
  if ((in.kind == ir::FieldKind::Enum || in.kind == ir::FieldKind::Set) && in.enum_id >= 0) {
    if (in.kind == ir::FieldKind::Set) s += " of";
    s += " {";
    const auto& members = p.enums[in.enum_id].members;
    const auto& spellings = p.enums[in.enum_id].spellings;
    for (size_t k = 0; k < members.size(); ++k) {
      s += (k ? ", " : " ") + members[k];
      if (in.kind == ir::FieldKind::Set && k < spellings.size() && !spellings[k].empty()) s += " \"" + spellings[k] + "\"";
    }
    s += " }";
    if (in.kind == ir::FieldKind::Set) s += " separator \"" + ir::set_separator(in) + "\"";
  }
  if (!in.unit.empty()) s += " in " + in.unit;
  return s;
}

// Whether a lead file cell means the same value to both versions: same kind, same
// unit (a cell `120` is not the same lead in days and in hours). Enum member lists may
// differ (`members_ok`, the lead's fields): a cell is a member's name, so the members
// both versions have are the same values (merged by name), and a member only one
// version has is a lead the other rejects. Activity fields keep the older rule: the
// same members in the same order, or members added at the end.
// An `int` lead field read as `number` (or back) reads the same cells: a whole number
// is a valid number (`widens`).
bool widens(const ir::Input& x, const ir::Input& y) {
  auto int_or_number = [](ir::FieldKind k) { return k == ir::FieldKind::Int || k == ir::FieldKind::Number; };
  return x.kind != y.kind && int_or_number(x.kind) && int_or_number(y.kind) && !x.synthetic && !y.synthetic;
}

bool same_type(const ir::Program& a, const ir::Input& x, const ir::Program& b, const ir::Input& y, bool members_ok) {
  if ((x.kind != y.kind && !(members_ok && widens(x, y))) || x.scale != y.scale || x.unit != y.unit ||
      x.synthetic != y.synthetic)
    return false;
  if (x.kind == ir::FieldKind::Set) {
    // A set's inputs are its members by index: the two lists must be the same, and
    // so must the separator, for one encoding to read the cell for both versions.
    if (x.enum_id < 0 || y.enum_id < 0 || a.enums[x.enum_id].members != b.enums[y.enum_id].members) return false;
    if (a.enums[x.enum_id].spellings != b.enums[y.enum_id].spellings || ir::set_separator(x) != ir::set_separator(y))
      return false;
  }
  if (x.kind == ir::FieldKind::Enum) {
    if ((x.enum_id < 0) != (y.enum_id < 0)) return false;
    if (x.enum_id >= 0 && !members_ok) {
      const auto& ma = a.enums[x.enum_id].members;
      const auto& mb = b.enums[y.enum_id].members;
      if (ma != mb) return false;
    }
  }
  if (x.synthetic && a.activity && b.activity &&
      a.activity->aggregates.at(x.aggregate).kind != b.activity->aggregates.at(y.aggregate).kind)
    return false;
  return true;
}

// How the two versions read a field's cells differently although its type is the same:
// another column, another `format` or `zone`, another file spelling of a member ("" =
// the same). A cell would then mean different leads to the two versions, which one
// encoding over shared inputs cannot express, so it is refused like a type change
// rather than reported as "equivalent".
std::string reading_change(const ir::Program& a, const ir::Input& x, const ir::Program& b, const ir::Input& y) {
  if (x.synthetic) return "";
  auto format_text = [](const ir::Input& in) {
    return in.format.empty() ? std::string("the default forms")
                             : in.format_is_name ? "format " + in.format : "format \"" + in.format + "\"";
  };
  if (x.format != y.format || x.format_is_name != y.format_is_name)
    return fmt::format("reads its cells in another format: {} -> {}", format_text(x), format_text(y));
  if (x.zone != y.zone)
    return fmt::format("reads its times in another zone: {} -> {}", x.zone.empty() ? "UTC" : "zone \"" + x.zone + "\"",
                       y.zone.empty() ? "UTC" : "zone \"" + y.zone + "\"");
  if (x.kind == ir::FieldKind::Enum && x.enum_id >= 0 && y.enum_id >= 0) {
    const ir::EnumType& ea = a.enums[x.enum_id];
    const ir::EnumType& eb = b.enums[y.enum_id];
    for (size_t i = 0; i < ea.members.size(); ++i) {
      auto j = std::find(eb.members.begin(), eb.members.end(), ea.members[i]);
      if (j == eb.members.end()) continue;
      const size_t k = static_cast<size_t>(j - eb.members.begin());
      const std::string sa = i < ea.spellings.size() ? ea.spellings[i] : "";
      const std::string sb = k < eb.spellings.size() ? eb.spellings[k] : "";
      auto shown = [](const std::string& t) { return t.empty() ? std::string("its name only") : "\"" + t + "\""; };
      if (sa != sb) return fmt::format("spells member `{}` differently in files: {} -> {}", ea.members[i], shown(sa), shown(sb));
    }
  }
  return "";
}

// The header a field reads (a program built without one reads its field's name).
const std::string& column_of(const ir::Input& in) { return in.column.empty() ? in.field : in.column; }

// The name a message gives a field both versions read: `x`, or `x` (now `y`) when
// renamed.
std::string field_named(const ir::Input& have, const ir::Input& in) {
  if (have.field == in.field) return "`" + in.field + "`";
  return fmt::format("`{}` (`{}` in the new version, both reading column `{}`)", have.field, in.field, column_of(in));
}

// Appends version `src`'s inputs and code to `dst`. An input whose column (or, for an
// aggregate, source text) dst already has is that input; a copied enum id moves by
// `enum_offset`. With `m` (the lead program of the second version), enum fields whose
// member lists differ read the union of both lists (MergedVersions::members_read_by).
// Returns "" or the type change of the first field that differs.
std::string append_version(ir::Program& dst, const ir::Program& src, int32_t enum_offset, const ir::Program* first,
                           std::vector<uint32_t>& input_map, std::vector<ir::Reg>& reg_map, const char* what,
                           MergedVersions* m) {
  input_map.clear();
  reg_map.clear();
  // src's enum ids whose values move to a merged list: the list's id and the mapping.
  std::map<int32_t, std::pair<int32_t, std::vector<int32_t>>> remap;
  // (first's enum id, src's enum id) -> the merged list made for them.
  std::map<std::pair<int32_t, int32_t>, int32_t> unions;
  for (const ir::Input& in : src.inputs) {
    int found = -1;
    for (size_t k = 0; first && k < dst.inputs.size() && found < 0; ++k) {
      const ir::Input& d = dst.inputs[k];
      if (d.synthetic != in.synthetic) continue;
      if (in.synthetic ? d.field == in.field : column_of(d) == column_of(in) && d.set_member == in.set_member)
        found = static_cast<int>(k);
    }
    if (found >= 0) {
      ir::Input& have = dst.inputs[found];
      // `have` still holds the first version's enum id and aggregate index.
      if (!same_type(*first, have, src, in, m != nullptr))
        return fmt::format("{} {} changed type: {} -> {}", what, field_named(have, in), type_text(*first, have),
                           type_text(src, in));
      if (std::string how = reading_change(*first, have, src, in); !how.empty())
        return fmt::format("{} {} {}", what, field_named(have, in), how);
      if (m && in.kind == ir::FieldKind::Enum && in.enum_id >= 0 &&
          first->enums[have.enum_id].members != src.enums[in.enum_id].members) {
        const ir::EnumType& ea = first->enums[have.enum_id];
        const ir::EnumType& eb = src.enums[in.enum_id];
        auto [it, fresh] = unions.emplace(std::make_pair(have.enum_id, in.enum_id), -1);
        if (fresh) {
          // The old members in their order, then the new version's others.
          ir::EnumType u = ea;
          std::vector<int32_t> to_union, of_old, of_new;
          for (size_t k = 0; k < eb.members.size(); ++k) {
            auto j = std::find(u.members.begin(), u.members.end(), eb.members[k]);
            if (j == u.members.end()) {
              u.members.push_back(eb.members[k]);
              if (!u.spellings.empty() || !eb.spellings.empty()) {
                u.spellings.resize(u.members.size() - 1);
                u.spellings.push_back(k < eb.spellings.size() ? eb.spellings[k] : "");
              }
              j = u.members.end() - 1;
            }
            to_union.push_back(static_cast<int32_t>(j - u.members.begin()));
          }
          of_new.assign(u.members.size(), -1);
          for (size_t k = 0; k < to_union.size(); ++k) of_new[to_union[k]] = static_cast<int32_t>(k);
          for (size_t k = 0; k < u.members.size(); ++k)
            of_old.push_back(k < ea.members.size() ? static_cast<int32_t>(k) : -1);
          it->second = static_cast<int32_t>(dst.enums.size());
          dst.enums.push_back(std::move(u));
          m->member_of[0][it->second] = of_old;
          m->member_of[1][it->second] = of_new;
          m->to_merged[1][in.enum_id] = to_union;
          if (auto r = remap.find(in.enum_id); r != remap.end() && r->second.first != it->second)
            return fmt::format("{} {} changed type: {} -> {}", what, field_named(have, in), type_text(*first, have),
                               type_text(src, in));
          remap[in.enum_id] = {it->second, to_union};
        }
        const int32_t u = it->second;
        for (int v = 0; v < 2; ++v) {
          std::vector<int32_t> reads;
          const std::vector<int32_t>& of = m->member_of[v][u];
          for (size_t k = 0; k < of.size(); ++k)
            if (of[k] >= 0) reads.push_back(static_cast<int32_t>(k));
          if (reads.size() < of.size()) m->members_read_by[v].push_back({static_cast<uint32_t>(found), reads});
        }
        have.enum_id = u;
      }
      if (m && widens(have, in)) {
        // The version reading `int` reads the whole numbers only.
        m->whole_by[have.kind == ir::FieldKind::Int ? 0 : 1].push_back(static_cast<uint32_t>(found));
        have.kind = ir::FieldKind::Number;
      }
      have.optional = have.optional || in.optional;
      have.key = have.key || in.key;
      input_map.push_back(static_cast<uint32_t>(found));
      continue;
    }
    ir::Input copy = in;
    if (copy.enum_id >= 0) copy.enum_id += enum_offset;
    input_map.push_back(static_cast<uint32_t>(dst.inputs.size()));
    dst.inputs.push_back(std::move(copy));
  }
  // A field only this version has whose enum type was merged for another field reads
  // the union's values too (its code compares with them), only its own members.
  for (size_t i = 0; m && i < src.inputs.size(); ++i) {
    auto r = remap.find(src.inputs[i].enum_id);
    ir::Input& d = dst.inputs[input_map[i]];
    if (src.inputs[i].enum_id < 0 || r == remap.end() || d.enum_id == r->second.first) continue;
    d.enum_id = r->second.first;
    std::vector<int32_t> reads;
    const std::vector<int32_t>& of = m->member_of[1][d.enum_id];
    for (size_t k = 0; k < of.size(); ++k)
      if (of[k] >= 0) reads.push_back(static_cast<int32_t>(k));
    if (reads.size() < of.size()) m->members_read_by[1].push_back({input_map[i], reads});
  }
  const ir::Reg base = static_cast<ir::Reg>(dst.code.size());
  for (const ir::Instr& ins : src.code) {
    ir::Instr copy = ins;
    if (auto r = remap.find(copy.enum_id); copy.enum_id >= 0 && r != remap.end()) {
      // A member of a merged list: its value in the union.
      if (copy.op == ir::Op::Const && !copy.value.missing && copy.value.member >= 0 &&
          static_cast<size_t>(copy.value.member) < r->second.second.size())
        copy.value.member = r->second.second[copy.value.member];
      copy.enum_id = r->second.first;
    } else if (copy.enum_id >= 0) {
      copy.enum_id += enum_offset;
    }
    if (copy.op == ir::Op::Field) {
      copy.a = input_map[copy.a];
    } else {
      for (ir::Reg* r : {&copy.a, &copy.b, &copy.c}) {
        if (*r != ir::kNoReg) *r += base;
      }
    }
    reg_map.push_back(static_cast<ir::Reg>(dst.code.size()));
    dst.code.push_back(std::move(copy));
  }
  return "";
}

}  // namespace

Expected<MergedVersions> merge_versions(const ir::Program& old_version, const ir::Program& new_version) {
  MergedVersions m;
  ir::Program& p = m.program;
  p.name = old_version.name;
  p.enums = old_version.enums;
  const int32_t offset = static_cast<int32_t>(p.enums.size());
  p.enums.insert(p.enums.end(), new_version.enums.begin(), new_version.enums.end());
  const ir::Program* version[2] = {&old_version, &new_version};
  for (int v = 0; v < 2; ++v) {
    std::string err = append_version(p, *version[v], v ? offset : 0, v ? &old_version : nullptr, m.input[v], m.reg[v],
                                     "field", v ? &m : nullptr);
    if (!err.empty()) return Failure{err};
  }
  for (int v = 0; v < 2; ++v) {
    m.version_input[v].assign(p.inputs.size(), -1);
    for (size_t i = 0; i < m.input[v].size(); ++i) m.version_input[v][m.input[v][i]] = static_cast<int>(i);
  }
  for (uint32_t i = 0; i < p.inputs.size(); ++i) {
    if (!p.inputs[i].optional) continue;
    for (int v = 0; v < 2; ++v) {
      int mine = m.version_input[v][i];
      if (mine >= 0 && !version[v]->inputs[mine].optional) m.required_by[v].push_back(i);
    }
  }

  // The event side: both versions' events programs merged the same way, and each
  // aggregate pointed at the merged registers and lead input.
  if (old_version.activity || new_version.activity) {
    std::vector<uint32_t> version_events[2];
    auto act = std::make_shared<ir::Activity>();
    act->events.enums = p.enums;
    const ir::Program* first_events = nullptr;
    for (int v = 0; v < 2; ++v) {
      const ir::Activity* a = version[v]->activity.get();
      if (!a) continue;
      std::vector<uint32_t> events_input;
      std::vector<ir::Reg> events_reg;
      std::string err = append_version(act->events, a->events, v ? offset : 0, first_events, events_input, events_reg,
                                       "activity field", nullptr);
      if (!err.empty()) return Failure{err};
      version_events[v] = events_input;
      if (!first_events) {
        first_events = &a->events;
        act->key_input = a->key_input >= 0 ? static_cast<int>(events_input[a->key_input]) : -1;
        act->time = a->time == ir::kNoReg ? ir::kNoReg : events_reg[a->time];
      }
      for (const ir::Aggregate& g : a->aggregates) {
        const uint32_t lead_input = m.input[v][g.input];
        ir::Input& in = p.inputs[lead_input];
        // The same source text read by both versions is one aggregate.
        if (v == 1 && m.version_input[0][lead_input] >= 0) continue;
        ir::Aggregate copy = g;
        copy.condition = events_reg[g.condition];
        if (copy.value != ir::kNoReg) copy.value = events_reg[g.value];
        copy.input = lead_input;
        in.aggregate = static_cast<int32_t>(act->aggregates.size());
        act->aggregates.push_back(copy);
      }
    }
    for (int v = 0; v < 2; ++v) {
      m.version_event_input[v].assign(act->events.inputs.size(), -1);
      for (size_t i = 0; i < version_events[v].size(); ++i)
        m.version_event_input[v][version_events[v][i]] = static_cast<int>(i);
    }
    p.activity = std::move(act);
  }
  return m;
}

}  // namespace leadc::analysis
