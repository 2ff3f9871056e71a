"""SQL differential test driver: for each definition and lead file (and events file,
for a definition with activities), compare `leadc run` with the SQL from
`leadc compile --emit sql` on SQLite, PostgreSQL, DuckDB and ClickHouse, row for row and
cell for cell (missing values included), with the column types checked: a whole-number
output is an integer column equal to the text `leadc run` prints, money a decimal equal
to it. Every engine loads each case twice in one session: typed (the tables of
`leadc compile --emit schema`, filled with INSERT) and raw (the CSV files as the
engine's own loader reads them, every column text), and runs the query on both.

usage: differential.py LEADC SOURCE_DIR WORKDIR [--random N] [--pg HOST:PORT:USER]
                       [--duckdb NODE_MODULES] [--chdb NODE_MODULES] [--sqlite]
                       [--clickhouse-server PORT]  (two shards behind Distributed tables)
Exit status 0 when every compared case agrees on every engine asked for.
"""
import argparse
import concurrent.futures
import csv
import datetime
import decimal
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_random  # noqa: E402

AS_OF = "2026-03-01"  # a fixed as-of time, so `within` gives the same answer everywhere
NULL = "\x01NULL\x01"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# --- what the program reads and writes, from `leadc compile --emit ir` ----------------

INPUT_RE = re.compile(r'^  \$(\d+) (\S+): (\w+)(\([^)]*\))?( column (".*?"))?( unit \S+)?( scale \S+)?'
                      r'( optional)?( key)? : (\w+)$')
OUTPUT_RE = re.compile(r'^  (.+) = %\d+ : (\w+)( / \S+)?$')


def parse_ir(text):
    """The lead inputs (synthetic aggregate inputs left out), the outputs, and the
    events program's inputs (empty without an activity block)."""
    inputs, outputs, events, section, sub = [], [], [], None, None
    for line in text.splitlines():
        if not line.startswith(" "):
            section, sub = line.rstrip(":"), None
            continue
        if section.startswith("events"):
            if not line.startswith("    "):
                sub = line.strip().rstrip(":")
            elif sub == "inputs":
                m = INPUT_RE.match(line[2:])
                if not m:
                    raise SystemExit(f"cannot read IR events input line: {line!r}")
                column = json.loads(m.group(6)) if m.group(6) else m.group(2)
                events.append({"field": m.group(2), "kind": m.group(3), "column": column})
        elif section == "inputs":
            if re.search(r": \w+ aggregate \d+", line):
                continue
            m = INPUT_RE.match(line)
            if not m:
                raise SystemExit(f"cannot read IR input line: {line!r}")
            column = json.loads(m.group(6)) if m.group(6) else m.group(2)
            inputs.append({"field": m.group(2), "kind": m.group(3), "column": column})
        elif section == "outputs":
            m = OUTPUT_RE.match(line)
            if not m:
                raise SystemExit(f"cannot read IR output line: {line!r}")
            outputs.append({"name": m.group(1), "display": m.group(2)})
    return inputs, outputs, events


# --- loading a lead file the way a warehouse would -------------------------------------

DIALECTS = ["sqlite", "postgres", "duckdb", "clickhouse"]
MARK = "leadc-differential-next-result"


def ident(name, dialect="sqlite"):
    if dialect == "clickhouse":
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return '"' + name.replace('"', '""') + '"'


def literal(text, dialect="sqlite"):
    if dialect == "clickhouse":
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r") + "'"
    return "'" + text.replace("'", "''") + "'"


