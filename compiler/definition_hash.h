// The identity of a compiled definition for `leadc run --provenance` and `leadc report`:
// its declared version and a SHA-256 of its canonical text, so a reverse-ETL row can
// say which definition produced it.
#pragma once

#include <string>

#include "compiler/driver.h"

namespace leadc {

// SHA-256 (64 lower-case hex digits) of every file of `c` (the definition, then its
// imports in the order they were read, then any `--set` overrides) as `leadc fmt`
// prints it, so reformatting a file does not change the hash but any token does.
// Paths are not hashed (moving a file keeps it); each file's text is prefixed with
// its length, so no two file lists hash alike by concatenation.
std::string definition_sha256(const Compilation& c);

// `definition "…" version "V"`: V, or "" when the definition declares none.
std::string definition_version(const Compilation& c);

}  // namespace leadc
