#!/usr/bin/env python3
"""Summarises run_bench.sh's results_events.tsv (suites behaviour and jsonl) as Markdown:
medians, the ratios to DuckDB, JSON Lines against CSV per byte, and leadc's peak
memory for each events count.
   bench_events_table.py RESULTS_EVENTS.tsv "BEHAVIOUR_EVENTS"
wall = the whole process; work = the tool's own timing (leadc's summary, DuckDB's COPY).
"""
import csv
import statistics
import sys

path, event_counts = sys.argv[1], sys.argv[2].split()
runs = {}
for row in csv.DictReader(open(path), delimiter="\t"):
    runs.setdefault(row["name"], []).append(row)


def median(name, field, rows=None):
    r = [x for x in runs.get(name, []) if rows is None or x["rows"] == rows]
    vals = [float(x[field]) for x in r if x[field] not in ("", None)]
    return max(statistics.median(vals), 0.005) if vals else None


def text(v, digits=2):
    return "–" if v is None else f"{v:.{digits}f}"


timed = event_counts[-1]
print("### Medians\n")
print("| configuration | rows | reps | wall s | work s | CPU s | MB/s (wall) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name in ["leadc-behaviour", "leadc-behaviour-1t", "duckdb-behaviour", "polars-behaviour",
             "leadc-jsonl", "duckdb-jsonl", "polars-jsonl", "leadc-csv"]:
    for rows in sorted({x["rows"] for x in runs.get(name, [])}, key=int):
        r = [x for x in runs[name] if x["rows"] == rows]
        wall, work, cpu = (median(name, f, rows) for f in ("wall_s", "inner_s", "cpu_s"))
        print(f"| {name} | {int(rows):,} | {len(r)} | {text(wall)} | {text(work)} | {text(cpu)} "
              f"| {float(r[0]['bytes']) / 1e6 / wall:.0f} |")

print("\n### Ratios of medians (> 1 means the second is faster)\n")
print("| ratio | wall | work | CPU |")
print("| --- | ---: | ---: | ---: |")
for num, den, label in [("duckdb-behaviour", "leadc-behaviour", f"DuckDB / leadc, behaviour, {int(timed):,} events"),
                        ("polars-behaviour", "leadc-behaviour", f"Polars / leadc, behaviour, {int(timed):,} events"),
                        ("leadc-behaviour-1t", "leadc-behaviour", "leadc behaviour: all threads speed-up over 1"),
                        ("duckdb-jsonl", "leadc-jsonl", "DuckDB read_json / leadc, JSON Lines"),
                        ("polars-jsonl", "leadc-jsonl", "Polars scan_ndjson / leadc, JSON Lines"),
                        ("leadc-jsonl", "leadc-csv", "leadc JSON Lines time / CSV time (same rows)")]:
    rows = timed if num.endswith("behaviour") or den.endswith("behaviour") else None
    cells = []
    for field in ("wall_s", "inner_s", "cpu_s"):
        a, b = median(num, field, rows), median(den, field, rows)
        cells.append(text(a / b if a is not None and b is not None else None))
    if cells[0] != "–":
        print(f"| {label} | " + " | ".join(cells) + " |")
j, c = runs.get("leadc-jsonl"), runs.get("leadc-csv")
if j and c:
    jb, cb = float(j[0]["bytes"]), float(c[0]["bytes"])
    print(f"\nPer byte (wall): JSON Lines {jb / 1e6 / median('leadc-jsonl', 'wall_s'):.0f} MB/s, "
          f"CSV {cb / 1e6 / median('leadc-csv', 'wall_s'):.0f} MB/s (files of {jb / 1e6:.0f} and {cb / 1e6:.0f} MB).")

b = runs.get("leadc-behaviour")
if b:
    print("\n### leadc behaviour peak RSS (max over repetitions)\n")
    peaks = [max(int(x["maxrss_kb"]) for x in b if x["rows"] == n) / 1024 for n in event_counts
             if any(x["rows"] == n for x in b)]
    print("| " + " | ".join(f"{int(n):,} events" for n in event_counts) + " | last / first |")
    print("| " + " | ".join("---:" for _ in event_counts) + " | ---: |")
    print("| " + " | ".join(f"{p:.1f} MiB" for p in peaks) + f" | {text(peaks[-1] / peaks[0]) if len(peaks) > 1 else '–'} |")
loads = [float(x["load1"]) for r in runs.values() for x in r]
if loads:
    print(f"\n1-minute load average sampled after each run: {min(loads):.1f} – {max(loads):.1f}")