def sql_value(kind, text, dialect, column=None):
    if text == "":
        return "NULL"
    if kind in ("text", "email", "phone", "enum", "set"):  # a set: the cell's separated text
        return literal(text, dialect)
    text = text.strip(" ")
    if kind == "bool":
        truth = text.lower() in ("true", "yes", "1")
        if dialect in ("sqlite", "clickhouse"):
            return "1" if truth else "0"
        return "TRUE" if truth else "FALSE"
    if kind in ("int", "number", "duration", "money"):
        return gen_random.plain_number(column, text)  # "$1,200.50" -> 1200.50
    if column in gen_random.EPOCH_FORMATS:
        text = gen_random.iso_of_epoch(column, text, kind == "date")
    if dialect == "clickhouse":
        # The form both 18.16 and current releases read into a Date or DateTime('UTC').
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if t.tzinfo:
            t = t.astimezone(datetime.timezone.utc)
        return literal(t.strftime("%Y-%m-%d") if kind == "date" else t.strftime("%Y-%m-%d %H:%M:%S"))
    if kind == "timestamp" and dialect == "duckdb":
        # DuckDB wants the seconds: "2024-01-01T10:00Z" -> "2024-01-01T10:00:00Z"
        text = re.sub(r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d)(?=$|[^:\d])", r"\1:00", text)
    return literal(text)  # dates and timestamps: the engine parses ISO 8601


def inserts(inputs, header, rows, dialect, table, row_numbers):
    """One INSERT of every row, in the column order of `--emit schema`; row_numbers:
    True (0, 1, … first), False (none), or the list of numbers."""
    cols, seen = [], set()
    for inp in inputs:
        if inp["column"] not in seen:
            seen.add(inp["column"])
            cols.append((inp["kind"], header.index(inp["column"]), inp["column"]))
    if not rows:
        return ""
    values = []
    numbers = range(len(rows)) if row_numbers is True else row_numbers
    for n, row in enumerate(rows):
        v = ([str(numbers[n])] if row_numbers else []) + [sql_value(k, row[i] if i < len(row) else "", dialect, c) for k, i, c in cols]
        values.append("(" + ", ".join(v) + ")")
    return f"INSERT INTO {table} VALUES\n" + ",\n".join(values) + ";\n"


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    return table[0], table[1:]


# The tables' names: hostile where the engine's loader takes any quoted name, so
# --table and --activities-table are proven inert (sqlite3 .import and the
# Distributed test take plain names). The typed and the raw tables have the same
# names in two namespaces, so one query serves both loads.
HOSTILE = ('leads "x"; DROP TABLE leads; --', "activities 'x' \\ --")


def table_names(engine):
    return ("leads", "activities") if engine in ("sqlite", "clickhouse-server") else HOSTILE


def raw_load(dialect, leads, events, header, ev_header):
    """The files loaded as they are (every column text), with the file order in
    leadc_row."""
    leads_t, events_t = (ident(n, dialect) for n in table_names(dialect))
    if dialect == "sqlite":
        # `.import`: '' for an empty cell; the import's rowid is the file order.
        out = ".mode csv\n" + f".import {plain_path(leads)} leadc_raw_in\n" + \
            "CREATE TABLE leads AS SELECT rowid AS leadc_row, * FROM leadc_raw_in;\n"
        if events:
            out += f".import {plain_path(events)} activities\n"
        return out + ".mode json\n"
    if dialect == "postgres":
        def copy(path, hdr, table, serial):
            cols = ", ".join(ident(h) for h in hdr)
            extra = ", leadc_row BIGSERIAL" if serial else ""
            return (f"CREATE TABLE {table} (" + ", ".join(f"{ident(h)} TEXT" for h in hdr) + extra + ");\n" +
                    f"\\copy {table} ({cols}) FROM '{plain_path(path)}' CSV HEADER\n")
        out = copy(leads, header, leads_t, True)
        return out + (copy(events, ev_header, events_t, False) if events else "")
    if dialect == "duckdb":
        out = f"CREATE TABLE leadc_raw_in AS SELECT * FROM read_csv('{plain_path(leads)}', all_varchar = true, header = true);\n" + \
            f"CREATE TABLE {leads_t} AS SELECT rowid AS leadc_row, * FROM leadc_raw_in;\n"
        if events:
            out += f"CREATE TABLE {events_t} AS SELECT * FROM read_csv('{plain_path(events)}', all_varchar = true, header = true);\n"
        return out
    # ClickHouse (chdb): file() with every column a String ('' for an empty cell);
    # current releases trim the spaces of unquoted CSV cells unless told not to.
    def load(path, hdr, table, numbered):
        structure = literal(", ".join(ident(h, dialect) + " String" for h in hdr), dialect)
        first = "rowNumberInAllBlocks() AS leadc_row, " if numbered else ""
        return (f"CREATE TABLE {table} ENGINE = MergeTree() ORDER BY tuple() AS SELECT {first}* FROM "
                f"file({literal(path, dialect)}, 'CSVWithNames', {structure}) "
                "SETTINGS input_format_csv_trim_whitespaces = 0;\n")
    return load(leads, header, leads_t, True) + (load(events, ev_header, events_t, False) if events else "")


