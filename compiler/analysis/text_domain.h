// Text, e-mail and phone inputs without Z3's sequence theory. A text input that is
// only ever compared with constants (`==`, `!=`, `in [...]`, `starts_with`,
// `ends_with`, `contains`) is abstracted exactly by one Bool per (predicate, constant)
// atom plus the constraints between atoms that the constants imply (a longer prefix
// implies its prefixes, two unrelated prefixes exclude each other, equality to a
// constant fixes every other atom, ...). Every assignment that satisfies those
// constraints is met by a string the reader accepts (built by `witness`, and checked
// with base/text_ops.h and base/contact_syntax.h), so the abstraction decides these
// conditions exactly and fast. An e-mail is two such parts, local@host, each without
// `@` and white space; a phone needs a digit that no constant uses as its filler.
//
// Inputs for which this is not exact (compared with another field, passed through
// `coalesce`/`if`, or without a filler character) stay in the sequence theory, with
// the reader's rule as a regular expression (email_regex, phone_regex).
#pragma once

#include <z3++.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::analysis {

enum class TextPred : uint8_t { Eq, Prefix, Suffix, Contains };

// Whether `s` satisfies `pred` with `c` (base/text_ops.h: the interpreter's meaning).
bool text_holds(TextPred pred, std::string_view s, std::string_view c);

class TextDomain {
 public:
  // `prefix` starts its solver constants' names (two encoders may share a context).
  TextDomain(z3::context& ctx, const ir::Program& program, const std::string& prefix = "");
  ~TextDomain();
  TextDomain(TextDomain&&) noexcept;

  // Whether input i (of a text kind) is decided by the abstraction.
  bool abstract(size_t input) const;
  // For a predicate register of the program on an abstract input and a constant: the
  // Bool it is (for `!=`, the negation of its `==` atom); null otherwise.
  const z3::expr* atom_of(ir::Reg r) const;
  // The constraints between input i's atoms: what every readable value satisfies.
  z3::expr domain(size_t input) const;
  // Input i's atoms (Z3 constants), to find which inputs a formula reads.
  std::vector<z3::expr> vars(size_t input) const;
  // A simple readable value that makes every atom with a non-empty constant false
  // (where the constant allows), and the atoms' values on it.
  const std::string& fallback(size_t input) const;
  z3::expr is_fallback(size_t input) const;
  // A value of input i with the atoms' values in `model`. `ok` (if given) tells
  // whether it satisfies every atom as the model says and the reader accepts it.
  std::string witness(size_t input, const z3::model& model, bool* ok = nullptr) const;

 private:
  struct Field;
  std::vector<std::unique_ptr<Field>> fields_;  // by input; null when not abstract
  std::unordered_map<ir::Reg, z3::expr> atoms_;
};

// The reader's e-mail and phone rules (base/contact_syntax.h) as regular expressions
// over byte characters, for inputs left to the sequence theory.
z3::expr email_regex(z3::context& ctx);
z3::expr phone_regex(z3::context& ctx);

}  // namespace leadc::analysis
