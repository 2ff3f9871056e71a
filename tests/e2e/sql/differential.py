"""SQL differential test driver: for each definition and lead file (and events file,
for a definition with activities), compare `leadc run` with the SQL from
`leadc compile --emit sql` on SQLite, PostgreSQL and DuckDB, row for row and cell for
cell (missing values included), with the column types checked: a whole-number output
is an integer column equal to the text `leadc run` prints, money a decimal equal to it.
Every case is also loaded raw on SQLite (`.import`: every cell text, '' for empty).

usage: differential.py LEADC SOURCE_DIR WORKDIR [--random N] [--pg HOST:PORT:USER]
                       [--duckdb NODE_MODULES] [--sqlite]
Exit status 0 when every compared case agrees on every engine asked for.
"""
import argparse
import csv
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

SQL_TYPES = {
    #            sqlite     postgres            duckdb
    "bool":      ("INTEGER", "BOOLEAN",         "BOOLEAN"),
    "int":       ("INTEGER", "BIGINT",          "BIGINT"),
    "number":    ("REAL",    "NUMERIC",         "DOUBLE"),
    "duration":  ("REAL",    "NUMERIC",         "DOUBLE"),
    "money":     ("REAL",    "NUMERIC(18, 2)",  "DECIMAL(18, 2)"),
    "date":      ("TEXT",    "DATE",            "DATE"),
    "timestamp": ("TEXT",    "TIMESTAMPTZ",     "TIMESTAMPTZ"),
}
DIALECTS = ["sqlite", "postgres", "duckdb"]


def ident(name):
    return '"' + name.replace('"', '""') + '"'


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def sql_value(kind, text, dialect):
    if text == "":
        return "NULL"
    if kind in ("text", "email", "phone", "enum"):
        return literal(text)
    text = text.strip(" ")
    if kind == "bool":
        truth = text.lower() in ("true", "yes", "1")
        if dialect == "sqlite":
            return "1" if truth else "0"
        return "TRUE" if truth else "FALSE"
    if kind in ("int", "number", "duration", "money"):
        return text
    if kind == "timestamp" and dialect == "duckdb":
        # DuckDB wants the seconds: "2024-01-01T10:00Z" -> "2024-01-01T10:00:00Z"
        text = re.sub(r"^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d)(?=$|[^:\d])", r"\1:00", text)
    return literal(text)  # dates and timestamps: the engine parses ISO 8601


def load_script(inputs, header, rows, dialect, table="leads", row_numbers=True):
    d = DIALECTS.index(dialect)
    cols, seen = [], set()
    for inp in inputs:
        if inp["column"] in seen:
            continue
        seen.add(inp["column"])
        kind = inp["kind"]
        sql_type = SQL_TYPES.get(kind, ("TEXT", "TEXT", "VARCHAR"))[d]
        cols.append((inp["column"], kind, sql_type, header.index(inp["column"])))
    first = ["leadc_row INTEGER"] if row_numbers else []
    out = [f"DROP TABLE IF EXISTS {table};",
           f"CREATE TABLE {table} (" + ", ".join(first + [f"{ident(c)} {t}" for c, _, t, _ in cols]) + ");"]
    for n, row in enumerate(rows):
        values = ([str(n)] if row_numbers else []) + \
            [sql_value(k, row[i] if i < len(row) else "", dialect) for _, k, _, i in cols]
        out.append(f"INSERT INTO {table} VALUES (" + ", ".join(values) + ");")
    return "\n".join(out) + "\n"


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    return table[0], table[1:]


# --- running the query on each engine --------------------------------------------------

def sqlite_cell(v):
    if v is None:
        return None
    if isinstance(v, tuple):
        return v
    return ("text", v)


def run_sqlite(load, query, work):
    script = load + ".mode json\n" + query
    r = run(["sqlite3", ":memory:"], input=script)
    if r.returncode != 0 or r.stderr:
        return None, None, r.stderr
    # Keep SQLite's storage class: 50 is an INTEGER, 50.0 a REAL.
    rows = json.loads(r.stdout, parse_int=lambda t: ("int", t), parse_float=lambda t: ("real", t),
                      object_pairs_hook=lambda pairs: [sqlite_cell(v) for _, v in pairs]) if r.stdout.strip() else []
    return [[None if c is None else c[1] for c in row] for row in rows], \
        [sorted({c[0] for c in col if c is not None}) for col in zip(*rows)] if rows else [], None


