// Tokenizes every example definition with the TextMate grammar the way VS Code does
// (vscode-textmate + vscode-oniguruma) and checks: no character outside a scope of its
// own, every keyword of grammar/LeadSpec.g4 coloured as one, and comments, strings,
// numbers with units and declarations scoped as such.
// Usage: node textmate_check.js NODE_MODULES SOURCE_DIR
const fs = require("fs");
const path = require("path");
const [modules, src] = process.argv.slice(2).map((p) => path.resolve(p));
const vsctm = require(path.join(modules, "vscode-textmate"));
const oniguruma = require(path.join(modules, "vscode-oniguruma"));

let fails = 0;
const ok = (name) => console.log("ok    " + name);
const bad = (name, detail) => { fails++; console.log("FAIL  " + name + (detail ? ": " + detail : "")); };

function lines_of(grammar, text) {
  let stack = vsctm.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, scopes: t.scopes })) };
  });
}

function scope_at(lines, lineNo, needle) {
  const l = lines[lineNo];
  const at = l.line.indexOf(needle);
  const t = l.tokens.find((t) => t.start <= at && at < t.start + t.text.length);
  return t ? t.scopes[t.scopes.length - 1] : "";
}

async function main() {
  const wasm = fs.readFileSync(path.join(modules, "vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(path.join(src, "editors/vscode/syntaxes/lead.tmLanguage.json"), "utf8"), "lead.tmLanguage.json"),
  });
  const grammar = await registry.loadGrammar("source.lead");

  const files = [];
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (p.endsWith(".lead")) files.push(p);
  });
  walk(path.join(src, "examples"));
  walk(path.join(src, "stdlib"));
  for (const f of files) {
    const lines = lines_of(grammar, fs.readFileSync(f, "utf8"));
    const unscoped = [];
    lines.forEach((l, i) => l.tokens.forEach((t) => {
      if (t.text.trim() !== "" && t.scopes.length < 2) unscoped.push(`${i + 1}: \`${t.text}\``);
    }));
    if (unscoped.length === 0) ok("every token has a scope: " + path.relative(src, f));
    else bad("every token has a scope: " + path.relative(src, f), unscoped.slice(0, 5).join(", "));
  }

  // The keywords come from the ANTLR grammar, so a new keyword without colour fails here.
  const g4 = fs.readFileSync(path.join(src, "grammar/LeadSpec.g4"), "utf8");
  const keywords = [...g4.matchAll(/^[A-Z_]+\s*:\s*'([a-z_]+)'\s*;/gm)].map((m) => m[1]);
  const uncoloured = keywords.filter((k) => {
    const t = lines_of(grammar, "x " + k + " y")[0].tokens.find((t) => t.text === k);
    return !t || !/^(keyword|support|constant\.language)/.test(t.scopes[t.scopes.length - 1]);
  });
  if (keywords.length > 30 && uncoloured.length === 0) ok(`all ${keywords.length} keywords of LeadSpec.g4 are coloured`);
  else bad("keywords of LeadSpec.g4 are coloured", uncoloured.join(", ") || "too few keywords found");

  const rt = lines_of(grammar, fs.readFileSync(path.join(src, "examples/readytalk.lead"), "utf8"));
  const find = (needle) => rt.findIndex((l) => l.line.includes(needle));
  const expect = (what, lineNeedle, needle, re) => {
    const s = scope_at(rt, find(lineNeedle), needle);
    if (re.test(s)) ok(what + " (" + s + ")"); else bad(what, `\`${needle}\` has scope \`${s}\``);
  };
  expect("a comment", "// examples/readytalk.lead", "examples", /^comment\.line/);
  expect("a string", 'definition "ReadyTalk', "ReadyTalk", /^string\.quoted/);
  expect("a number with a unit: the number", "decision_timeframe <= 90 days", "90", /^constant\.numeric/);
  expect("a number with a unit: the unit", "decision_timeframe <= 90 days", "days", /^keyword\.other\.unit/);
  expect("a unit after `in`", "duration? in days", "days", /^keyword\.other\.unit/);
  expect("a declaration keyword", "term soon", "term", /^keyword\.declaration/);
  expect("a declared name", "term soon", "soon", /^entity\.name/);
  expect("`when`", "A when role", "when", /^keyword\.control/);
  expect("`and`", "A when role", "and", /^keyword\.operator\.word/);
  expect("a type", "  employees:", "int", /^support\.type/);
  expect("a field in the lead block", "  employees:", "employees", /^variable\.other\.property/);
  console.log(fails + " failed");
  process.exit(fails ? 1 : 0);
}
main().catch((e) => { console.log("FAIL  " + e.stack); process.exit(1); });
