// Words such as `soon` or `hot` that mean nothing until a definition says what
// they mean: a name that is, or has as a `_`-separated part, one of them must be
// declared (E0202).
#pragma once

#include <string_view>

namespace leadc {

bool is_vague_word(std::string_view name);

}  // namespace leadc
