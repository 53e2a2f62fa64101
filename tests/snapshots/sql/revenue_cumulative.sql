WITH "_orders_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "kanal" AS "_d0",
    SUM("amount") AS "revenue"
  FROM "ds"."orders"
  WHERE
    "date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
    AND "provinsi" IN ('Jawa Barat', 'Bali')
  GROUP BY
    1,
    2
), "_spine" AS (
  SELECT
    UNNEST(
      GENERATE_SERIES(CAST('2026-01-01' AS DATE), CAST('2026-06-01' AS DATE), INTERVAL '1' MONTH)
    ) AS "period"
), "_keys" AS (
  SELECT DISTINCT
    "_d0"
  FROM (
    SELECT
      "_d0"
    FROM "_orders_rows"
    WHERE
      "period" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-01' AS DATE)
  ) AS "_u"
)
SELECT
  "s"."period" AS "period",
  "k"."_d0" AS "kanal",
  CAST(SUM(
    CASE
      WHEN "s"."period" >= CAST('2026-01-01' AS DATE)
      THEN COALESCE("p0"."revenue", 0)
      ELSE 0
    END
  ) OVER (
    PARTITION BY "k"."_d0"
    ORDER BY "s"."period"
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS DOUBLE) AS "value"
FROM "_spine" AS "s"
CROSS JOIN "_keys" AS "k"
LEFT JOIN "_orders_rows" AS "p0"
  ON "p0"."period" = "s"."period" AND "p0"."_d0" IS NOT DISTINCT FROM "k"."_d0"
ORDER BY
  "period",
  "kanal"
