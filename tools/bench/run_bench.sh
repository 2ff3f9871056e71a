#!/usr/bin/env bash
# The leadc benchmark: `leadc run` (interpreter and JIT, all cores and one thread) against
# DuckDB (a hand-written query and `leadc compile --emit sql`) and a memchr line count,
# on generated lead files for examples/readytalk.lead; checks that the labels agree and
# prints the medians, the ratios and the peak memory. Results go to BUILD/bench/results.tsv.
# Polars (nodejs-polars, polars_run.mjs) runs the same logic in every suite, alternating too.
# Suite `behaviour`: examples/behaviour.lead over generated leads and events (gen_events)
# against DuckDB's GROUP BY + LEFT JOIN (duckdb_behaviour.sql), labels compared, peak
# memory at two event counts, and `--on-error skip` over events with bad ones sprinkled
# in (events read = used + rejected). Suite `jsonl`: the readytalk lead file as JSON
# Lines, leadc against DuckDB's read_json. Their results go to BUILD/bench/results_events.tsv.
# Within a repetition the tools alternate, so a change in the machine's load hits both.
#   tools/bench/run_bench.sh [BUILD_DIR]        (default: build-bench, a Release build)
#   env: SIZES="1000000 5000000"  RSS_SIZES="100000 5000000"  REPS=3  SEED=42
#        SUITES="readytalk behaviour jsonl"  BEHAVIOUR_LEADS=1000000
#        BEHAVIOUR_EVENTS="1000000 10000000" (the last is timed; all give peak memory)
#        JSONL_ROWS=1000000  SKIP_BUILD=1 (use the binaries already in BUILD_DIR)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build-bench}
SIZES=${SIZES:-"1000000 5000000"}
RSS_SIZES=${RSS_SIZES:-"100000 5000000"}
REPS=${REPS:-3}
SEED=${SEED:-42}
SUITES=${SUITES:-"readytalk behaviour jsonl"}
BEHAVIOUR_LEADS=${BEHAVIOUR_LEADS:-1000000}
BEHAVIOUR_EVENTS=${BEHAVIOUR_EVENTS:-"1000000 10000000"}
JSONL_ROWS=${JSONL_ROWS:-1000000}
suite() { case " $SUITES " in *" $1 "*) return 0 ;; esac; return 1; }
DEF=$ROOT/examples/readytalk.lead
WORK=$BUILD/bench
mkdir -p "$WORK"
RESULTS=$WORK/results.tsv

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# --- tools ---------------------------------------------------------------------------
if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
  log "configuring $BUILD (Release)"
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building leadc gen_leads gen_events count_lines"
  cmake --build "$BUILD" -j2 --target leadc gen_leads gen_events count_lines >/dev/null
fi
LEADC=$BUILD/leadc
GEN=$BUILD/tools/bench/gen_leads
GEN_EVENTS=$BUILD/tools/bench/gen_events
COUNT=$BUILD/tools/bench/count_lines

