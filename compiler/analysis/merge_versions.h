// Two versions of a definition as one program over one lead, for the semantic diff
// (semantic_diff.h): the inputs are the union of both versions' fields matched by the
// column they read (a field renamed but read from the same column is the same input;
// an aggregate over activities is matched by its source text), and the code is the old
// version's followed by the new one's, so one Encoder sees both over the same solver
// constants.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/expected.h"
#include "compiler/ir/ir.h"

namespace leadc::analysis {

struct MergedVersions {
  ir::Program program;  // inputs, enums, code and activity only: no names, terms or outputs
  // Per version (0 old, 1 new): its register r is program register reg[v][r], and
  // its input i is program input input[v][i].
  std::vector<ir::Reg> reg[2];
  std::vector<uint32_t> input[2];
  // Per merged input: the version's input index, or -1 when the version has no such
  // field (it is missing for that version and does not matter to it).
  std::vector<int> version_input[2];
  // The same for the inputs of the merged events program (Activity::events).
  std::vector<int> version_event_input[2];
  // Merged inputs that one version requires and the other lets be missing: a lead
  // without them is read by one version only (the other rejects it).
  std::vector<uint32_t> required_by[2];
  // Enum fields whose member lists differ (a member added anywhere, removed or moved):
  // the merged input reads the union of both lists (the old members in their order,
  // then the new ones), and per version, the merged member values that version reads.
  // A lead with another member is one the version rejects.
  std::vector<std::pair<uint32_t, std::vector<int32_t>>> members_read_by[2];
  // Merged inputs one version reads as `int` and the other as `number` (decision 94):
  // the merged input is a number, and the `int` version reads only whole values (a
  // cell `1.5` is one it rejects).
  std::vector<uint32_t> whole_by[2];
  // Per version, per merged enum id whose members were merged (absent: the identity):
  // merged member index -> the version's member index, or -1 (the version has none);
  // and per the version's own enum id, its member index -> the merged one.
  std::map<int32_t, std::vector<int32_t>> member_of[2];
  std::map<int32_t, std::vector<int32_t>> to_merged[2];

  // A merged value of enum `merged_enum` as version v's member (-1: it has none), and
  // version v's member k of its own enum `version_enum` as a merged value.
  int32_t version_member(int v, int32_t merged_enum, int32_t m) const {
    auto it = member_of[v].find(merged_enum);
    return it == member_of[v].end() ? m : m >= 0 && static_cast<size_t>(m) < it->second.size() ? it->second[m] : -1;
  }
  int32_t merged_member(int v, int32_t version_enum, int32_t k) const {
    auto it = to_merged[v].find(version_enum);
    return it == to_merged[v].end() ? k : k >= 0 && static_cast<size_t>(k) < it->second.size() ? it->second[k] : -1;
  }
};

// Fails with "field `x` changed type: bool -> int" (the first such field) when a
// column both versions read has a different kind (other than int -> number), unit or
// currency, or is read in another format, zone or member spelling.
Expected<MergedVersions> merge_versions(const ir::Program& old_version, const ir::Program& new_version);

}  // namespace leadc::analysis
