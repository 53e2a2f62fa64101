WITH "_orders_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "kanal" AS "_d0",
    COUNT(*) AS "rows"
  FROM "ds"."orders"
  WHERE
    "date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
    AND "provinsi" IN ('Jawa Barat', 'Bali')
  GROUP BY
    1,
    2
), "_orders_active" AS (
  SELECT DISTINCT
    DATE_TRUNC('MONTH', "date") AS "period",
    "kanal" AS "_d0",
    "customer_id"
  FROM "ds"."orders"
  WHERE
    (
      "amount" > 0 AND NOT "customer_id" IS NULL
    )
    AND "date" BETWEEN CAST('2025-12-01' AS DATE) AND CAST('2026-06-30' AS DATE)
    AND "provinsi" IN ('Jawa Barat', 'Bali')
), "_orders_retention" AS (
  SELECT
    "a"."period" + INTERVAL '1' MONTH AS "period",
    "a"."_d0" AS "_d0",
    COUNT(*) AS "previous_customers",
    COUNT("b"."customer_id") AS "retained",
    COUNT(*) - COUNT("b"."customer_id") AS "lost"
  FROM "_orders_active" AS "a"
  LEFT JOIN "_orders_active" AS "b"
    ON "b"."customer_id" = "a"."customer_id"
    AND "b"."period" = "a"."period" + INTERVAL '1' MONTH
    AND "b"."_d0" IS NOT DISTINCT FROM "a"."_d0"
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
    UNION ALL
    SELECT
      "_d0"
    FROM "_orders_active"
  ) AS "_u"
)
SELECT
  "s"."period" AS "period",
  "k"."_d0" AS "kanal",
  CAST((
    COALESCE("p1"."lost", 0)
  ) / NULLIF(COALESCE("p1"."previous_customers", 0), 0) AS DOUBLE) AS "value",
  CAST(COALESCE("p1"."lost", 0) AS DOUBLE) AS "numerator",
  CAST(COALESCE("p1"."previous_customers", 0) AS DOUBLE) AS "denominator"
FROM "_spine" AS "s"
CROSS JOIN "_keys" AS "k"
LEFT JOIN "_orders_rows" AS "p0"
  ON "p0"."period" = "s"."period" AND "p0"."_d0" IS NOT DISTINCT FROM "k"."_d0"
LEFT JOIN "_orders_retention" AS "p1"
  ON "p1"."period" = "s"."period" AND "p1"."_d0" IS NOT DISTINCT FROM "k"."_d0"
ORDER BY
  "period",
  "kanal"
