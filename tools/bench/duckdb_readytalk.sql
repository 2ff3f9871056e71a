-- examples/readytalk.lead written by hand as one DuckDB query, for the benchmark
-- (run_bench.sh): the same output columns and values as `leadc run`, with SQL NULL
-- for missing values. duckdb_run.mjs replaces {{LEADS}} with the lead file's path.
-- Durations are compared in seconds and the score's `per` rules count from 0, as in the IR.
WITH leads AS (
  SELECT * FROM read_csv('{{LEADS}}', header = true, delim = ',', quote = '"', escape = '"',
    auto_detect = false,
    columns = {
      'lead_id': 'VARCHAR', 'name': 'VARCHAR', 'email': 'VARCHAR', 'phone': 'VARCHAR',
      'company': 'VARCHAR', 'role': 'VARCHAR', 'industry_naics': 'VARCHAR', 'employees': 'BIGINT',
      'annual_revenue_usd': 'DECIMAL(18,2)', 'budget_status': 'VARCHAR',
      'decision_timeframe_days': 'DOUBLE', 'lead_source': 'VARCHAR',
      'whitepaper_downloads': 'BIGINT', 'webinar_attended': 'BIGINT',
      'pricing_page_seconds': 'DOUBLE', 'demo_requested': 'BOOLEAN'})
),
terms AS (
  SELECT
    lead_id, role, budget_status,
    decision_timeframe_days * 86400 <= 90 * 86400 AS soon,
    employees BETWEEN 50 AND 5000
      AND (starts_with(industry_naics, '51') OR starts_with(industry_naics, '52')
           OR starts_with(industry_naics, '54')) AS target_segment,
    demo_requested OR lead_source IN ('referral', 'inbound_call', 'partner') AS hand_raiser,
    name IS NOT NULL AND email IS NOT NULL AND phone IS NOT NULL AND company IS NOT NULL
      AND decision_timeframe_days IS NOT NULL AS has_required_info,
    GREATEST(LEAST(
        COALESCE(LEAST(5 * GREATEST(whitepaper_downloads, 0), 15), 0)
      + COALESCE(LEAST(10 * GREATEST(webinar_attended, 0), 20), 0)
      + CASE WHEN pricing_page_seconds >= 60 THEN 15 ELSE 0 END
      + CASE WHEN lead_source = 'referral' THEN 25 ELSE 0 END
      + CASE WHEN role = 'economic_buyer' THEN 10 ELSE 0 END, 100), 0) AS engagement
  FROM leads
),
labels AS (
  SELECT *,
    CASE WHEN role = 'economic_buyer' AND target_segment AND budget_status = 'approved' THEN 'A'
         WHEN target_segment AND role IN ('economic_buyer', 'technical_buyer') THEN 'B'
         WHEN target_segment THEN 'C'
         ELSE 'D' END AS fit,
    CASE WHEN soon AND hand_raiser THEN '1'
         WHEN engagement >= 50 THEN '2'
         WHEN engagement >= 20 THEN '3'
         ELSE '4' END AS interest
  FROM terms
)
SELECT lead_id, fit, interest, engagement,
       CASE WHEN fit IN ('A', 'B') AND interest IN ('1', '2') THEN 'sales' ELSE 'nurture' END AS route,
       has_required_info
FROM labels