def plain_path(path):
    if any(c in path for c in " \"'\\\n"):
        raise SystemExit(f"cannot load a path with quotes or spaces: {path}")
    return path


# --- running the queries on each engine ------------------------------------------------

def sqlite_cell(v):
    if v is None:
        return None
    if isinstance(v, tuple):
        return v
    return ("text", v)


def run_sqlite(load, queries, work):
    script = load + ".mode json\n" + "".join(f".print {MARK}\n{q}" for q in queries)
    r = run(["sqlite3", ":memory:"], input=script)
    if r.returncode != 0 or r.stderr:
        return [(None, None, r.stderr)] * len(queries)
    results = []
    for text in r.stdout.split(MARK + "\n")[1:]:
        # Keep SQLite's storage class: 50 is an INTEGER, 50.0 a REAL.
        rows = json.loads(text, parse_int=lambda t: ("int", t), parse_float=lambda t: ("real", t),
                          object_pairs_hook=lambda pairs: [sqlite_cell(v) for _, v in pairs]) if text.strip() else []
        results.append(([[None if c is None else c[1] for c in row] for row in rows],
                        [sorted({c[0] for c in col if c is not None}) for col in zip(*rows)] if rows else [], None))
    return results


def run_postgres(typed_load, raw_load, query, work, pg, columns):
    """The typed and the raw tables in two schemas of this case's own (cases run side
    by side); for each, \\gdesc (the result's column types, one row per column) and the
    query, all in one session."""
    host, port, user = pg
    base = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d", "postgres"]
    names = [ident(f"leadc_{os.path.basename(work)}_{kind}") for kind in ("typed", "raw")]
    script = "SET client_min_messages = warning;\n"
    for name, load in zip(names, (typed_load, raw_load)):
        script += f"DROP SCHEMA IF EXISTS {name} CASCADE;\nCREATE SCHEMA {name};\nSET search_path = {name};\n" + load
    script += "\\pset format csv\n\\pset null " + NULL + "\nSET TimeZone = 'UTC';\n"
    for name in names:
        script += f"SET search_path = {name};\n\\echo {MARK}\n" + query.rstrip().rstrip(";") + "\n\\gdesc\n" + query
    script += f"\\echo {MARK}\nDROP SCHEMA {names[0]}, {names[1]} CASCADE;\n"
    r = run(base, input=script)
    if r.returncode != 0:
        return [(None, None, r.stderr)] * 2
    results = []
    for text in r.stdout.split(MARK + "\n")[1:-1]:
        table = list(csv.reader(text.splitlines(keepends=True)))
        types = [[t] for _, t in table[1:1 + columns]]
        rows = table[1 + columns + 1:]
        results.append(([[None if v == NULL else v for v in row] for row in rows], types, None))
    return results


QUERY_MARK = "-- leadc-differential: the query\n"


