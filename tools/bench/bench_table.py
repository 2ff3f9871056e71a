#!/usr/bin/env python3
"""Summarises run_bench.sh's results.tsv as Markdown: the median of each configuration,
the ratios the performance targets are stated in, and leadc's peak memory.
   bench_table.py RESULTS.tsv "SIZES" "RSS_SIZES"
wall = the whole process (start-up and, for leadc, checking the definition included);
work = the tool's own timing of the run (leadc's summary, DuckDB's COPY, count_lines).
"""
import csv
import statistics
import sys

path, sizes, rss_sizes = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
runs = {}
for row in csv.DictReader(open(path), delimiter="\t"):
    runs.setdefault((row["name"], row["rows"]), []).append(row)


def median(name, rows, field):
    r = runs.get((name, rows))
    if not r:
        return None
    vals = [float(x[field]) for x in r if x[field] not in ("", None)]
    # /usr/bin/time and leadc's summary print hundredths; keep ratios finite.
    return max(statistics.median(vals), 0.005) if vals else None


def text(v, digits=2):
    return "–" if v is None else f"{v:.{digits}f}"


NAMES = ["leadc-interp", "leadc-jit", "leadc-interp-1t", "leadc-jit-1t", "duckdb", "duckdb-1t",
         "duckdb-emitted", "polars", "polars-1t", "memchr"]
print("### Medians\n")
print("| configuration | rows | reps | wall s | work s | CPU s | MB/s (work) | rows/s (work) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    for name in NAMES:
        r = runs.get((name, n))
        if not r:
            continue
        wall, work, cpu = (median(name, n, f) for f in ("wall_s", "inner_s", "cpu_s"))
        mb = float(r[0]["bytes"]) / 1e6
        speed = work or wall
        print(f"| {name} | {int(n):,} | {len(r)} | {wall:.2f} | {text(work)} | {cpu:.2f} "
              f"| {mb / speed:.0f} | {int(n) / speed:,.0f} |")

RATIOS = [
    ("duckdb", "leadc-interp", "DuckDB time / leadc interp time (all threads)"),
    ("duckdb", "leadc-jit", "DuckDB time / leadc JIT time (all threads)"),
    ("duckdb-emitted", "leadc-jit", "DuckDB (leadc-emitted SQL) time / leadc JIT time"),
    ("duckdb-1t", "leadc-interp-1t", "DuckDB 1 thread / leadc interp 1 thread"),
    ("duckdb-1t", "leadc-jit-1t", "DuckDB 1 thread / leadc JIT 1 thread"),
    ("polars", "leadc-jit", "Polars time / leadc JIT time (all threads)"),
    ("polars-1t", "leadc-jit-1t", "Polars 1 thread / leadc JIT 1 thread"),
    ("memchr", "leadc-interp-1t", "leadc interp 1-thread speed / memchr speed"),
    ("memchr", "leadc-jit-1t", "leadc JIT 1-thread speed / memchr speed"),
    ("leadc-interp", "leadc-jit", "JIT speed-up over interp (all threads)"),
    ("leadc-interp-1t", "leadc-jit-1t", "JIT speed-up over interp (1 thread)"),
    ("leadc-jit-1t", "leadc-jit", "leadc JIT: all threads speed-up over 1 thread"),
]
print("\n### Ratios of medians (> 1 means the second is faster)\n")
print("| rows | ratio | wall | work | CPU |")
print("| ---: | --- | ---: | ---: | ---: |")
for n in sizes:
    for num, den, label in RATIOS:
        cells = []
        for field in ("wall_s", "inner_s", "cpu_s"):
            a, b = median(num, n, field), median(den, n, field)
            cells.append(text(a / b if a is not None and b is not None else None))
        if cells[0] != "–":
            print(f"| {int(n):,} | {label} | " + " | ".join(cells) + " |")

print("\n### leadc peak RSS (max over repetitions, all threads)\n")
print("| engine | " + " | ".join(f"{int(n):,} rows" for n in rss_sizes) + " | last / first |")
print("| --- | " + " | ".join("---:" for _ in rss_sizes) + " | ---: |")
for name in ["leadc-interp", "leadc-jit"]:
    peaks = []
    for n in rss_sizes:
        r = runs.get((name, n))
        peaks.append(max(int(x["maxrss_kb"]) for x in r) / 1024 if r else None)
    ratio = text(peaks[-1] / peaks[0]) if None not in peaks and len(peaks) > 1 else "–"
    print(f"| {name} | " + " | ".join(text(p, 1) + " MiB" if p else "–" for p in peaks) + f" | {ratio} |")
loads = [float(x["load1"]) for r in runs.values() for x in r]
if loads:
    print(f"\n1-minute load average sampled after each run: {min(loads):.1f} – {max(loads):.1f}")
