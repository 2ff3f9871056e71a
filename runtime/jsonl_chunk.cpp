// Parsing a chunk of JSON Lines into a batch with simdjson's On-Demand API: one object
// per line, keys map to inputs, null or absent = missing. Scalars go through the same
// cell rules as CSV (numbers by their JSON text, so money stays exact to the cent).
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
      case od::json_type::object:
      case od::json_type::array:
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
    CellError e = type == od::json_type::number ? fr.read_json_number(text, col, row) : fr.read(text, col, row);
    if (e == CellError::Syntax && type == od::json_type::number && text.find_first_of("eE") != std::string_view::npos) {
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

std::string json_error(simdjson::error_code err) {
  std::string m = std::string("invalid JSON: ") + simdjson::error_message(err);
  if (!m.empty() && m.back() == '.') m.pop_back();
  return m;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

}  // namespace

void parse_jsonl_chunk(const ReaderPlan& plan, std::string_view data, size_t capacity, uint64_t first_line,
                       Batch& batch, std::vector<RowError>& errors) {
  thread_local od::parser parser;
  // One SIMD pass over the chunk instead of a check per text cell (see csv_chunk.cpp).
  KnownUtf8Chunk utf8(simdjson::validate_utf8(data.data(), data.size()));
  const size_t n_inputs = plan.fields.size();
  std::vector<uint8_t> seen(n_inputs);
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

    const size_t r = batch.rows;
    reserve_row(batch, r);
    for (size_t i = 0; i < n_inputs; ++i) batch.inputs[i].known[r] = 0;
    std::fill(seen.begin(), seen.end(), 0);
    LineState st{plan, batch, r, ln, ls, false, 0, {}, {}};
    bool structural = false;

    od::document doc;
    od::object obj;
    auto err = parser.iterate(simdjson::padded_string_view(ls, raw.size(), static_cast<size_t>(readable_end - ls)))
                   .get(doc);
    if (!err) err = doc.get_object().get(obj);
    if (err) {
      const char* where = ls;
      while (where < le && (*where == ' ' || *where == '\t')) ++where;
      st.fail(where, err == simdjson::INCORRECT_TYPE ? "a line must hold one JSON object"
                                                      : json_error(err));
      structural = true;
    } else {
      for (auto field_res : obj) {
        od::field field;
        std::string_view key;
        const char* key_at = nullptr;
        if (!(err = std::move(field_res).get(field))) key_at = field.key().raw() - 1;  // the opening quote
        if (err || (err = field.unescaped_key().get(key))) {
          const char* where = ls;
          const char* loc;
          if (doc.current_location().get(loc) == simdjson::SUCCESS && loc >= ls && loc <= le) where = loc;
          st.bad = false;
          st.fail(where, json_error(err));
          structural = true;
          break;
        }
        auto it = plan.key_inputs.find(key);
        if (it == plan.key_inputs.end() || st.bad) continue;
        if (seen[it->second.front()]) {
          // As a CSV header read twice (lead_reader.cpp): which value is meant is a guess.
          st.fail(key_at >= ls && key_at < le ? key_at : ls,
                  "key \"" + escape_for_message(key) + "\" appears twice in the object");
          continue;
        }
        od::value val = field.value();
        for (uint32_t idx : it->second) {
          seen[idx] = 1;
          st.read_value(idx, val);
        }
      }
      const char* loc = ls;
      if (!structural && doc.current_location().get(loc) != simdjson::OUT_OF_BOUNDS) {
        // Not at the end after the object: something follows it on the line.
        const char* where = loc >= ls && loc <= le ? loc : ls;
        st.bad = false;
        st.fail(where, "unexpected text after the JSON object");
        structural = true;
      }
    }
    if (!st.bad) {
      for (size_t i = 0; i < n_inputs; ++i)
        if (!seen[i] && plan.fields[i].read_missing(batch.inputs[i], r) != CellError::None) {
          st.fail(ls, plan.fields[i].message(CellError::Missing, ""));
          break;
        }
    }
    if (st.bad) {
      errors.push_back(RowError{ln, st.bad_col, plan.error_at(ln, st.bad_col, st.what), std::string(raw), !structural});
    } else {
      batch.line.push_back(ln);
      batch.raw.push_back(raw);
      ++batch.rows;
    }
  }
  end_batch(batch);
}

}  // namespace leadc::rt