def in_namespaces(dialect, typed_load, raw_load, query):
    """One load of both namespaces (DuckDB schemas, ClickHouse databases) and the
    query once in each, for the node runners: a query file's text before QUERY_MARK
    is run first (it picks the namespace)."""
    if dialect == "duckdb":
        use = ["SET search_path = 'typed';\n", "SET search_path = 'raw';\n"]
        load = "CREATE SCHEMA typed;\n" + use[0] + typed_load + "CREATE SCHEMA raw;\n" + use[1] + raw_load
    else:
        use = ["USE typed;\n", "USE raw;\n"]
        load = "CREATE DATABASE typed;\n" + use[0] + typed_load + "CREATE DATABASE raw;\n" + use[1] + raw_load
    return load, [u + QUERY_MARK + query for u in use]


def run_node(script, modules, load, queries, work, name):
    here = os.path.dirname(os.path.abspath(__file__))
    lf = os.path.join(work, f"{name}_load.sql")
    open(lf, "w").write(load)
    qfs = []
    for i, q in enumerate(queries):
        qfs.append(os.path.join(work, f"{name}_query{i}.sql"))
        open(qfs[-1], "w").write(q)
    r = run(["node", os.path.join(here, script), modules, lf] + qfs)
    if r.returncode != 0:
        return [(None, None, r.stderr)] * len(queries)
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def run_duckdb(typed_load, raw_load, query, work, modules):
    load, queries = in_namespaces("duckdb", typed_load, raw_load, query)
    out = run_node("duckdb_run.mjs", modules, load, queries, work, "duck")
    if out and isinstance(out[0], tuple):
        return out
    return [(o["rows"], [[t] for t in o["types"]], None) for o in out]


def clickhouse_result(text):
    """Rows and column types of a JSONCompact result, every value as its text."""
    out = json.loads(text, parse_float=str, parse_int=str)
    return [[None if v is None else str(v) for v in row] for row in out["data"]], \
        [[m["type"]] for m in out["meta"]], None


def run_clickhouse_server(port, schema, inputs, header, rows, event_inputs, ev_header, ev_rows, leads, events,
                          queries, work):
    """Each table split over two shards (the databases shard_1 and shard_2 of one
    server, the cluster test_cluster_two_shards_localhost) behind a Distributed table
    of the same name in `default`, which the queries read."""
    base = ["clickhouse-client", "--host", "127.0.0.1", "--port", port]
    tables = ["leads", "leads_raw"] + (["activities", "activities_raw"] if events else [])
    script = []
    for t in ["leads", "leads_raw", "activities", "activities_raw"]:
        script += [f"DROP TABLE IF EXISTS default.{t}"] + [f"DROP TABLE IF EXISTS shard_{n}.{t}" for n in (1, 2)]

    def raw_table(hdr, numbered):
        cols = [f"{ident(h, 'clickhouse')} String" for h in hdr] + (["leadc_row Int64"] if numbered else [])
        return "(" + ", ".join(cols) + ") ENGINE = MergeTree() ORDER BY tuple()"
    for n in (1, 2):
        for stmt in schema.split(";\n"):
            if stmt.strip():
                script.append(stmt.replace("CREATE TABLE ", f"CREATE TABLE shard_{n}.", 1))
        script.append(f"CREATE TABLE shard_{n}.leads_raw " + raw_table(header, True))
        if events:
            script.append(f"CREATE TABLE shard_{n}.activities_raw " + raw_table(ev_header, False))
        # Odd rows to shard 1, even rows to shard 2.
        half = [(i, r) for i, r in enumerate(rows) if i % 2 == n - 1]
        ins = inserts(inputs, header, [r for _, r in half], "clickhouse", f"shard_{n}.leads", [i for i, _ in half])
        # clickhouse-client 18.16 reads an INSERT's data to the end of its line.
        if ins:
            script.append(ins.rstrip().rstrip(";").replace(",\n(", ", (").replace("VALUES\n", "VALUES "))
        if events:
            ev_half = [r for i, r in enumerate(ev_rows) if i % 2 == n - 1]
            ins = inserts(event_inputs, ev_header, ev_half, "clickhouse", f"shard_{n}.activities", False)
            if ins:
                script.append(ins.rstrip().rstrip(";").replace(",\n(", ", (").replace("VALUES\n", "VALUES "))
    for t in tables:
        script.append(f"CREATE TABLE default.{t} AS shard_1.{t} "
                      f"ENGINE = Distributed(test_cluster_two_shards_localhost, '', {t})")
    r = run(base + ["--multiquery"], input=";\n".join(script) + ";\n")
    if r.returncode != 0:
        return [(None, None, "load: " + r.stderr)] * len(queries)

    # The raw tables from the CSV files, each shard its half (with the row number).
    def csv_halves(path, numbered):
        hdr, body = read_csv(path)
        for n in (1, 2):
            f = os.path.join(work, f"shard_{n}.csv")
            with open(f, "w", newline="") as out:
                # Every cell quoted: 18.16 trims the spaces around an unquoted one.
                w = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
                w.writerow(hdr + (["leadc_row"] if numbered else []))
                for i, row in enumerate(body):
                    if i % 2 == n - 1:
                        w.writerow(row + ([str(i)] if numbered else []))
            table = "leads_raw" if numbered else "activities_raw"
            with open(f) as inp:
                r = subprocess.run(base + ["--query", f"INSERT INTO shard_{n}.{table} FORMAT CSVWithNames"],
                                   stdin=inp, capture_output=True, text=True)
            if r.returncode != 0:
                return r.stderr
        return None
    err = csv_halves(leads, True) or (csv_halves(events, False) if events else None)
    if err:
        return [(None, None, "raw load: " + err)] * len(queries)
    results = []
    for q in queries:
        r = run(base + ["--query", q.rstrip().rstrip(";") + "\nFORMAT JSONCompact"])
        results.append(clickhouse_result(r.stdout) if r.returncode == 0 else (None, None, r.stderr))
    return results


