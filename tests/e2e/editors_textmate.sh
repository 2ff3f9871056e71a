#!/usr/bin/env bash
# The TextMate grammar (editors/vscode/syntaxes/lead.tmLanguage.json) tokenized as VS
# Code does, with npm vscode-textmate + vscode-oniguruma installed into the build tree
# (not globally), over every example and standard module.
source "$(dirname "$0")/lib.sh"
NPM_DIR="$(dirname "$LEADC")/npm-editors"
if [ ! -d "$NPM_DIR/node_modules/vscode-textmate" ] || [ ! -d "$NPM_DIR/node_modules/vscode-oniguruma" ]; then
  if command -v npm >/dev/null; then
    mkdir -p "$NPM_DIR"
    npm install --prefix "$NPM_DIR" vscode-textmate@9 vscode-oniguruma@2 >/dev/null 2>&1 || bad "npm install vscode-textmate vscode-oniguruma"
  fi
fi
if [ -d "$NPM_DIR/node_modules/vscode-textmate" ] && command -v node >/dev/null; then
  node tests/e2e/editors/textmate_check.js "$NPM_DIR/node_modules" "$(pwd)" || fails=$((fails + 1))
else
  echo "skip  the grammar check: node/npm or the npm packages are not available"
fi
# The extension folder: its manifest names files that exist, the language and grammar agree.
python3 - <<'PY' && ok "the VS Code extension's manifest is consistent" || bad "the VS Code extension's manifest"
import json, os
d = "editors/vscode"
m = json.load(open(os.path.join(d, "package.json")))
lang, = m["contributes"]["languages"]
gram, = m["contributes"]["grammars"]
assert lang["id"] == gram["language"] == "lead" and lang["extensions"] == [".lead"]
for p in [m["main"], lang["configuration"], gram["path"]]:
    assert os.path.isfile(os.path.join(d, p)), p
assert json.load(open(os.path.join(d, gram["path"])))["scopeName"] == gram["scopeName"]
json.load(open(os.path.join(d, lang["configuration"])))
assert '"lsp"' in open(os.path.join(d, m["main"])).read()
PY
finish
