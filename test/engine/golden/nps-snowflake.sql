-- cx score statistics (snowflake): counts, Σw and Σw² by region × plan × week × answer (scale 0–10)
SELECT
  region,
  plan,
  cx_period,
  cx_status,
  cx_raw,
  COUNT(*) AS cx_n,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w ELSE 0 END) AS cx_sw,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2,
  MAX('{"cx":"score-stats","version":1,"metric":"nps","question":{"id":"nps","label":"nps","type":"number"},"scale":{"min":0,"max":10},"by":["region","plan"],"dateColumn":"created_at","weightId":"w","period":"week","where":"plan != \\"Basic\\" and (score >= 0 or channel in (\\"web\\", \\"app\\")) and note is not missing"}') AS cx_meta
FROM (
  SELECT
    CASE WHEN cx_keep THEN cx_g0 END AS region,
    CASE WHEN cx_keep THEN cx_g1 END AS plan,
    CASE WHEN cx_keep THEN cx_period END AS cx_period,
    CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END AS cx_status,
    CASE WHEN cx_keep THEN cx_text END AS cx_raw,
    cx_w
  FROM (
    SELECT
    (((plan IS NULL OR CAST(plan AS VARCHAR) = '') OR NOT COALESCE((CAST(plan AS VARCHAR) = 'Basic' OR TRIM(CAST(plan AS VARCHAR)) = 'Basic'), FALSE)) AND ((COALESCE(TRY_TO_DOUBLE(TRIM(CAST(score AS VARCHAR))) >= 0, FALSE) OR (NOT (channel IS NULL OR CAST(channel AS VARCHAR) = '') AND COALESCE((CAST(channel AS VARCHAR) = 'web' OR TRIM(CAST(channel AS VARCHAR)) = 'web') OR (CAST(channel AS VARCHAR) = 'app' OR TRIM(CAST(channel AS VARCHAR)) = 'app'), FALSE))) AND (NOT (note IS NULL OR CAST(note AS VARCHAR) = '')))) AS cx_keep,
    CASE WHEN TRIM(CAST(region AS VARCHAR)) = '' THEN NULL ELSE CAST(region AS VARCHAR) END AS cx_g0,
    CASE WHEN TRIM(CAST(plan AS VARCHAR)) = '' THEN NULL ELSE CAST(plan AS VARCHAR) END AS cx_g1,
    (TO_VARCHAR(YEAROFWEEKISO(TRY_TO_DATE(SUBSTR(TRIM(CAST(created_at AS VARCHAR)), 1, 10), 'YYYY-MM-DD'))) || '-W' || LPAD(TO_VARCHAR(WEEKISO(TRY_TO_DATE(SUBSTR(TRIM(CAST(created_at AS VARCHAR)), 1, 10), 'YYYY-MM-DD'))), 2, '0')) AS cx_period,
    CAST(nps AS VARCHAR) AS cx_text,
    TRY_TO_DOUBLE(TRIM(CAST(w AS VARCHAR))) AS cx_w
    FROM analytics.responses
  ) cx_b
) cx_c
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5