def run_chdb(typed_load, raw_load, query, work, modules):
    load, queries = in_namespaces("clickhouse", typed_load, raw_load, query)
    out = run_node("chdb_run.mjs", modules, load, queries, work, "chdb")
    if out and isinstance(out[0], tuple):
        return out
    return [clickhouse_result(o["result"]) if "result" in o else (None, None, o["error"]) for o in out]


# --- comparing cells -------------------------------------------------------------------

def norm(value, display):
    """One spelling per value, whatever engine printed it."""
    if value is None:
        return None
    if display == "bool":
        return {"true": True, "t": True, "1": True, "false": False, "f": False, "0": False}[str(value).lower()]
    if display == "number":
        x = float(value)
        return "0" if x == 0 else f"{x:.12g}"
    if display == "date":
        return str(value)[:10]
    if display == "timestamp":
        s = str(value).replace(" ", "T").rstrip("Z")
        return s[:19]
    if display == "set":
        # `leadc run --format jsonl` writes a JSON array, SQL the names joined by `;`
        # (the examples' sets use the default separator).
        return ";".join(value) if isinstance(value, list) else str(value)
    return str(value)


# The SQL type of a column, as a class: what each engine calls it.
TYPE_CLASS = {
    "int": "int", "integer": "int", "bigint": "int", "BIGINT": "int", "INTEGER": "int",
    "real": "float", "double precision": "float", "DOUBLE": "float",
    "numeric": "decimal", "boolean": "bool", "BOOLEAN": "bool",
    "date": "date", "DATE": "date", "timestamp without time zone": "timestamp", "TIMESTAMP": "timestamp",
    "text": "text", "VARCHAR": "text",
}
# What each display may come back as (SQLite has no boolean, date or decimal type).
ALLOWED = {
    "bool": {"bool"}, "date": {"date"}, "timestamp": {"timestamp"}, "text": {"text"}, "enum": {"text"}, "set": {"text"},
    "number": {"int", "float", "decimal"},
}
SQLITE_AS = {"bool": "int", "date": "text", "timestamp": "text"}


