// The lowered program: what the interpreter, the JIT, the SQL emitter and the
// ambiguity analysis all consume. It is a straight-line SSA list of instructions
// over whole rows: register i is the value of code[i] for the current lead.
//
// Every value has a "known" flag next to it (missing = unknown, SQL NULL). The rules
// below are the single source of truth for three-valued logic; every engine must
// implement exactly these.
//
// Representation of values by IR type:
//   Bool  -> 0/1
//   Num   -> double. Units are normalised: durations in seconds, money in cents,
//            dates and timestamps in seconds since 1970-01-01T00:00:00Z, int as is.
//   Str   -> bytes (text, email, phone)
//   Enum  -> int32 index into Program::enums[enum_id].members
//
// A `set of ENUM` field is one Bool input per member of its enum (FieldKind::Set,
// Input::set_member), read from the same cell: true when the cell lists the member.
// The inputs of one set are consecutive, members in declaration order, and all known
// or all missing together; `has`, `has any`, `has all` and `is empty` lower to And/Or/
// Not over them, so every engine and the analysis need no op of their own for sets.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"

namespace leadc::ir {

enum class Type : uint8_t { Bool, Num, Str, Enum };

// X-macro: OP(name, operand count, effect)
#define LEADC_IR_OPS(OP)                                                              \
  OP(Field, 0, "input column `a` of the lead (Program::inputs[a])")                   \
  OP(Const, 0, "the constant in `value`; unknown when value.missing")                 \
  OP(AsOf, 0, "Num: the run's as-of time, seconds since epoch; always known")         \
  OP(Add, 2, "Num a + b; unknown if either is unknown")                               \
  OP(Sub, 2, "Num a - b; unknown if either is unknown")                               \
  OP(Mul, 2, "Num a * b; unknown if either is unknown")                               \
  OP(Div, 2, "Num a / b; unknown if either is unknown or b == 0")                     \
  OP(Min, 2, "Num min(a, b); unknown if either is unknown")                           \
  OP(Max, 2, "Num max(a, b); unknown if either is unknown")                           \
  OP(Eq, 2, "Bool a == b (same IR type); unknown if either is unknown")               \
  OP(Ne, 2, "Bool a != b; unknown if either is unknown")                              \
  OP(Lt, 2, "Bool Num a < b; unknown if either is unknown")                           \
  OP(Le, 2, "Bool Num a <= b; unknown if either is unknown")                          \
  OP(Gt, 2, "Bool Num a > b; unknown if either is unknown")                           \
  OP(Ge, 2, "Bool Num a >= b; unknown if either is unknown")                          \
  OP(StartsWith, 2, "Bool Str a starts with b (bytes); unknown if either unknown")    \
  OP(EndsWith, 2, "Bool Str a ends with b (bytes); unknown if either unknown")        \
  OP(Contains, 2, "Bool Str a contains b (bytes); unknown if either unknown")         \
  OP(And, 2, "Kleene: false if either is known false, else unknown if either unknown, else true") \
  OP(Or, 2, "Kleene: true if either is known true, else unknown if either unknown, else false")   \
  OP(Not, 1, "Kleene: unknown stays unknown")                                         \
  OP(IsKnown, 1, "Bool: whether a is known; always known")                            \
  OP(Coalesce, 2, "a if a is known, else b")                                          \
  OP(Select, 3, "b if a is known and true, else c (a unknown or false selects c)")

enum class Op : uint8_t {
#define LEADC_IR_ENUM(name, n, doc) name,
  LEADC_IR_OPS(LEADC_IR_ENUM)
#undef LEADC_IR_ENUM
};

const char* op_name(Op op);
int op_arity(Op op);
// Field, Const and AsOf read no register.
inline bool is_leaf(Op op) { return op_arity(op) == 0; }
const char* type_name(Type t);  // "Bool", "Num", "Str", "Enum"

using Reg = uint32_t;
constexpr Reg kNoReg = UINT32_MAX;

struct Constant {
  bool missing = false;
  bool b = false;     // Bool
  double num = 0;     // Num
  std::string str;    // Str
  int32_t member = 0; // Enum
};

struct Instr {
  Op op;
  Type type;          // type of the result
  int32_t enum_id = -1;  // for Enum results: which Program::enums entry
  Reg a = kNoReg, b = kNoReg, c = kNoReg;  // operands (registers); Field uses `a` as input index
  Constant value;     // for Const
};

// The registers an instruction reads, in order (op_arity of them; none for a leaf:
// Field's `a` is an input index, not a register).
struct Operands {
  Reg regs[3];
  int count;
  const Reg* begin() const { return regs; }
  const Reg* end() const { return regs + count; }
};
Operands operands(const Instr& ins);

// What a cell of the input file holds, and how it is turned into an IR value.
enum class FieldKind : uint8_t {
  Bool, Int, Number, Text, Email, Phone, Date, Timestamp, Duration, Money, Enum,
  Set,  // one member of a `set of ENUM` cell (Input::set_member); IR type Bool
};
const char* field_kind_name(FieldKind k);

struct Input {
  std::string field;       // name in the definition
  std::string column;      // header in the file (from "…", else the field name)
  FieldKind kind;
  Type type;               // IR type of the loaded value
  int32_t enum_id = -1;
  double scale = 1;        // IR value = file number * scale (days -> seconds, USD -> cents)
  std::string unit;        // declared unit ("days") or currency ("USD"), for messages
  bool optional = false;
  bool key = false;
  // `format "…"` (a pattern, base/cell_format.h) or `format epoch_millis` (format_is_name),
  // and `zone "AREA/CITY"`: how the file writes the cells; empty = the default forms.
  std::string format;
  bool format_is_name = false;
  std::string zone;
  // FieldKind::Set: which member of enums[enum_id] this input says the cell lists, and
  // the text between two members in a cell (`separator "…"`, default ";").
  int32_t set_member = -1;
  std::string separator;
  // Activities (additive): an aggregate over the lead's events, such as
  // `count(activity where kind == webinar_attend)`. It has no column in the lead
  // file (`column` is empty, `field` is the aggregate's source text); the runtime
  // fills it from the events file (runtime/activities.h) before evaluation, so
  // every engine and the analysis treat it as one more input.
  bool synthetic = false;
  int32_t aggregate = -1;  // index into Program::activity->aggregates when synthetic
  Span span;
};

struct EnumType {
  // A constructor rather than an aggregate, so `{name, members}` needs no spellings.
  EnumType() = default;
  EnumType(std::string n, std::vector<std::string> m, std::vector<std::string> s = {})
      : name(std::move(n)), members(std::move(m)), spellings(std::move(s)) {}
  std::string name;        // type name, or the classification's name for labels
  std::vector<std::string> members;
  // Parallel to members (or empty): the text a file uses for the member, `"Decision
  // Maker"`; "" = only the name. A cell matches a name or a spelling.
  std::vector<std::string> spellings;
};

// How an output column is printed. The printed number is value / scale.
// Set: the members of enums[enum_id] that are true among registers reg ..
// reg + members - 1 (the Field registers of a set's inputs, see set_registers), in
// declaration order, joined by the set's separator (set_separator); missing when they are.
enum class Display : uint8_t { Bool, Number, Text, Enum, Date, Timestamp, Set };

struct Output {
  std::string name;
  Reg reg;
  Type type;
  Display display;
  double scale = 1;
  int32_t enum_id = -1;
};

// Every name a definition declares (field, const, term, score, classification)
// with its register and how its value prints. Decided once, in lowering, and used
// for output columns, `explain` and `test`, so a value reads the same everywhere.
enum class NameKind : uint8_t { Field, Const, Term, Score, Classification };
struct NamedValue {
  NameKind kind;
  Output value;            // the register, its type and its display
  std::string unit;        // what the printed number counts ("days", "USD"), "" for none
};

// How an input's value prints: as a declared field's NamedValue (lowering makes every
// field's entry of Program::names with it), and the same for an aggregate input, which
// has no declared name: its kind, its declared unit (durations) or currency (money).
NamedValue input_named_value(const Input& in, Reg reg);

// Source-level structure kept for the analysis and for `explain`.
struct Term {
  std::string name;
  Reg reg;
  Span span;               // the term's expression
  bool is_condition;       // type Bool
};

struct ScoreRule {
  Reg condition = kNoReg;  // `when` rules: the condition (Bool)
  Reg per_value = kNoReg;  // `per` rules: the counted value (Num)
  double points = 0;       // signed N
  double cap = -1;         // `max M`, or -1 when absent
  Reg contribution;        // Num, always known: what the rule adds
  Span span;
};

struct Score {
  std::string name;
  bool has_range = false;
  double lo = 0, hi = 0;
  std::vector<ScoreRule> rules;
  Reg unclamped;           // sum of contributions before clamping
  Reg reg;                 // final value (clamped when has_range)
  Span span;
};

struct Label {
  std::string name;
  int32_t member;          // index in the classification's EnumType
  Reg condition = kNoReg;  // kNoReg for `otherwise`
  Span span;               // the label name
  Span condition_span;
};

struct Classification {
  std::string name;
  bool unique = false;     // (unique) vs (first match)
  int32_t enum_id;
  std::vector<Label> labels;
  Reg reg;                 // Enum result; unknown when no label matches
  Span span;
};

// A named constant (`--set` overrides its value in the AST, before lowering): the
// Const instruction at `reg`.
struct ConstDecl {
  std::string name;
  Reg reg;
  Span span;
};

struct Activity;

struct Program {
  std::string name;                      // definition "NAME"
  std::vector<Input> inputs;
  std::vector<EnumType> enums;
  std::vector<Instr> code;               // SSA: operands always refer to earlier registers
  std::vector<Term> terms;
  std::vector<Score> scores;
  std::vector<Classification> classifications;
  std::vector<ConstDecl> consts;
  std::vector<Output> outputs;
  std::vector<NamedValue> names;         // sorted by name (see find_name)
  // The event side of a definition with an `activity { … }` block; null without one.
  std::shared_ptr<const Activity> activity;

