-- Seasonal point anomalies (detectors.md §4.9): each running hour against the (series, hour of day,
-- month) baseline — median and MAD by GROUP BY (the series_hod pass), joined back — not a seasonal
-- rolling window, which is 8x slower. Robust z with a relative and an absolute floor. Flagged hours are aggregated per series
-- and day; a lead for the analyst (a day whose daily profile left the series' own pattern, e.g. a
-- night-time drop), never evidence on its own.
WITH b AS (
  -- the (series, hour of day, month) baselines of the series_hod pass — median, MAD, count, min and max
  -- of the N-flagged hourly avg/zs_avg values of series_terms, one list per group, built once per state
  -- of the data (the GROUP BY of 31.5M hours cost ~4.5 s of every run on the 500-enterprise city) —
  -- for the pollutant concentrations, with enough samples; O2, flow, velocity, temperature ... follow
  -- the production schedule
  SELECT series_id, hod, mon, med, mad, n AS n_base, greatest(1.4826 * mad, $rel_floor * abs(med), $abs_floor) AS sigma,
         vmin, vmax
  FROM series_hod
  WHERE n >= $min_baseline
    AND series_id IN (SELECT series_id FROM series
      WHERE $include_process OR code LIKE 'a2%' OR code LIKE 'a3%' OR (code LIKE 'w%' AND code <> 'w00000'))
), cand AS (
  -- only a group whose smallest or largest value is past the threshold can hold a deviating hour: z is
  -- monotonic in the value (sigma > 0; sigma = 0 makes z NULL, never a hit), so the groups kept here are
  -- exactly those with a hit, some 3 % of them, and only their hours are read back
  SELECT * FROM b
  WHERE CASE $side WHEN 'low' THEN (vmin - med) / sigma < -$z_threshold WHEN 'high' THEN (vmax - med) / sigma > $z_threshold
                   ELSE (vmin - med) / sigma < -$z_threshold OR (vmax - med) / sigma > $z_threshold END
), z AS (
  SELECT h.series_id, h.ts, h.value, b.med, b.mad, b.n_base, (h.value - b.med) / b.sigma AS z
  FROM series_terms h JOIN cand b ON b.series_id = h.series_id AND b.hod = hour(h.ts) AND b.mon = month(h.ts)
), hit AS (
  SELECT z.*, s.outlet_id, s.code, s.stat
  FROM z JOIN series s USING (series_id)
  WHERE CASE $side WHEN 'low' THEN z < -$z_threshold WHEN 'high' THEN z > $z_threshold
                   ELSE abs(z) > $z_threshold END
    -- hours inside an operating mark (启炉, 停炉, 故障, 维护 ...) or an emergency order (production
    -- cut by decree) are explained
    AND NOT EXISTS (SELECT 1 FROM marks m WHERE m.outlet_id = s.outlet_id AND z.ts >= m.start_ts
                      AND z.ts < coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR))
    AND NOT EXISTS (SELECT 1 FROM orders o WHERE z.ts >= o.start_ts AND z.ts < o.end_ts)
), ep AS (
  SELECT series_id, any_value(outlet_id) AS outlet_id, any_value(code) AS code, any_value(stat) AS stat,
         date_trunc('day', ts) AS day, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, count(*) AS hours,
         list_sort(list(hour(ts))) AS hours_of_day, sum(abs(z)) AS sum_abs_z,
         -- the worst hour: the largest |z|, on ties (a batch analyser repeats its value) the earliest such hour,
         -- so that the evidence does not depend on the plan
         arg_min(ts, (-abs(z), ts)) AS worst_ts, arg_min(value, (-abs(z), ts)) AS worst_value, arg_min(med, (-abs(z), ts)) AS worst_median,
         arg_min(z, (-abs(z), ts)) AS worst_z, min(n_base) AS min_baseline_n
  FROM hit GROUP BY series_id, date_trunc('day', ts)
  HAVING count(*) >= $min_hours
)
SELECT o.site_id, ep.outlet_id, NULL::VARCHAR AS device_id, ep.series_id, ep.code, ep.start_ts, ep.end_ts,
       round(ep.sum_abs_z, 3) AS score, NULL::VARCHAR AS severity,
       format('{}（{}）{} 有 {} 个小时偏离该序列同月同时段的典型值（最大 z = {}：{} 时 {}，典型值 {}）',
              ep.code, ep.stat, strftime(ep.day, '%Y-%m-%d'), ep.hours, round(ep.worst_z, 1),
              strftime(ep.worst_ts, '%H:%M'), round(ep.worst_value, 3), round(ep.worst_median, 3)) AS summary_zh,
       format('{} ({}) on {}: {} hour(s) off the series'' own hour-of-day baseline for the month (worst z = {}: {} at {}, typical {})',
              ep.code, ep.stat, strftime(ep.day, '%Y-%m-%d'), ep.hours, round(ep.worst_z, 1),
              round(ep.worst_value, 3), strftime(ep.worst_ts, '%H:%M'), round(ep.worst_median, 3)) AS summary_en,
       struct_pack(hours := ep.hours, hours_of_day := ep.hours_of_day, worst_ts := ep.worst_ts,
                   worst_value := ep.worst_value, baseline_median := ep.worst_median, worst_z := round(ep.worst_z, 2),
                   sum_abs_z := round(ep.sum_abs_z, 2), baseline_samples := ep.min_baseline_n, side := $side,
                   stat := ep.stat) AS evidence
FROM ep LEFT JOIN outlets o ON o.outlet_id = ep.outlet_id
