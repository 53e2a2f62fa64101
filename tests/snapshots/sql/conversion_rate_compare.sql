WITH "_leads_rows" AS (
  SELECT
    DATE_TRUNC('QUARTER', "date") AS "period",
    COUNT(*) FILTER(WHERE
      "converted" AND DATE_DIFF('DAY', "date", "converted_date") <= 14) AS "converted",
    COUNT(*) AS "leads"
  FROM "ds"."leads"
  WHERE
    "date" BETWEEN CAST('2025-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
  GROUP BY
    1
), "_spine" AS (
  SELECT
    UNNEST(
      GENERATE_SERIES(CAST('2025-01-01' AS DATE), CAST('2026-04-01' AS DATE), INTERVAL '3' MONTH)
    ) AS "period"
), "_result" AS (
  SELECT
    "s"."period" AS "period",
    CAST((
      COALESCE("p0"."converted", 0)
    ) / NULLIF(COALESCE("p0"."leads", 0), 0) AS DOUBLE) AS "value",
    CAST(COALESCE("p0"."converted", 0) AS DOUBLE) AS "numerator",
    CAST(COALESCE("p0"."leads", 0) AS DOUBLE) AS "denominator"
  FROM "_spine" AS "s"
  LEFT JOIN "_leads_rows" AS "p0"
    ON "p0"."period" = "s"."period"
)
SELECT
  "r"."period",
  "r"."value",
  "r"."numerator",
  "r"."denominator",
  "p"."value" AS "previous",
  "p"."numerator" AS "previous_numerator",
  "p"."denominator" AS "previous_denominator",
  "l"."value" AS "last_year",
  "l"."numerator" AS "last_year_numerator",
  "l"."denominator" AS "last_year_denominator"
FROM "_result" AS "r"
LEFT JOIN "_result" AS "p"
  ON "p"."period" = "r"."period" - INTERVAL '3' MONTH
LEFT JOIN "_result" AS "l"
  ON "l"."period" = "r"."period" - INTERVAL '1' YEAR
WHERE
  "r"."period" >= CAST('2026-01-01' AS DATE)
ORDER BY
  "r"."period"
