-- cx tab statistics (postgres): counts by region × plan (answers as text, missing included)
SELECT
  CAST("region" AS TEXT) AS cx_row,
  CAST("plan" AS TEXT) AS cx_col,
  COUNT(*) AS cx_n,
  MAX('{"cx":"tab-stats","version":1,"rows":{"id":"region"},"cols":{"id":"plan"},"where":"plan != \"Basic\" and (w > 1 or region in (\"East\", \"华东\"))"}') AS cx_meta
FROM analytics.responses
WHERE ((("plan" IS NULL OR CAST("plan" AS TEXT) = '') OR NOT COALESCE((CAST("plan" AS TEXT) = 'Basic' OR TRIM(CAST("plan" AS TEXT)) = 'Basic'), FALSE)) AND (COALESCE(CASE WHEN TRIM(CAST("w" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("w" AS TEXT)) AS DOUBLE PRECISION) END > 1, FALSE) OR (NOT ("region" IS NULL OR CAST("region" AS TEXT) = '') AND COALESCE((CAST("region" AS TEXT) = 'East' OR TRIM(CAST("region" AS TEXT)) = 'East') OR (CAST("region" AS TEXT) = '华东' OR TRIM(CAST("region" AS TEXT)) = '华东'), FALSE))))
GROUP BY 1, 2
ORDER BY 1, 2
