-- Level shifts (detectors.md §4.10): daily medians of the N-flagged running hours, the median of the
-- $window_days days before each day against the median of the $window_days days from that day on.
-- The right-hand median is the left-hand median of the day $window_days later (the lead trick: one
-- windowed median instead of two). ADTK-style threshold: |Δ| above Q3 + c·IQR of the series' own |Δ|,
-- local peaks only. A large fall of a pollutant concentration while the outlet's flow, O2 and the
-- site's production power stay put (the process did not change) is the "sudden drop after an
-- inspection notice" signature; everything else is a low lead (retrofit, fuel switch, recalibration).
WITH d AS (
  -- the daily median and count of the N-flagged avg/zs_avg hours: the shared series_day roll-up
  -- (prepare-inputs.ts), the same hours this rule grouped itself; that GROUP BY over 11M hours was
  -- 2.3 s of the rule's 4.6 s CPU on city100
  SELECT series_id, day, med AS v, n FROM series_day WHERE n >= $min_day_hours
), load_day AS (
  -- the site's production power as a process covariate (empty without sub-metering)
  SELECT site_id, date_trunc('day', ts) AS day, avg(prod_kw) AS v
  FROM site_state WHERE prod_kw IS NOT NULL GROUP BY ALL
), dd AS (
  -- one key for series (> 0) and site load rows (< 0), so that both share one window and one join
  SELECT series_id::BIGINT AS k, series_id, NULL::VARCHAR AS site_id, day, v FROM d
  UNION ALL
  SELECT -dense_rank() OVER (ORDER BY site_id), NULL::INTEGER, site_id, day, v FROM load_day
), m AS (
  -- the left-hand window's median and day count from the list of its (at most $window_days) values:
  -- the same quantile code as a windowed median(), whose per-partition sort trees cost 8 s of the
  -- rule's 14 s profiled CPU on 500 enterprises for frames of a few days (list + median 5 s). The
  -- daily values are never NULL, so the list's length is the frame's count(*)
  SELECT k, series_id, site_id, day, v, list_aggregate(l, 'median') AS med_l, coalesce(len(l), 0) AS n_l
  FROM (SELECT *, list(v) OVER w AS l
        FROM dd
        WINDOW w AS (PARTITION BY k ORDER BY day
                     RANGE BETWEEN to_days(CAST($window_days AS INTEGER)) PRECEDING AND INTERVAL 1 DAY PRECEDING))
), s AS (
  SELECT a.series_id, ser.outlet_id, ser.code, ser.stat, a.site_id, a.day, a.med_l, b.med_l AS med_r,
         b.med_l - a.med_l AS diff
  FROM m a JOIN m b ON b.k = a.k AND b.day = a.day + to_days(CAST($window_days AS INTEGER))
  LEFT JOIN series ser ON ser.series_id = a.series_id
  WHERE a.n_l >= $min_window_days AND b.n_l >= $min_window_days
), q AS (
  SELECT series_id, quantile_cont(abs(diff), [0.25, 0.75]) AS qq FROM s WHERE series_id IS NOT NULL GROUP BY series_id
), cand AS (
  SELECT s.*, (abs(diff) - q.qq[2]) / nullif(q.qq[2] - q.qq[1], 0) AS iqr_score,
         s.med_r / nullif(s.med_l, 0) - 1 AS rel
  FROM s JOIN q USING (series_id)
  WHERE abs(diff) > q.qq[2] + $iqr_factor * (q.qq[2] - q.qq[1])
    AND abs(diff) >= $min_rel_change * abs(s.med_l)
  -- local peaks only
  QUALIFY abs(diff) = max(abs(diff)) OVER (PARTITION BY series_id ORDER BY day
          RANGE BETWEEN to_days(CAST($window_days AS INTEGER)) PRECEDING AND to_days(CAST($window_days AS INTEGER)) FOLLOWING)
), peaks AS (
  -- a clean step gives a plateau of tied peaks a few days long: one finding at its middle day
  SELECT series_id, any_value(outlet_id) AS outlet_id, any_value(code) AS code, any_value(stat) AS stat,
         min(day) + to_days(CAST(date_diff('day', min(day), max(day)) // 2 AS INTEGER)) AS day,
         min(day) AS first_day, max(day) AS last_day,
         arg_max(med_l, abs(diff)) AS med_l, arg_max(med_r, abs(diff)) AS med_r, arg_max(diff, abs(diff)) AS diff,
         max(iqr_score) AS iqr_score, arg_max(rel, abs(diff)) AS rel
  FROM (SELECT *, day - to_days(CAST(row_number() OVER (PARTITION BY series_id ORDER BY day) AS INTEGER)) AS grp FROM cand)
  GROUP BY series_id, grp
), cov AS (
  -- the same windows of the outlet's flow and O2 and of the site's production power, at the same day
  SELECT p.series_id, p.day,
         max(c.med_r / nullif(c.med_l, 0) - 1) FILTER (c.code IN ('a00000', 'w00000')) AS flow_rel,
         max(c.med_r - c.med_l) FILTER (c.code = 'a19001') AS o2_diff
  FROM peaks p JOIN s c ON c.outlet_id = p.outlet_id AND c.day = p.day AND c.stat = 'avg'
                       AND c.code IN ('a00000', 'w00000', 'a19001')
  GROUP BY p.series_id, p.day
), j AS (
  SELECT p.*, o.site_id AS site, cov.flow_rel, cov.o2_diff, l.med_r / nullif(l.med_l, 0) - 1 AS load_rel,
         (p.code LIKE 'a2%' OR p.code LIKE 'a3%' OR (p.code LIKE 'w%' AND p.code NOT IN ('w00000', 'w01001'))) AS pollutant
  FROM peaks p
  LEFT JOIN outlets o ON o.outlet_id = p.outlet_id
  LEFT JOIN cov ON cov.series_id = p.series_id AND cov.day = p.day
  LEFT JOIN s l ON l.series_id IS NULL AND l.site_id = o.site_id AND l.day = p.day
), f AS (
  SELECT *,
         (flow_rel IS NOT NULL OR load_rel IS NOT NULL)
           AND abs(coalesce(flow_rel, 0)) <= $process_tolerance AND abs(coalesce(load_rel, 0)) <= $process_tolerance
           AND abs(coalesce(o2_diff, 0)) <= $o2_tolerance AS process_steady
  FROM j
)
SELECT site AS site_id, outlet_id, NULL::VARCHAR AS device_id, series_id, code,
       first_day - to_days(CAST($window_days AS INTEGER)) AS start_ts,
       last_day + to_days(CAST($window_days AS INTEGER)) AS end_ts,
       round(iqr_score, 3) AS score,
       -- medium: a pollutant falls by at least $min_drop while flow / load and O2 do not move
       CASE WHEN pollutant AND rel <= -$min_drop AND process_steady THEN 'medium' ELSE 'low' END AS severity,
       format('{}（{}）约自 {} 起日中位数由 {} {}至 {}（{}%）；同期流量变化 {}，生产用电变化 {}，氧含量变化 {}',
              code, stat, strftime(day, '%Y-%m-%d'), round(med_l, 3), CASE WHEN diff < 0 THEN '降' ELSE '升' END,
              round(med_r, 3), round(100 * rel, 1), coalesce(round(100 * flow_rel, 1)::VARCHAR || '%', '—'),
              coalesce(round(100 * load_rel, 1)::VARCHAR || '%', '—'), coalesce(round(o2_diff, 2)::VARCHAR, '—')) AS summary_zh,
       format('{} ({}) from about {}: daily median {} from {} to {} ({}%); flow {}, production power {}, O2 {} over the same windows',
              code, stat, strftime(day, '%Y-%m-%d'), CASE WHEN diff < 0 THEN 'falls' ELSE 'rises' END, round(med_l, 3),
              round(med_r, 3), round(100 * rel, 1), coalesce(round(100 * flow_rel, 1)::VARCHAR || '%', 'n/a'),
              coalesce(round(100 * load_rel, 1)::VARCHAR || '%', 'n/a'), coalesce(round(o2_diff, 2)::VARCHAR, 'n/a')) AS summary_en,
       struct_pack(shift_day := day, median_before := round(med_l, 4), median_after := round(med_r, 4),
                   relative_change := round(rel, 4), iqr_score := round(iqr_score, 2), window_days := $window_days,
                   flow_change := round(flow_rel, 4), load_change := round(load_rel, 4), o2_change := round(o2_diff, 3),
                   process_steady := process_steady, stat := stat) AS evidence
FROM f
