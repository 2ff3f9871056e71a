# Shared by the end-to-end scripts, which CTest runs as `bash SCRIPT LEADC SOURCE_DIR`:
# sets LEADC and the working folder, a scratch folder $T, a failure count, and the
# assertions. Each script ends with `finish`.
set -uo pipefail
LEADC=$(realpath "$1")
cd "$2" || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok()  { echo "ok    $1"; }
bad() { echo "FAIL  $1"; fails=$((fails + 1)); }
expect_exit() {  # NAME EXPECTED_CODE CMD...  (stdout in $T/out, stderr in $T/err)
  local name=$1 want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; local got=$?
  if [ "$got" = "$want" ]; then ok "$name"; else bad "$name (exit $got, want $want)"; sed 's/^/      /' "$T/err" | head -20; fi
}
contains() {  # NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then ok "$1"; else bad "$1: no \`$3\` in output"; sed 's/^/      /' "$2" | head -40; fi
}
matches() {  # NAME FILE REGEX (extended)
  if grep -qE -- "$3" "$2"; then ok "$1"; else bad "$1: no line matching /$3/"; sed 's/^/      /' "$2" | head -40; fi
}
count_is() {  # NAME FILE TEXT N
  local n; n=$(grep -cF -- "$3" "$2")
  if [ "$n" = "$4" ]; then ok "$1"; else bad "$1: $n x \`$3\`, want $4"; fi
}
expect_eq() {  # NAME WANT GOT
  if [ "$2" = "$3" ]; then ok "$1"; else bad "$1"; echo "  want: $2"; echo "  got:  $3"; fi
}
finish() {
  echo "$fails failed"
  [ "$fails" = 0 ]
}