CLICKHOUSE_TYPES = {"Int64": "int", "Float64": "float", "UInt8": "int", "Date": "date",
                    "DateTime('UTC')": "timestamp", "String": "text"}


def clickhouse_class(name):
    inner = re.fullmatch(r"Nullable\((.*)\)", name)
    name = inner.group(1) if inner else name
    return "decimal" if name.startswith("Decimal") else CLICKHOUSE_TYPES.get(name, name)


def type_class(names, engine, display):
    if engine.startswith("clickhouse"):
        names = [clickhouse_class(n) for n in names]
    classes = {TYPE_CLASS.get(n, "DECIMAL" if n.upper().startswith(("DECIMAL", "NUMERIC")) else n) for n in names}
    classes = {"decimal" if c == "DECIMAL" else c for c in classes}
    if len(classes) > 1:
        return None, f"mixed types {sorted(names)}"
    c = classes.pop() if classes else None  # no non-NULL cell on SQLite: nothing to check
    if c is None:
        return None, None
    allowed = ALLOWED[display]
    if engine == "sqlite" and display in SQLITE_AS:
        allowed = {SQLITE_AS[display]}
    if engine.startswith("clickhouse") and display == "bool":
        allowed = {"int"}  # UInt8 0/1: 18.16 has no Bool
    if c not in allowed:
        return None, f"type {sorted(names)} for a {display} output"
    return c, None


def compare(expected, got, types, outputs, engine, want_types):
    if len(expected) != len(got):
        return f"{len(got)} rows, expected {len(expected)}"
    classes = []
    for o, out in enumerate(outputs):
        c, err = type_class(types[o] if o < len(types) else [], engine, out["display"])
        if err:
            return f"`{out['name']}`: {err}"
        want = want_types.get(out["name"], {}).get(engine, want_types.get(out["name"], {}).get("*"))
        if want and c and c != want:
            return f"`{out['name']}`: a {c} column, expected {want}"
        classes.append(c)
    for r, (want, have) in enumerate(zip(expected, got)):
        if len(have) != len(outputs):
            return f"row {r + 1}: {len(have)} columns, expected {len(outputs)}"
        for o, out in enumerate(outputs):
            w, h = want.get(out["name"]), have[o]
            if classes[o] in ("int", "decimal") and w is not None and h is not None:
                # Exact: the integer (or decimal) the engine returns is the number leadc printed.
                if decimal.Decimal(str(h)) != w or (classes[o] == "int" and not re.fullmatch(r"-?\d+", str(h))):
                    return f"row {r + 1} `{out['name']}`: leadc run {str(w)!r}, SQL {str(h)!r} ({classes[o]})"
                continue
            w, h = norm(None if w is None else str(w) if isinstance(w, decimal.Decimal) else w, out["display"]), \
                norm(h, out["display"])
            if w != h:
                return f"row {r + 1} `{out['name']}`: leadc run {w!r}, SQL {h!r}"
    return None


# --- one case --------------------------------------------------------------------------

# Columns whose type is known in advance (per engine, "*" for all): whole points
# are integers, money a decimal where the engine has one.
WANT_TYPES = {
    "behaviour.lead": {"behaviour": {"*": "int"}},
    "readytalk.lead": {"engagement": {"*": "int"}},
    "random": {"points": {"*": "int"}, "visits": {"*": "int"}, "clicks": {"*": "int"}, "staff": {"*": "int"},
               "revenue": {"*": "decimal", "sqlite": "float"}, "umsatz": {"*": "decimal", "sqlite": "float"},
               "spent": {"*": "decimal", "sqlite": "float"},
               "heat": {"*": "float"}, "per_visit": {"*": "float"}},
}


