// DuckDB side of the benchmark (run_bench.sh), through the npm package @duckdb/node-api.
//   node duckdb_run.mjs NODE_MODULES query QUERY.sql LEADS.csv OUT.csv [--threads N] [--table]
//     runs COPY (QUERY) TO OUT.csv and prints {"seconds": …} (the COPY alone) on stdout.
//     {{LEADS}} in QUERY is the lead file; with --table, a view "leads" over the file is
//     made first (for `leadc compile --emit sql`, which reads a table named leads).
//   node duckdb_run.mjs NODE_MODULES compare A.csv B.csv
//     joins two `leadc run`-shaped outputs on lead_id and prints the row counts and the
//     number of rows whose labels differ; exits 1 when they differ.
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
  const query = readFileSync(queryFile, 'utf8').replaceAll('{{LEADS}}', leads.replaceAll("'", "''")).trim().replace(/;$/, '');
  const start = process.hrtime.bigint();
  await con.run(`COPY (${query}) TO ${sqlString(out)} (FORMAT csv, HEADER true)`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(JSON.stringify({ seconds }) + '\n');
} else if (mode === 'compare') {
  const [a, b] = rest;
  const out = (path) => `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  const reader = await con.runAndReadAll(`
    WITH a AS (SELECT * FROM ${out(a)}), b AS (SELECT * FROM ${out(b)})
    SELECT (SELECT count(*) FROM a) AS rows_a, (SELECT count(*) FROM b) AS rows_b,
      count(*) FILTER (WHERE a.lead_id IS NULL OR b.lead_id IS NULL) AS unmatched,
      count(*) FILTER (WHERE a.lead_id IS NOT NULL AND b.lead_id IS NOT NULL AND (
        a.fit IS DISTINCT FROM b.fit OR a.interest IS DISTINCT FROM b.interest
        OR a.route IS DISTINCT FROM b.route
        OR CAST(a.engagement AS DOUBLE) IS DISTINCT FROM CAST(b.engagement AS DOUBLE)
        OR lower(a.has_required_info) IS DISTINCT FROM lower(b.has_required_info))) AS differing
    FROM a FULL OUTER JOIN b ON a.lead_id = b.lead_id`);
  const [row] = reader.getRowObjectsJson();
  process.stdout.write(JSON.stringify(row) + '\n');
  const same = Number(row.rows_a) === Number(row.rows_b) && Number(row.unmatched) === 0 && Number(row.differing) === 0;
  process.exit(same ? 0 : 1);
} else {
  process.stderr.write('usage: duckdb_run.mjs NODE_MODULES query QUERY.sql LEADS OUT [--threads N] [--table] | compare A B\n');
  process.exit(2);
}
