-- cx kano statistics (postgres): counts of (functional, dysfunctional) answer pairs per feature, and of importance answers
WITH cx_src AS (
  SELECT * FROM analytics.responses
  WHERE ((("plan" IS NULL OR CAST("plan" AS TEXT) = '') OR NOT COALESCE((CAST("plan" AS TEXT) = 'Basic' OR TRIM(CAST("plan" AS TEXT)) = 'Basic'), FALSE)) AND (COALESCE(CASE WHEN TRIM(CAST("w" AS TEXT)) ~ '^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$' THEN CAST(TRIM(CAST("w" AS TEXT)) AS DOUBLE PRECISION) END > 1, FALSE) OR (NOT ("region" IS NULL OR CAST("region" AS TEXT) = '') AND COALESCE((CAST("region" AS TEXT) = 'East' OR TRIM(CAST("region" AS TEXT)) = 'East') OR (CAST("region" AS TEXT) = '华东' OR TRIM(CAST("region" AS TEXT)) = '华东'), FALSE))))
)
SELECT
  cx_feature,
  cx_part,
  cx_a,
  cx_b,
  COUNT(*) AS cx_n,
  MAX('{"cx":"kano-stats","version":1,"features":[{"name":"Dark mode","functional":"dark_f","dysfunctional":"dark_d","importance":"dark_imp"},{"name":"在线客服","functional":"在线客服_正向","dysfunctional":"在线客服_反向"}],"numeric":[],"questions":{"dark_imp":{"id":"dark_imp","type":"number"}},"where":"plan != \"Basic\" and (w > 1 or region in (\"East\", \"华东\"))"}') AS cx_meta
FROM (
  SELECT 0 AS cx_feature, 'pair' AS cx_part, CAST("dark_f" AS TEXT) AS cx_a, CAST("dark_d" AS TEXT) AS cx_b FROM cx_src
  UNION ALL
  SELECT 0 AS cx_feature, 'importance' AS cx_part, CAST("dark_imp" AS TEXT) AS cx_a, CAST(NULL AS VARCHAR) AS cx_b FROM cx_src
  UNION ALL
  SELECT 1 AS cx_feature, 'pair' AS cx_part, CAST("在线客服_正向" AS TEXT) AS cx_a, CAST("在线客服_反向" AS TEXT) AS cx_b FROM cx_src
) cx_u
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
