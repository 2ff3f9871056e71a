-- examples/behaviour.lead written by hand as one DuckDB query, for the benchmark
-- (run_bench.sh): events grouped per lead_id, then a LEFT JOIN from the leads, with
-- the same output columns and values as `leadc run … --as-of 2026-11-22`.
-- duckdb_run.mjs replaces {{LEADS}} and {{EVENTS}} with the files' paths.
-- `within D`: as_of - D <= at <= as_of. An unknown condition (time_on_page missing,
-- employees missing) counts as false, as in `first match`.
WITH leads AS (
  SELECT * FROM read_csv('{{LEADS}}', header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false,
    columns = {'lead_id': 'VARCHAR', 'company': 'VARCHAR', 'role': 'VARCHAR', 'employees': 'BIGINT'})
),
events AS (
  SELECT * FROM read_csv('{{EVENTS}}', header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false,
    columns = {'lead_id': 'VARCHAR', 'kind': 'VARCHAR', 'at': 'TIMESTAMPTZ', 'time_on_page': 'DOUBLE'})
),
per_lead AS (
  SELECT lead_id,
    count(*) FILTER (WHERE kind = 'whitepaper_download') AS whitepapers,
    count(*) FILTER (WHERE kind = 'webinar_attend'
                       AND "at" BETWEEN TIMESTAMPTZ '2026-11-22 00:00:00+00' - INTERVAL 90 DAY
                                  AND TIMESTAMPTZ '2026-11-22 00:00:00+00') AS webinars_90,
    bool_or(kind = 'pricing_page_visit' AND time_on_page >= 60
            AND "at" BETWEEN TIMESTAMPTZ '2026-11-22 00:00:00+00' - INTERVAL 30 DAY
                       AND TIMESTAMPTZ '2026-11-22 00:00:00+00') AS pricing_30,
    count(*) FILTER (WHERE "at" BETWEEN TIMESTAMPTZ '2026-11-22 00:00:00+00' - INTERVAL 90 DAY
                                  AND TIMESTAMPTZ '2026-11-22 00:00:00+00') AS any_90,
    bool_or(kind IN ('demo_request', 'free_trial', 'pricing_form', 'inbound_email')) AS hand_raised
  FROM events
  GROUP BY lead_id
),
scored AS (
  SELECT l.lead_id, l.company, l.role, l.employees,
    GREATEST(LEAST(
        LEAST(5 * COALESCE(p.whitepapers, 0), 15)
      + LEAST(10 * COALESCE(p.webinars_90, 0), 20)
      + CASE WHEN p.pricing_30 THEN 15 ELSE 0 END
      - CASE WHEN COALESCE(p.any_90, 0) = 0 THEN 10 ELSE 0 END, 100), 0) AS behaviour,
    COALESCE(p.hand_raised, false) AS hand_raised
  FROM leads l LEFT JOIN per_lead p ON p.lead_id = l.lead_id
)
SELECT lead_id, company, role, behaviour, hand_raised,
  CASE WHEN hand_raised AND employees BETWEEN 50 AND 5000 THEN 'sales'
       WHEN behaviour >= 20 THEN 'nurture'
       ELSE 'hold' END AS route
FROM scored
