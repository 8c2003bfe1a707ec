-- F6 converted value inconsistent with the measured value and O2 (折算浓度与实测浓度、氧含量不符).
-- Expected ZsAvg = Avg × (21 − O2ref)/(21 − O2) with O2ref from outlets.o2_ref (domain.md §2.1). An
-- hour is a mismatch when |Zs − expected| > max(tol × expected, abs_tol); the tolerance is larger
-- for outlets whose hours are rolled up from minute / real-time data. Episodes are runs of >= min_hours
-- mismatching hours (steps of up to max_gap_hours bridged) whose MEDIAN ratio Zs/expected is also off by more than the tolerance: a
-- logger that averages instantaneous Zs values (the averaging-order effect, domain.md §2.1 note)
-- scatters single hours around 1, it does not shift the median. Excluded: O2 > o2_max (the factor
-- explodes near ambient air), Avg <= min_conc, non-N hours, outlets without a reference O2, and hours
-- inside start-up / shutdown marks. The implied reference O2 = 21 − (Zs/Avg)(21 − O2) (median) tells
-- the story: ≈ measured O2 means no correction applied, a stable other value a wrong reference.
WITH fine AS (
  SELECT outlet_id, bool_or(interval IN ('min', 'rtd')) AS fine FROM series GROUP BY outlet_id
), u AS (
  -- long form by UNION ALL (a LATERAL VALUES unpivot was 100x slower on outlet_hour)
  SELECT site_id, outlet_id, ts, o2, o2_ref, o2_flag, 'a21026' AS code, so2 AS meas, so2_zs AS zs, so2_flag AS pflag FROM outlet_hour
  UNION ALL SELECT site_id, outlet_id, ts, o2, o2_ref, o2_flag, 'a21002', nox, nox_zs, nox_flag FROM outlet_hour
  UNION ALL SELECT site_id, outlet_id, ts, o2, o2_ref, o2_flag, 'a34013', pm, pm_zs, pm_flag FROM outlet_hour
  UNION ALL SELECT site_id, outlet_id, ts, o2, o2_ref, o2_flag, 'a24088', nmhc, nmhc_zs, nmhc_flag FROM outlet_hour
), x AS (
  SELECT u.site_id, u.outlet_id, u.ts, u.o2, u.o2_ref, u.code, u.meas, u.zs,
         u.meas * (21 - u.o2_ref) / (21 - u.o2) AS expected,
         CASE WHEN coalesce(f.fine, false) THEN $tol_minute ELSE $tol_hour END AS tol
  FROM u LEFT JOIN fine f ON f.outlet_id = u.outlet_id
  WHERE u.o2_ref IS NOT NULL AND u.o2 IS NOT NULL AND u.o2 >= 0 AND u.o2 <= $o2_max
    AND coalesce(u.o2_flag, 'N') = 'N' AND coalesce(u.pflag, 'N') = 'N'
    AND u.meas > $min_conc AND u.zs IS NOT NULL
), b AS (
  SELECT x.*, zs / expected AS ratio, 21 - (zs / meas) * (21 - o2) AS o2ref_implied
  FROM x
  WHERE abs(zs - expected) > greatest(tol * expected, $abs_tol)
    AND NOT EXISTS (
      SELECT 1 FROM marks m
      WHERE m.outlet_id = x.outlet_id AND x.ts >= date_trunc('hour', m.start_ts)
        AND x.ts < coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR)
        AND list_contains(string_split($exempt_marks, ','), m.mark))
), isl AS (
  -- islands over the few mismatching rows only (no window over every valid hour): a step of up to
  -- max_gap_hours (an invalid or a single matching hour) stays in the episode
  SELECT *, sum(CASE WHEN ts - prev_ts <= to_hours(CAST($max_gap_hours AS BIGINT)) THEN 0 ELSE 1 END)
              OVER (PARTITION BY outlet_id, code ORDER BY ts ROWS UNBOUNDED PRECEDING) AS grp
  FROM (SELECT *, lag(ts) OVER (PARTITION BY outlet_id, code ORDER BY ts) AS prev_ts FROM b)
), ep AS (
  SELECT any_value(site_id) AS site_id, outlet_id, code, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts,
         count(*) AS n_hours, median(ratio) AS median_ratio, median(o2ref_implied) AS o2ref_implied,
         quantile_cont(o2ref_implied, 0.75) - quantile_cont(o2ref_implied, 0.25) AS o2ref_iqr,
         median(o2) AS o2_median, any_value(o2_ref) AS o2_ref, median(zs / meas) AS zs_over_avg,
         any_value(tol) AS tol, avg(meas) AS meas_mean, avg(zs) AS zs_mean, avg(expected) AS expected_mean
  FROM isl GROUP BY outlet_id, code, grp
  HAVING count(*) >= $min_hours AND abs(median(ratio) - 1) > any_value(tol)
), k AS (
  SELECT *,
         CASE WHEN abs(zs_over_avg - 1) <= 0.02 OR abs(o2ref_implied - o2_median) <= $o2ref_match THEN 'no-correction'
              WHEN o2ref_iqr <= 2 * $o2ref_match THEN 'wrong-reference'
              ELSE 'inconsistent' END AS kind
  FROM ep
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, code, start_ts, end_ts,
       round(n_hours * abs(median_ratio - 1), 3) AS score,
       CASE WHEN n_hours >= $strong_hours THEN NULL ELSE 'medium' END AS severity,
       format('{} 折算浓度与实测浓度、氧含量不符 {} 小时（{}）：折算值为按基准氧含量 {}% 应得值的 {}，反推基准氧含量约 {}%（实测氧含量中位 {}%）',
              code, n_hours,
              CASE kind WHEN 'no-correction' THEN '疑未做氧含量折算' WHEN 'wrong-reference' THEN '疑使用了错误的基准氧含量' ELSE '折算值不随实测值和氧含量变化' END,
              o2_ref, round(median_ratio, 3), round(o2ref_implied, 1), round(o2_median, 1)) AS summary_zh,
       format('{}: converted value inconsistent with measured value and O2 for {} h ({}): converted = {} × the value expected at the {}% reference; implied reference O2 ≈ {}% (measured O2 median {}%)',
              code, n_hours,
              CASE kind WHEN 'no-correction' THEN 'no O2 correction applied' WHEN 'wrong-reference' THEN 'a wrong reference O2' ELSE 'converted value not following measured value and O2' END,
              round(median_ratio, 3), o2_ref, round(o2ref_implied, 1), round(o2_median, 1)) AS summary_en,
       struct_pack(kind := kind, hours := n_hours, median_ratio := round(median_ratio, 4),
                   o2ref_configured := o2_ref, o2ref_implied := round(o2ref_implied, 2),
                   o2ref_implied_iqr := round(o2ref_iqr, 2), o2_median := round(o2_median, 2),
                   zs_over_avg := round(zs_over_avg, 4), measured_mean := round(meas_mean, 3),
                   converted_mean := round(zs_mean, 3), expected_mean := round(expected_mean, 3),
                   tolerance := tol) AS evidence
FROM k
