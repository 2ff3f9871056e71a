#!/usr/bin/env bash
# Reliability (issue 19), paths, imports and the JIT cache: no command overwrites one
# of its inputs or one output with another; outputs are written through symlinks;
# temporaries of a killed run and stale rejects files are cleaned; an import cannot
# leave the tree, read a device or a FIFO, or print a file that is not a definition;
# `--set` takes one literal; a poisoned JIT cache entry never runs.
# Invoked by CTest as: reliability_paths.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"

D="$T/w"
mkdir -p "$D"
cat > "$D/def.lead" <<'EOF'
lead {
  lead_id:   text key
  employees: int
}
term big = employees >= 100
classify size (first match) {
  Large when big
  Small otherwise
}
output lead_id, size
EOF
printf 'lead_id,employees\na,10\nb,500\n' > "$D/leads.csv"
printf 'lead_id,employees\na,10\nb,oops\nc,500\n' > "$D/bad.csv"
cp "$D/def.lead" "$D/def.orig"
cp "$D/leads.csv" "$D/leads.orig"
cp "$D/bad.csv" "$D/bad.orig"
unchanged() {  # NAME FILE ORIGINAL
  if cmp -s "$2" "$3"; then ok "$1"; else bad "$1: $2 was changed"; fi
}
run() { "$LEADC" run "$D/def.lead" "$@"; }

# --- 1. an output that is an input, or another output, is refused (exit 2) before anything is written
expect_exit "run -o LEADS is refused" 2 run --leads "$D/leads.csv" -o "$D/leads.csv"
contains "the message names both roles" "$T/err" "the lead file"
unchanged "the lead file is intact" "$D/leads.csv" "$D/leads.orig"
expect_exit "run -o DEF is refused" 2 run --leads "$D/leads.csv" -o "$D/def.lead"
unchanged "the definition is intact" "$D/def.lead" "$D/def.orig"
expect_exit "run --rejects DEF is refused" 2 run --leads "$D/bad.csv" --on-error skip -o "$D/o.csv" --rejects "$D/def.lead"
unchanged "the definition is intact after --rejects" "$D/def.lead" "$D/def.orig"
expect_exit "run --rejects LEADS is refused" 2 run --leads "$D/bad.csv" --on-error skip -o "$D/o.csv" --rejects "$D/bad.csv"
unchanged "the lead file is intact after --rejects" "$D/bad.csv" "$D/bad.orig"
expect_exit "run -o X --rejects X is refused" 2 run --leads "$D/bad.csv" --on-error skip -o "$D/x.csv" --rejects "$D/x.csv"
contains "one output would overwrite the other" "$T/err" "overwrite the other"
if [ ! -e "$D/x.csv" ]; then ok "no file written for -o X --rejects X"; else bad "x.csv was written"; fi
ln -s leads.csv "$D/alias.csv"
ln "$D/leads.csv" "$D/hard.csv"
expect_exit "run -o through a symlink to the lead file is refused" 2 run --leads "$D/leads.csv" -o "$D/alias.csv"
expect_exit "run -o on a hard link of the lead file is refused" 2 run --leads "$D/leads.csv" -o "$D/hard.csv"
expect_exit "run -o ./LEADS (another spelling) is refused" 2 run --leads "$D/leads.csv" -o "$D/./../w/leads.csv"
unchanged "the lead file is intact after the aliases" "$D/leads.csv" "$D/leads.orig"
# An imported definition is an input too.
mkdir -p "$D/shared"
printf 'term tiny = employees < 5\n' > "$D/shared/seg.lead"
cp "$D/shared/seg.lead" "$D/seg.orig"
{ echo 'import "shared/seg.lead"'; cat "$D/def.orig"; } > "$D/imp.lead"
expect_exit "run -o IMPORTED is refused" 2 "$LEADC" run "$D/imp.lead" --leads "$D/leads.csv" -o "$D/shared/seg.lead"
contains "the import is named" "$T/err" "an imported definition"
unchanged "the imported file is intact" "$D/shared/seg.lead" "$D/seg.orig"
expect_exit "run with distinct paths still works" 0 run --leads "$D/leads.csv" -o "$D/out.csv"
# diff -o
cp "$D/def.lead" "$D/def2.lead"
expect_exit "diff -o LEADS is refused" 2 "$LEADC" diff "$D/def.lead" "$D/def2.lead" --leads "$D/leads.csv" -o "$D/leads.csv"
unchanged "the lead file is intact after diff" "$D/leads.csv" "$D/leads.orig"
expect_exit "diff -o OLD is refused" 2 "$LEADC" diff "$D/def.lead" "$D/def2.lead" --leads "$D/leads.csv" -o "$D/def.lead"
unchanged "the old definition is intact after diff" "$D/def.lead" "$D/def.orig"
expect_exit "diff -o elsewhere works" 0 "$LEADC" diff "$D/def.lead" "$D/def2.lead" --leads "$D/leads.csv" -o "$D/changed.csv"
# test --junit
expect_exit "test --junit DEF is refused" 2 "$LEADC" test "$D/def.lead" --junit "$D/def.lead"
unchanged "the definition is intact after --junit" "$D/def.lead" "$D/def.orig"
expect_exit "test --junit elsewhere works" 0 "$LEADC" test "$D/def.lead" --junit "$D/junit.xml"
contains "the report was written" "$D/junit.xml" "<testsuite"
# fmt: the same file named twice is refused before anything is rewritten
printf 'lead {\n lead_id: text key\n}\noutput   lead_id\n' > "$D/ugly.lead"
cp "$D/ugly.lead" "$D/ugly.orig"
ln -s ugly.lead "$D/ugly_link.lead"
expect_exit "fmt of one file under two names is refused" 2 "$LEADC" fmt "$D/ugly.lead" "$D/ugly_link.lead"
unchanged "nothing was rewritten" "$D/ugly.lead" "$D/ugly.orig"

