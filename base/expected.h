// One convention for internal failures (a bug or an unusable environment, not a
// mistake in the user's definition or data — those are Diagnostics): a value or a
// message saying what went wrong. Exceptions are kept for the data/I-O boundary.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace leadc {

struct Failure {
  std::string message;
};

// Prints `leadc: internal error: MESSAGE` and aborts.
[[noreturn]] void fail_internally(const std::string& message);

template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}
  Expected(Failure f) : v_(std::move(f)) {}

  explicit operator bool() const { return v_.index() == 0; }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const std::string& error() const { return std::get<1>(v_).message; }
  // The value, for a caller whose failure can only be a bug in leadc (it holds what
  // the compiler built and verified): on failure, prints the message and aborts.
  T& value() & {
    if (!*this) fail_internally(error());
    return std::get<0>(v_);
  }
  T value() && {
    if (!*this) fail_internally(error());
    return std::move(std::get<0>(v_));
  }

 private:
  std::variant<T, Failure> v_;
};

// Success or a Failure, for operations that return nothing.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Failure f) : error_(std::move(f.message)), failed_(true) {}
  static Status ok() { return {}; }

  explicit operator bool() const { return !failed_; }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
  bool failed_ = false;
};

}  // namespace leadc
