// `leadc compile FILE --emit ast|ir|sql|schema|llvm [--dialect …]`: show what a
// definition becomes between passes, or emit it for another engine (schema: the
// CREATE TABLE statements of the tables the SQL reads).
#include <cstdio>

#include "compiler/ast.h"
#include "compiler/sql/emit_sql.h"
#include "tools/leadc/cli.h"
#ifdef LEADC_HAVE_JIT
#include "runtime/jit/jit.h"
#endif

namespace leadc::cli {

Runner add_compile(CLI::App& app) {
  struct Opts {
    std::string file, emit = "ir", dialect = "duckdb", table = "leads", activities_table = "activities", view, order_by, as_of;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("compile", "Print the AST or IR of a definition, or emit SQL (or its tables' CREATE TABLE statements) or LLVM IR");
  cmd->add_option("file", o->file, "Definition file (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--emit", o->emit, "What to print")->check(CLI::IsMember({"ast", "ir", "sql", "schema", "llvm"}));
  cmd->add_option("--dialect", o->dialect, "SQL dialect")->check(CLI::IsMember({"duckdb", "postgres", "sqlite", "clickhouse"}));
  cmd->add_option("--table", o->table, "SQL: the table holding the leads");
  cmd->add_option("--activities-table", o->activities_table, "SQL: the table holding the events (activity block)");
  cmd->add_option("--view", o->view, "SQL: emit CREATE VIEW NAME AS …");
  cmd->add_option("--order-by", o->order_by, "SQL: the column that holds the leads' file order (default: the key)");
  cmd->add_option("--as-of", o->as_of, "SQL: the as-of date or timestamp (default: the database's clock)");
  return [o]() {
    CheckedFile c = compile_and_check(o->file, {}, 2000, o->emit != "ast");
    print_diagnostics(c.diags);
    std::string out;
    if (o->emit == "ast") {
      if (!c.compilation.checked) return int(kFindings);
      out = ast::dump(c.compilation.checked->module);
    } else {
      if (!c.ok) return int(kFindings);
      const ir::Program& p = *c.compilation.program;
      if (o->emit == "ir") {
        out = ir::print(p);
      } else if (o->emit == "sql" || o->emit == "schema") {
        SqlOptions sopts;
        parse_dialect(o->dialect, sopts.dialect);
        sopts.table = o->table;
        sopts.activities_table = o->activities_table;
        sopts.view = o->view;
        sopts.order_by = o->order_by;
        if (!o->as_of.empty()) {
          auto t = parse_as_of(o->as_of);
          if (!t) return usage_error(t.error());
          sopts.as_of = *t;
          sopts.as_of_text = o->as_of;
        }
        auto sql = o->emit == "sql" ? emit_sql(p, sopts) : emit_sql_schema(p, sopts);
        if (!sql) {
          std::fprintf(stderr, "leadc: error: cannot emit SQL: %s\n", sql.error().c_str());
          return int(kUsage);
        }
        out = std::move(*sql);
      } else {
#ifdef LEADC_HAVE_JIT
        auto listing = jit::emit_llvm_ir(p);
        if (!listing) {
          std::fprintf(stderr, "leadc: error: cannot emit LLVM IR: %s\n", listing.error().c_str());
          return int(kUsage);
        }
        out = std::move(*listing);
#else
        std::fprintf(stderr, "leadc: error: this leadc was built without the LLVM JIT (-DLEADC_JIT=OFF)\n");
        return int(kUsage);
#endif
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return int(kOk);
  };
}

}  // namespace leadc::cli
