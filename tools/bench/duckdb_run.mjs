// DuckDB side of the benchmark (run_bench.sh), through the npm package @duckdb/node-api.
//   node duckdb_run.mjs NODE_MODULES query QUERY.sql LEADS.csv OUT.csv [--threads N] [--table] [--events EVENTS]
//     runs COPY (QUERY) TO OUT.csv and prints {"seconds": …} (the COPY alone) on stdout.
//     {{LEADS}} in QUERY is the lead file ({{EVENTS}} the events file); with --table, a
//     view "leads" over the file is made first (for `leadc compile --emit sql`, which
//     reads a table named leads).
//   node duckdb_run.mjs NODE_MODULES compare A.csv B.csv [--columns C1,C2,…]
//     joins two `leadc run`-shaped outputs on lead_id and prints the row counts and the
//     number of rows whose labels differ (examples/readytalk.lead's by default; numbers
//     compared as numbers, true/false in any case); exits 1 when they differ.
//   node duckdb_run.mjs NODE_MODULES to-jsonl LEADS.csv OUT.jsonl
//     writes the readytalk lead file as JSON Lines (a missing cell is null).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, mode, ...rest] = process.argv.slice(2);
const api = await import(pathToFileURL(join(modules, '@duckdb', 'node-api', 'lib', 'index.js')).href);
const instance = await api.DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run("SET TimeZone = 'UTC'");

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// The lead file's columns typed as a warehouse would load them (docs/sql.md); the same
// list as in duckdb_readytalk.sql.
const readLeads = (path) => `read_csv(${sqlString(path)}, header = true, delim = ',', quote = '"', escape = '"',
  auto_detect = false, columns = {
    'lead_id': 'VARCHAR', 'name': 'VARCHAR', 'email': 'VARCHAR', 'phone': 'VARCHAR',
    'company': 'VARCHAR', 'role': 'VARCHAR', 'industry_naics': 'VARCHAR', 'employees': 'BIGINT',
    'annual_revenue_usd': 'DECIMAL(18,2)', 'budget_status': 'VARCHAR',
    'decision_timeframe_days': 'DOUBLE', 'lead_source': 'VARCHAR',
    'whitepaper_downloads': 'BIGINT', 'webinar_attended': 'BIGINT',
    'pricing_page_seconds': 'DOUBLE', 'demo_requested': 'BOOLEAN'})`;

if (mode === 'query') {
  const [queryFile, leads, out, ...opts] = rest;
  const threads = opts.indexOf('--threads');
  if (threads >= 0) await con.run(`SET threads = ${Number(opts[threads + 1])}`);
  if (opts.includes('--table')) await con.run(`CREATE VIEW leads AS SELECT * FROM ${readLeads(leads)}`);
  const events = opts.indexOf('--events');
  let query = readFileSync(queryFile, 'utf8').replaceAll('{{LEADS}}', leads.replaceAll("'", "''"));
  if (events >= 0) query = query.replaceAll('{{EVENTS}}', opts[events + 1].replaceAll("'", "''"));
  query = query.trim().replace(/;$/, '');
  const start = process.hrtime.bigint();
  await con.run(`COPY (${query}) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ seconds }) + '\n');
} else if (mode === 'compare') {
  const [a, b, ...opts] = rest;
  const at = opts.indexOf('--columns');
  const columns = at >= 0 ? opts[at + 1].split(',') : ['fit', 'interest', 'route', 'engagement', 'has_required_info'];
  const differs = columns.map((c) => {
    const q = `"${c.replaceAll('"', '""')}"`;
    // A number as a number (50 and 50.0 agree), true/false in any case, else the text.
    const v = (t) => `coalesce(CAST(TRY_CAST(${t}.${q} AS DOUBLE) AS VARCHAR), lower(${t}.${q}))`;
    return `${v('a')} IS DISTINCT FROM ${v('b')}`;
  }).join(' OR ');
  const out = (path) => `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  const reader = await con.runAndReadAll(`
    WITH a AS (SELECT * FROM ${out(a)}), b AS (SELECT * FROM ${out(b)})
    SELECT (SELECT count(*) FROM a) AS rows_a, (SELECT count(*) FROM b) AS rows_b,
      count(*) FILTER (WHERE a.lead_id IS NULL OR b.lead_id IS NULL) AS unmatched,
      count(*) FILTER (WHERE a.lead_id IS NOT NULL AND b.lead_id IS NOT NULL AND (${differs})) AS differing
    FROM a FULL OUTER JOIN b ON a.lead_id = b.lead_id`);
  const [row] = reader.getRowObjectsJson();
  process.stdout.write(JSON.stringify(row) + '\n');
  const same = Number(row.rows_a) === Number(row.rows_b) && Number(row.unmatched) === 0 && Number(row.differing) === 0;
  process.exit(same ? 0 : 1);
} else if (mode === 'to-jsonl') {
  const [leads, out] = rest;
  await con.run(`COPY (SELECT * FROM ${readLeads(leads)}) TO ${sqlString(out)} (FORMAT json)`);
} else {
  process.stderr.write('usage: duckdb_run.mjs NODE_MODULES query QUERY.sql LEADS OUT [--threads N] [--table] [--events E] | compare A B [--columns C,…] | to-jsonl LEADS OUT\n');
  process.exit(2);
}
