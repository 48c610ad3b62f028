-- cx tab statistics (spark): respondents by plan × answered channels, and how many picked each of its 3 options
SELECT
  CAST(`plan` AS STRING) AS cx_col,
  CASE WHEN TRY_CAST(TRIM(CAST(`channels_1` AS STRING)) AS DOUBLE) IS NOT NULL OR TRY_CAST(TRIM(CAST(`channels_2` AS STRING)) AS DOUBLE) IS NOT NULL OR TRY_CAST(TRIM(CAST(`channels_3` AS STRING)) AS DOUBLE) IS NOT NULL THEN 1 ELSE 0 END AS cx_answered,
  COUNT(*) AS cx_n,
  SUM(CASE WHEN TRY_CAST(TRIM(CAST(`channels_1` AS STRING)) AS DOUBLE) = 1 THEN 1 ELSE 0 END) AS cx_o0,
  SUM(CASE WHEN TRY_CAST(TRIM(CAST(`channels_2` AS STRING)) AS DOUBLE) = 1 THEN 1 ELSE 0 END) AS cx_o1,
  SUM(CASE WHEN TRY_CAST(TRIM(CAST(`channels_3` AS STRING)) AS DOUBLE) = 1 THEN 1 ELSE 0 END) AS cx_o2,
  MAX('{"cx":"tab-stats","version":1,"rows":{"id":"channels","multi":{"columns":["channels_1","channels_2","channels_3"],"options":["App","Web","电话"]}},"cols":{"id":"plan"},"where":"plan != \\"Basic\\" and (w > 1 or region in (\\"East\\", \\"华东\\"))"}') AS cx_meta
FROM analytics.responses
WHERE (((`plan` IS NULL OR CAST(`plan` AS STRING) = '') OR NOT COALESCE((CAST(`plan` AS STRING) = 'Basic' OR TRIM(CAST(`plan` AS STRING)) = 'Basic'), FALSE)) AND (COALESCE(TRY_CAST(TRIM(CAST(`w` AS STRING)) AS DOUBLE) > 1, FALSE) OR (NOT (`region` IS NULL OR CAST(`region` AS STRING) = '') AND COALESCE((CAST(`region` AS STRING) = 'East' OR TRIM(CAST(`region` AS STRING)) = 'East') OR (CAST(`region` AS STRING) = '华东' OR TRIM(CAST(`region` AS STRING)) = '华东'), FALSE))))
GROUP BY 1, 2
ORDER BY 1, 2