# --- 2. -o and fmt write through a symlink: the link stays a link
mkdir -p "$D/real"
echo old > "$D/real/target.csv"
ln -s real/target.csv "$D/out_link.csv"
expect_exit "run -o LINK works" 0 run --leads "$D/leads.csv" -o "$D/out_link.csv"
if [ -L "$D/out_link.csv" ]; then ok "-o: the link is still a link"; else bad "-o replaced the symlink"; fi
contains "-o: the target holds the output" "$D/real/target.csv" "lead_id,size"
expect_exit "fmt through a symlink works" 0 "$LEADC" fmt "$D/ugly_link.lead"
if [ -L "$D/ugly_link.lead" ]; then ok "fmt: the link is still a link"; else bad "fmt replaced the symlink"; fi
if ! cmp -s "$D/ugly.lead" "$D/ugly.orig"; then ok "fmt: the target was formatted"; else bad "fmt left the target as it was"; fi

# --- 3. temporaries of a killed run are removed; a run with no rejects removes an old rejects file
( exit 0 ) & dead=$!; wait "$dead"
touch "$D/.out.csv.leadc-tmp.$dead.AbCdEf"
expect_exit "a run after a crash works" 0 run --leads "$D/leads.csv" -o "$D/out.csv"
if [ ! -e "$D/.out.csv.leadc-tmp.$dead.AbCdEf" ]; then ok "the dead run's temporary is gone"; else bad "stale temporary left"; fi
if [ -z "$(ls -A "$D" | grep leadc-tmp)" ]; then ok "no temporaries left next to the output"; else bad "temporaries: $(ls -A "$D" | grep leadc-tmp)"; fi
expect_exit "a run with a bad row writes rejects" 0 run --leads "$D/bad.csv" --on-error skip -o "$D/r.csv"
if [ -f "$D/r.csv.rejects.csv" ]; then ok "rejects file written"; else bad "no rejects file"; fi
expect_exit "the next run has no rejects" 0 run --leads "$D/leads.csv" --on-error skip -o "$D/r.csv"
if [ ! -e "$D/r.csv.rejects.csv" ]; then ok "the old rejects file was removed"; else bad "stale rejects file left"; fi
contains "the summary says so" "$T/err" "removed the rejects file of an earlier run"
echo stale > "$D/b.csv.events.rejects.csv"
expect_exit "a run with clean events" 0 "$LEADC" run examples/behaviour.lead --leads examples/behaviour_leads.csv --activities examples/behaviour_events.csv --as-of 2026-11-22 --on-error skip -o "$D/b.csv"
if [ ! -e "$D/b.csv.events.rejects.csv" ]; then ok "the old events rejects file was removed"; else bad "stale events rejects file left"; fi
contains "the summary says so for events" "$T/err" "removed the events rejects file of an earlier run"

