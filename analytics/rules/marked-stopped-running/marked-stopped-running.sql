-- E6 标停未停 (domain.md §6.2, F7): an outlet is marked stopped (marks of the types in $stop_marks, or
-- hours whose CEMS data are flagged F) while the production feeding it is on for >= $min_on_minutes.
-- Outlets carry no line: on a site with several production lines the outlet is paired with the line whose
-- hourly production power best follows its stack flow (correlation >= $min_line_corr); if none does,
-- the whole site's production is used and the finding is only a lead (another line may be running)
-- unless every line of the site was running.
-- Stack flow during the mark relative to the outlet's typical flow is corroborating evidence.
-- Scale: the prepared hourly site_state pre-selects the marked intervals in which any production ran;
-- only those are paired with lines and measured device by device.
WITH marked AS (
  SELECT m.outlet_id, m.start_ts, coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR) AS end_ts, trim(m.mark) AS src
  FROM marks m
  WHERE list_contains(list_transform(string_split($stop_marks, ','), x -> trim(x)), trim(m.mark))
    AND coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR) > m.start_ts
), fh AS (
  SELECT outlet_id, ts, ts - to_hours(row_number() OVER (PARTITION BY outlet_id ORDER BY ts)) AS grp
  FROM outlet_hour WHERE flag = 'F'
), iv AS (
  SELECT * FROM marked
  UNION ALL
  -- hourly flags: the first and last F hour may hold the real stop and restart, so only inner hours count
  SELECT outlet_id, min(ts) + INTERVAL 1 HOUR, max(ts), 'F' FROM fh GROUP BY outlet_id, grp HAVING count(*) >= 3
), ivm AS (
  -- overlapping marks and F stretches of one outlet form one interval
  SELECT outlet_id, min(start_ts) AS start_ts, max(end_ts) AS end_ts,
         list(DISTINCT src ORDER BY src) AS sources, bool_or(src <> 'F') AS has_mark, bool_or(src = 'F') AS has_f
  FROM (SELECT *, sum(CASE WHEN prev_max IS NOT NULL AND start_ts <= prev_max THEN 0 ELSE 1 END)
                    OVER (PARTITION BY outlet_id ORDER BY start_ts, end_ts ROWS UNBOUNDED PRECEDING) AS grp
        FROM (SELECT *, max(end_ts) OVER (PARTITION BY outlet_id ORDER BY start_ts, end_ts
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
              FROM iv))
  GROUP BY outlet_id, grp
), o AS (
  SELECT DISTINCT i.outlet_id, ot.site_id FROM ivm i JOIN outlets ot USING (outlet_id)
), on_iv AS (
  -- cheap pre-filter on the hourly site state: only intervals in which some production ran at all are
  -- examined device by device. The interval's hours are date_trunc('hour', start_ts) up to
  -- end_ts - 1 s; a range join on site_state finds the running ones without unnesting every marked
  -- hour: DuckDB estimated that unnest at billions of rows and then built its hash tables on the power
  -- readings and on outlet_hour instead of on the few candidates (9 s of 14 s CPU on city500)
  SELECT i.outlet_id, i.start_ts
  FROM ivm i JOIN o USING (outlet_id)
  JOIN site_state ss ON ss.site_id = o.site_id AND ss.ts >= date_trunc('hour', i.start_ts)
                    AND ss.ts <= i.end_ts - INTERVAL 1 SECOND AND ss.prod_on
), cand AS (
  -- an equality semi join, which DuckDB estimates at no more than the intervals (a semi join on the
  -- range above it estimated at 19M rows, for 2.6k, and again chose the wrong build sides downstream)
  SELECT i.outlet_id, i.start_ts, o.site_id
  FROM ivm i JOIN o USING (outlet_id)
  SEMI JOIN on_iv v ON v.outlet_id = i.outlet_id AND v.start_ts = i.start_ts
), pdev AS (
  SELECT device_id, site_id, line_id FROM devices WHERE role = 'production'
), multi AS (
  SELECT site_id FROM pdev GROUP BY site_id HAVING count(DISTINCT coalesce(line_id, '*')) >= 2
), cm AS (
  SELECT DISTINCT outlet_id, site_id FROM cand SEMI JOIN multi USING (site_id)
), lh AS (
  -- hourly production power (kW summed over the hour's readings) of each line, for the multi-line sites
  -- of candidate outlets; from the shared pass device_hour, as is dstep: grouping the power readings
  -- themselves cost ~3 s CPU here and ~4 s in dstep on city500
  SELECT d.site_id, coalesce(d.line_id, '*') AS line_key, p.ts AS h, sum(p.kw_sum) AS kw
  FROM device_hour p JOIN pdev d USING (device_id) SEMI JOIN (SELECT DISTINCT site_id FROM cm) x USING (site_id)
  GROUP BY ALL
), cor AS (
  SELECT oh.outlet_id, lh.line_key, corr(coalesce(oh.flow, oh.wflow), lh.kw) AS r, count(*) AS n
  FROM outlet_hour oh SEMI JOIN cm USING (outlet_id)
  JOIN lh ON lh.site_id = oh.site_id AND lh.h = oh.ts
  WHERE coalesce(oh.flow, oh.wflow) IS NOT NULL
  GROUP BY oh.outlet_id, lh.line_key
), best AS (
  SELECT outlet_id, arg_max(line_key, r) AS line_key, max(r) AS r
  FROM cor WHERE n >= 24 AND r >= $min_line_corr GROUP BY outlet_id
), odev AS (
  SELECT c.outlet_id, p.device_id,
         CASE WHEN c.site_id NOT IN (SELECT site_id FROM multi) THEN 'site'
              WHEN b.line_key IS NOT NULL THEN 'line' ELSE 'ambiguous' END AS mapping,
         b.line_key, b.r
  FROM (SELECT DISTINCT outlet_id, site_id FROM cand) c JOIN pdev p ON p.site_id = c.site_id
  LEFT JOIN best b ON b.outlet_id = c.outlet_id
  WHERE b.line_key IS NULL OR coalesce(p.line_id, '*') = b.line_key
), dstep AS (
  -- sampling step in minutes: 60 x the meter's hours with kW readings / its readings with kW (device_hour
  -- holds only meters and hours with kW)
  SELECT d.device_id, greatest(1, round(60.0 * count(*) / sum(d.n)::BIGINT))::INTEGER AS step_min
  FROM device_hour d SEMI JOIN odev USING (device_id)
  GROUP BY d.device_id
), ivd AS (
  -- the candidate intervals with the production devices measured for them
  SELECT i.outlet_id, i.start_ts, i.end_ts, od.device_id
  FROM ivm i SEMI JOIN cand c ON c.outlet_id = i.outlet_id AND c.start_ts = i.start_ts
  JOIN odev od ON od.outlet_id = i.outlet_id
), dr AS (
  -- the measured devices' readings inside the candidate intervals, joined to power_readings itself:
  -- through the device_state view DuckDB derived the role, p95 and on state of every power reading of
  -- the case (50.9M on city500, ~4 s CPU) before this join kept 268k of them.
  -- The interval's hours end at end_ts - 1 s (as in cand): a reading in the last second before a
  -- sub-second end_ts on the hour belongs to no hour of the interval
  SELECT k.outlet_id, k.start_ts, k.device_id, p.ts, p.kw
  FROM ivd k JOIN power_readings p ON p.device_id = k.device_id AND p.ts >= k.start_ts AND p.ts < k.end_ts
  WHERE date_trunc('hour', p.ts) <= k.end_ts - INTERVAL 1 SECOND
), ds AS (
  -- their on state as device_state defines it for a production meter (the devices of odev are):
  -- above 20 % of the meter's own p95 and above 1 kW (device_p95 is that pass's table)
  SELECT r.*, t.p95, CASE WHEN r.kw IS NULL THEN NULL ELSE r.kw > greatest(1.0, 0.2 * t.p95) END AS is_on
  FROM dr r LEFT JOIN device_p95 t USING (device_id)
), dh AS (
  -- production-on minutes per device and hour inside the marked interval
  SELECT d.outlet_id, d.start_ts, date_trunc('hour', d.ts) AS h, d.device_id,
         least(60, count(*) FILTER (d.is_on) * any_value(s.step_min)) AS on_min,
         -- kW x minutes summed exactly (DECIMAL): energies fall on multiples of 0.0025 kWh, so a float sum,
         -- whose last bits depend on the plan's order, flipped round(kwh, 1) between runs
         sum(CAST(d.kw * s.step_min AS DECIMAL(38, 6))) AS kw_min,
         avg(d.kw / nullif(d.p95, 0)) FILTER (d.is_on) AS load_ratio,
         min(d.ts) FILTER (d.is_on) AS first_on, max(d.ts) FILTER (d.is_on) AS last_on
  FROM ds d JOIN dstep s ON s.device_id = d.device_id
  GROUP BY d.outlet_id, d.start_ts, date_trunc('hour', d.ts), d.device_id
  -- readings without kW are dropped here, not by a WHERE: DuckDB guesses such a filter keeps 20 % of
  -- power_readings, then builds its hash table on the readings (10M rows) instead of the few keys
  -- (12k on city100); the join took 5 s CPU of the statement's 3.3 s wall
  HAVING count(d.kw) > 0
), hr AS (
  -- several production devices running in the same hour count once
  SELECT outlet_id, start_ts, h, max(on_min) AS on_min FROM dh GROUP BY outlet_id, start_ts, h
), run AS (
  SELECT d.outlet_id, d.start_ts, (SELECT sum(on_min) FROM hr WHERE hr.outlet_id = d.outlet_id AND hr.start_ts = d.start_ts) AS on_min,
         CAST(sum(d.kw_min) AS DOUBLE) / 60.0 AS kwh, avg(d.load_ratio) AS load_ratio, min(d.first_on) AS first_on, max(d.last_on) AS last_on,
         list(DISTINCT d.device_id ORDER BY d.device_id) FILTER (d.on_min > 0) AS devices_on,
         count(DISTINCT coalesce(p.line_id, '*')) FILTER (d.on_min > 0) AS lines_on,
         (SELECT count(DISTINCT coalesce(q.line_id, '*')) FROM pdev q WHERE q.site_id = any_value(p.site_id)) AS lines_site
  FROM dh d JOIN pdev p USING (device_id) GROUP BY d.outlet_id, d.start_ts
), typ AS (
  SELECT outlet_id, quantile_cont(coalesce(flow, wflow), 0.5) FILTER (coalesce(flow, wflow) > 0) AS flow_typ
  FROM outlet_hour SEMI JOIN (SELECT DISTINCT outlet_id FROM cand) c USING (outlet_id)
  WHERE flag = 'N'
  GROUP BY outlet_id
), cems AS (
  SELECT i.outlet_id, i.start_ts, avg(coalesce(oh.flow, oh.wflow)) / any_value(t.flow_typ) AS flow_ratio,
         count(oh.ts) AS cems_hours
  FROM ivm i SEMI JOIN cand c ON c.outlet_id = i.outlet_id AND c.start_ts = i.start_ts
  JOIN outlet_hour oh ON oh.outlet_id = i.outlet_id AND oh.ts >= date_trunc('hour', i.start_ts) AND oh.ts < i.end_ts
  LEFT JOIN typ t ON t.outlet_id = i.outlet_id
  GROUP BY i.outlet_id, i.start_ts
), hit AS (
  SELECT i.*, o.site_id, r.on_min, r.kwh, r.load_ratio, r.first_on, r.last_on, r.devices_on, r.lines_on, r.lines_site,
         (SELECT any_value(mapping) FROM odev WHERE odev.outlet_id = i.outlet_id) AS mapping,
         (SELECT any_value(line_key) FROM odev WHERE odev.outlet_id = i.outlet_id) AS line_key,
         (SELECT any_value(r) FROM odev WHERE odev.outlet_id = i.outlet_id) AS line_corr,
         c.flow_ratio, c.cems_hours
  FROM ivm i JOIN o USING (outlet_id)
  JOIN run r ON r.outlet_id = i.outlet_id AND r.start_ts = i.start_ts
  LEFT JOIN cems c ON c.outlet_id = i.outlet_id AND c.start_ts = i.start_ts
  WHERE r.on_min >= $min_on_minutes
)
SELECT site_id, outlet_id, CASE WHEN len(devices_on) = 1 THEN devices_on[1] END AS device_id,
       NULL::INTEGER AS series_id, NULL::VARCHAR AS code, start_ts, end_ts,
       round(on_min / 60.0, 2) AS score,
       -- an unpaired outlet of a multi-line site is only a lead unless every line was running
       CASE WHEN mapping = 'ambiguous' AND lines_on < lines_site THEN 'low' WHEN NOT has_mark THEN 'medium' END AS severity,
       format('{} 排口 {} 标记为停运（{}，{} 至 {}），但生产设施用电显示运行 {} 分钟（用电 {} kWh）{}',
              site_id, outlet_id, array_to_string(sources, '/'), strftime(start_ts, '%m-%d %H:%M'),
              strftime(end_ts, '%m-%d %H:%M'), CAST(round(on_min) AS INTEGER), round(kwh, 1),
              CASE WHEN flow_ratio IS NULL THEN '' ELSE format('，烟气流量为正常的 {}%', CAST(round(100 * flow_ratio) AS INTEGER)) END) AS summary_zh,
       format('{} outlet {} is marked stopped ({}, {} to {}) while production power shows {} min running ({} kWh){}',
              site_id, outlet_id, array_to_string(sources, '/'), strftime(start_ts, '%m-%d %H:%M'),
              strftime(end_ts, '%m-%d %H:%M'), CAST(round(on_min) AS INTEGER), round(kwh, 1),
              CASE WHEN flow_ratio IS NULL THEN '' ELSE format('; stack flow at {}% of typical', CAST(round(100 * flow_ratio) AS INTEGER)) END) AS summary_en,
       struct_pack(marks := sources, has_mark := has_mark, has_f_flags := has_f,
                   marked_minutes := date_diff('minute', start_ts, end_ts), production_on_minutes := on_min,
                   production_kwh := round(kwh, 1), production_load_ratio := round(load_ratio, 3),
                   first_on := first_on, last_on := last_on, devices_on := devices_on,
                   outlet_line_mapping := mapping, line_id := line_key, lines_running := lines_on, lines_at_site := lines_site, line_corr := round(line_corr, 3),
                   flow_ratio_to_typical := round(flow_ratio, 3), cems_hours := cems_hours) AS evidence
FROM hit
