// Polars side of the benchmark (run_bench.sh), through the npm package nodejs-polars
// (0.25.2, with its prebuilt nodejs-polars-linux-x64-gnu). The same logic as the
// hand-written DuckDB queries (duckdb_readytalk.sql, duckdb_behaviour.sql), written with
// Polars' lazy expression API, so that each engine runs the definition the way its own
// users would write it.
//   node polars_run.mjs NODE_MODULES readytalk LEADS.csv|LEADS.jsonl OUT.csv
//     examples/readytalk.lead over a lead file (JSON Lines when the name ends in .jsonl)
//   node polars_run.mjs NODE_MODULES behaviour LEADS.csv EVENTS.csv OUT.csv
//     examples/behaviour.lead --as-of 2026-11-22 over leads and their events
// Each prints {"seconds": …} on stdout: reading, evaluating and writing OUT, without
// node's start-up. Threads: POLARS_MAX_THREADS (set by the caller; 1 for the -1t runs).
// Missing values are nulls; Polars' `and`/`or` are three-valued (Kleene) like SQL's and
// leadc's, and `when` takes an unknown condition as false, as `first match` does.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [modules, mode, ...rest] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), 'noop.js'));
const pl = require('nodejs-polars');
const c = pl.col;
const lit = pl.lit;

// The lead file's columns typed as in duckdb_readytalk.sql.
const leadSchema = () => ({
  lead_id: pl.Utf8, name: pl.Utf8, email: pl.Utf8, phone: pl.Utf8, company: pl.Utf8,
  role: pl.Utf8, industry_naics: pl.Utf8, employees: pl.Int64,
  annual_revenue_usd: pl.Float64, budget_status: pl.Utf8,
  decision_timeframe_days: pl.Float64, lead_source: pl.Utf8,
  whitepaper_downloads: pl.Int64, webinar_attended: pl.Int64,
  pricing_page_seconds: pl.Float64, demo_requested: pl.Bool,
});

const scanCsv = (path, schema) => pl.scanCSV(path, { hasHeader: true, sep: ',', quoteChar: '"', schema });

const points = (cond, n) => pl.when(cond).then(lit(n)).otherwise(lit(0));
const perMax = (col, per, max) => pl.when(c(col).isNull()).then(lit(0))
  .otherwise(pl.minHorizontal([c(col).clip(0, Number.MAX_SAFE_INTEGER).mul(per), lit(max)]));
// Whole points stay whole: the clamp's bounds are integers, the result an Int64 column.
const clamp = (e, lo, hi) => e.clip(lo, hi).cast(pl.Int64);

function readytalk(leads) {
  const soon = c('decision_timeframe_days').mul(86400).lessThanEquals(90 * 86400);
  const industry = c('industry_naics').str;
  const targetSegment = c('employees').gtEq(50).and(c('employees').ltEq(5000))
    .and(industry.startsWith('51').or(industry.startsWith('52')).or(industry.startsWith('54')));
  const handRaiser = c('demo_requested').or(c('lead_source').isIn(['referral', 'inbound_call', 'partner']));
  const hasRequiredInfo = ['name', 'email', 'phone', 'company', 'decision_timeframe_days']
    .map((n) => c(n).isNotNull()).reduce((a, b) => a.and(b));
  const engagement = clamp(
    perMax('whitepaper_downloads', 5, 15)
      .add(perMax('webinar_attended', 10, 20))
      .add(points(c('pricing_page_seconds').gtEq(60), 15))
      .add(points(c('lead_source').eq(lit('referral')), 25))
      .add(points(c('role').eq(lit('economic_buyer')), 10)), 0, 100);
  const role = c('role');
  const fit = pl.when(role.eq(lit('economic_buyer')).and(c('target_segment')).and(c('budget_status').eq(lit('approved')))).then(lit('A'))
    .when(c('target_segment').and(role.isIn(['economic_buyer', 'technical_buyer']))).then(lit('B'))
    .when(c('target_segment')).then(lit('C'))
    .otherwise(lit('D'));
  const interest = pl.when(c('soon').and(c('hand_raiser'))).then(lit('1'))
    .when(c('engagement').gtEq(50)).then(lit('2'))
    .when(c('engagement').gtEq(20)).then(lit('3'))
    .otherwise(lit('4'));
  const route = pl.when(c('fit').isIn(['A', 'B']).and(c('interest').isIn(['1', '2']))).then(lit('sales')).otherwise(lit('nurture'));
  return leads
    .withColumns(soon.alias('soon'), targetSegment.alias('target_segment'), handRaiser.alias('hand_raiser'),
      hasRequiredInfo.alias('has_required_info'), engagement.alias('engagement'))
    .withColumns(fit.alias('fit'), interest.alias('interest'))
    .withColumns(route.alias('route'))
    .select('lead_id', 'fit', 'interest', 'engagement', 'route', 'has_required_info');
}