def run_postgres(load, query, work, pg, columns):
    host, port, user = pg
    base = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d", "postgres"]
    r = run(base, input="SET client_min_messages = warning;\n" + load)
    if r.returncode != 0:
        return None, None, r.stderr
    # \gdesc (the result's column types, one row per column) and the query, in one session.
    body = query.rstrip().rstrip(";")
    r = run(base + ["--csv", "-P", "null=" + NULL],
            input="SET TimeZone = 'UTC';\n" + body + "\n\\gdesc\n" + query)
    if r.returncode != 0:
        return None, None, r.stderr
    table = list(csv.reader(r.stdout.splitlines(keepends=True)))
    types = [[t] for _, t in table[1:1 + columns]]
    rows = table[1 + columns + 1:]
    return [[None if v == NULL else v for v in row] for row in rows], types, None


def run_duckdb(load, query, work, modules):
    here = os.path.dirname(os.path.abspath(__file__))
    lf, qf = os.path.join(work, "duck_load.sql"), os.path.join(work, "duck_query.sql")
    open(lf, "w").write(load)
    open(qf, "w").write(query)
    r = run(["node", os.path.join(here, "duckdb_run.mjs"), modules, lf, qf])
    if r.returncode != 0:
        return None, None, r.stderr
    out = json.loads(r.stdout)
    return out["rows"], [[t] for t in out["types"]], None


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
    "bool": {"bool"}, "date": {"date"}, "timestamp": {"timestamp"}, "text": {"text"}, "enum": {"text"},
    "number": {"int", "float", "decimal"},
}
SQLITE_AS = {"bool": "int", "date": "text", "timestamp": "text"}


def type_class(names, engine, display):
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
    "random": {"points": {"*": "int"}, "visits": {"*": "int"}, "clicks": {"*": "int"},
               "revenue": {"postgres": "decimal", "duckdb": "decimal", "sqlite": "float"},
               "spent": {"postgres": "decimal", "duckdb": "decimal", "sqlite": "float"},
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

    queries = {}

    def compare_on(engine, load, flags, label):
        if engine not in queries:
            queries[engine] = run([args.leadc, "compile", lead, "--emit", "sql", "--dialect", engine] + flags + as_of)
        r = queries[engine]
        if r.returncode != 0:
            problems.append(f"{label}: leadc compile --emit sql failed: {r.stderr}")
            return
        query = r.stdout
        if engine == "sqlite":
            got, types, err = run_sqlite(load, query, work)
        elif engine == "postgres":
            got, types, err = run_postgres(load, query, work, args.pg.split(":"), len(outputs))
        else:
            got, types, err = run_duckdb(load, query, work, args.duckdb)
        if err is not None:
            problems.append(f"{label}: the query failed: {err.strip()}")
            return
        diff = compare(expected, got, types, outputs, engine, want_types)
        if diff:
            problems.append(f"{label}: {diff}")

    for engine in engines:
        load = load_script(inputs, header, rows, engine)
        if events:
            load += load_script(event_inputs, ev_header, ev_rows, engine, "activities", row_numbers=False)
        compare_on(engine, load, order, engine)
    if "sqlite" in engines:
        # Raw: the files as `sqlite3 .import` loads them (every cell text, '' when empty);
        # leadc_row (file order) is the import's rowid, so the same query serves.
        load = ".mode csv\n" + f".import {sqlite_path(leads)} leadc_raw\n" + \
            "CREATE TABLE leads AS SELECT rowid AS leadc_row, * FROM leadc_raw;\n"
        if events:
            load += f".import {sqlite_path(events)} activities\n"
        compare_on("sqlite", load, order, "sqlite (raw .import)")
    detail = f"{len(rows)} rows" + (f", {len(ev_rows)} events" if events else "")
    return ("fail", "\n  ".join(problems)) if problems else ("pass", detail)


def sqlite_path(path):
    if any(c in path for c in " \"'\\\n"):
        raise SystemExit(f"cannot .import a path with quotes or spaces: {path}")
    return path


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
    ap.add_argument("--sqlite", action="store_true")
    args = ap.parse_args()
    engines = [e for e, on in (("sqlite", args.sqlite), ("postgres", args.pg), ("duckdb", args.duckdb)) if on]

    help_text = run([args.leadc, "compile", "--help"]).stdout
    compile_flags = {flag: True for flag in ("--order-by", "--as-of") if flag in help_text}
    compile_flags["key"] = set()
    if "--as-of" not in compile_flags:
        print("*** note: `leadc compile` has no --as-of; comparing at the current time ***")

    cases = []
    examples = os.path.join(args.source_dir, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".lead"):
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

    counts = {"pass": 0, "fail": 0, "skip": 0}
    for lead, leads, events in cases:
        if "--order-by" not in compile_flags:
            ir = run([args.leadc, "compile", lead, "--emit", "ir"]).stdout
            compile_flags["key"] = {m.group(1) for m in re.finditer(r"^  \$\d+ (\S+):.* key : ", ir, re.M)}
        status, detail = check_case(args, lead, leads, events, engines, args.work, compile_flags)
        counts[status] += 1
        print(f"{status.upper():4} {os.path.basename(lead)}: {detail}")
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