def check_case(args, lead, leads, events, engines, work, compile_flags):
    r = run([args.leadc, "check", lead])
    if r.returncode != 0:
        return "skip", "does not pass `leadc check`: " + (r.stderr.strip().splitlines() or ["?"])[0]
    r = run([args.leadc, "compile", lead, "--emit", "ir"])
    if r.returncode != 0:
        return "fail", "leadc compile --emit ir failed: " + r.stderr
    inputs, outputs, event_inputs = parse_ir(r.stdout)
    if event_inputs and not events:
        return "skip", "uses activities, and there is no events file"
    out_file = os.path.join(work, "run.jsonl")
    # Without `compile --as-of` the SQL reads the database clock: run at "now" too. The
    # seconds between the two runs only matter for a timestamp that lands on them.
    run_as_of = AS_OF if "--as-of" in compile_flags else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    cmd = [args.leadc, "run", lead, "--leads", leads, "--format", "jsonl", "--as-of", run_as_of, "-o", out_file]
    if events:
        cmd += ["--activities", events]
    r = run(cmd)
    if r.returncode != 0:
        return "fail", f"leadc run failed ({r.returncode}): {r.stderr.strip()}"
    # Numbers as leadc printed them, exactly.
    expected = [json.loads(line, parse_float=decimal.Decimal, parse_int=decimal.Decimal)
                for line in open(out_file) if line.strip()]
    header, rows = read_csv(leads)
    ev_header, ev_rows = read_csv(events) if events else (None, None)
    order = []
    if "--order-by" in compile_flags:
        order = ["--order-by", "leadc_row"]
    else:
        key = next((i for i in inputs if i["field"] in compile_flags["key"]), None)
        keys = [row[header.index(key["column"])] for row in rows] if key else []
        if keys != sorted(keys, key=lambda s: s.encode()):
            return "fail", "leadc compile has no --order-by and the keys are not in file order"
    as_of = ["--as-of", AS_OF] if "--as-of" in compile_flags else []
    name = os.path.basename(lead)
    want_types = WANT_TYPES.get("random" if name.startswith("random_") else name, {})
    problems = []

    for engine in engines:
        dialect = "clickhouse" if engine.startswith("clickhouse") else engine
        leads_t, events_t = table_names(engine)
        flags = ["--dialect", dialect, "--table", leads_t, "--activities-table", events_t] + order + as_of
        schema = run([args.leadc, "compile", lead, "--emit", "schema"] + flags)
        query = run([args.leadc, "compile", lead, "--emit", "sql"] + flags)
        failed = [r.stderr for r in (schema, query) if r.returncode != 0]
        if failed:
            problems.append(f"{engine}: leadc compile failed: {failed[0]}")
            continue
        if engine == "clickhouse-server":
            raw = run([args.leadc, "compile", lead, "--emit", "sql", "--table", "leads_raw",
                       "--activities-table", "activities_raw"] + flags[:2] + order + as_of)
            if raw.returncode != 0:
                problems.append(f"{engine}: leadc compile failed: {raw.stderr}")
                continue
            results = run_clickhouse_server(args.clickhouse_server, schema.stdout, inputs, header, rows,
                                            event_inputs, ev_header, ev_rows, leads, events,
                                            [query.stdout, raw.stdout], work)
        else:
            typed_load = schema.stdout + inserts(inputs, header, rows, dialect, ident(leads_t, dialect), True)
            if events:
                typed_load += inserts(event_inputs, ev_header, ev_rows, dialect, ident(events_t, dialect), False)
            raw = raw_load(dialect, leads, events, header, ev_header)
            q = query.stdout
            if engine == "sqlite":
                results = run_sqlite(typed_load, [q], work) + run_sqlite(raw, [q], work)
            elif engine == "postgres":
                results = run_postgres(typed_load, raw, q, work, args.pg.split(":"), len(outputs))
            elif engine == "duckdb":
                results = run_duckdb(typed_load, raw, q, work, args.duckdb)
            else:
                results = run_chdb(typed_load, raw, q, work, args.chdb)
        if len(results) != 2:
            problems.append(f"{engine}: {len(results)} results, expected 2 (typed and raw)")
            continue
        for label, (got, types, err) in zip(("typed", "raw"), results):
            if err is not None:
                problems.append(f"{engine} ({label}): the query failed: {err.strip()[:2000]}")
                continue
            diff = compare(expected, got, types, outputs, engine, want_types)
            if diff:
                problems.append(f"{engine} ({label}): {diff}")
    detail = f"{len(rows)} rows" + (f", {len(ev_rows)} events" if events else "")
    return ("fail", "\n  ".join(problems)) if problems else ("pass", detail)


