# Sourced by run_bench.sh (after its tools and `measure`): the behaviour-scoring and
# JSON Lines suites. Results go to $WORK/results_events.tsv; the table is printed by
# bench_events_table.py.
EV_RESULTS=$WORK/results_events.tsv
printf 'name\trows\trep\twall_s\tcpu_s\tinner_s\tmaxrss_kb\tbytes\tload1\n' >"$EV_RESULTS"
export MEASURE_RESULTS=$EV_RESULTS
BDEF=$ROOT/examples/behaviour.lead
RDEF=$ROOT/examples/readytalk.lead
BEHAVIOUR_TIMED=${BEHAVIOUR_EVENTS##* }
: >"$WORK/agreement_events.tsv"
agree() {  # NAME A.csv B.csv [--columns …]
  local name=$1 a=$2 b=$3
  shift 3
  if verdict=$("${DUCK_RUN[@]}" compare "$a" "$b" "$@"); then
    log "$name agrees: $verdict"
    printf 'agree\t%s\t%s\n' "$name" "$verdict" >>"$WORK/agreement_events.tsv"
  else
    log "$name DIFFERS: $verdict"
    printf 'DIFFER\t%s\t%s\n' "$name" "$verdict" >>"$WORK/agreement_events.tsv"
  fi
}

if suite behaviour; then
  BLEADS=$WORK/behaviour_leads_$BEHAVIOUR_LEADS.csv
  events_file() { echo "$WORK/events_${BEHAVIOUR_LEADS}_$1.csv"; }
  for e in $BEHAVIOUR_EVENTS; do
    if [ ! -s "$(events_file "$e")" ] || [ ! -s "$BLEADS" ]; then
      log "generating $BEHAVIOUR_LEADS leads and $e events"
      "$GEN_EVENTS" "$BEHAVIOUR_LEADS" "$e" "$BLEADS" "$(events_file "$e")" --seed "$SEED"
    fi
  done
  log "behaviour: load before timing: $(cat /proc/loadavg)"
  for f in "$BLEADS" $(for e in $BEHAVIOUR_EVENTS; do events_file "$e"; done); do "$COUNT" "$f" >/dev/null 2>&1; done
  for rep in $(seq 1 "$REPS"); do
    for e in $BEHAVIOUR_EVENTS; do
      E=$(events_file "$e")
      log "behaviour: $BEHAVIOUR_LEADS leads x $e events, repetition $rep"
      MEASURE_FILE=$E measure leadc-behaviour "$e" "$rep" "$LEADC" run "$BDEF" --leads "$BLEADS" --activities "$E" \
        --as-of 2026-11-22 -o "$WORK/out_b_$e.leadc.csv"
      cp "$WORK/last.err" "$WORK/leadc_behaviour_$e.summary"
      [ "$e" = "$BEHAVIOUR_TIMED" ] || continue
      if [ $HAVE_DUCK = 1 ]; then
        MEASURE_FILE=$E measure duckdb-behaviour "$e" "$rep" "${DUCK_RUN[@]}" query "$ROOT/tools/bench/duckdb_behaviour.sql" \
          "$BLEADS" "$WORK/out_b_$e.duckdb.csv" --events "$E"
      fi
      if [ $HAVE_POLARS = 1 ]; then
        MEASURE_FILE=$E measure polars-behaviour "$e" "$rep" "${POLARS_RUN[@]}" behaviour "$BLEADS" "$E" "$WORK/out_b_$e.polars.csv"
      fi
      MEASURE_FILE=$E measure leadc-behaviour-1t "$e" "$rep" "$LEADC" run "$BDEF" --leads "$BLEADS" --activities "$E" \
        --as-of 2026-11-22 -o "$WORK/out_b_$e.leadc-1t.csv" --threads 1
    done
  done
  cmp -s "$WORK/out_b_$BEHAVIOUR_TIMED.leadc.csv" "$WORK/out_b_$BEHAVIOUR_TIMED.leadc-1t.csv" \
    && log "behaviour: all threads and --threads 1 give the same bytes" \
    || { log "behaviour: --threads 1 output DIFFERS"; printf 'DIFFER\tbehaviour threads\t\n' >>"$WORK/agreement_events.tsv"; }
  if [ $HAVE_DUCK = 1 ]; then
    agree "behaviour leadc vs duckdb" "$WORK/out_b_$BEHAVIOUR_TIMED.duckdb.csv" "$WORK/out_b_$BEHAVIOUR_TIMED.leadc.csv" \
      --columns route,behaviour,hand_raised
    [ $HAVE_POLARS = 1 ] && agree "behaviour polars vs duckdb" "$WORK/out_b_$BEHAVIOUR_TIMED.duckdb.csv" \
      "$WORK/out_b_$BEHAVIOUR_TIMED.polars.csv" --columns route,behaviour,hand_raised
  fi
  # --on-error skip with a bad event in every 1000th: read = used + rejected.
  first_e=${BEHAVIOUR_EVENTS%% *}
  BAD=$WORK/events_bad_$first_e.csv
  [ -s "$BAD" ] || "$GEN_EVENTS" "$BEHAVIOUR_LEADS" "$first_e" "$WORK/behaviour_leads_bad.csv" "$BAD" --seed "$SEED" --bad-every 1000
  "$LEADC" run "$BDEF" --leads "$BLEADS" --activities "$BAD" --as-of 2026-11-22 --on-error skip \
    -o "$WORK/out_b_bad.csv" 2>"$WORK/bad.err" || true
  want="$first_e events read, $((first_e / 1000)) rejected"
  if grep -q "$want" "$WORK/bad.err"; then
    log "behaviour --on-error skip: $want"
    printf 'agree\tskip bad events\t%s\n' "$want" >>"$WORK/agreement_events.tsv"
  else
    log "behaviour --on-error skip: wanted '$want', got: $(grep activities "$WORK/bad.err")"
    printf 'DIFFER\tskip bad events\t%s\n' "$want" >>"$WORK/agreement_events.tsv"
  fi
  rm -f "$WORK"/out_b_*.csv "$WORK"/out_b_bad.csv.*
fi

if suite jsonl; then
  CSV=$(leads_file "$JSONL_ROWS")
  JSONL=$WORK/leads_$JSONL_ROWS.jsonl
  [ -s "$CSV" ] || "$GEN" "$JSONL_ROWS" "$CSV" --seed "$SEED"
  if [ ! -s "$JSONL" ] && [ $HAVE_DUCK = 1 ]; then
    log "writing $JSONL_ROWS rows as JSON Lines"
    "${DUCK_RUN[@]}" to-jsonl "$CSV" "$JSONL"
  fi
  # duckdb_readytalk.sql with read_json over the same typed columns.
  JSQL=$WORK/duckdb_readytalk_json.sql
  python3 - "$ROOT/tools/bench/duckdb_readytalk.sql" "$JSQL" <<'PY'
import sys
s = open(sys.argv[1]).read()
old = "read_csv('{{LEADS}}', header = true, delim = ',', quote = '\"', escape = '\"',\n    auto_detect = false,"
assert old in s, "duckdb_readytalk.sql changed: update run_bench_events.sh"
open(sys.argv[2], "w").write(s.replace(old, "read_json('{{LEADS}}', format = 'newline_delimited',"))
PY
  log "jsonl: load before timing: $(cat /proc/loadavg)"
  "$COUNT" "$JSONL" >/dev/null 2>&1
  for rep in $(seq 1 "$REPS"); do
    log "jsonl: $JSONL_ROWS rows, repetition $rep"
    MEASURE_FILE=$JSONL measure leadc-jsonl "$JSONL_ROWS" "$rep" "$LEADC" run "$RDEF" --leads "$JSONL" -o "$WORK/out_j.leadc.csv"
    if [ $HAVE_DUCK = 1 ]; then
      MEASURE_FILE=$JSONL measure duckdb-jsonl "$JSONL_ROWS" "$rep" "${DUCK_RUN[@]}" query "$JSQL" "$JSONL" "$WORK/out_j.duckdb.csv"
    fi
    if [ $HAVE_POLARS = 1 ]; then
      MEASURE_FILE=$JSONL measure polars-jsonl "$JSONL_ROWS" "$rep" "${POLARS_RUN[@]}" readytalk "$JSONL" "$WORK/out_j.polars.csv"
    fi
    MEASURE_FILE=$CSV measure leadc-csv "$JSONL_ROWS" "$rep" "$LEADC" run "$RDEF" --leads "$CSV" -o "$WORK/out_j.leadc-csv.csv"
  done
  cmp -s "$WORK/out_j.leadc.csv" "$WORK/out_j.leadc-csv.csv" && log "jsonl: leadc gives the CSV run's bytes" \
    || { log "jsonl: leadc output DIFFERS from the CSV run's"; printf 'DIFFER\tjsonl vs csv\t\n' >>"$WORK/agreement_events.tsv"; }
  [ $HAVE_DUCK = 1 ] && agree "jsonl leadc vs duckdb read_json" "$WORK/out_j.duckdb.csv" "$WORK/out_j.leadc.csv"
  [ $HAVE_DUCK = 1 ] && [ $HAVE_POLARS = 1 ] && agree "jsonl polars vs duckdb read_json" "$WORK/out_j.duckdb.csv" "$WORK/out_j.polars.csv"
  rm -f "$WORK"/out_j.*.csv
fi
unset MEASURE_RESULTS
python3 "$ROOT/tools/bench/bench_events_table.py" "$EV_RESULTS" "$BEHAVIOUR_EVENTS"
if grep -q '^DIFFER' "$WORK/agreement_events.tsv"; then
  echo "run_bench.sh: some outputs differ (see $WORK/agreement_events.tsv)" >&2
  exit 1
fi
