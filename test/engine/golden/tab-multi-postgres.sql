-- cx tab statistics (postgres): respondents by plan × answered channels, and how many picked each of its 3 options
SELECT
  CAST("plan" AS TEXT) AS cx_col,
  CASE WHEN CASE WHEN TRIM(CAST("channels_1" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_1" AS TEXT)) AS DOUBLE PRECISION) END IS NOT NULL OR CASE WHEN TRIM(CAST("channels_2" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_2" AS TEXT)) AS DOUBLE PRECISION) END IS NOT NULL OR CASE WHEN TRIM(CAST("channels_3" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_3" AS TEXT)) AS DOUBLE PRECISION) END IS NOT NULL THEN 1 ELSE 0 END AS cx_answered,
  COUNT(*) AS cx_n,
  SUM(CASE WHEN CASE WHEN TRIM(CAST("channels_1" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_1" AS TEXT)) AS DOUBLE PRECISION) END = 1 THEN 1 ELSE 0 END) AS cx_o0,
  SUM(CASE WHEN CASE WHEN TRIM(CAST("channels_2" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_2" AS TEXT)) AS DOUBLE PRECISION) END = 1 THEN 1 ELSE 0 END) AS cx_o1,
  SUM(CASE WHEN CASE WHEN TRIM(CAST("channels_3" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("channels_3" AS TEXT)) AS DOUBLE PRECISION) END = 1 THEN 1 ELSE 0 END) AS cx_o2,
  MAX('{"cx":"tab-stats","version":1,"rows":{"id":"channels","multi":{"columns":["channels_1","channels_2","channels_3"],"options":["App","Web","电话"]}},"cols":{"id":"plan"},"where":"plan != \"Basic\" and (w > 1 or region in (\"East\", \"华东\"))"}') AS cx_meta
FROM analytics.responses
WHERE ((("plan" IS NULL OR CAST("plan" AS TEXT) = '') OR NOT COALESCE((CAST("plan" AS TEXT) = 'Basic' OR TRIM(CAST("plan" AS TEXT)) = 'Basic'), FALSE)) AND (COALESCE(CASE WHEN TRIM(CAST("w" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("w" AS TEXT)) AS DOUBLE PRECISION) END > 1, FALSE) OR (NOT ("region" IS NULL OR CAST("region" AS TEXT) = '') AND COALESCE((CAST("region" AS TEXT) = 'East' OR TRIM(CAST("region" AS TEXT)) = 'East') OR (CAST("region" AS TEXT) = '华东' OR TRIM(CAST("region" AS TEXT)) = '华东'), FALSE))))
GROUP BY 1, 2
ORDER BY 1, 2
