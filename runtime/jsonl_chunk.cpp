// Parsing a chunk of JSON Lines into a batch with simdjson's On-Demand API: one object
// per line, keys map to inputs, null or absent = missing. Scalars go through the same
// cell rules as CSV (numbers by their JSON text, so money stays exact to the cent).
#include <algorithm>
#include <charconv>
#include <cstring>

#include <simdjson.h>

#include "runtime/reader_plan.h"

namespace leadc::rt {
namespace {

namespace od = simdjson::ondemand;

std::string_view trim_json_ws(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Whether every digit after a JSON number's point (before its exponent) is 0.
bool json_whole_digits(std::string_view number) {
  const size_t point = number.find('.');
  if (point == std::string_view::npos) return true;
  for (size_t i = point + 1; i < number.size() && number[i] >= '0' && number[i] <= '9'; ++i)
    if (number[i] != '0') return false;
  return true;
}

struct LineState {
  const ReaderPlan& plan;
  Batch& batch;
  size_t row;
  uint64_t line;
  const char* line_start;
  bool bad = false;
  uint32_t bad_col = 0;
  std::string what;
  std::string scratch;

  void fail(const char* pos, std::string w) {
    if (bad) return;
    bad = true;
    bad_col = static_cast<uint32_t>(pos >= line_start ? pos - line_start + 1 : 1);
    what = std::move(w);
  }

  // A set's inputs (one per member) read one value: an array is read once for all.
  void read_set_value(const std::vector<uint32_t>& inputs, od::value& val);

  void read_value(uint32_t idx, od::value& val) {
    const FieldReader& fr = plan.fields[idx];
    Column& col = batch.inputs[idx];
    od::json_type type;
    if (val.type().get(type) != simdjson::SUCCESS) {
      fail(line_start, "invalid JSON");
      return;
    }
    const std::string_view token = trim_json_ws(val.raw_json_token());
    std::string_view text;
    switch (type) {
      case od::json_type::null:
        if (fr.read_missing(col, row) != CellError::None) fail(token.data(), fr.message(CellError::Missing, ""));
        return;
      case od::json_type::array:
      case od::json_type::object:
        fail(token.data(), fr.message(CellError::Syntax, type == od::json_type::object ? "{...}" : "[...]"));
        return;
      case od::json_type::string: {
        const std::string_view inner = token.substr(1, token.size() >= 2 ? token.size() - 2 : 0);
        if (inner.find('\\') == std::string_view::npos) {
          text = inner;  // points into the chunk bytes, which the batch keeps
        } else {
          std::string_view unescaped;
          if (val.get_string().get(unescaped) != simdjson::SUCCESS) {
            fail(token.data(), "invalid JSON string");
            return;
          }
          text = fr.is_text() ? batch.keep(std::string(unescaped)) : std::string_view(scratch.assign(unescaped));
        }
        break;
      }
      case od::json_type::number:
      case od::json_type::boolean:
        text = token;
        break;
    }
    // An int reads a JSON number only when no digit after its point is other than 0:
    // 1000, 1000.0, 1e3, 1.0e3 are 1000; 1.5e3 and 1000.5 are not ints (decision 104).
    const bool int_number = type == od::json_type::number && fr.input().kind == ir::FieldKind::Int &&
                            text.find_first_of(".eE") != std::string_view::npos;
    if (int_number && !json_whole_digits(text)) {
      fail(token.data(), fr.json_int_message(text));
      return;
    }
    CellError e = type == od::json_type::number ? fr.read_json_number(text, col, row) : fr.read(text, col, row);
    if (e == CellError::Syntax && int_number) {
      double d;
      char buf[512];
      if (val.get_double().get(d) == simdjson::SUCCESS) {
        auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        if (res.ec == std::errc()) e = fr.read(std::string_view(buf, static_cast<size_t>(res.ptr - buf)), col, row);
      }
      if (e == CellError::Syntax) {
        fail(token.data(), fr.json_int_message(text));
        return;
      }
    } else if (e == CellError::Syntax && type == od::json_type::number && text.find_first_of("eE") != std::string_view::npos) {
      // JSON writers use exponents for very large or small numbers; retry in plain form.
      double d;
      char buf[512];
      if (val.get_double().get(d) == simdjson::SUCCESS) {
        auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
        if (res.ec == std::errc()) e = fr.read(std::string_view(buf, static_cast<size_t>(res.ptr - buf)), col, row);
      }
    }
    if (e != CellError::None) fail(token.data(), fr.message(e, text));
  }
};

void LineState::read_set_value(const std::vector<uint32_t>& inputs, od::value& val) {
  od::json_type type;
  if (val.type().get(type) != simdjson::SUCCESS || type != od::json_type::array) {
    for (uint32_t idx : inputs) read_value(idx, val);  // a scalar: each member reads the text
    return;
  }
  // `["crm", "CMS Hub"]`: each item a member's name or spelling (LANGUAGE.md section 9);
  // `[]` is the empty set. The message shows the items joined by the set's separator.
  const FieldReader& fr = plan.fields[inputs.front()];
  const std::string_view token = trim_json_ws(val.raw_json_token());
  std::vector<std::string> items;
  od::array arr;
  bool strings = val.get_array().get(arr) == simdjson::SUCCESS;
  for (auto item : arr) {
    if (!strings) break;
    std::string_view text;
    strings = item.get_string().get(text) == simdjson::SUCCESS;
    if (strings) items.emplace_back(text);
  }
  if (!strings) {
    fail(token.data(), fr.message(CellError::Syntax, "[...]"));
    return;
  }
  for (uint32_t idx : inputs) {
    if (plan.fields[idx].input().kind != ir::FieldKind::Set) {  // another field of the key: not a list
      fail(token.data(), plan.fields[idx].message(CellError::Syntax, "[...]"));
      continue;
    }
    const CellError e = plan.fields[idx].read_set_items(items, batch.inputs[idx], row);
    if (e == CellError::None) continue;
    std::string joined;
    for (const std::string& item : items) joined += (joined.empty() ? "" : ir::set_separator(fr.input())) + item;
    fail(token.data(), fr.message(e, joined));
  }
}

std::string json_error(simdjson::error_code err) {
  std::string m = std::string("invalid JSON: ") + simdjson::error_message(err);
  if (!m.empty() && m.back() == '.') m.pop_back();
  if (err == simdjson::UTF8_ERROR)
    m += "; if the file is in another encoding, say which: --encoding windows-1252, or latin1";
  return m;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

// The keys of the previous object by position, with the inputs each feeds (null: none).
// Exporters write every object's keys in one order, so a key is usually matched by one
// compare of its raw bytes instead of unescaping and hashing it. Keys with a `\` or
// `"` are not kept: their raw bytes differ from their text.
struct KeyOrder {
  struct Key {
    std::string text;
    const std::vector<uint32_t>* inputs = nullptr;
    bool usable = false;
  };
  std::vector<Key> keys;
};

// Reads the fields of one object into row st.row; `structural` is set when the object
// itself is broken (its raw line is then not kept as JSON). `Doc` is a document or a
// document_reference (of a document stream).
template <class Doc>
void read_object(const ReaderPlan& plan, Doc& doc, od::object& obj, LineState& st, std::vector<uint8_t>& seen,
                 KeyOrder& order, const char* le, bool& structural) {
  const char* const ls = st.line_start;
  simdjson::error_code err;
  size_t pos = 0;
  for (auto field_res : obj) {
    // The field and its value by reference, not copied out of the result: GCC copies
    // them through the stack with a 16-byte load of two smaller stores, a store-forwarding
    // stall at every field (they were the two hottest instructions of this loop).
    std::string_view key;
    const char* key_at = nullptr;
    const std::vector<uint32_t>* inputs = nullptr;
    err = field_res.error();
    od::field& field = field_res.value_unsafe();  // used only while !err
    if (!err) key_at = field.key().raw() - 1;  // the opening quote
    if (!err && pos < order.keys.size() && order.keys[pos].usable && field.key().unsafe_is_equal(order.keys[pos].text)) {
      key = order.keys[pos].text;
      inputs = order.keys[pos].inputs;
    } else {
      if (err || (err = field.unescaped_key().get(key))) {
        const char* where = ls;
        const char* loc;
        if (doc.current_location().get(loc) == simdjson::SUCCESS && loc >= ls && loc <= le) where = loc;
        st.bad = false;
        st.fail(where, json_error(err));
        structural = true;
        return;
      }
      auto it = plan.key_inputs.find(key);
      inputs = it == plan.key_inputs.end() ? nullptr : &it->second;
      if (pos >= order.keys.size()) order.keys.resize(pos + 1);
      KeyOrder::Key& k = order.keys[pos];
      k.usable = key.find_first_of("\\\"") == std::string_view::npos;
      k.text.assign(key);
      k.inputs = inputs;
      key = k.text;
    }
    ++pos;
    if (!inputs || st.bad) continue;
    if (seen[inputs->front()]) {
      // As a CSV header read twice (lead_reader.cpp): which value is meant is a guess.
      st.fail(key_at >= ls && key_at < le ? key_at : ls, "key \"" + escape_for_message(key) + "\" appears twice in the object");
      continue;
    }
    od::value& val = field.value();
    for (uint32_t idx : *inputs) seen[idx] = 1;
    if (plan.fields[inputs->front()].input().kind == ir::FieldKind::Set) {
      st.read_set_value(*inputs, val);
      continue;
    }
    for (uint32_t idx : *inputs) st.read_value(idx, val);
  }
}

// After the fields: a field absent from the object is missing (an error for a required
// one); then the row joins the batch or becomes a RowError.
void finish_row(const ReaderPlan& plan, LineState& st, const std::vector<uint8_t>& seen, std::string_view raw,
                bool structural, std::vector<RowError>& errors) {
  Batch& batch = st.batch;
  const size_t r = st.row;
  if (!st.bad) {
    for (size_t i = 0; i < plan.fields.size(); ++i)
      if (!seen[i] && plan.fields[i].read_missing(batch.inputs[i], r) != CellError::None) {
        st.fail(st.line_start, plan.fields[i].message(CellError::Missing, ""));
        break;
      }
  }
  if (st.bad) {
    errors.push_back(RowError{st.line, st.bad_col, plan.error_at(st.line, st.bad_col, st.what), std::string(raw), !structural});
    clear_row_marks(batch, r);
  } else {
    batch.line.push_back(st.line);
    batch.raw.push_back(raw);
    ++batch.rows;
  }
}

void start_row(const ReaderPlan& plan, Batch& batch, std::vector<uint8_t>& seen) {
  const size_t r = batch.rows;
  reserve_row(batch, r);
  for (size_t i = 0; i < plan.fields.size(); ++i) batch.inputs[i].known[r] = 0;
  std::fill(seen.begin(), seen.end(), 0);
}

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The whole chunk as one simdjson document stream: one stage-1 pass over the chunk
// instead of one per line. Only for chunks whose every non-blank line holds one whole
// object: on anything else (a JSON error, an object over two lines, two on one line, a
// line that is not an object) it undoes its rows and returns false, and the line by
// line parser, which words every such error, reads the chunk.
bool parse_jsonl_stream(const ReaderPlan& plan, std::string_view data, uint64_t first_line, Batch& batch,
                        std::vector<RowError>& errors) {
  thread_local od::parser parser;
  const size_t errors_before = errors.size();
  auto undo = [&] {
    batch.rows = 0;
    batch.line.clear();
    batch.raw.clear();
    errors.resize(errors_before);
    return false;
  };
  // A batch as big as the chunk, so no document is cut; a power of two, so the
  // parser's buffers are allocated once per thread.
  size_t batch_size = size_t{1} << 20;
  while (batch_size < data.size() + 64) batch_size *= 2;
  od::document_stream stream;
#ifdef SIMDJSON_THREADS_ENABLED
  parser.threaded = false;  // one batch per chunk: nothing to look ahead to; the chunks are the parallelism
#endif
  if (parser.iterate_many(data.data(), data.size(), batch_size).get(stream) != simdjson::SUCCESS) return undo();
  std::vector<uint8_t> seen(plan.fields.size());
  KeyOrder order;
  const char* const begin = data.data();
  const char* const end = begin + data.size();
  const char* counted = begin;        // line ends before here are in `line`
  uint64_t line = first_line;
  const char* prev_start = nullptr;   // the previous object's first byte, and its line's end
  const char* prev_line_end = begin;
  // The previous object must end before its line does (no line end inside it).
  auto previous_ends_on_its_line = [&](const char* next_start) {
    if (!prev_start) return true;
    const char* e = next_start;
    while (e > prev_start && json_space(e[-1])) --e;
    return e <= prev_line_end;
  };
  for (auto it = stream.begin(); it != stream.end(); ++it) {
    // The stream gives the first document's index as 0 even after leading whitespace.
    const char* start = begin + it.current_index();
    while (start < end && json_space(*start)) ++start;
    if (start < begin || start >= end || (prev_start && start <= prev_line_end)) return undo();
    if (!previous_ends_on_its_line(start)) return undo();
    // The object's line: after the last line end before it, to the first one after it.
    const char* ls = start;
    while (ls > counted && ls[-1] != '\n') --ls;
    line += static_cast<uint64_t>(std::count(counted, ls, '\n'));  // blank lines and the previous line's end
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', static_cast<size_t>(end - start)));
    const char* const line_end = nl ? nl : end;
    counted = line_end;
    const char* le = line_end;
    if (le > ls && le[-1] == '\r') --le;

    od::document_reference doc;
    od::object obj;
    if ((*it).get(doc) != simdjson::SUCCESS || doc.get_object().get(obj) != simdjson::SUCCESS) return undo();
    start_row(plan, batch, seen);
    LineState st{plan, batch, batch.rows, line, ls, false, 0, {}, {}};
    bool structural = false;
    read_object(plan, doc, obj, st, seen, order, le, structural);
    if (structural) return undo();
    finish_row(plan, st, seen, std::string_view(ls, static_cast<size_t>(le - ls)), false, errors);
    prev_start = start;
    prev_line_end = line_end;
  }
  if (stream.truncated_bytes() != 0 || !previous_ends_on_its_line(end)) return undo();
  // Past the last object only blank lines may follow (the stream saw whitespace only).
  return true;
}

}  // namespace

void parse_jsonl_chunk(const ReaderPlan& plan, std::string_view data, size_t capacity, uint64_t first_line,
                       Batch& batch, std::vector<RowError>& errors) {
  thread_local od::parser parser;
  // One SIMD pass over the chunk instead of a check per text cell (see csv_chunk.cpp).
  KnownUtf8Chunk utf8(simdjson::validate_utf8(data.data(), data.size()));
  if (capacity >= data.size() + simdjson::SIMDJSON_PADDING && parse_jsonl_stream(plan, data, first_line, batch, errors)) {
    end_batch(batch);
    return;
  }
  std::vector<uint8_t> seen(plan.fields.size());
  KeyOrder order;
  const char* p = data.data();
  const char* const end = p + data.size();
  const char* const readable_end = data.data() + capacity;
  uint64_t line = first_line;

  while (p < end) {
    const char* const ls = p;
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    const char* le = nl ? nl : end;
    const uint64_t ln = line;
    p = nl ? nl + 1 : end;
    if (nl) ++line;
    if (le > ls && le[-1] == '\r') --le;
    const std::string_view raw(ls, static_cast<size_t>(le - ls));
    if (blank(raw)) continue;

    start_row(plan, batch, seen);
    LineState st{plan, batch, batch.rows, ln, ls, false, 0, {}, {}};
    bool structural = false;

    od::document doc;
    od::object obj;
    auto err = parser.iterate(simdjson::padded_string_view(ls, raw.size(), static_cast<size_t>(readable_end - ls)))
                   .get(doc);
    if (!err) err = doc.get_object().get(obj);
    if (err) {
      const char* where = ls;
      while (where < le && (*where == ' ' || *where == '\t')) ++where;
      std::string why = err == simdjson::INCORRECT_TYPE ? "a line must hold one JSON object" : json_error(err);
      // A CSV file named .jsonl: its header line (decision 107).
      if (ln == 1 && (where == le || *where != '{') && raw.find_first_of(",;\t|") != std::string_view::npos)
        why += "; the file looks like CSV (its first line is not a JSON object): a lead file's format follows its "
               "extension, so give it a .csv name";
      st.fail(where, why);
      structural = true;
    } else {
      read_object(plan, doc, obj, st, seen, order, le, structural);
      const char* loc = ls;
      if (!structural && doc.current_location().get(loc) != simdjson::OUT_OF_BOUNDS) {
        // Not at the end after the object: something follows it on the line.
        const char* where = loc >= ls && loc <= le ? loc : ls;
        st.bad = false;
        st.fail(where, "unexpected text after the JSON object");
        structural = true;
      }
    }
    finish_row(plan, st, seen, raw, structural, errors);
  }
  end_batch(batch);
}

}  // namespace leadc::rt
