-- cx tab statistics (duckdb): counts by region × plan (answers as text, missing included)
SELECT
  CAST("region" AS VARCHAR) AS cx_row,
  CAST("plan" AS VARCHAR) AS cx_col,
  COUNT(*) AS cx_n,
  MAX('{"cx":"tab-stats","version":1,"rows":{"id":"region"},"cols":{"id":"plan"},"where":"plan != \"Basic\" and (w > 1 or region in (\"East\", \"华东\"))"}') AS cx_meta
FROM analytics.responses
WHERE ((("plan" IS NULL OR CAST("plan" AS VARCHAR) = '') OR NOT COALESCE((CAST("plan" AS VARCHAR) = 'Basic' OR TRIM(CAST("plan" AS VARCHAR)) = 'Basic'), FALSE)) AND (COALESCE(TRY_CAST(TRIM(CAST("w" AS VARCHAR)) AS DOUBLE) > 1, FALSE) OR (NOT ("region" IS NULL OR CAST("region" AS VARCHAR) = '') AND COALESCE((CAST("region" AS VARCHAR) = 'East' OR TRIM(CAST("region" AS VARCHAR)) = 'East') OR (CAST("region" AS VARCHAR) = '华东' OR TRIM(CAST("region" AS VARCHAR)) = '华东'), FALSE))))
GROUP BY 1, 2
ORDER BY 1, 2
