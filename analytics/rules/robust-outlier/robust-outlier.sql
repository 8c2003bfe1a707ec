-- Robust point anomalies (detectors.md §4.9): each running hour against the median and IQR of the
-- 24 preceding running samples of the same series (a fixed, documented frame), computed with ONE
-- list-valued quantile_cont per frame (3x faster than windowed median + mad). σ̂ = IQR/1.349 with a
-- relative and an absolute floor (quantised or flat data have IQR = 0). Hours right after a gap or
-- restart (trailing window not contiguous) and just before a stop are skipped: start-up and
-- shutdown ramps are real, and so are hours inside operating marks or emergency orders. Pollutant
-- concentrations only by default. Flagged hours are merged per series and day and ranked.
WITH x AS (
  -- pollutant concentrations: the trailing quartiles of the shared pass series_robust, the same
  -- window over the N-flagged avg/zs_avg hours of series_terms computed once per state of the data
  SELECT series_id, ts, value, med, iqr, ts_back FROM series_robust
  UNION ALL
  -- O2, flow, velocity, temperature ... follow the load: only when asked, with the window here
  SELECT series_id, ts, value, qs[2] AS med, qs[3] - qs[1] AS iqr, ts_back
  FROM (SELECT series_id, ts, value, quantile_cont(value, [0.25, 0.5, 0.75]) OVER w AS qs,
               lag(ts, 24) OVER w AS ts_back, lead(ts, 2) OVER w AS ts_ahead
        FROM series_terms
        WHERE $include_process
          AND series_id IN (SELECT series_id FROM series
                            WHERE NOT (code LIKE 'a2%' OR code LIKE 'a3%' OR (code LIKE 'w%' AND code <> 'w00000')))
        WINDOW w AS (PARTITION BY series_id ORDER BY ts ROWS BETWEEN 24 PRECEDING AND 1 PRECEDING))
  WHERE ts_ahead = ts + INTERVAL 2 HOUR
), z AS (
  SELECT series_id, ts, value, med,
         (value - med) / greatest(iqr / 1.349, $rel_floor * abs(med), $abs_floor) AS z
  FROM x
  WHERE ts_back >= ts - to_hours(CAST(24 + $max_gap_hours AS BIGINT))
), hit AS (
  SELECT z.*, s.outlet_id, s.code, s.stat
  FROM z JOIN series s USING (series_id)
  WHERE CASE $side WHEN 'low' THEN z.z < -$z_threshold WHEN 'high' THEN z.z > $z_threshold
                   ELSE abs(z.z) > $z_threshold END
    -- hours inside an operating mark (启炉, 停炉, 故障, 维护 ...) or an emergency order (production
    -- cut by decree), or whose trailing 24 samples still reach into the order, are explained
    AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.outlet_id = s.outlet_id AND z.ts >= m.start_ts
                      AND z.ts < coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR))
    AND NOT EXISTS (SELECT 1 FROM orders o WHERE z.ts >= o.start_ts AND z.ts < o.end_ts + INTERVAL 24 HOUR)
), ep AS (
  SELECT series_id, any_value(outlet_id) AS outlet_id, any_value(code) AS code, any_value(stat) AS stat,
         date_trunc('day', ts) AS day, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, count(*) AS hours,
         -- the worst hour: the largest |z|, on ties (a batch analyser repeats its value) the earliest such hour,
         -- so that the evidence does not depend on the plan
         arg_min(ts, (-abs(z), ts)) AS worst_ts, arg_min(value, (-abs(z), ts)) AS worst_value, arg_min(med, (-abs(z), ts)) AS worst_median,
         arg_min(z, (-abs(z), ts)) AS worst_z, min(z) AS min_z, max(z) AS max_z
  FROM hit GROUP BY series_id, date_trunc('day', ts)
  HAVING count(*) >= $min_hours
), ranked AS (
  SELECT *, abs(worst_z) * sqrt(hours) AS strength,
         row_number() OVER (ORDER BY abs(worst_z) * sqrt(hours) DESC, series_id, day) AS rank
  FROM ep
)
SELECT o.site_id, r.outlet_id, NULL::VARCHAR AS device_id, r.series_id, r.code, r.start_ts, r.end_ts,
       round(r.strength, 3) AS score, NULL::VARCHAR AS severity,
       format('{}（{}）{} 有 {} 个小时值偏离前 24 小时中位数：最大偏离 z = {}（{} 时 {}，中位数 {}）',
              r.code, r.stat, strftime(r.day, '%Y-%m-%d'), r.hours, round(r.worst_z, 1),
              strftime(r.worst_ts, '%H:%M'), round(r.worst_value, 3), round(r.worst_median, 3)) AS summary_zh,
       format('{} ({}) on {}: {} hour(s) off the trailing 24-sample median; worst z = {} ({} at {}, median {})',
              r.code, r.stat, strftime(r.day, '%Y-%m-%d'), r.hours, round(r.worst_z, 1),
              round(r.worst_value, 3), strftime(r.worst_ts, '%H:%M'), round(r.worst_median, 3)) AS summary_en,
       struct_pack(hours := r.hours, worst_ts := r.worst_ts, worst_value := r.worst_value, median := r.worst_median,
                   worst_z := round(r.worst_z, 2), min_z := round(r.min_z, 2), max_z := round(r.max_z, 2),
                   side := $side, rank := r.rank, stat := r.stat) AS evidence
FROM ranked r LEFT JOIN outlets o ON o.outlet_id = r.outlet_id
