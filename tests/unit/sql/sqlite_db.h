// A small in-memory SQLite database for the SQL tests: run statements, bind rows,
// and read results back as cells that remember SQLite's storage class.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace leadc::testing {

// NULL, INTEGER, REAL or TEXT, as SQLite returned it.
using SqlCell = std::variant<std::monostate, long long, double, std::string>;
using SqlValue = std::variant<std::monostate, long long, double, std::string>;  // to bind

class SqliteDb {
 public:
  SqliteDb() {
    if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("cannot open sqlite");
  }
  ~SqliteDb() { sqlite3_close(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error("sqlite: " + msg + "\nin: " + sql);
    }
  }

  // INSERT INTO table VALUES (?, ?, …) once per row.
  void insert(const std::string& table_sql, const std::vector<std::vector<SqlValue>>& rows) {
    for (const auto& row : rows) {
      std::string sql = "INSERT INTO " + table_sql + " VALUES (";
      for (size_t i = 0; i < row.size(); ++i) sql += i ? ", ?" : "?";
      sql += ")";
      sqlite3_stmt* st = prepare(sql);
      for (size_t i = 0; i < row.size(); ++i) {
        int k = static_cast<int>(i) + 1;
        const SqlValue& v = row[i];
        if (auto* x = std::get_if<long long>(&v)) sqlite3_bind_int64(st, k, *x);
        else if (auto* d = std::get_if<double>(&v)) sqlite3_bind_double(st, k, *d);
        else if (auto* s = std::get_if<std::string>(&v)) sqlite3_bind_text(st, k, s->c_str(), -1, SQLITE_TRANSIENT);
        else sqlite3_bind_null(st, k);
      }
      int rc = sqlite3_step(st);
      sqlite3_finalize(st);
      if (rc != SQLITE_DONE) throw std::runtime_error("sqlite insert failed: " + std::string(sqlite3_errmsg(db_)));
    }
  }

  std::vector<std::vector<SqlCell>> query(const std::string& sql, std::vector<std::string>* names = nullptr) {
    sqlite3_stmt* st = prepare(sql);
    std::vector<std::vector<SqlCell>> rows;
    int n = sqlite3_column_count(st);
    if (names) {
      names->clear();
      for (int i = 0; i < n; ++i) names->push_back(sqlite3_column_name(st, i));
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<SqlCell> row;
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_INTEGER: row.emplace_back(static_cast<long long>(sqlite3_column_int64(st, i))); break;
          case SQLITE_FLOAT: row.emplace_back(sqlite3_column_double(st, i)); break;
          case SQLITE_NULL: row.emplace_back(std::monostate{}); break;
          default:
            row.emplace_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, i))));
        }
      }
      rows.push_back(std::move(row));
    }
    std::string err = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error("sqlite: " + err + "\nin: " + sql);
    return rows;
  }

 private:
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error("sqlite: " + std::string(sqlite3_errmsg(db_)) + "\nin: " + sql);
    return st;
  }
  sqlite3* db_ = nullptr;
};

}  // namespace leadc::testing
