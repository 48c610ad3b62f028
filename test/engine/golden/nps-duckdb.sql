-- cx score statistics (duckdb): counts, Σw and Σw² by region × plan × week × answer (scale 0–10)
-- (rows grouped by their raw values first; labels, dates and answer texts computed once per distinct value)
SELECT
  "region",
  "plan",
  cx_period,
  cx_status,
  cx_raw,
  CAST(SUM(cx_n) AS BIGINT) AS cx_n,
  SUM(cx_sw) AS cx_sw,
  SUM(cx_sw2) AS cx_sw2,
  MAX('{"cx":"score-stats","version":1,"metric":"nps","question":{"id":"nps","label":"nps","type":"number"},"scale":{"min":0,"max":10},"by":["region","plan"],"dateColumn":"created_at","weightId":"w","period":"week","where":"plan != \"Basic\" and (score >= 0 or channel in (\"web\", \"app\")) and note is not missing"}') AS cx_meta
FROM (
  SELECT
    CASE WHEN TRIM(CAST("cx_k0" AS VARCHAR)) = '' THEN NULL ELSE CAST("cx_k0" AS VARCHAR) END AS "region",
    CASE WHEN TRIM(CAST("cx_k1" AS VARCHAR)) = '' THEN NULL ELSE CAST("cx_k1" AS VARCHAR) END AS "plan",
    strftime(COALESCE(TRY_CAST(cx_pk AS DATE), try_strptime(NULLIF(regexp_extract(cx_pk, '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})', 1), ''), '%m/%d/%Y')), '%G-W%V') AS cx_period,
    cx_status,
    CAST("cx_k2" AS VARCHAR) AS cx_raw,
    cx_n,
    cx_sw,
    cx_sw2
  FROM (
    SELECT
      cx_keep,
      CASE WHEN cx_keep THEN cx_k0 END AS cx_k0,
      CASE WHEN cx_keep THEN cx_k1 END AS cx_k1,
      CASE WHEN cx_keep THEN cx_k2 END AS cx_k2,
      CASE WHEN cx_keep THEN cx_pk END AS cx_pk,
      CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END AS cx_status,
      COUNT(*) AS cx_n,
      SUM(CASE WHEN CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END = 'kept' THEN cx_w ELSE 0 END) AS cx_sw,
      SUM(CASE WHEN CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2
    FROM (
      SELECT
        ((("plan" IS NULL OR CAST("plan" AS VARCHAR) = '') OR NOT COALESCE((CAST("plan" AS VARCHAR) = 'Basic' OR TRIM(CAST("plan" AS VARCHAR)) = 'Basic'), FALSE)) AND ((COALESCE(TRY_CAST(TRIM(CAST("score" AS VARCHAR)) AS DOUBLE) >= 0, FALSE) OR (NOT ("channel" IS NULL OR CAST("channel" AS VARCHAR) = '') AND COALESCE((CAST("channel" AS VARCHAR) = 'web' OR TRIM(CAST("channel" AS VARCHAR)) = 'web') OR (CAST("channel" AS VARCHAR) = 'app' OR TRIM(CAST("channel" AS VARCHAR)) = 'app'), FALSE))) AND (NOT ("note" IS NULL OR CAST("note" AS VARCHAR) = '')))) AS cx_keep,
        "region" AS cx_k0,
        "plan" AS cx_k1,
        "nps" AS cx_k2,
        CASE WHEN CAST("created_at" AS VARCHAR) < '!' THEN LEFT(TRIM(CAST("created_at" AS VARCHAR)), 10) ELSE LEFT(CAST("created_at" AS VARCHAR), 10) END AS cx_pk,
        TRY_CAST(TRIM(CAST("w" AS VARCHAR)) AS DOUBLE) AS cx_w
      FROM analytics.responses
    ) cx_a
    GROUP BY 1, 2, 3, 4, 5, 6
  ) cx_b
) cx_c
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5
