WITH "_orders_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "kanal" AS "_d0",
    COUNT(*) AS "rows"
  FROM "ds"."orders"
  WHERE
    "date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
  GROUP BY
    1,
    2
), "_orders_first" AS (
  SELECT
    "customer_id",
    "first_date",
    "first_row"."_k0" AS "_k0"
  FROM (
    SELECT
      "customer_id",
      MIN("date") AS "first_date",
      ARG_MIN({'_k0': "kanal"}, ("date", "_line")) AS "first_row"
    FROM "ds"."orders"
    WHERE
      "amount" > 0 AND NOT "customer_id" IS NULL
    GROUP BY
      1
  ) AS "f"
), "_orders_new" AS (
  SELECT
    DATE_TRUNC('MONTH', "first_date") AS "period",
    "_k0" AS "_d0",
    COUNT(*) AS "new_customers"
  FROM "_orders_first"
  WHERE
    "first_date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
  GROUP BY
    1,
    2
), "_spend_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "kanal" AS "_d0",
    SUM("spend") AS "spend"
  FROM "ds"."spend"
  WHERE
    "date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
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
    FROM "_orders_new"
    WHERE
      "period" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-01' AS DATE)
    UNION ALL
    SELECT
      "_d0"
    FROM "_spend_rows"
    WHERE
      "period" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-01' AS DATE)
  ) AS "_u"
)
SELECT
  "s"."period" AS "period",
  "k"."_d0" AS "kanal",
  CAST((
    COALESCE("p2"."spend", 0)
  ) / NULLIF(COALESCE("p1"."new_customers", 0), 0) AS DOUBLE) AS "value",
  CAST(COALESCE("p2"."spend", 0) AS DOUBLE) AS "numerator",
  CAST(COALESCE("p1"."new_customers", 0) AS DOUBLE) AS "denominator"
FROM "_spine" AS "s"
CROSS JOIN "_keys" AS "k"
LEFT JOIN "_orders_rows" AS "p0"
  ON "p0"."period" = "s"."period" AND "p0"."_d0" IS NOT DISTINCT FROM "k"."_d0"
LEFT JOIN "_orders_new" AS "p1"
  ON "p1"."period" = "s"."period" AND "p1"."_d0" IS NOT DISTINCT FROM "k"."_d0"
LEFT JOIN "_spend_rows" AS "p2"
  ON "p2"."period" = "s"."period" AND "p2"."_d0" IS NOT DISTINCT FROM "k"."_d0"
ORDER BY
  "period",
  "kanal"
