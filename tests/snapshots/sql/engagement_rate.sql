WITH "_social_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "platform" AS "_d0",
    SUM(COALESCE("likes", 0) + COALESCE("shares", 0) + COALESCE("comments", 0)) AS "engagement",
    SUM("impressions") AS "engagement_base"
  FROM "ds"."social"
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
    FROM "_social_rows"
    WHERE
      "period" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-01' AS DATE)
  ) AS "_u"
)
SELECT
  "s"."period" AS "period",
  "k"."_d0" AS "platform",
  CAST((
    COALESCE("p0"."engagement", 0)
  ) / NULLIF(COALESCE("p0"."engagement_base", 0), 0) AS DOUBLE) AS "value",
  CAST(COALESCE("p0"."engagement", 0) AS DOUBLE) AS "numerator",
  CAST(COALESCE("p0"."engagement_base", 0) AS DOUBLE) AS "denominator"
FROM "_spine" AS "s"
CROSS JOIN "_keys" AS "k"
LEFT JOIN "_social_rows" AS "p0"
  ON "p0"."period" = "s"."period" AND "p0"."_d0" IS NOT DISTINCT FROM "k"."_d0"
ORDER BY
  "period",
  "platform"
