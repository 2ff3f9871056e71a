#!/usr/bin/env bash
# Determinism of the analysis: solver budgets are Z3 resource limits, not wall-clock
# time, so checking the same files again gives byte-identical findings — with the
# default budget and with a tiny --solver-timeout, where what cannot be decided is a
# W0406 warning and never an error (E04xx) on a definition that has none.
# usage: analysis_determinism.sh LEADC_BINARY SOURCE_DIR
set -euo pipefail
LEADC=$(realpath "$1")
SRC=$(realpath "$2")
WORK=$(mktemp -d /tmp/leadc-determinism.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Clean: unions of event conditions, windows in latest, and (in many.lead) more
# independent event conditions than the analysis splits into cells.
cat > "$WORK/clean.lead" <<'EOF'
definition "Clean events"
lead {
  lead_id: text key
  vip: bool
}
activity {
  lead_id: text key
  kind:    enum { demo, trial, visit }
  at:      timestamp
  length:  duration? in seconds
}
classify hand (unique) {
  Raised when any(activity where kind in [demo, trial])
  Quiet  when none(activity where kind == demo) and none(activity where kind == trial)
}
classify watch (unique) {
  Long    when any(activity where length >= 60 seconds)
  Short   when none(activity where length >= 60 seconds) and any(activity where length < 60 seconds)
  Unknown when none(activity where length >= 60 seconds) and none(activity where length < 60 seconds) and any(activity where length is missing)
  Nothing when none(activity)
}
classify seen (unique) {
  Recent when days_since(latest(activity.at where kind == visit within 30 days)) <= 30
  Never  when none(activity where kind == visit within 30 days)
}
output lead_id, hand, watch, seen
EOF
n=0
{
  sed -n '1,10p' "$WORK/clean.lead"
  echo '  amount: int?'
  echo '  rating: number?'
  echo '  note:   text?'
  echo '  done:   bool?'
  echo '  paid:   money(USD)?'
  echo '}'
  for t in "length >= 60 seconds" "amount > 5" "rating > 0.5" "paid > 10 USD" 'note == "x"' "done" \
           "at >= 2026-01-01T00:00:00Z"; do
    echo "term t_$((++n)) = any(activity where $t)"
  done
  sed -n '/^classify hand/,/^}/p' "$WORK/clean.lead"
  echo 'output lead_id, hand, t_1, t_2, t_3, t_4, t_5, t_6, t_7'
} > "$WORK/many.lead"

# Nonlinear: products of fields (decidable ones and one, x³ + y³ = z³, that the solver
# cannot decide): every question must end on its resource limit, never on the clock.
cat > "$WORK/nonlinear.lead" <<'EOF'
definition "Nonlinear"
lead {
  lead_id:  text key
  price:    int
  quantity: int
  x:        int
  y:        int
  z:        int
}
term cube = x > 0 and y > 0 and z > 0 and x * x * x + y * y * y == z * z * z
classify deal (unique) {
  Large when price * quantity > 1000
  Small when price * quantity <= 1000 and price > 0
  Odd   when price * price == 2 * quantity * quantity and quantity > 0
}
output lead_id, cube, deal
EOF

files=("$WORK/clean.lead" "$WORK/many.lead" "$WORK/nonlinear.lead" "$SRC/examples/sample_a.lead" "$SRC/examples/readytalk.lead")
for timeout in 2000 1; do
  "$LEADC" check "${files[@]}" --format json --solver-timeout "$timeout" > "$WORK/first.json" || true
  for run in 2 3; do
    "$LEADC" check "${files[@]}" --format json --solver-timeout "$timeout" > "$WORK/again.json" || true
    if ! cmp -s "$WORK/first.json" "$WORK/again.json"; then
      echo "run $run with --solver-timeout $timeout differs from the first:"
      diff "$WORK/first.json" "$WORK/again.json" | head -20
      exit 1
    fi
  done
  for f in clean many; do
    "$LEADC" check "$WORK/$f.lead" --format json --solver-timeout "$timeout" > "$WORK/$f.json" || true
    if grep -q '"code": *"E04' "$WORK/$f.json"; then
      echo "$f.lead with --solver-timeout $timeout has an error:"
      cat "$WORK/$f.json"
      exit 1
    fi
  done
  if ! grep -q '"code": *"W0406' "$WORK/many.json"; then
    echo "many.lead with --solver-timeout $timeout: the undecided relations should give a W0406:"
    cat "$WORK/many.json"
    exit 1
  fi
done
# Its undecided questions end on their resource limits: the whole check takes less
# than the wall-clock safety net of one question (2 x 4 s + 0.2 s); with Z3's default
# arithmetic solver each of them ran until that net.
start=$(date +%s)
"$LEADC" check "$WORK/nonlinear.lead" --format json --solver-timeout 4000 > "$WORK/nl.json" || true
took=$(( $(date +%s) - start ))
if [ "$took" -ge 8 ]; then
  echo "nonlinear.lead took ${took} s with --solver-timeout 4000: a question ended on the clock"
  cat "$WORK/nl.json"
  exit 1
fi
if ! grep -q '"code": *"W0406' "$WORK/nl.json"; then
  echo "nonlinear.lead: some questions should be undecided (W0406):"
  cat "$WORK/nl.json"
  exit 1
fi
echo "findings are byte-identical across runs, and undecided ones are W0406"
echo "nonlinear questions end on the resource limit (${took} s at --solver-timeout 4000)"
