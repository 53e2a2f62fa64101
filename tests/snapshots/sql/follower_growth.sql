WITH "_social_rows" AS (
  SELECT
    DATE_TRUNC('MONTH', "date") AS "period",
    "platform" AS "_d0",
    COUNT(*) AS "rows"
  FROM "ds"."social"
  WHERE
    "date" BETWEEN CAST('2026-01-01' AS DATE) AND CAST('2026-06-30' AS DATE)
  GROUP BY
    1,
    2
), "_social_growth" AS (
  SELECT
    "period",
    "_d0",
    SUM("growth") AS "follower_growth"
  FROM (
    SELECT
      "period",
      "_d0",
      "last_f",
      "last_f" - COALESCE(LAG("last_f") OVER (PARTITION BY "_pf", "_d0" ORDER BY "period"), "first_f") AS "growth"
    FROM (
      SELECT
        DATE_TRUNC('MONTH', "date") AS "period",
        "platform" AS "_d0",
        "platform" AS "_pf",
        ARG_MAX("followers", ("date", "_line")) AS "last_f",
        ARG_MIN("followers", ("date", "_line")) AS "first_f"
      FROM "ds"."social"
      WHERE
        NOT "followers" IS NULL AND "date" <= CAST('2026-06-30' AS DATE)
      GROUP BY
        1,
        2,
        3
    ) AS "p"
  ) AS "g"
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
  CAST(COALESCE("p1"."follower_growth", 0) AS DOUBLE) AS "value"
FROM "_spine" AS "s"
CROSS JOIN "_keys" AS "k"
LEFT JOIN "_social_rows" AS "p0"
  ON "p0"."period" = "s"."period" AND "p0"."_d0" IS NOT DISTINCT FROM "k"."_d0"
LEFT JOIN "_social_growth" AS "p1"
  ON "p1"."period" = "s"."period" AND "p1"."_d0" IS NOT DISTINCT FROM "k"."_d0"
ORDER BY
  "period",
  "platform"