function behaviour(leads, events) {
  const asOf = new Date(Date.UTC(2026, 10, 22));
  const day = 86400 * 1000;
  const within = (days) => c('at').gtEq(lit(new Date(asOf.getTime() - days * day))).and(c('at').ltEq(lit(asOf)));
  const at = c('at').str.strptime(pl.Datetime('ms'), '%Y-%m-%dT%H:%M:%S%.fZ');
  const perLead = events
    .withColumns(at.alias('at'))
    .groupBy('lead_id')
    .agg(
      c('kind').eq(lit('whitepaper_download')).sum().alias('whitepapers'),
      c('kind').eq(lit('webinar_attend')).and(within(90)).sum().alias('webinars_90'),
      // `any` over a condition that may be unknown: an unknown counts as false.
      c('kind').eq(lit('pricing_page_visit')).and(c('time_on_page').gtEq(60)).and(within(30)).fillNull(false).any().alias('pricing_30'),
      within(90).sum().alias('any_90'),
      c('kind').isIn(['demo_request', 'free_trial', 'pricing_form', 'inbound_email']).any().alias('hand_raised'));
  const behaviourScore = clamp(
    pl.minHorizontal([c('whitepapers').fillNull(0).mul(5), lit(15)])
      .add(pl.minHorizontal([c('webinars_90').fillNull(0).mul(10), lit(20)]))
      .add(points(c('pricing_30').fillNull(false), 15))
      .sub(points(c('any_90').fillNull(0).eq(0), 10)), 0, 100);
  const targetSegment = c('employees').gtEq(50).and(c('employees').ltEq(5000));
  const route = pl.when(c('hand_raised').and(targetSegment)).then(lit('sales'))
    .when(c('behaviour').gtEq(20)).then(lit('nurture'))
    .otherwise(lit('hold'));
  return leads.join(perLead, { on: 'lead_id', how: 'left' })
    .withColumns(behaviourScore.alias('behaviour'), c('hand_raised').fillNull(false).alias('hand_raised'))
    .withColumns(route.alias('route'))
    .select('lead_id', 'company', 'role', 'behaviour', 'hand_raised', 'route');
}

let plan;
let out;
if (mode === 'readytalk') {
  const [leadsPath, outPath] = rest;
  out = outPath;
  const leads = leadsPath.endsWith('.jsonl')
    ? pl.scanJson(leadsPath, { schema: leadSchema() })
    : scanCsv(leadsPath, leadSchema());
  plan = readytalk(leads);
} else if (mode === 'behaviour') {
  const [leadsPath, eventsPath, outPath] = rest;
  out = outPath;
  const leads = scanCsv(leadsPath, { lead_id: pl.Utf8, company: pl.Utf8, role: pl.Utf8, employees: pl.Int64 });
  const events = scanCsv(eventsPath, { lead_id: pl.Utf8, kind: pl.Utf8, at: pl.Utf8, time_on_page: pl.Float64 });
  plan = behaviour(leads, events);
} else {
  process.stderr.write('usage: polars_run.mjs NODE_MODULES readytalk LEADS OUT | behaviour LEADS EVENTS OUT\n');
  process.exit(2);
}
const start = process.hrtime.bigint();
plan.collectSync().writeCSV(out);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ seconds }) + '\n');
