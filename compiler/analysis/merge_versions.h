// Two versions of a definition as one program over one lead, for the semantic diff
// (semantic_diff.h): the inputs are the union of both versions' fields matched by name
// (an aggregate over activities by its source text), and the code is the old version's
// followed by the new one's, so one Encoder sees both over the same solver constants.
#pragma once

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
  // Merged inputs that one version requires and the other lets be missing: a lead
  // without them is read by one version only (the other rejects it).
  std::vector<uint32_t> required_by[2];
  // Enum fields whose members a new version appended (or removed from the end): per
  // version, the merged input and how many members that version reads. A lead with a
  // later member is one the version rejects.
  std::vector<std::pair<uint32_t, int32_t>> members_read_by[2];
};

// Fails with "field `x` changed type: int -> text" (the first such field) when a
// field both versions read has a different kind, unit or currency, or enum members
// that differ other than by members added at the end.
Expected<MergedVersions> merge_versions(const ir::Program& old_version, const ir::Program& new_version);

}  // namespace leadc::analysis
