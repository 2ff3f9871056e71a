// Runs SQL files on an in-memory DuckDB (the @duckdb/node-api package) for the SQL
// differential test: `node duckdb_run.mjs NODE_MODULES LOAD.sql QUERY.sql…` executes
// LOAD, then prints the result of each QUERY as one JSON line:
// {"columns": [...], "types": [...], "rows": [[...]]}. A QUERY file's text before the
// line "-- leadc-differential: the query" is run first (it picks the schema).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, loadFile, ...queryFiles] = process.argv.slice(2);
const api = await import(pathToFileURL(join(modules, '@duckdb', 'node-api', 'lib', 'index.js')).href);
const instance = await api.DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run("SET TimeZone = 'UTC'");
await con.run(readFileSync(loadFile, 'utf8'));
const mark = '-- leadc-differential: the query\n';
for (const f of queryFiles) {
  let text = readFileSync(f, 'utf8');
  const at = text.indexOf(mark);
  if (at >= 0) {
    await con.run(text.slice(0, at));
    text = text.slice(at + mark.length);
  }
  const reader = await con.runAndReadAll(text);
  process.stdout.write(JSON.stringify({ columns: reader.columnNames(), types: reader.columnTypes().map(String), rows: reader.getRowsJson() }) + '\n');
}