  int key_input() const;                 // index of the key input, or -1
  int find_input(const std::string& field) const;
  const NamedValue* find_name(const std::string& name) const;  // null when not declared
};

// The registers of a Display::Set value, one Bool per member in declaration order
// (empty for any other display).
std::vector<Reg> set_registers(const Program& p, const Output& o);
// The separator a set input's cells use: Input::separator, or ";"; and that of a
// Display::Set value (its first register's input).
const std::string& set_separator(const Input& in);
const std::string& set_separator(const Program& p, const Output& o);

// ---- Activities (additive) --------------------------------------------------------
// What an aggregate folds over a lead's matching events. A lead with no matching
// event gets the value in parentheses.
enum class AggregateKind : uint8_t {
  Count,         // Num: number of matching events (0)
  Any,           // Bool: some event matches (false); never missing
  None,          // Bool: no event matches (true); never missing
  Sum,           // Num: sum of the known values of `value` (0)
  Latest,        // Num: largest known `value` (missing)
  Earliest,      // Num: smallest known `value` (missing)
  DecayedCount,  // Num: sum over matching events of 2^(-age / half_life) (0)
  DecayedAny,    // Num: largest 2^(-age / half_life) of a matching event (0)
};
const char* aggregate_kind_name(AggregateKind k);

struct Aggregate {
  AggregateKind kind;
  Reg condition;           // Bool register of Activity::events: the `where` and `within` test
  Reg value = kNoReg;      // Num register of Activity::events: activity.FIELD (Sum, Latest, Earliest)
  double within = -1;      // seconds of an explicit or outermost `within D`, -1 when none (for the analysis)
  double half_life = 0;    // Decayed*: seconds; an event's age is max(0, as_of - time)
  uint32_t input;          // the synthetic input of the lead program that holds the result
  Span span;
};

// The event side. `events` is a program of its own whose inputs are the activity
// fields; it is evaluated once per event (any engine, same rules as a lead program)
// and its registers are folded per key into the aggregates. Its enum table is the
// lead program's, so enum ids agree.
struct Activity {
  Program events;
  int key_input = -1;      // index into events.inputs
  Reg time = kNoReg;       // register of the events' time field (`at`), kNoReg when there is none
  std::vector<Aggregate> aggregates;
};

// The engine contract: per register, whether every engine must fill it for every
// row. These are the registers the source-level structure names (outputs, terms,
// consts, scores and their rules, classifications and their labels): what run,
// explain, test and the writers read. An engine may leave the others empty.
std::vector<bool> required_registers(const Program& program);

// An `example` block, lowered: the given value of each input it sets, and the
// expected value of each name it checks (`expect NAME == VALUE`).
struct Example {
  struct Given {
    uint32_t input;
    Constant value;
  };
  struct Expect {
    enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In };
    std::string name;      // a Program::names entry
    Constant value;
    Op op = Op::Eq;
    std::vector<Constant> more;  // Op::In: the values after `value`
  };
  std::string title;
  Span span;
  std::vector<Given> given;
  // `events { … }`: per event, the value of each activity field it sets (Given::input
  // indexes Program::activity->events.inputs). Without an `events` block the lead has
  // no events, as with one that is empty.
  std::vector<std::vector<Given>> events;
  std::vector<Expect> expect;
  bool has_as_of = false;  // `as_of …`: the example runs at this time, not --as-of
  double as_of = 0;        // seconds since epoch
};

// Human-readable listing (`leadc compile --emit ir`).
std::string print(const Program& program);

}  // namespace leadc::ir