if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get install -y -qq time >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || { echo "run_bench.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

DUCK=$BUILD/duckdb-node
if [ ! -d "$DUCK/node_modules/@duckdb/node-api" ]; then
  log "installing @duckdb/node-api into $DUCK"
  npm install --silent --prefix "$DUCK" @duckdb/node-api >/dev/null 2>&1 || log "npm install failed: no DuckDB figures"
fi
HAVE_DUCK=0
if command -v node >/dev/null && [ -d "$DUCK/node_modules/@duckdb/node-api" ]; then HAVE_DUCK=1; fi
DUCK_RUN=(node "$ROOT/tools/bench/duckdb_run.mjs" "$DUCK/node_modules")

# Polars (npm nodejs-polars, pinned with its prebuilt binary for linux-x64-gnu): the same
# logic in Polars' expression API (polars_run.mjs); its outputs are checked against DuckDB's.
POLARS=$BUILD/polars-node
if [ ! -d "$POLARS/node_modules/nodejs-polars" ]; then
  log "installing nodejs-polars into $POLARS"
  npm install --silent --prefix "$POLARS" nodejs-polars@0.25.2 nodejs-polars-linux-x64-gnu@0.25.2 >/dev/null 2>&1 \
    || log "npm install failed: no Polars figures"
fi
HAVE_POLARS=0
if command -v node >/dev/null && [ -d "$POLARS/node_modules/nodejs-polars" ]; then HAVE_POLARS=1; fi
POLARS_RUN=(node "$ROOT/tools/bench/polars_run.mjs" "$POLARS/node_modules")

EMITTED=$WORK/readytalk_emitted.sql
HAVE_EMITTED=0
if [ $HAVE_DUCK = 1 ] && "$LEADC" compile "$DEF" --emit sql --dialect duckdb >"$EMITTED" 2>"$WORK/emit.err" && [ -s "$EMITTED" ]; then
  HAVE_EMITTED=1
else
  log "leadc compile --emit sql did not work: no figures for the emitted SQL"
fi

# --- data ------------------------------------------------------------------------------
leads_file() { echo "$WORK/leads_$1.csv"; }
suite readytalk || SIZES= RSS_SIZES=
for n in $(echo "$SIZES $RSS_SIZES" | tr ' ' '\n' | sort -nu); do
  f=$(leads_file "$n")
  if [ ! -s "$f" ]; then
    log "generating $n rows"
    "$GEN" "$n" "$f" --seed "$SEED"
  fi
done

# --- timing -------------------------------------------------------------------------------
# One measured run: NAME ROWS REP CMD…; appends a line to RESULTS.
printf 'name\trows\trep\twall_s\tcpu_s\tinner_s\tmaxrss_kb\tbytes\tload1\n' >"$RESULTS"
measure() {
  local name=$1 rows=$2 rep=$3
  shift 3
  local tf=$WORK/time.txt
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$WORK/last.out" 2>"$WORK/last.err"; then
    echo "run_bench.sh: $name failed:" >&2
    cat "$WORK/last.err" >&2
    exit 1
  fi
  read -r wall user sys rss <"$tf"
  # The tool's own time for the work, without process start-up and definition checking:
  # leadc's summary ("in 1.23 s"), DuckDB's COPY ({"seconds": …}), count_lines' stderr.
  local bytes load inner
  inner=$(grep -ohE '(in [0-9.]+ s|"seconds":[0-9.e-]+)' "$WORK/last.err" "$WORK/last.out" | head -1 | grep -oE '[0-9][0-9.e-]*' | head -1 || true)
  bytes=$(stat -c %s "${MEASURE_FILE:-$(leads_file "$rows")}")
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rows" "$rep" "$wall" \
    "$(awk "BEGIN { print $user + $sys }")" "${inner:-}" "$rss" "$bytes" "$load" >>"${MEASURE_RESULTS:-$RESULTS}"
}

if suite readytalk; then
rm -f "$WORK/agreement.tsv.new"
log "load before timing: $(cat /proc/loadavg)"
for n in $(echo "$SIZES $RSS_SIZES" | tr ' ' '\n' | sort -nu); do
  f=$(leads_file "$n")
  out=$WORK/out_$n
  "$COUNT" "$f" >/dev/null 2>&1  # warm the page cache
  timed=0
  case " $SIZES " in *" $n "*) timed=1 ;; esac
  for rep in $(seq 1 "$REPS"); do
    log "$n rows, repetition $rep"
    for engine in interp jit; do
      measure "leadc-$engine" "$n" "$rep" "$LEADC" run "$DEF" --leads "$f" -o "$out.leadc-$engine.csv" --engine "$engine"
      [ $timed = 1 ] || continue
      measure "leadc-$engine-1t" "$n" "$rep" "$LEADC" run "$DEF" --leads "$f" -o "$out.leadc-$engine-1t.csv" --engine "$engine" --threads 1
    done
    [ $timed = 1 ] || continue
    measure memchr "$n" "$rep" "$COUNT" "$f"
    if [ $HAVE_DUCK = 1 ]; then
      measure duckdb "$n" "$rep" "${DUCK_RUN[@]}" query "$ROOT/tools/bench/duckdb_readytalk.sql" "$f" "$out.duckdb.csv"
      measure duckdb-1t "$n" "$rep" "${DUCK_RUN[@]}" query "$ROOT/tools/bench/duckdb_readytalk.sql" "$f" "$out.duckdb-1t.csv" --threads 1
      if [ $HAVE_EMITTED = 1 ]; then
        measure duckdb-emitted "$n" "$rep" "${DUCK_RUN[@]}" query "$EMITTED" "$f" "$out.duckdb-emitted.csv" --table
      fi
    fi
    if [ $HAVE_POLARS = 1 ]; then
      measure polars "$n" "$rep" "${POLARS_RUN[@]}" readytalk "$f" "$out.polars.csv"
      POLARS_MAX_THREADS=1 measure polars-1t "$n" "$rep" "${POLARS_RUN[@]}" readytalk "$f" "$out.polars-1t.csv"
    fi
  done
  # --- agreement: every output against the hand-written DuckDB query ------------------
  if [ $timed = 1 ] && [ $HAVE_DUCK = 1 ]; then
    for other in leadc-interp leadc-jit leadc-interp-1t leadc-jit-1t duckdb-emitted polars polars-1t; do
      [ -f "$out.$other.csv" ] || continue
      if verdict=$("${DUCK_RUN[@]}" compare "$out.duckdb.csv" "$out.$other.csv"); then
        log "$n rows: $other agrees with duckdb: $verdict"
        printf 'agree\t%s\t%s\t%s\n' "$n" "$other" "$verdict" >>"$WORK/agreement.tsv.new"
      else
        log "$n rows: $other DIFFERS from duckdb: $verdict"
        printf 'DIFFER\t%s\t%s\t%s\n' "$n" "$other" "$verdict" >>"$WORK/agreement.tsv.new"
      fi
    done
  fi
  rm -f "$out".*.csv
done
log "load after timing: $(cat /proc/loadavg)"
[ -f "$WORK/agreement.tsv.new" ] && mv "$WORK/agreement.tsv.new" "$WORK/agreement.tsv"
python3 "$ROOT/tools/bench/bench_table.py" "$RESULTS" "$SIZES" "$RSS_SIZES"
fi

if suite behaviour || suite jsonl; then
  # shellcheck source=tools/bench/run_bench_events.sh
  source "$ROOT/tools/bench/run_bench_events.sh"
fi
if grep -q '^DIFFER' "$WORK/agreement.tsv" 2>/dev/null; then
  echo "run_bench.sh: some outputs differ from DuckDB's (see $WORK/agreement.tsv)" >&2
  exit 1
fi
