#!/usr/bin/env bash
# The VS Code extension (editors/vscode) packaged as a .vsix with npm @vscode/vsce, the
# way it would be published: vsce and the extension's own dependency
# (vscode-languageclient) installed from the npm registry into the build tree (not
# globally; kept there, so later runs do not install again), the package built in the
# scratch folder, and its contents read back. Skipped, saying so, without node/npm or
# when the registry cannot be reached.
source "$(dirname "$0")/lib.sh"
NPM_DIR="$(dirname "$LEADC")/npm-vsce"
if ! command -v npm >/dev/null || ! command -v node >/dev/null || ! command -v python3 >/dev/null; then
  echo "skip  packaging the VS Code extension: node/npm are not installed"
  finish
  exit
fi
if [ ! -x "$NPM_DIR/node_modules/.bin/vsce" ]; then
  mkdir -p "$NPM_DIR"
  npm install --prefix "$NPM_DIR" @vscode/vsce@3 >"$T/npm.log" 2>&1 || rm -rf "$NPM_DIR/node_modules"
fi
DEPS_DIR="$NPM_DIR/extension-deps"
if [ ! -d "$DEPS_DIR/node_modules/vscode-languageclient" ]; then
  mkdir -p "$DEPS_DIR"
  cp editors/vscode/package.json "$DEPS_DIR/"
  (cd "$DEPS_DIR" && npm install --omit=dev >>"$T/npm.log" 2>&1) || rm -rf "$DEPS_DIR/node_modules"
fi
if [ ! -x "$NPM_DIR/node_modules/.bin/vsce" ] || [ ! -d "$DEPS_DIR/node_modules/vscode-languageclient" ]; then
  echo "skip  packaging the VS Code extension: npm could not install @vscode/vsce or vscode-languageclient"
  sed 's/^/      /' "$T/npm.log" | tail -5
  finish
  exit
fi

# A copy of the extension folder with its dependencies, as `npm install` leaves it.
cp -r editors/vscode "$T/ext"
cp -r "$DEPS_DIR/node_modules" "$T/ext/node_modules"
version=$(python3 -c 'import json; print(json.load(open("editors/vscode/package.json"))["version"])')
(cd "$T/ext" && "$NPM_DIR/node_modules/.bin/vsce" package -o "$T/leadc-lead.vsix" </dev/null >"$T/vsce.log" 2>&1) \
  && ok "vsce packages the extension" || { bad "vsce packages the extension"; sed 's/^/      /' "$T/vsce.log" | tail -20; }
if [ -f "$T/leadc-lead.vsix" ]; then
  python3 - "$T/leadc-lead.vsix" "$version" <<'PY' && ok "the .vsix holds the manifest, client, grammar and language client" \
    || bad "the .vsix contents"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
for need in ["extension/package.json", "extension/extension.js", "extension/language-configuration.json",
             "extension/syntaxes/lead.tmLanguage.json", "extension/node_modules/vscode-languageclient/package.json",
             "extension.vsixmanifest"]:
    assert need in names, need
m = json.loads(z.read("extension/package.json"))
assert m["contributes"]["languages"][0]["extensions"] == [".lead"]
vsix = z.read("extension.vsixmanifest").decode()
assert 'Version="%s"' % sys.argv[2] in vsix and "leadc-lead" in vsix, vsix[:400]
# Nothing of the build or test tree slipped in (.vscodeignore).
assert not any(n.startswith("extension/node_modules/.bin/") or n.endswith(".vsix") for n in names)
PY
fi
finish
