#include "compiler/analysis/merge_versions.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace leadc::analysis {

namespace {

std::string type_text(const ir::Program& p, const ir::Input& in) {
  std::string s = ir::field_kind_name(in.kind);
  if (in.kind == ir::FieldKind::Enum && in.enum_id >= 0) {
    s += " {";
    const auto& members = p.enums[in.enum_id].members;
    for (size_t k = 0; k < members.size(); ++k) s += (k ? ", " : " ") + members[k];
    s += " }";
  }
  if (!in.unit.empty()) s += " in " + in.unit;
  return s;
}

// Whether a lead file cell means the same value to both versions: same kind, same
// unit (a cell `120` is not the same lead in days and in hours), same enum members in
// the same order (the IR value of a member is its index).
// An enum field of the lead may gain members at the end (`prefix_ok`): the members
// both versions know keep their index.
bool same_type(const ir::Program& a, const ir::Input& x, const ir::Program& b, const ir::Input& y, bool prefix_ok) {
  if (x.kind != y.kind || x.scale != y.scale || x.unit != y.unit || x.synthetic != y.synthetic) return false;
  if (x.kind == ir::FieldKind::Enum) {
    if ((x.enum_id < 0) != (y.enum_id < 0)) return false;
    if (x.enum_id >= 0) {
      const auto& ma = a.enums[x.enum_id].members;
      const auto& mb = b.enums[y.enum_id].members;
      const size_t n = std::min(ma.size(), mb.size());
      if (!prefix_ok && ma != mb) return false;
      if (!std::equal(ma.begin(), ma.begin() + static_cast<std::ptrdiff_t>(n), mb.begin())) return false;
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
  if (x.column != y.column) return fmt::format("reads another column: `{}` -> `{}`", x.column, y.column);
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
    for (size_t i = 0; i < std::min(ea.members.size(), eb.members.size()); ++i) {
      const std::string sa = i < ea.spellings.size() ? ea.spellings[i] : "";
      const std::string sb = i < eb.spellings.size() ? eb.spellings[i] : "";
      auto shown = [](const std::string& t) { return t.empty() ? std::string("its name only") : "\"" + t + "\""; };
      if (sa != sb) return fmt::format("spells member `{}` differently in files: {} -> {}", ea.members[i], shown(sa), shown(sb));
    }
  }
  return "";
}

// Appends version `src`'s inputs and code to `dst`. An input whose field (or, for an
// aggregate, source text) dst already has is that input; a copied enum id moves by
// `enum_offset`. Returns "" or the type change of the first field that differs.
std::string append_version(ir::Program& dst, const ir::Program& src, int32_t enum_offset, const ir::Program* first,
                           std::vector<uint32_t>& input_map, std::vector<ir::Reg>& reg_map, const char* what,
                           std::vector<std::pair<uint32_t, int32_t>>* members_read) {
  input_map.clear();
  reg_map.clear();
  for (const ir::Input& in : src.inputs) {
    int found = -1;
    for (size_t k = 0; first && k < dst.inputs.size(); ++k) {
      if (dst.inputs[k].field == in.field && dst.inputs[k].synthetic == in.synthetic) found = static_cast<int>(k);
    }
    if (found >= 0) {
      ir::Input& have = dst.inputs[found];
      // `have` still holds the first version's enum id and aggregate index.
      if (!same_type(*first, have, src, in, members_read != nullptr))
        return fmt::format("{} `{}` changed type: {} -> {}", what, in.field, type_text(*first, have), type_text(src, in));
      if (std::string how = reading_change(*first, have, src, in); !how.empty())
        return fmt::format("{} `{}` {}", what, in.field, how);
      if (members_read && in.kind == ir::FieldKind::Enum && in.enum_id >= 0) {
        const int32_t old_n = static_cast<int32_t>(first->enums[have.enum_id].members.size());
        const int32_t new_n = static_cast<int32_t>(src.enums[in.enum_id].members.size());
        // The merged field reads the longer list; the other version rejects the rest.
        if (new_n > old_n) {
          members_read[0].push_back({static_cast<uint32_t>(found), old_n});
          have.enum_id = in.enum_id + enum_offset;
        } else if (old_n > new_n) {
          members_read[1].push_back({static_cast<uint32_t>(found), new_n});
        }
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
  const ir::Reg base = static_cast<ir::Reg>(dst.code.size());
  for (const ir::Instr& ins : src.code) {
    ir::Instr copy = ins;
    if (copy.enum_id >= 0) copy.enum_id += enum_offset;
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
                                     "field", m.members_read_by);
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
    p.activity = std::move(act);
  }
  return m;
}

}  // namespace leadc::analysis