# --- 4. imports: the tree, regular files, a size limit, no contents of foreign files
ln -s /proc/self "$D/p"
printf 'import "p/environ"\n' > "$D/leak.lead"
cat "$D/def.orig" >> "$D/leak.lead"
LEADC_CANARY=secret123 "$LEADC" check "$D/leak.lead" >"$T/out" 2>"$T/err"
expect_eq "import through /proc/self is an error (exit 1)" 1 $?
if ! grep -q secret123 "$T/out" "$T/err"; then ok "the canary does not appear"; else bad "the environment leaked"; fi
contains "E0002 says the import leaves the tree" "$T/err" "leaves the folder"
mkfifo "$D/pipe.lead"
printf 'import "pipe.lead"\n' > "$D/fifo.lead"
cat "$D/def.orig" >> "$D/fifo.lead"
timeout 10 "$LEADC" check "$D/fifo.lead" >"$T/out" 2>"$T/err"
expect_eq "a FIFO import is an error, not a hang" 1 $?
contains "the FIFO is named as such" "$T/err" "not a regular file"
mkdir -p "$D/adir"
printf 'import "adir"\n' > "$D/dir.lead"
cat "$D/def.orig" >> "$D/dir.lead"
expect_exit "importing a directory is an error" 1 "$LEADC" check "$D/dir.lead"
matches "with E0002 at the import" "$T/err" "dir.lead:1:1: error\[E0002\]"
printf 'import ""\n' > "$D/empty.lead"
cat "$D/def.orig" >> "$D/empty.lead"
expect_exit "importing \"\" is an error" 1 "$LEADC" check "$D/empty.lead"
contains "E0002 for the empty path" "$T/err" "error[E0002]"
echo "AWS_SECRET=canary456 is not a definition" > "$D/notes.txt"
printf 'import "notes.txt"\n' > "$D/txt.lead"
cat "$D/def.orig" >> "$D/txt.lead"
expect_exit "importing a non-.lead file is an error" 1 "$LEADC" check "$D/txt.lead"
if ! grep -q canary456 "$T/out" "$T/err"; then ok "the text file's contents are not shown"; else bad "the text file was printed"; fi
head -c 1100000 /dev/zero | tr '\0' ' ' > "$D/huge.lead"
printf 'import "huge.lead"\n' > "$D/big.lead"
cat "$D/def.orig" >> "$D/big.lead"
expect_exit "an import over the size limit is an error" 1 "$LEADC" check "$D/big.lead"
contains "the message gives the limit" "$T/err" "1 MiB"

# --- 5. --set takes one literal
expect_exit "--set with two declarations is a usage error" 2 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv -o "$T/set2.csv" --set 'hot_window=60 days const y = 2'
contains "the message says why" "$T/err" "must be one literal"
if [ ! -e "$T/set2.csv" ]; then ok "no output after a refused --set"; else bad "output written"; fi
expect_exit "--set with an expression is a usage error" 2 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv --set 'hot_window=60 days + 1 days'
expect_exit "--set with one literal still works" 0 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv -o "$T/set1.csv" --set 'hot_window=60 days'

# --- 6. a number literal beyond a double is a located E0101
printf 'lead {\n  lead_id: text key\n  n: int\n}\nterm big = n > 1%0309d\noutput lead_id, big\n' 0 > "$D/huge_number.lead"
expect_exit "a literal >= 1e309 is a finding" 1 "$LEADC" check "$D/huge_number.lead"
matches "E0101 at the literal" "$T/err" "huge_number.lead:5:16: error\[E0101\]: this number is too large"

# --- 7. a poisoned JIT cache entry never runs (skipped in a build without the JIT)
if [ "${LEADC_JIT:-1}" = "0" ] || [ "${LEADC_JIT:-1}" = "FALSE" ]; then
  ok "no JIT in this build (cache poisoning skipped)"
else
  export XDG_CACHE_HOME="$T/cache"
  unset LEADC_JIT_CACHE
  printf 'lead {\n  lead_id: text key\n  note: text?\n  a: int\n  b: number?\n}\nterm x = a > 3 and b < 2.5\nterm y = note starts_with "z"\noutput lead_id, x, y\n' > "$D/other.lead"
  printf 'lead_id,note,a,b\nk1,zz,5,1\nk2,,1,\n' > "$D/other.csv"
  run --leads "$D/leads.csv" -o "$D/jit_ref.csv" --engine interp 2>/dev/null
  "$LEADC" run "$D/other.lead" --leads "$D/other.csv" -o /dev/null --engine jit 2>/dev/null
  first=$(ls "$XDG_CACHE_HOME/leadc"/*.o)
  run --leads "$D/leads.csv" -o /dev/null --engine jit 2>/dev/null
  second=""
  for f in "$XDG_CACHE_HOME/leadc"/*.o; do [ "$f" != "$first" ] && second=$f; done
  cp "$first" "$second"  # other.lead's valid entry under def.lead's key
  expect_exit "a run over a poisoned entry succeeds" 0 run --leads "$D/leads.csv" -o "$D/jit_out.csv" --engine jit
  if cmp -s "$D/jit_ref.csv" "$D/jit_out.csv"; then ok "with the right results (the entry was rebuilt)"; else bad "wrong results from a poisoned cache"; fi
  if ! cmp -s "$first" "$second"; then ok "the poisoned entry was replaced"; else bad "the poisoned entry is still there"; fi
fi

finish
