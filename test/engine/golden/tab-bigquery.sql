-- cx tab statistics (bigquery): counts by region × plan (answers as text, missing included)
SELECT
  CAST(`region` AS STRING) AS cx_row,
  CAST(`plan` AS STRING) AS cx_col,
  COUNT(*) AS cx_n,
  MAX('{"cx":"tab-stats","version":1,"rows":{"id":"region"},"cols":{"id":"plan"},"where":"plan != \\"Basic\\" and (w > 1 or region in (\\"East\\", \\"华东\\"))"}') AS cx_meta
FROM analytics.responses
WHERE (((`plan` IS NULL OR CAST(`plan` AS STRING) = '') OR NOT COALESCE((CAST(`plan` AS STRING) = 'Basic' OR TRIM(CAST(`plan` AS STRING)) = 'Basic'), FALSE)) AND (COALESCE(SAFE_CAST(TRIM(CAST(`w` AS STRING)) AS FLOAT64) > 1, FALSE) OR (NOT (`region` IS NULL OR CAST(`region` AS STRING) = '') AND COALESCE((CAST(`region` AS STRING) = 'East' OR TRIM(CAST(`region` AS STRING)) = 'East') OR (CAST(`region` AS STRING) = '华东' OR TRIM(CAST(`region` AS STRING)) = '华东'), FALSE))))
GROUP BY 1, 2
ORDER BY 1, 2
