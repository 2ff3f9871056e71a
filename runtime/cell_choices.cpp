// Cells that must be one of a fixed set of words: booleans (base/cell_words.h's lists)
// and enum members (a collision-free table built once per field).
#include <cstring>
#include <vector>

#include "runtime/cell_parse.h"

namespace leadc::rt {
namespace {

// Equality of two n-byte strings with at most two overlapping word compares for short
// names (an out-of-line memcmp call costs more than the compare for enum members).
bool same_bytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* p) { uint64_t v; std::memcpy(&v, p, 8); return v; };
  auto load4 = [](const char* p) { uint32_t v; std::memcpy(&v, p, 4); return v; };
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Slot of a non-empty enum member name in FieldReader's 64-entry table.
constexpr size_t kMemberSlots = 64;
size_t member_slot(std::string_view name, uint32_t mult) {
  if (name.empty()) return 0;
  const uint32_t key = static_cast<uint32_t>(name.size()) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(name.front())) << 8 |
                       static_cast<unsigned char>(name.back());
  return (key * mult) >> 26;  // the top 6 bits
}


}  // namespace

bool parse_bool_text(std::string_view s, bool& out) {
  auto eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i)
      if ((s[i] | 0x20) != word[i]) return false;  // ASCII lower-casing; digits unaffected
    return true;
  };
  // By length, so a cell costs one or two compares (a loop over the lists cost a
  // boolean column 3x more); tests check it accepts exactly base/cell_words.h's lists.
  switch (s.size()) {
    case 1:
      if (s[0] == '1' || (s[0] | 0x20) == 'y') { out = true; return true; }
      if (s[0] == '0' || (s[0] | 0x20) == 'n') { out = false; return true; }
      return false;
    case 2:
      if (eq("on")) { out = true; return true; }
      if (eq("no")) { out = false; return true; }
      return false;
    case 3:
      if (eq("yes")) { out = true; return true; }
      if (eq("off")) { out = false; return true; }
      return false;
    case 4: return eq("true") && (out = true, true);
    case 5: return eq("false") && (out = false, true);
    default: return false;
  }
}

void FieldReader::index_members(const ir::EnumType& e) {
  constexpr size_t kSmallEnum = 16;
  // A cell matches a member's name or its spelling (`"Decision Maker"`): both are keys.
  std::vector<Member> keys;
  for (size_t i = 0; i < e.members.size(); ++i) {
    keys.push_back(Member{e.members[i], static_cast<int32_t>(i)});
    if (i < e.spellings.size() && !e.spellings[i].empty()) keys.push_back(Member{e.spellings[i], static_cast<int32_t>(i)});
  }
  for (const Member& k : keys) {
    if (keys.size() <= kSmallEnum) {
      // Keep the first of duplicate names, as the map below does.
      if (find_member(k.name) < 0) small_members_.push_back(k);
    } else {
      members_.emplace(k.name, k.index);
    }
  }
  for (uint32_t k = 0; k < 64 && !small_members_.empty() && slot_mult_ == 0; ++k) {
    const uint32_t mult = 0x9E3779B1u + 2 * k;
    std::vector<int8_t> slots(kMemberSlots, -1);
    bool ok = true;
    for (size_t j = 0; j < small_members_.size() && ok; ++j) {
      int8_t& slot = slots[member_slot(small_members_[j].name, mult)];
      ok = slot < 0;
      slot = static_cast<int8_t>(j);
    }
    if (ok) {
      member_slots_ = std::move(slots);
      slot_mult_ = mult;
    }
  }
}

namespace {

// Calls f(piece) for each member text of a set's cell: split at the separator, each
// piece trimmed of spaces, empty pieces skipped (`crm; cms;` lists crm and cms).
template <class F>
bool each_set_piece(std::string_view cell, std::string_view sep, F f) {
  while (!cell.empty()) {
    const size_t at = cell.find(sep);
    const std::string_view piece = trim_spaces(cell.substr(0, at));
    if (!piece.empty() && !f(piece)) return false;
    if (at == std::string_view::npos) break;
    cell.remove_prefix(at + sep.size());
  }
  return true;
}

}  // namespace

CellError FieldReader::read_set(std::string_view cell, Column& col, size_t row) const {
  const int32_t want = input_->set_member;
  bool listed = false;
  const bool ok = each_set_piece(cell, ir::set_separator(*input_), [&](std::string_view piece) {
    const int32_t m = find_member(piece);
    listed = listed || m == want;
    return m >= 0;
  });
  return set_result(ok, listed, col, row);
}

CellError FieldReader::read_set_items(const std::vector<std::string>& items, Column& col, size_t row) const {
  bool listed = false, ok = true;
  for (const std::string& item : items) {
    const std::string_view piece = trim_spaces(item);
    if (piece.empty()) continue;
    const int32_t m = find_member(piece);
    listed = listed || m == input_->set_member;
    ok = ok && m >= 0;
  }
  return set_result(ok, listed, col, row);
}

CellError FieldReader::set_result(bool ok, bool listed, Column& col, size_t row) const {
  const int32_t want = input_->set_member;
  if (!ok) {
    col.known[row] = 0;
    return want == 0 ? CellError::Syntax : CellError::None;
  }
  col.b[row] = listed;
  col.known[row] = 1;
  return CellError::None;
}

std::string_view FieldReader::unknown_set_member(std::string_view cell) const {
  std::string_view bad;
  each_set_piece(trim_spaces(cell), ir::set_separator(*input_), [&](std::string_view piece) {
    if (find_member(piece) < 0) bad = piece;
    return bad.empty();
  });
  return bad;
}

int32_t FieldReader::find_member(std::string_view name) const {
  if (!members_.empty()) {
    auto it = members_.find(name);
    return it == members_.end() ? -1 : it->second;
  }
  if (slot_mult_ != 0) {
    if (name.empty()) return -1;
    const int8_t j = member_slots_[member_slot(name, slot_mult_)];
    if (j < 0) return -1;
    const Member& m = small_members_[static_cast<size_t>(j)];
    return m.name.size() == name.size() && same_bytes(m.name.data(), name.data(), name.size()) ? m.index : -1;
  }
  for (const Member& m : small_members_)
    if (m.name.size() == name.size() && same_bytes(m.name.data(), name.data(), name.size())) return m.index;
  return -1;
}

}  // namespace leadc::rt
