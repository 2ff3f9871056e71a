#!/usr/bin/env bash
# A failing example prints its values as `run` and `explain` do: a duration term that
# is not an output in days with its unit (issue 10), money with its currency.
source "$(dirname "$0")/lib.sh"
cat >"$T/d.lead" <<'LEAD'
definition "display"
lead {
  lead_id: text key
  decision_timeframe: duration in days
  revenue: money(USD)
}
term window = decision_timeframe + 1 days
term doubled = revenue * 2
output lead_id
example "days and dollars" {
  given { lead_id: "x", decision_timeframe: 23 days, revenue: 10 USD }
  expect window == 25 days, doubled == 30 USD, decision_timeframe == 23 days
}
LEAD
expect_exit "a failing example exits 1" 1 "$LEADC" test "$T/d.lead"
contains "duration term in days" "$T/err" '`window`: expected 25 days, actual 24 days'
contains "money term in its currency" "$T/err" '`doubled`: expected 30 USD, actual 20 USD'
count_is "an expectation that holds is not reported" "$T/err" '`decision_timeframe`' 0
finish
