#!/usr/bin/env bash
# The repository's .pre-commit-hooks.yaml works with the real pre-commit: in a fresh
# git repository, `pre-commit try-repo` runs leadc-check and leadc-fmt over a clean
# definition (passes) and over a vague, badly laid out one (fails, naming E0202).
source "$(dirname "$0")/lib.sh"
SRC=$(pwd)
if ! command -v pre-commit >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pre-commit >/dev/null 2>&1 || true
fi
if ! command -v pre-commit >/dev/null; then echo "skip: pre-commit is not installed and could not be"; finish; exit; fi
export PATH="$(dirname "$LEADC"):$PATH" PRE_COMMIT_HOME="$T/pre-commit-home"
# try-repo needs the hooks file committed: a throwaway clone of this checkout's file.
hooks="$T/hooks"; mkdir -p "$hooks"; cp "$SRC/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q && git -C "$hooks" -c user.email=t@t -c user.name=t add . &&
  git -C "$hooks" -c user.email=t@t -c user.name=t commit -qm hooks
repo="$T/defs"; mkdir -p "$repo"; git -C "$repo" init -q
cp "$SRC/examples/readytalk.lead" "$repo/good.lead"
git -C "$repo" add good.lead
(cd "$repo" && pre-commit try-repo "$hooks" --all-files >"$T/good.out" 2>&1); code=$?
expect_eq "clean definition passes both hooks" 0 "$code"
contains "leadc check ran" "$T/good.out" "leadc check"
printf 'definition "v"\nlead { lead_id: text key\n   x: bool }\nclassify t (first match) {\n  Hot when x and soon\n  Cold otherwise\n}\n' >"$repo/bad.lead"
git -C "$repo" add bad.lead
(cd "$repo" && pre-commit try-repo "$hooks" --all-files >"$T/bad.out" 2>&1); code=$?
expect_eq "vague definition fails" 1 "$code"
contains "the finding is shown" "$T/bad.out" "E0202"
contains "the layout diff is shown" "$T/bad.out" "(formatted)"
finish
