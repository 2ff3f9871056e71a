#!/usr/bin/env bash
# A real editor: headless Neovim (Debian's 0.7, so `vim.lsp.start_client` and
# `buf_attach_client`; `vim.lsp.start` is 0.8+) opens examples/sample_b.lead, which
# has vague words, starts `leadc lsp`, and the diagnostics it shows are read back;
# a hover on a term is requested through Neovim's client too. The test installs
# neovim when it is missing (it is a test-only package).
source "$(dirname "$0")/lib.sh"
if ! command -v nvim >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends neovim >/dev/null 2>&1 || true
fi
if ! command -v nvim >/dev/null; then echo "skip: neovim is not installed and could not be"; finish; exit; fi
cp examples/sample_b.lead "$T/sample_b.lead"
cat >"$T/init.lua" <<'LUA'
local file, out = os.getenv("LEAD_FILE"), os.getenv("OUT")
vim.cmd("edit " .. file)
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "leadc", cmd = { os.getenv("LEADC"), "lsp" },
                                  root_dir = vim.fn.fnamemodify(file, ":h") })
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  local first = d.message:gsub("\n.*", "")
  table.insert(lines, string.format("diag %d:%d %s %s", d.lnum + 1, d.col + 1, d.code or lsp.code or "?", first))
end
-- Hover on the use of the field `unlikely_to_buy` through Neovim's own client.
for lnum, text in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  local col = text:find("when unlikely_to_buy", 1, true)
  if col then
    local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
      textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = lnum - 1, character = col + 5 } }, 10000)
    for _, r in pairs(res or {}) do
      if r.result then table.insert(lines, "hover " .. r.result.contents.value:gsub("\n", " ")) end
    end
    break
  end
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.cmd("qa!")
LUA
LEADC="$LEADC" LEAD_FILE="$T/sample_b.lead" OUT="$T/nvim.out" timeout 60 nvim --headless -u NONE -i NONE \
  -c "luafile $T/init.lua" >"$T/nvim.log" 2>&1
expect_eq "neovim exits" 0 "$?"
touch "$T/nvim.out"
"$LEADC" check examples/sample_b.lead 2>"$T/check.err"
# The same findings, at the same places, as `leadc check` prints.
grep -oE '^examples/sample_b.lead:[0-9]+:[0-9]+: [a-z]+\[[A-Z0-9]+\]' "$T/check.err" |
  sed -E 's/^[^:]+:([0-9]+):([0-9]+): [a-z]+\[([A-Z0-9]+)\]/diag \1:\2 \3/' | sort >"$T/want"
grep -oE '^diag [0-9]+:[0-9]+ [A-Z0-9]+' "$T/nvim.out" | sort >"$T/got"
if [ -s "$T/want" ] && cmp -s "$T/want" "$T/got"; then ok "neovim shows the diagnostics of leadc check"; else
  bad "neovim shows the diagnostics of leadc check"; diff "$T/want" "$T/got" | head; cat "$T/nvim.log" | head; fi
contains "a vague word is among them" "$T/nvim.out" "E0202"
contains "hover through neovim shows the field" "$T/nvim.out" "hover **lead field** \`unlikely_to_buy\`: \`bool\`"
finish
