-- E7 数据中断 (domain.md §6.2, correlated with F8): a production or treatment sub-meter stops reporting
-- for at least $min_missing_minutes (gaps measured against the meter's own sampling interval; a gap at
-- the end of the data counts up to the last reading of any meter) while production is evidently going on
-- or during an order window. Evidence of production during the gap, any of:
--   the meter's device was on both before and after the gap (production meters);
--   its cumulative kWh register advanced at a running rate across the gap (the energy that was hidden);
--   other production or treatment meters of the site were on;
--   the site's CEMS showed stack flow > $flow_ratio × typical.
-- CEMS hours missing in the same window are counted (simultaneous outages of both systems).
-- Severity medium when the gap overlaps an order window in which the site has a stop/limit measure and the
-- CEMS does not show the plant stopped; low otherwise.
WITH dev AS (
  -- sampling interval, p95 and last reading per meter: a shared pass (screening/prepare-inputs.ts)
  SELECT device_id, site_id, role, line_id, p95, step_min, last_ts, last_on FROM device_profile
), bounds AS (
  -- the last reading of any meter: device_state's rows are the power readings of known devices, read
  -- here without the view's p95 join and state projection
  SELECT max(p.ts) AS t1 FROM power_readings p SEMI JOIN devices d USING (device_id) WHERE p.kw IS NOT NULL
), x AS (
  -- every step between two readings of a meter: a gap is a step longer than one interval, so the
  -- shared device_edges pass holds them all (with the reading before); the last reading of each meter
  -- is followed by a gap up to the end of all power data
  SELECT e.device_id, e.prev_ts AS ts, e.ts AS next_ts, e.prev_on AS is_on, e.is_on AS next_on
  FROM device_edges e WHERE e.prev_ts IS NOT NULL
  UNION ALL
  SELECT device_id, last_ts, NULL, last_on, NULL FROM dev
), gaps AS (
  SELECT x.device_id, dv.site_id, dv.role, dv.line_id, dv.p95, dv.step_min,
         x.ts AS last_ts, x.next_ts AS resume_ts, x.is_on AS on_before, x.next_on AS on_after,
         x.ts + to_minutes(dv.step_min) AS gap_start,
         coalesce(x.next_ts, b.t1 + to_minutes(dv.step_min)) AS gap_end
  FROM x JOIN dev dv USING (device_id) CROSS JOIN bounds b
  WHERE date_diff('second', x.ts, coalesce(x.next_ts, b.t1 + to_minutes(dv.step_min))) - 60 * dv.step_min
        >= 60 * $min_missing_minutes
), reg AS (
  SELECT p.device_id, p.ts, max(p.kwh) AS kwh
  FROM power_readings p
  SEMI JOIN (SELECT device_id, last_ts AS ts FROM gaps UNION SELECT device_id, resume_ts FROM gaps WHERE resume_ts IS NOT NULL) k
    ON k.device_id = p.device_id AND k.ts = p.ts
  GROUP BY p.device_id, p.ts
), g2 AS (
  SELECT g.*, date_diff('second', g.gap_start, g.gap_end) / 60.0 AS missing_min,
         (r2.kwh - r1.kwh) / nullif(date_diff('second', g.last_ts, g.resume_ts) / 3600.0, 0) AS implied_kw
  FROM gaps g
  LEFT JOIN reg r1 ON r1.device_id = g.device_id AND r1.ts = g.last_ts
  LEFT JOIN reg r2 ON r2.device_id = g.device_id AND r2.ts = g.resume_ts
), keys AS (
  SELECT g.device_id AS gdev, g.gap_start, g.gap_end, g.site_id,
         unnest(generate_series(date_trunc('hour', g.gap_start), g.gap_end - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM g2 g
), others AS (
  -- other meters of the site during the gap
  SELECT k.gdev, k.gap_start,
         sum(dv.step_min) FILTER (d.is_on AND d.role = 'production') AS prod_on_min,
         sum(dv.step_min) FILTER (d.is_on AND d.role = 'treatment') AS treat_on_min
  FROM keys k
  JOIN dev dv ON dv.site_id = k.site_id AND dv.device_id <> k.gdev
  JOIN device_state d ON d.device_id = dv.device_id AND date_trunc('hour', d.ts) = k.h
  WHERE d.ts >= k.gap_start AND d.ts < k.gap_end AND d.kw IS NOT NULL
  GROUP BY k.gdev, k.gap_start
), gsites AS (
  SELECT DISTINCT site_id FROM g2
), goutlets AS (
  SELECT min(outlet_id) AS lo, max(outlet_id) AS hi FROM outlets SEMI JOIN gsites USING (site_id)
), typ AS (
  -- the span of the gap sites' outlets is implied by the semi join, and a filter the scan of
  -- outlet_hour (stored by outlet and hour) can skip row groups with: the semi join alone built its
  -- hash table on every outlet-hour. With the same span in cems, the statement took 0.5-0.6 s CPU on
  -- city100 instead of 1.3-1.5 s
  SELECT outlet_id, any_value(site_id) AS site_id, quantile_cont(flow, 0.5) FILTER (flow > 0) AS flow_typ
  FROM outlet_hour SEMI JOIN gsites USING (site_id)
  WHERE flag = 'N' AND outlet_id >= (SELECT lo FROM goutlets) AND outlet_id <= (SELECT hi FROM goutlets)
  GROUP BY outlet_id
), cems AS (
  SELECT k.gdev, k.gap_start,
         count(DISTINCT oh.ts) AS cems_hours,
         count(DISTINCT oh.ts) FILTER (oh.flow > $flow_ratio * t.flow_typ) AS cems_running_hours,
         count(DISTINCT k.h) AS gap_hours,
         (SELECT count(*) FROM typ t2 WHERE t2.site_id = any_value(k.site_id)) AS n_outlets
  FROM keys k
  -- only the outlet-hours of the gaps: a LEFT JOIN on outlet_hour itself built its hash table on
  -- every outlet-hour (1.3M on city100) for a few gap hours
  LEFT JOIN (SELECT oh.site_id, oh.ts, oh.outlet_id, oh.flow FROM outlet_hour oh
             SEMI JOIN keys k2 ON k2.site_id = oh.site_id AND k2.h = oh.ts
             WHERE oh.outlet_id >= (SELECT lo FROM goutlets) AND oh.outlet_id <= (SELECT hi FROM goutlets)) oh
    ON oh.site_id = k.site_id AND oh.ts = k.h
  LEFT JOIN typ t ON t.outlet_id = oh.outlet_id
  GROUP BY k.gdev, k.gap_start
), ordr AS (
  SELECT g.device_id, g.gap_start, list(DISTINCT o.order_id ORDER BY o.order_id) AS orders,
         bool_or(EXISTS (SELECT 1 FROM measures m WHERE m.site_id = g.site_id AND lower(m.level) = lower(o.level)
                                                   AND lower(m.action) IN ('stop', 'limit'))) AS has_measure
  FROM g2 g JOIN sites s ON s.site_id = g.site_id
  JOIN orders o ON o.start_ts < g.gap_end AND o.end_ts > g.gap_start
   AND (o.scope IS NULL OR trim(o.scope) IN ('', 'all', 'ALL', 'All', '全市', '全部', '全域')
        OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.county)
        OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.township))
  GROUP BY g.device_id, g.gap_start
), ev AS (
  SELECT g.*, coalesce(ot.prod_on_min, 0) AS prod_on_min, coalesce(ot.treat_on_min, 0) AS treat_on_min,
         c.cems_hours, c.cems_running_hours, c.gap_hours, c.n_outlets,
         CASE WHEN c.n_outlets > 0 THEN c.gap_hours - c.cems_hours END AS cems_missing_hours,
         r.orders, coalesce(r.has_measure, false) AS order_measure,
         coalesce(g.role = 'production' AND g.on_before AND g.on_after, false) AS on_both_sides,
         coalesce(g.implied_kw > greatest(1.0, CASE WHEN g.role = 'treatment' THEN 0.1 ELSE 0.2 END * g.p95), false) AS register_running
  FROM g2 g
  LEFT JOIN others ot ON ot.gdev = g.device_id AND ot.gap_start = g.gap_start
  LEFT JOIN cems c ON c.gdev = g.device_id AND c.gap_start = g.gap_start
  LEFT JOIN ordr r ON r.device_id = g.device_id AND r.gap_start = g.gap_start
), hit AS (
  SELECT *,
         on_both_sides OR register_running OR prod_on_min > 0 OR coalesce(cems_running_hours, 0) > 0
           OR (role = 'production' AND treat_on_min > 0) AS running,
         coalesce(cems_hours > 0 AND cems_running_hours = 0, false) AS cems_stopped
  FROM ev
)
SELECT site_id, NULL::VARCHAR AS outlet_id, device_id, NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       gap_start AS start_ts, gap_end AS end_ts,
       round(missing_min / 60.0 * CASE WHEN orders IS NOT NULL THEN 2 ELSE 1 END, 2) AS score,
       CASE WHEN order_measure AND NOT cems_stopped THEN 'medium' ELSE 'low' END AS severity,
       format('{} 分表 {}（{}）数据中断 {} 小时（{} 至 {}）{}{}',
              site_id, device_id, role, round(missing_min / 60.0, 1), strftime(gap_start, '%m-%d %H:%M'),
              strftime(gap_end, '%m-%d %H:%M'),
              CASE WHEN orders IS NOT NULL THEN '，处于应急管控期间（' || array_to_string(orders, ',') || '）' ELSE '' END,
              CASE WHEN register_running THEN format('；电度表累计读数显示期间平均 {} kW，设备在运行', round(implied_kw, 1))
                   WHEN on_both_sides THEN '；中断前后设备均在运行'
                   WHEN coalesce(cems_running_hours, 0) > 0 THEN format('；同期 CEMS 有 {} 小时烟气流量为生产水平', cems_running_hours)
                   WHEN prod_on_min + treat_on_min > 0 THEN '；同期厂内其他分表显示生产运行' ELSE '' END) AS summary_zh,
       format('{} meter {} ({}) silent for {} h ({} to {}){}{}',
              site_id, device_id, role, round(missing_min / 60.0, 1), strftime(gap_start, '%m-%d %H:%M'),
              strftime(gap_end, '%m-%d %H:%M'),
              CASE WHEN orders IS NOT NULL THEN ' during emergency order ' || array_to_string(orders, ',') ELSE '' END,
              CASE WHEN register_running THEN format('; its kWh register implies {} kW on average, i.e. running', round(implied_kw, 1))
                   WHEN on_both_sides THEN '; the device was running before and after'
                   WHEN coalesce(cems_running_hours, 0) > 0 THEN format('; the CEMS shows production-level flow for {} h', cems_running_hours)
                   WHEN prod_on_min + treat_on_min > 0 THEN '; other meters of the site show production' ELSE '' END) AS summary_en,
       struct_pack(role := role, line_id := line_id, missing_minutes := round(missing_min, 1),
                   samples_missing := CAST(floor(missing_min / step_min) AS BIGINT), interval_minutes := step_min,
                   last_reading := last_ts, resumed := resume_ts, on_before := on_before, on_after := on_after,
                   register_kw_during_gap := round(implied_kw, 1), typical_kw_p95 := round(p95, 1),
                   other_production_on_minutes := prod_on_min, treatment_on_minutes := treat_on_min,
                   cems_hours := cems_hours, cems_running_hours := cems_running_hours,
                   cems_missing_hours := cems_missing_hours, orders := orders, order_with_measure := order_measure,
                   cems_shows_stopped := cems_stopped) AS evidence
FROM hit
WHERE running OR orders IS NOT NULL
