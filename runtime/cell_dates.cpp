// Date and timestamp cells: the ISO forms of LANGUAGE.md section 7, whose rules (and
// the civil-time arithmetic) live in base/civil_time.h, shared with the compiler.
#include "base/civil_time.h"
#include "runtime/cell_parse.h"

namespace leadc::rt {

bool parse_date_text(std::string_view s, double& seconds) { return parse_iso_date(s, seconds); }

bool parse_timestamp_text(std::string_view s, double& seconds) { return parse_iso_timestamp(s, seconds); }

}  // namespace leadc::rt
