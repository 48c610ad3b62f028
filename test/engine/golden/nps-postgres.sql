-- cx score statistics (postgres): counts, Σw and Σw² by region × plan × week × answer (scale 0–10)
SELECT
  "region",
  "plan",
  cx_period,
  cx_status,
  cx_raw,
  COUNT(*) AS cx_n,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w ELSE 0 END) AS cx_sw,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2,
  MAX('{"cx":"score-stats","version":1,"metric":"nps","question":{"id":"nps","label":"nps","type":"number"},"scale":{"min":0,"max":10},"by":["region","plan"],"dateColumn":"created_at","weightId":"w","period":"week","where":"plan != \"Basic\" and (score >= 0 or channel in (\"web\", \"app\")) and note is not missing"}') AS cx_meta
FROM (
  SELECT
    CASE WHEN cx_keep THEN cx_g0 END AS "region",
    CASE WHEN cx_keep THEN cx_g1 END AS "plan",
    CASE WHEN cx_keep THEN cx_period END AS cx_period,
    CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END AS cx_status,
    CASE WHEN cx_keep THEN cx_text END AS cx_raw,
    cx_w
  FROM (
    SELECT
    ((("plan" IS NULL OR CAST("plan" AS TEXT) = '') OR NOT COALESCE((CAST("plan" AS TEXT) = 'Basic' OR TRIM(CAST("plan" AS TEXT)) = 'Basic'), FALSE)) AND ((COALESCE(CASE WHEN TRIM(CAST("score" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("score" AS TEXT)) AS DOUBLE PRECISION) END >= 0, FALSE) OR (NOT ("channel" IS NULL OR CAST("channel" AS TEXT) = '') AND COALESCE((CAST("channel" AS TEXT) = 'web' OR TRIM(CAST("channel" AS TEXT)) = 'web') OR (CAST("channel" AS TEXT) = 'app' OR TRIM(CAST("channel" AS TEXT)) = 'app'), FALSE))) AND (NOT ("note" IS NULL OR CAST("note" AS TEXT) = '')))) AS cx_keep,
    CASE WHEN TRIM(CAST("region" AS TEXT)) = '' THEN NULL ELSE CAST("region" AS TEXT) END AS cx_g0,
    CASE WHEN TRIM(CAST("plan" AS TEXT)) = '' THEN NULL ELSE CAST("plan" AS TEXT) END AS cx_g1,
    TO_CHAR(CASE WHEN TRIM(CAST("created_at" AS TEXT)) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN CAST(LEFT(TRIM(CAST("created_at" AS TEXT)), 10) AS DATE) WHEN TRIM(CAST("created_at" AS TEXT)) ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}' THEN TO_DATE(substring(TRIM(CAST("created_at" AS TEXT)) from '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})'), 'MM/DD/YYYY') END, 'IYYY-"W"IW') AS cx_period,
    CAST("nps" AS TEXT) AS cx_text,
    CASE WHEN TRIM(CAST("w" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("w" AS TEXT)) AS DOUBLE PRECISION) END AS cx_w
    FROM analytics.responses
  ) cx_b
) cx_c
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5
