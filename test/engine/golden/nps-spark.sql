-- cx score statistics (spark): counts, Σw and Σw² by region × plan × week × answer (scale 0–10)
SELECT
  `region`,
  `plan`,
  cx_period,
  cx_status,
  cx_raw,
  COUNT(*) AS cx_n,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w ELSE 0 END) AS cx_sw,
  SUM(CASE WHEN cx_status = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2,
  MAX('{"cx":"score-stats","version":1,"metric":"nps","question":{"id":"nps","label":"nps","type":"number"},"scale":{"min":0,"max":10},"by":["region","plan"],"dateColumn":"created_at","weightId":"w","period":"week","where":"plan != \\"Basic\\" and (score >= 0 or channel in (\\"web\\", \\"app\\")) and note is not missing"}') AS cx_meta
FROM (
  SELECT
    CASE WHEN cx_keep THEN cx_g0 END AS `region`,
    CASE WHEN cx_keep THEN cx_g1 END AS `plan`,
    CASE WHEN cx_keep THEN cx_period END AS cx_period,
    CASE WHEN NOT cx_keep THEN 'filtered' WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ELSE 'kept' END AS cx_status,
    CASE WHEN cx_keep THEN cx_text END AS cx_raw,
    cx_w
  FROM (
    SELECT
    (((`plan` IS NULL OR CAST(`plan` AS STRING) = '') OR NOT COALESCE((CAST(`plan` AS STRING) = 'Basic' OR TRIM(CAST(`plan` AS STRING)) = 'Basic'), FALSE)) AND ((COALESCE(TRY_CAST(TRIM(CAST(`score` AS STRING)) AS DOUBLE) >= 0, FALSE) OR (NOT (`channel` IS NULL OR CAST(`channel` AS STRING) = '') AND COALESCE((CAST(`channel` AS STRING) = 'web' OR TRIM(CAST(`channel` AS STRING)) = 'web') OR (CAST(`channel` AS STRING) = 'app' OR TRIM(CAST(`channel` AS STRING)) = 'app'), FALSE))) AND (NOT (`note` IS NULL OR CAST(`note` AS STRING) = '')))) AS cx_keep,
    CASE WHEN TRIM(CAST(`region` AS STRING)) = '' THEN NULL ELSE CAST(`region` AS STRING) END AS cx_g0,
    CASE WHEN TRIM(CAST(`plan` AS STRING)) = '' THEN NULL ELSE CAST(`plan` AS STRING) END AS cx_g1,
    CONCAT(CAST(EXTRACT(YEAROFWEEK FROM TRY_CAST(SUBSTR(TRIM(CAST(`created_at` AS STRING)), 1, 10) AS DATE)) AS STRING), '-W', LPAD(CAST(WEEKOFYEAR(TRY_CAST(SUBSTR(TRIM(CAST(`created_at` AS STRING)), 1, 10) AS DATE)) AS STRING), 2, '0')) AS cx_period,
    CAST(`nps` AS STRING) AS cx_text,
    TRY_CAST(TRIM(CAST(`w` AS STRING)) AS DOUBLE) AS cx_w
    FROM analytics.responses
  ) cx_b
) cx_c
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5
