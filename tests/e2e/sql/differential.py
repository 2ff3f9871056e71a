"""SQL differential test driver: for each definition and lead file, compare
`leadc run` with the SQL from `leadc compile --emit sql` on SQLite, PostgreSQL and
DuckDB, row for row and cell for cell (missing values included).

usage: differential.py LEADC SOURCE_DIR WORKDIR [--random N] [--pg HOST:PORT:USER]
                       [--duckdb NODE_MODULES] [--sqlite]
Exit status 0 when every compared case agrees on every engine asked for.
"""
import argparse
import csv
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
    inputs, outputs, section = [], [], None
    for line in text.splitlines():
        if not line.startswith(" "):
            section = line.rstrip(":")
            continue
        if section == "inputs":
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
    return inputs, outputs


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


def load_script(inputs, header, rows, dialect):
    d = DIALECTS.index(dialect)
    cols, seen = [], set()
    for inp in inputs:
        if inp["column"] in seen:
            continue
        seen.add(inp["column"])
        kind = inp["kind"]
        sql_type = SQL_TYPES.get(kind, ("TEXT", "TEXT", "VARCHAR"))[d]
        cols.append((inp["column"], kind, sql_type, header.index(inp["column"])))
    out = ["DROP TABLE IF EXISTS leads;",
           "CREATE TABLE leads (leadc_row INTEGER, " +
           ", ".join(f"{ident(c)} {t}" for c, _, t, _ in cols) + ");"]
    for n, row in enumerate(rows):
        values = [str(n)] + [sql_value(k, row[i] if i < len(row) else "", dialect) for _, k, _, i in cols]
        out.append("INSERT INTO leads VALUES (" + ", ".join(values) + ");")
    return "\n".join(out) + "\n"


# --- running the query on each engine --------------------------------------------------

def run_sqlite(load, query, work):
    script = load + ".mode json\n" + query
    r = run(["sqlite3", ":memory:"], input=script)
    if r.returncode != 0 or r.stderr:
        return None, r.stderr
    rows = json.loads(r.stdout) if r.stdout.strip() else []
    return [list(row.values()) for row in rows], None


def run_postgres(load, query, work, pg):
    host, port, user = pg
    base = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d", "postgres"]
    r = run(base, input="SET client_min_messages = warning;\n" + load)
    if r.returncode != 0:
        return None, r.stderr
    r = run(base + ["--csv", "-P", "null=" + NULL], input="SET TimeZone = 'UTC';\n" + query)
    if r.returncode != 0:
        return None, r.stderr
    rows = list(csv.reader(r.stdout.splitlines(keepends=True)))[1:]
    return [[None if v == NULL else v for v in row] for row in rows], None


def run_duckdb(load, query, work, modules):
    here = os.path.dirname(os.path.abspath(__file__))
    lf, qf = os.path.join(work, "duck_load.sql"), os.path.join(work, "duck_query.sql")
    open(lf, "w").write(load)
    open(qf, "w").write(query)
    r = run(["node", os.path.join(here, "duckdb_run.mjs"), modules, lf, qf])
    if r.returncode != 0:
        return None, r.stderr
    return json.loads(r.stdout)["rows"], None


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


def compare(expected, got, outputs):
    if len(expected) != len(got):
        return f"{len(got)} rows, expected {len(expected)}"
    for r, (want, have) in enumerate(zip(expected, got)):
        if len(have) != len(outputs):
            return f"row {r + 1}: {len(have)} columns, expected {len(outputs)}"
        for o, out in enumerate(outputs):
            w, h = norm(want.get(out["name"]), out["display"]), norm(have[o], out["display"])
            if w != h:
                return f"row {r + 1} `{out['name']}`: leadc run {w!r}, SQL {h!r}"
    return None


# --- one case --------------------------------------------------------------------------

def check_case(args, lead, leads, engines, work, compile_flags):
    r = run([args.leadc, "check", lead])
    if r.returncode != 0:
        return "skip", "does not pass `leadc check`: " + (r.stderr.strip().splitlines() or ["?"])[0]
    r = run([args.leadc, "compile", lead, "--emit", "ir"])
    if r.returncode != 0:
        return "fail", "leadc compile --emit ir failed: " + r.stderr
    if "\nactivity:\n" in r.stdout:
        return "skip", "uses activities, which `leadc compile --emit sql` does not support"
    inputs, outputs = parse_ir(r.stdout)
    out_file = os.path.join(work, "run.jsonl")
    # Without `compile --as-of` the SQL reads the database clock: run at "now" too. The
    # seconds between the two runs only matter for a timestamp that lands on them.
    run_as_of = AS_OF if "--as-of" in compile_flags else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    r = run([args.leadc, "run", lead, "--leads", leads, "--format", "jsonl", "--as-of", run_as_of, "-o", out_file])
    if r.returncode != 0:
        return "fail", f"leadc run failed ({r.returncode}): {r.stderr.strip()}"
    expected = [json.loads(line) for line in open(out_file) if line.strip()]
    with open(leads, newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    header, rows = table[0], table[1:]
    order = []
    if "--order-by" in compile_flags:
        order = ["--order-by", "leadc_row"]
    else:
        key = next((i for i in inputs if i["field"] in compile_flags["key"]), None)
        keys = [row[header.index(key["column"])] for row in rows] if key else []
        if keys != sorted(keys, key=lambda s: s.encode()):
            return "fail", "leadc compile has no --order-by and the keys are not in file order"
    as_of = ["--as-of", AS_OF] if "--as-of" in compile_flags else []
    problems = []
    for engine in engines:
        r = run([args.leadc, "compile", lead, "--emit", "sql", "--dialect", engine] + order + as_of)
        if r.returncode != 0:
            problems.append(f"{engine}: leadc compile --emit sql failed: {r.stderr}")
            continue
        query = r.stdout
        load = load_script(inputs, header, rows, engine)
        if engine == "sqlite":
            got, err = run_sqlite(load, query, work)
        elif engine == "postgres":
            got, err = run_postgres(load, query, work, args.pg.split(":"))
        else:
            got, err = run_duckdb(load, query, work, args.duckdb)
        if err is not None:
            problems.append(f"{engine}: the query failed: {err.strip()}")
            continue
        diff = compare(expected, got, outputs)
        if diff:
            problems.append(f"{engine}: {diff}")
    return ("fail", "\n  ".join(problems)) if problems else ("pass", f"{len(rows)} rows")


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
                    cases.append((stem + ".lead", csv_path))
                    break
    random_dir = os.path.join(args.work, "random")
    os.makedirs(random_dir, exist_ok=True)
    phone = phone_works(args.leadc, random_dir)
    if not phone:
        print("*** note: `leadc check` rejects a `phone` field; the random definitions use text instead ***")
    for seed in range(args.seed, args.seed + args.random):
        cases.append(gen_random.generate(seed, random_dir, phone))

    counts = {"pass": 0, "fail": 0, "skip": 0}
    for lead, leads in cases:
        if "--order-by" not in compile_flags:
            ir = run([args.leadc, "compile", lead, "--emit", "ir"]).stdout
            compile_flags["key"] = {m.group(1) for m in re.finditer(r"^  \$\d+ (\S+):.* key : ", ir, re.M)}
        status, detail = check_case(args, lead, leads, engines, args.work, compile_flags)
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
