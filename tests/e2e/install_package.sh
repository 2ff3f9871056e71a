#!/usr/bin/env bash
# An install a team can adopt: `cmake --install` to any prefix gives a leadc that finds
# its standard modules relative to itself, and `cpack -G DEB` builds a .deb (binary,
# stdlib, man page from --help, bash completion) whose Depends Debian 12 can satisfy
# and whose leadc, unpacked with `dpkg -x`, checks and runs the bundled example.
source "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$LEADC")
unset LEADC_STDLIB
if ! command -v cpack >/dev/null || [ ! -f "$BUILD/CPackConfig.cmake" ]; then
  echo "skip: no cpack or no CPack configuration in $BUILD"; finish; exit
fi

# --- 1. cmake --install to a prefix; the installed stdlib is the one used
prefix="$T/prefix"
cmake --install "$BUILD" --prefix "$prefix" >"$T/install.log" 2>&1
expect_eq "cmake --install succeeds" 0 $?
expect_exit "installed leadc checks a definition that imports std modules, from another directory" 0 \
  env -C / "$prefix/bin/leadc" check "$PWD/tests/e2e/cases/stdlib_imports.lead"
mv "$prefix/share/leadc/stdlib/waterfall.lead" "$T/waterfall.lead"
expect_exit "with std.waterfall removed from the prefix, the import fails (the prefix's stdlib is read)" 1 \
  "$prefix/bin/leadc" check tests/e2e/cases/stdlib_imports.lead
contains "the missing module is named" "$T/err" "waterfall"
mv "$T/waterfall.lead" "$prefix/share/leadc/stdlib/waterfall.lead"
# SARIF rules link the prefix's own copy of docs/diagnostics.md (a real file).
"$prefix/bin/leadc" check --format sarif tests/golden/cases/E0201_undefined_field_typo.lead > "$T/installed.sarif"
contains "an installed leadc's helpUri is its installed diagnostics.md" "$T/installed.sarif" \
  "\"helpUri\":\"file://$prefix/share/doc/leadc/diagnostics.md#e0201--undefined-name\""

# --- 2. the .deb
(cd "$T" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1)
deb=$(ls "$T"/pkg/leadc_*.deb 2>/dev/null | head -1)
if [ -n "$deb" ]; then ok "cpack built $(basename "$deb")"; else bad "no .deb"; sed 's/^/      /' "$T/cpack.log" | tail -20; finish; exit; fi
dpkg-deb -I "$deb" >"$T/info" 2>&1
contains "the package depends on the Z3 library" "$T/info" "libz3"
contains "the package depends on the ANTLR runtime" "$T/info" "libantlr4-runtime"
dpkg-deb -c "$deb" >"$T/contents"
contains "binary in /usr/bin" "$T/contents" "./usr/bin/leadc"
contains "standard modules in /usr/share/leadc/stdlib" "$T/contents" "./usr/share/leadc/stdlib/units.lead"
contains "bash completion" "$T/contents" "./usr/share/bash-completion/completions/leadc"
contains "man page" "$T/contents" "./usr/share/man/man1/leadc.1"
if [ "$(id -u)" = 0 ]; then
  expect_exit "Debian can satisfy its Depends (dpkg --dry-run -i)" 0 dpkg --dry-run -i "$deb"
fi
root="$T/root"
dpkg -x "$deb" "$root"
expect_exit "the packaged leadc runs" 0 "$root/usr/bin/leadc" --version
contains "it prints its version" "$T/out" "leadc 0.1.0"
expect_exit "the packaged leadc checks std imports" 0 "$root/usr/bin/leadc" check tests/e2e/cases/stdlib_imports.lead
expect_exit "the packaged leadc runs the bundled example" 0 \
  "$root/usr/bin/leadc" run examples/readytalk.lead --leads examples/readytalk_leads.csv -o "$T/out.csv"
expect_exit "the packaged leadc explains a code" 0 "$root/usr/bin/leadc" explain-code E0402
contains "from the documentation built into it" "$T/out" "## E0402 — gap: no label is true"
"$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv -o "$T/want.csv" 2>/dev/null
if cmp -s "$T/out.csv" "$T/want.csv"; then ok "same output as the build tree's leadc"; else bad "outputs differ"; fi
man_page=$(find "$root/usr/share/man/man1" -name 'leadc.1*' | head -1)
if [ -n "$man_page" ] && MANWIDTH=100 man -l "$man_page" 2>/dev/null | grep -q "Subcommands"; then
  ok "the man page renders and lists the subcommands"
else
  bad "man page missing or empty"
fi
# Completion: the subcommands come from `leadc --help`, the options from `leadc CMD --help`.
completion="$root/usr/share/bash-completion/completions/leadc"
words=$(PATH="$root/usr/bin:$PATH" bash -c "source '$completion'; COMP_WORDS=(leadc ''); COMP_CWORD=1; _leadc; echo \${COMPREPLY[*]}")
for c in check test run compile explain diff fmt; do
  case " $words " in *" $c "*) ;; *) bad "completion lacks subcommand $c: $words"; continue ;; esac
done
ok "completion offers the subcommands"
opts=$(PATH="$root/usr/bin:$PATH" bash -c "source '$completion'; COMP_WORDS=(leadc run --le); COMP_CWORD=2; _leadc; echo \${COMPREPLY[*]}")
expect_eq "completion offers run's --leads" "--leads" "$opts"
finish
