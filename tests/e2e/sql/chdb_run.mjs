// Runs SQL on embedded ClickHouse (the npm chdb package) for the SQL differential
// test: `node chdb_run.mjs NODE_MODULES LOAD.sql QUERY.sql…` executes LOAD (statements
// ending in ";\n") in one session, then prints one JSON line per QUERY:
// {"result": "<JSONCompact text>"} or {"error": "…"}. A QUERY file's statements before
// the line "-- leadc-differential: the query" are run first (they pick the database).
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const [modules, loadFile, ...queryFiles] = process.argv.slice(2);
const { Session } = createRequire(join(resolve(modules), 'noop.js'))('chdb');
const dir = mkdtempSync(join(tmpdir(), 'leadc-chdb-'));
const session = new Session(dir);
try {
  session.query("SET session_timezone = 'UTC'");
  for (const stmt of readFileSync(loadFile, 'utf8').split(/;\n/)) {
    if (stmt.trim()) session.query(stmt);
  }
  const mark = '-- leadc-differential: the query\n';
  for (const f of queryFiles) {
    let q = readFileSync(f, 'utf8');
    const at = q.indexOf(mark);
    if (at >= 0) {
      for (const stmt of q.slice(0, at).split(/;\n/)) if (stmt.trim()) session.query(stmt);
      q = q.slice(at + mark.length);
    }
    q = q.trimEnd().replace(/;$/, '');
    try {
      process.stdout.write(JSON.stringify({ result: session.query(q, 'JSONCompact') }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: String(e.message || e) }) + '\n');
    }
  }
} finally {
  session.cleanup?.();
  rmSync(dir, { recursive: true, force: true });
}
