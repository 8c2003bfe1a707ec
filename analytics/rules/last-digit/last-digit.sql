-- Last-digit test (detectors.md §4.5): with a spread much larger than the reporting resolution, the
-- last reported digit of a measured quantity is close to uniform. Hand-entered or hand-rounded values
-- (only 0 and 5, favourite digits) break that. Precision is detected per series (the most decimals
-- a real share of the values uses), so integer series (flow, counters) are tested on their units
-- digit, not on a decimal that is always 0. Tested per series and calendar month (χ² with 9 df, a
-- Bonferroni-safe critical value), flagged months merged into episodes, χ² recomputed on the episode.
-- Optional: first-digit (Benford) test of pooled daily mass (cou) of all sites, never per series
-- (a CEMS series spans less than one decade).
WITH prec AS (
  -- reporting precision per series: the most decimals that a real share of the (single-sample,
  -- non-zero) values uses (0-3); the shares per series are in the shared pass (series_precision)
  SELECT series_id,
         CASE WHEN reported_share3 >= $precision_share THEN 3
              WHEN reported_share2 >= $precision_share THEN 2
              WHEN reported_share1 >= $precision_share THEN 1
              ELSE 0 END AS decimals
  FROM series_precision
  WHERE reported_share3 IS NOT NULL
), packed AS (
  -- the series' monthly counts at its precision, from the series_digits pass (prepare-inputs.ts: the
  -- original reported non-zero values of the N-flagged hours of series_terms, per series and calendar
  -- month, the ten digit counts packed as 16-bit fields of three sums at each of 0-3 decimals);
  -- grouping the 50M values here cost ~1.9 s of every run on 500 enterprises
  SELECT g.series_id, p.decimals, g.first_ts, g.last_ts, g.n, g.sd,
         CASE p.decimals WHEN 0 THEN g.p0_0 WHEN 1 THEN g.p0_1 WHEN 2 THEN g.p0_2 ELSE g.p0_3 END AS p0,
         CASE p.decimals WHEN 0 THEN g.p4_0 WHEN 1 THEN g.p4_1 WHEN 2 THEN g.p4_2 ELSE g.p4_3 END AS p4,
         CASE p.decimals WHEN 0 THEN g.p8_0 WHEN 1 THEN g.p8_1 WHEN 2 THEN g.p8_2 ELSE g.p8_3 END AS p8
  FROM series_digits g JOIN prec p USING (series_id)
), mon AS (
  SELECT series_id, decimals, date_trunc('month', first_ts) AS month, first_ts, last_ts, n, sd,
         (p0 & 65535)::BIGINT AS c0, ((p0 >> 16) & 65535)::BIGINT AS c1, ((p0 >> 32) & 65535)::BIGINT AS c2,
         ((p0 >> 48) & 65535)::BIGINT AS c3, (p4 & 65535)::BIGINT AS c4, ((p4 >> 16) & 65535)::BIGINT AS c5,
         ((p4 >> 32) & 65535)::BIGINT AS c6, ((p4 >> 48) & 65535)::BIGINT AS c7, (p8 & 65535)::BIGINT AS c8,
         ((p8 >> 16) & 65535)::BIGINT AS c9
  FROM packed
), chi AS (
  SELECT *, 10.0 / n * (c0*c0 + c1*c1 + c2*c2 + c3*c3 + c4*c4 + c5*c5 + c6*c6 + c7*c7 + c8*c8 + c9*c9) - n AS chi2
  FROM mon
  -- the digit is only informative when the spread is many quanta (else rounding of a narrow,
  -- skewed distribution or a unit conversion makes it legitimately non-uniform)
  WHERE n >= $min_n AND sd >= $min_sd_quanta * pow(10, -decimals)
), flagged AS (
  SELECT *, month - to_months(CAST(row_number() OVER (PARTITION BY series_id ORDER BY month) AS INTEGER)) AS grp
  FROM chi WHERE chi2 > $chi2_critical
), ep AS (
  SELECT series_id, any_value(decimals) AS decimals, min(first_ts) AS start_ts, max(last_ts) + INTERVAL 1 HOUR AS end_ts,
         count(*) AS months, sum(n) AS n, min(sd) AS min_sd,
         [sum(c0), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6), sum(c7), sum(c8), sum(c9)]::BIGINT[] AS counts
  FROM flagged GROUP BY series_id, grp
), ev AS (
  SELECT ep.*, s.outlet_id, s.code, s.stat, 10.0 / n * list_sum(list_transform(counts, c -> c * c)) - n AS chi2,
         list_max(counts) / n AS max_share, list_position(counts, list_max(counts)) - 1 AS top_digit,
         -- a last digit that is (almost) always 0 is a reporting-precision drop for the period (a DAS or
         -- platform setting) as often as rounding; only 0 and 5 is the hand-rounding signature
         CASE WHEN counts[1] >= 0.95 * n THEN 'precision-drop'
              WHEN counts[1] + counts[6] >= 0.6 * n THEN 'zeros-and-fives'
              ELSE 'skewed' END AS pattern
  FROM ep JOIN series s USING (series_id)
), series_findings AS (
  SELECT o.site_id, ev.outlet_id, NULL::VARCHAR AS device_id, ev.series_id, ev.code, ev.start_ts, ev.end_ts,
         round(chi2, 2) AS score,
         -- a lead: medium only with a large effect (one digit far above its uniform 10 % share) that is
         -- not a plain precision drop
         CASE WHEN max_share >= $medium_max_share AND pattern <> 'precision-drop' THEN 'medium' ELSE 'low' END AS severity,
         format('{}（{}）末位数字分布偏离均匀：χ²={}（n={}，{} 位小数），数字 {} 占 {}%（均匀应为 10%）{}',
                ev.code, ev.stat, round(chi2, 1), n, decimals, top_digit, round(100 * max_share, 1),
                CASE pattern WHEN 'precision-drop' THEN '；末位几乎全为 0，可能是该时段报告精度降低'
                             WHEN 'zeros-and-fives' THEN '；末位几乎只有 0 和 5，符合人工修约特征' ELSE '' END) AS summary_zh,
         format('{} ({}) last digit not uniform: chi2 = {} (n = {}, {} decimals); digit {} makes {}% (uniform 10%){}',
                ev.code, ev.stat, round(chi2, 1), n, decimals, top_digit, round(100 * max_share, 1),
                CASE pattern WHEN 'precision-drop' THEN '; the digit is almost always 0, possibly a lower reporting precision'
                             WHEN 'zeros-and-fives' THEN '; almost only 0 and 5, the hand-rounding signature' ELSE '' END) AS summary_en,
         struct_pack(test := 'last-digit', chi2 := round(chi2, 2), critical := $chi2_critical, n := n,
                     decimals := decimals, digit_counts := counts, max_digit_share := round(max_share, 4),
                     top_digit := top_digit, min_monthly_sd := round(min_sd, 4), months := months, stat := ev.stat,
                     pattern := pattern, mad := NULL::DOUBLE, decades := NULL::DOUBLE) AS evidence
  FROM ev LEFT JOIN outlets o ON o.outlet_id = ev.outlet_id
), mass AS (
  -- pooled daily emitted mass of every pollutant series of every site (kg/day), for Benford only
  SELECT series_id, date_trunc('day', ts) AS day, sum(value) AS kg
  FROM series_hour
  WHERE $benford_pooled AND stat = 'cou' AND flag = 'N' AND code NOT IN ('a00000', 'w00000')
  GROUP BY series_id, date_trunc('day', ts) HAVING sum(value) > 0
), bf AS (
  SELECT count(*) AS n, min(day) AS start_ts, max(day) + INTERVAL 1 DAY AS end_ts,
         log10(quantile_cont(kg, 0.99) / quantile_cont(kg, 0.01)) AS decades,
         [count(*) FILTER (d = 1), count(*) FILTER (d = 2), count(*) FILTER (d = 3), count(*) FILTER (d = 4),
          count(*) FILTER (d = 5), count(*) FILTER (d = 6), count(*) FILTER (d = 7), count(*) FILTER (d = 8),
          count(*) FILTER (d = 9)]::BIGINT[] AS counts
  FROM (SELECT day, kg, floor(kg / pow(10, floor(log10(kg))))::INTEGER AS d FROM mass)
), bs AS (
  SELECT *, list_sum(list_transform(counts, (c, i) -> c * c / (n * log10(1 + 1.0 / i)))) - n AS chi2,
         list_avg(list_transform(counts, (c, i) -> abs(c / n - log10(1 + 1.0 / i)))) AS mad
  FROM bf
  -- Benford needs data spanning >= 2 decades and N >= 300 (Nigrini); MAD above the nonconformity bound
  WHERE n >= 300 AND decades >= 2
)
SELECT * FROM series_findings
UNION ALL
SELECT NULL, NULL, NULL, NULL, 'cou', start_ts, end_ts, round(mad * 1000, 3), 'info',
       format('全市各企业日排放量（{} 个）的首位数字偏离本福特分布：MAD={}（>{} 为不符合），χ²={}，跨 {} 个数量级',
              n, round(mad, 4), $benford_max_mad, round(chi2, 1), round(decades, 2)),
       format('First digits of pooled daily emitted mass ({} values, all sites) deviate from Benford: MAD = {} (> {} = nonconformity), chi2 = {}, {} decades',
              n, round(mad, 4), $benford_max_mad, round(chi2, 1), round(decades, 2)),
       struct_pack(test := 'benford-pooled', chi2 := round(chi2, 2), critical := NULL::DOUBLE, n := n,
                   decimals := NULL::INTEGER, digit_counts := counts, max_digit_share := round(list_max(counts) / n, 4),
                   top_digit := list_position(counts, list_max(counts)), min_monthly_sd := NULL::DOUBLE,
                   months := NULL::BIGINT, stat := 'cou', pattern := 'benford', mad := round(mad, 4),
                   decades := round(decades, 3))
FROM bs WHERE mad > $benford_max_mad