def phone_works(leadc, folder):
    probe = os.path.join(folder, "phone_probe.lead")
    with open(probe, "w") as f:
        f.write("lead {\n  id: text key\n  tel: phone?\n}\noutput id, tel\n")
    return run([leadc, "check", probe]).returncode == 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("leadc")
    ap.add_argument("source_dir")
    ap.add_argument("work")
    ap.add_argument("--random", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg")
    ap.add_argument("--duckdb")
    ap.add_argument("--chdb")
    ap.add_argument("--clickhouse-server")
    ap.add_argument("--sqlite", action="store_true")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1), help="cases run side by side")
    ap.add_argument("--examples", default="", help="only these examples (comma-separated stems)")
    args = ap.parse_args()
    engines = [e for e, on in (("sqlite", args.sqlite), ("postgres", args.pg), ("duckdb", args.duckdb),
                               ("clickhouse", args.chdb), ("clickhouse-server", args.clickhouse_server)) if on]

    help_text = run([args.leadc, "compile", "--help"]).stdout
    compile_flags = {flag: True for flag in ("--order-by", "--as-of") if flag in help_text}
    compile_flags["key"] = set()
    if "--as-of" not in compile_flags:
        print("*** note: `leadc compile` has no --as-of; comparing at the current time ***")

    cases = []
    examples = os.path.join(args.source_dir, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".lead") and (not args.examples or name[:-5] in args.examples.split(",")):
            stem = os.path.join(examples, name[:-5])
            # x.lead goes with x_leads.csv (readytalk) or xs.csv (universal_lead)
            for csv_path in (stem + "_leads.csv", stem + "s.csv"):
                if os.path.exists(csv_path):
                    events = stem + "_events.csv"
                    cases.append((stem + ".lead", csv_path, events if os.path.exists(events) else None))
                    break
    random_dir = os.path.join(args.work, "random")
    os.makedirs(random_dir, exist_ok=True)
    phone = phone_works(args.leadc, random_dir)
    if not phone:
        print("*** note: `leadc check` rejects a `phone` field; the random definitions use text instead ***")
    for seed in range(args.seed, args.seed + args.random):
        cases.append(gen_random.generate(seed, random_dir, phone))

    def one(numbered):
        n, (lead, leads, events) = numbered
        flags = dict(compile_flags)
        if "--order-by" not in flags:
            ir = run([args.leadc, "compile", lead, "--emit", "ir"]).stdout
            flags["key"] = {m.group(1) for m in re.finditer(r"^  \$\d+ (\S+):.* key : ", ir, re.M)}
        work = os.path.join(args.work, f"case{n}")
        os.makedirs(work, exist_ok=True)
        return lead, check_case(args, lead, leads, events, engines, work, flags)

    # Cases run side by side (each in its own folder and PostgreSQL schema), except on
    # the shared ClickHouse server, whose tables have fixed names.
    jobs = 1 if args.clickhouse_server else args.jobs
    counts = {"pass": 0, "fail": 0, "skip": 0}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for lead, (status, detail) in pool.map(one, enumerate(cases)):
            counts[status] += 1
            print(f"{status.upper():4} {os.path.basename(lead)}: {detail}", flush=True)
    print(f"engines: {', '.join(engines)}; passed {counts['pass']}, failed {counts['fail']}, "
          f"skipped {counts['skip']} (definitions that leadc check rejects)")
    compared_random = counts["pass"] + counts["fail"]
    if counts["fail"] or compared_random < len(cases) // 2:
        if not counts["fail"]:
            print("too few cases were compared")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
