#!/usr/bin/env bash
# docs/sql.md's dbt model recipe, run as the page writes it, for every dialect: the
# model has dbt's config line, source() in place of both tables, no CREATE VIEW and
# no final `;`. On SQLite the model, with source() rendered back to the tables, and
# the documented view give the rows the bare query gives, on the behaviour example
# (activities) loaded raw.
# usage: sql_dbt_model.sh LEADC_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

recipe=$(awk '/^leadc compile rating.lead --emit sql --dialect D --view lead_rating/,/> models\/lead_rating.sql$/' docs/sql.md)
[ -n "$recipe" ] && ok "docs/sql.md has the dbt model recipe" || bad "docs/sql.md has the dbt model recipe"

for d in sqlite postgres duckdb clickhouse; do
  cmd=$(printf '%s\n' "$recipe" | sed -e "s#^leadc compile rating.lead#\"\$LEADC\" compile examples/behaviour.lead#" \
    -e "s#--dialect D #--dialect $d --as-of 2026-03-01 #" -e "s#> models/lead_rating.sql#> \"\$T/model_$d.sql\"#")
  LEADC="$LEADC" T="$T" bash -c "set -o pipefail; $cmd" >"$T/out" 2>"$T/err" && ok "$d: the recipe runs" \
    || { bad "$d: the recipe runs"; sed 's/^/      /' "$T/err" | head; continue; }
  m="$T/model_$d.sql"
  expect_eq "$d: the first line is dbt's config" "{{ config(materialized='view') }}" "$(head -n 1 "$m")"
  contains "$d: source() for the leads" "$m" "{{ source('crm', 'leads') }}"
  contains "$d: source() for the events" "$m" "{{ source('crm', 'activities') }}"
  count_is "$d: no CREATE VIEW" "$m" "CREATE VIEW" 0
  count_is "$d: no placeholder left" "$m" '"LEADS"' 0
  if grep -q ';[[:space:]]*$' "$m"; then bad "$d: no final ;"; else ok "$d: no final ;"; fi
done

if command -v sqlite3 >/dev/null; then
  load=".mode csv
.import examples/behaviour_leads.csv leadc_raw_in
.import examples/behaviour_events.csv activities
CREATE TABLE leads AS SELECT rowid AS leadc_row, * FROM leadc_raw_in;
.mode csv"
  # A fixed as-of time: the three queries run at different moments (decay).
  "$LEADC" compile examples/behaviour.lead --emit sql --dialect sqlite --as-of 2026-03-01 --order-by leadc_row \
    --table leads --activities-table activities >"$T/query.sql" 2>/dev/null
  sed -e '1d' -e "s/{{ source('crm', 'leads') }}/\"leads\"/" -e "s/{{ source('crm', 'activities') }}/\"activities\"/" \
    "$T/model_sqlite.sql" >"$T/model_rendered.sql"
  printf '%s\n%s\n' "$load" "$(cat "$T/query.sql")" | sqlite3 :memory: >"$T/query.out" 2>&1
  printf '%s\n%s;\n' "$load" "$(cat "$T/model_rendered.sql")" | sqlite3 :memory: >"$T/model.out" 2>&1
  "$LEADC" compile examples/behaviour.lead --emit sql --dialect sqlite --as-of 2026-03-01 --view lead_rating \
    --order-by leadc_row >"$T/view.sql" 2>/dev/null
  printf '%s\n%s\nSELECT * FROM lead_rating;\n' "$load" "$(cat "$T/view.sql")" | sqlite3 :memory: >"$T/view.out" 2>&1
  rows=$(wc -l <"$T/query.out")
  [ "$rows" -gt 1 ] && ok "sqlite: the query gives $rows rows" || { bad "sqlite: the query gives rows"; head "$T/query.out"; }
  if cmp -s "$T/query.out" "$T/model.out"; then ok "sqlite: the rendered model gives the query's rows"; else
    bad "sqlite: the rendered model gives the query's rows"; diff "$T/query.out" "$T/model.out" | head; fi
  if cmp -s "$T/query.out" "$T/view.out"; then ok "sqlite: the view gives the query's rows"; else
    bad "sqlite: the view gives the query's rows"; diff "$T/query.out" "$T/view.out" | head; fi
else
  bad "sqlite3 is not installed (apt-get install sqlite3)"
fi
finish
