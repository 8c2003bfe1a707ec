-- E5 停限产违规 (domain.md §6.2–6.3, F12, the cement-plant case): inside a heavy-pollution order window
-- (orders.start_ts..end_ts; scope 'all'/全市 or the site's county/township), for each 一厂一策 measure of
-- the order's level (measures: site, level, line or whole site, stop/limit):
--   stop:  the line's production devices are on after the grace period ($grace_hours) for at least
--          $min_on_minutes in total. Where the sub-meters have no data for an hour and the measure covers
--          the whole site, the CEMS speaks instead: stack flow > $flow_ratio × typical or NOx mass rate >
--          $nox_mass_ratio × typical.
--   limit: production energy in the window > (1 − $variable_share × x + $limit_tolerance) × baseline
--          energy (median of the same clock hours on the previous $baseline_days days without an order).
--          Drives and fans have a fixed no-load part, so energy (and stack flow) fall less than output: with
--          $variable_share = 1 the check is the proportional one of domain.md §6.2. The stack flow is used
--          the same way when the sub-meters cover less than half of the window.
-- Violation hours are reported per day, because daily penalties are counted per day (domain.md §7).
-- Only the hours of the order windows (and their baseline hours) are read from the 50M-row tables,
-- through hash joins on (device, clock hour).
WITH ord AS (
  SELECT order_id, lower(level) AS level, start_ts, end_ts, scope,
         start_ts + to_minutes(CAST(round(60 * $grace_hours) AS BIGINT)) AS win_start
  FROM orders WHERE end_ts > start_ts
), so AS (
  SELECT o.*, s.site_id, s.grade
  FROM ord o JOIN sites s
    ON o.scope IS NULL OR trim(o.scope) IN ('', 'all', 'ALL', 'All', '全市', '全部', '全域')
    OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.county)
    OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.township)
), mz AS (
  SELECT so.order_id, so.level, so.start_ts, so.end_ts, so.win_start, so.site_id, so.grade, m.line_id,
         lower(m.action) AS action,
         CASE WHEN m.limit_pct > 1 THEN m.limit_pct / 100.0 ELSE m.limit_pct END AS cut,
         coalesce(list_contains(string_split($exempt_grades, ','), so.grade), false) AS exempt_grade,
         so.order_id || '|' || so.site_id || '|' || coalesce(m.line_id, '*') AS mkey
  FROM so JOIN measures m ON m.site_id = so.site_id AND lower(m.level) = so.level
  WHERE lower(m.action) IN ('stop', 'limit') AND so.win_start < so.end_ts
), pdev AS (
  SELECT device_id, site_id, line_id FROM devices WHERE role = 'production'
), md AS (
  -- production devices a measure covers: its line, or for a site-wide measure every production device
  -- whose line has no measure of its own at that level
  SELECT mz.mkey, p.device_id
  FROM mz JOIN pdev p ON p.site_id = mz.site_id
  WHERE (mz.line_id IS NOT NULL AND p.line_id = mz.line_id)
     OR (mz.line_id IS NULL AND NOT EXISTS (
          SELECT 1 FROM mz m2 WHERE m2.order_id = mz.order_id AND m2.site_id = mz.site_id AND m2.line_id = p.line_id))
), cover AS (
  -- the CEMS of a site can only speak for a measure that covers the whole site
  SELECT mz.mkey,
         (SELECT count(*) FROM md WHERE md.mkey = mz.mkey) AS n_dev,
         CASE WHEN (SELECT count(*) FROM pdev p WHERE p.site_id = mz.site_id) > 0
              THEN (SELECT count(*) FROM md WHERE md.mkey = mz.mkey) = (SELECT count(*) FROM pdev p WHERE p.site_id = mz.site_id)
              ELSE mz.line_id IS NULL OR NOT EXISTS (
                     SELECT 1 FROM mz m3 WHERE m3.order_id = mz.order_id AND m3.site_id = mz.site_id AND m3.action <> 'stop')
         END AS covers_site
  FROM mz
), mh AS (
  SELECT mz.mkey, mz.site_id, mz.action,
         unnest(generate_series(date_trunc('hour', mz.win_start), mz.end_ts - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM mz
), boff AS (
  -- baseline days of limit measures: the nearest previous days whose shifted window meets no order
  SELECT mkey, d FROM (
    SELECT mz.mkey, o.d, row_number() OVER (PARTITION BY mz.mkey ORDER BY o.d) AS k
    FROM mz CROSS JOIN (SELECT unnest(range(1, 29)) AS d) o
    WHERE mz.action = 'limit' AND NOT EXISTS (
      SELECT 1 FROM so o2 WHERE o2.site_id = mz.site_id
        AND o2.start_ts < mz.end_ts - to_days(o.d) AND o2.end_ts > mz.win_start - to_days(o.d))
  ) WHERE k <= $baseline_days
), need AS MATERIALIZED (
  -- the device-hours to read: window hours, and the same clock hours of the baseline days
  SELECT DISTINCT md.device_id, mh.h FROM mh JOIN md USING (mkey)
  UNION
  SELECT DISTINCT md.device_id, mh.h - to_days(b.d) FROM mh JOIN md USING (mkey) JOIN boff b USING (mkey)
), dh AS (
  -- a semi join on the small set of hours first (one cheap key), then the (device, hour) join. The
  -- role and the time span of the needed hours are implied by that join, but they are filters the scan
  -- of power_readings and its joins in device_state can use (the span skips row groups by their zone
  -- maps): 302k instead of 10.1M rows on city100, where reading and classifying every power reading
  -- before the hour join was the larger half of the statement
  SELECT n.device_id, n.h, avg(d.kw) AS kw, count(*) AS n, count(*) FILTER (d.is_on) AS n_on
  FROM (SELECT device_id, date_trunc('hour', ts) AS h, kw, is_on FROM device_state
        WHERE kw IS NOT NULL AND role = 'production' AND date_trunc('hour', ts) IN (SELECT DISTINCT h FROM need)
          AND ts >= (SELECT min(h) FROM need) AND ts < (SELECT max(h) FROM need) + INTERVAL 1 HOUR) d
  JOIN need n ON n.device_id = d.device_id AND n.h = d.h
  GROUP BY n.device_id, n.h
), dstep AS (
  -- sampling interval of each device from the hours just read (samples per hour with data)
  SELECT device_id, greatest(1, round(60.0 * count(*) / sum(n)))::INTEGER AS step_min FROM dh GROUP BY device_id
), msites AS (
  SELECT DISTINCT site_id FROM mz
), ordh AS (
  -- the hours of every order window at the sites under measures
  SELECT DISTINCT so.site_id,
         unnest(generate_series(date_trunc('hour', so.start_ts), so.end_ts - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM so SEMI JOIN msites USING (site_id)
), typ AS (
  -- typical stack flow and NOx mass rate of each outlet: hours flagged N outside every order window
  SELECT oh.outlet_id,
         quantile_cont(oh.flow, 0.5) FILTER (oh.flow > 0) AS flow_typ,
         quantile_cont(coalesce(oh.nox, oh.nox_zs) * oh.flow, 0.5) FILTER (coalesce(oh.nox, oh.nox_zs) * oh.flow > 0) AS noxm_typ
  FROM outlet_hour oh SEMI JOIN msites USING (site_id)
  ANTI JOIN ordh ON ordh.site_id = oh.site_id AND ordh.h = oh.ts
  WHERE oh.flag = 'N'
  GROUP BY oh.outlet_id
), sfh AS (
  -- the site-hours sfl is read at: window hours and the baseline hours of limit measures. Only these
  -- are aggregated (6.7k of 745k site-hours on city100; the GROUP BY over all was half the statement)
  SELECT site_id, h FROM mh
  UNION
  SELECT mh.site_id, mh.h - to_days(b.d) FROM mh JOIN boff b USING (mkey)
), sfl AS (
  -- CEMS per site and hour: flow and NOx mass rate relative to typical, and total stack flow
  SELECT oh.site_id, oh.ts AS h, sum(oh.flow) AS flow, max(oh.flow / t.flow_typ) AS flow_ratio,
         max(coalesce(oh.nox, oh.nox_zs) * oh.flow / t.noxm_typ) AS noxm_ratio,
         coalesce(bool_or(oh.flow > $flow_ratio * t.flow_typ
                          OR coalesce(oh.nox, oh.nox_zs) * oh.flow > $nox_mass_ratio * t.noxm_typ), false) AS running
  FROM outlet_hour oh SEMI JOIN sfh ON sfh.site_id = oh.site_id AND sfh.h = oh.ts
  JOIN typ t USING (outlet_id)
  WHERE oh.flow IS NOT NULL
  GROUP BY oh.site_id, oh.ts
),
-- ---------------------------------------------------------------- stop measures
sh AS (
  SELECT mh.mkey, mh.site_id, mh.h,
         max(least(60, dh.n_on * ds.step_min)) AS on_min, count(dh.device_id) AS n_data
  FROM mh LEFT JOIN md USING (mkey)
  LEFT JOIN dh ON dh.device_id = md.device_id AND dh.h = mh.h
  LEFT JOIN dstep ds ON ds.device_id = md.device_id
  WHERE mh.action = 'stop'
  GROUP BY mh.mkey, mh.site_id, mh.h
), shv AS (
  SELECT sh.*, c.flow_ratio, c.noxm_ratio,
         sh.n_data = 0 AND cv.covers_site AND coalesce(c.running, false) AS by_cems,
         CASE WHEN sh.n_data > 0 THEN coalesce(sh.on_min, 0)
              WHEN cv.covers_site AND coalesce(c.running, false) THEN 60 ELSE 0 END AS viol_min
  FROM sh JOIN cover cv USING (mkey) LEFT JOIN sfl c ON c.site_id = sh.site_id AND c.h = sh.h
), stop_day AS (
  SELECT mkey, date_trunc('day', h)::DATE AS day, sum(viol_min) / 60.0 AS hours
  FROM shv GROUP BY ALL HAVING sum(viol_min) > 0
), stop_m AS (
  SELECT v.mkey, 'power' AS basis,
         sum(v.viol_min) AS viol_min, coalesce(sum(v.viol_min) FILTER (NOT v.by_cems), 0) AS power_min,
         count(*) FILTER (v.by_cems) AS cems_hours,
         min(v.h) FILTER (v.viol_min > 0) AS first_h, max(v.h) FILTER (v.viol_min > 0) AS last_h,
         count(*) AS window_hours, count(*) FILTER (v.n_data > 0) AS power_hours,
         avg(v.flow_ratio) AS flow_ratio, avg(v.noxm_ratio) AS noxm_ratio,
         NULL::DOUBLE AS energy, NULL::DOUBLE AS baseline, NULL::DOUBLE AS ratio,
         (SELECT list(struct_pack(day := d.day, hours := round(d.hours, 2)) ORDER BY d.day)
          FROM stop_day d WHERE d.mkey = v.mkey) AS per_day,
         (SELECT count(*) FROM stop_day d WHERE d.mkey = v.mkey) AS viol_days
  FROM shv v GROUP BY v.mkey
  HAVING sum(v.viol_min) >= $min_on_minutes
),
-- ---------------------------------------------------------------- limit measures
bkeys AS MATERIALIZED (
  -- (measure, window hour, device, baseline hour): built first so the join with dh uses both keys
  SELECT mh.mkey, mh.h, md.device_id, mh.h - to_days(b.d) AS bh
  FROM mh JOIN md USING (mkey) JOIN boff b USING (mkey)
  WHERE mh.action = 'limit'
), bb AS (
  -- baseline of each device and window hour: median over the baseline days of the same clock hour
  SELECT k.mkey, k.h, k.device_id, median(e.kw) AS base_kwh
  FROM bkeys k JOIN dh e ON e.device_id = k.device_id AND e.h = k.bh
  GROUP BY k.mkey, k.h, k.device_id
), dwb AS (
  SELECT mh.mkey, mh.site_id, mh.h, md.device_id, w.kw AS kwh, bb.base_kwh
  FROM mh JOIN md USING (mkey)
  LEFT JOIN dh w ON w.device_id = md.device_id AND w.h = mh.h
  LEFT JOIN bb ON bb.mkey = mh.mkey AND bb.h = mh.h AND bb.device_id = md.device_id
  WHERE mh.action = 'limit'
), fkeys AS MATERIALIZED (
  SELECT mh.mkey, mh.site_id, mh.h, mh.h - to_days(b.d) AS bh
  FROM mh JOIN boff b USING (mkey) WHERE mh.action = 'limit'
), fb AS (
  SELECT k.mkey, k.h, median(f2.flow) AS base_flow
  FROM fkeys k JOIN sfl f2 ON f2.site_id = k.site_id AND f2.h = k.bh
  GROUP BY k.mkey, k.h
), lh AS (
  -- energy (kWh ≈ mean kW × 1 h) of each limit measure and hour, like with like: only devices with data
  -- both in the window hour and in its baseline hours (a silent meter must not look like a cut)
  SELECT d.mkey, d.site_id, d.h,
         sum(d.kwh) FILTER (d.kwh IS NOT NULL AND d.base_kwh > 0) AS kwh,
         sum(d.base_kwh) FILTER (d.kwh IS NOT NULL AND d.base_kwh > 0) AS base_kwh,
         count(*) FILTER (d.kwh IS NOT NULL AND d.base_kwh > 0) AS n_data, count(*) AS n_dev,
         any_value(f.flow) AS flow, any_value(fb.base_flow) AS base_flow
  FROM dwb d
  LEFT JOIN sfl f ON f.site_id = d.site_id AND f.h = d.h
  LEFT JOIN fb ON fb.mkey = d.mkey AND fb.h = d.h
  GROUP BY d.mkey, d.site_id, d.h
), lm0 AS (
  SELECT l.mkey, count(*) AS window_hours,
         sum(l.n_data) / greatest(sum(l.n_dev), 1) AS p_cover,
         count(*) FILTER (l.flow IS NOT NULL AND l.base_flow > 0) AS f_hours,
         count(*) FILTER (l.n_data > 0) AS p_hours,
         sum(l.kwh) AS energy, sum(l.base_kwh) AS baseline,
         sum(l.flow) FILTER (l.base_flow > 0) AS flow, sum(l.base_flow) FILTER (l.flow IS NOT NULL) AS base_flow
  FROM lh l GROUP BY l.mkey
), lm1 AS (
  SELECT lm0.*, 1 - $variable_share * mz.cut + $limit_tolerance AS allowed,
         CASE WHEN p_cover >= 0.5 THEN 'power'
              WHEN f_hours >= 0.5 * window_hours AND cv.covers_site THEN 'cems_flow' END AS basis
  FROM lm0 JOIN mz USING (mkey) JOIN cover cv USING (mkey)
), lhv AS (
  SELECT l.*, m.basis, m.allowed,
         CASE WHEN m.basis = 'power' THEN l.kwh / nullif(l.base_kwh, 0) ELSE l.flow / nullif(l.base_flow, 0) END AS r
  FROM lh l JOIN lm1 m USING (mkey)
  WHERE m.basis IS NOT NULL
), lim_day AS (
  SELECT mkey, date_trunc('day', h)::DATE AS day, count(*) FILTER (r > allowed) AS hours,
         sum(CASE WHEN basis = 'power' THEN kwh ELSE flow END) FILTER (r IS NOT NULL)
           / nullif(sum(CASE WHEN basis = 'power' THEN base_kwh ELSE base_flow END) FILTER (r IS NOT NULL), 0) AS ratio
  FROM lhv GROUP BY ALL
), lim_m AS (
  SELECT m.mkey, m.basis,
         60 * (SELECT count(*) FROM lhv v WHERE v.mkey = m.mkey AND v.r > v.allowed) AS viol_min,
         NULL::DOUBLE AS power_min, NULL::BIGINT AS cems_hours,
         (SELECT min(h) FROM lhv v WHERE v.mkey = m.mkey AND v.r > v.allowed) AS first_h,
         (SELECT max(h) FROM lhv v WHERE v.mkey = m.mkey AND v.r > v.allowed) AS last_h,
         m.window_hours, m.p_hours AS power_hours, NULL::DOUBLE AS flow_ratio, NULL::DOUBLE AS noxm_ratio,
         CASE WHEN m.basis = 'power' THEN m.energy ELSE m.flow END AS energy,
         CASE WHEN m.basis = 'power' THEN m.baseline ELSE m.base_flow END AS baseline,
         CASE WHEN m.basis = 'power' THEN m.energy / nullif(m.baseline, 0) ELSE m.flow / nullif(m.base_flow, 0) END AS ratio,
         (SELECT list(struct_pack(day := d.day, hours := d.hours, ratio := round(d.ratio, 3)) ORDER BY d.day)
          FROM lim_day d WHERE d.mkey = m.mkey) AS per_day,
         (SELECT count(*) FROM lim_day d WHERE d.mkey = m.mkey AND d.hours > 0) AS viol_days
  FROM lm1 m
  WHERE m.basis IS NOT NULL
    AND CASE WHEN m.basis = 'power' THEN m.energy / nullif(m.baseline, 0) ELSE m.flow / nullif(m.base_flow, 0) END > m.allowed
), hits AS (
  SELECT mkey, basis, viol_min, power_min, cems_hours, first_h, last_h, window_hours, power_hours, flow_ratio,
         noxm_ratio, energy, baseline, ratio, to_json(per_day) AS per_day, viol_days FROM stop_m
  UNION ALL
  SELECT mkey, basis, viol_min, power_min, cems_hours, first_h, last_h, window_hours, power_hours, flow_ratio,
         noxm_ratio, energy, baseline, ratio, to_json(per_day), viol_days FROM lim_m
), out AS (
  SELECT z.*, x.basis, x.viol_min, x.power_min, x.cems_hours, x.first_h, x.last_h, x.window_hours, x.power_hours,
         x.flow_ratio, x.noxm_ratio, x.energy, x.baseline, x.ratio, x.per_day, x.viol_days,
         (SELECT list(md.device_id ORDER BY md.device_id) FROM md WHERE md.mkey = z.mkey) AS devices,
         (SELECT count(DISTINCT date_trunc('day', h)) FROM mh WHERE mh.mkey = z.mkey) AS window_days,
         x.basis = 'cems_flow' OR (z.action = 'stop' AND coalesce(x.power_min, 0) < $min_on_minutes) AS cems_only
  FROM hits x JOIN mz z USING (mkey)
)
SELECT site_id, NULL::VARCHAR AS outlet_id,
       CASE WHEN len(devices) = 1 THEN devices[1] END AS device_id,
       NULL::INTEGER AS series_id, action AS code,
       coalesce(first_h, win_start) AS start_ts, coalesce(last_h + INTERVAL 1 HOUR, end_ts) AS end_ts,
       round(viol_min / 60.0, 2) AS score,
       -- A/引领性 enterprises decide their own measures; a stop overrun under 2 × $min_on_minutes is a
       -- late shutdown (kilns and furnaces need a controlled cool-down): both only leads
       CASE WHEN exempt_grade OR viol_min < 2 * $min_on_minutes THEN 'low' WHEN cems_only THEN 'medium' END AS severity,
       CASE WHEN action = 'stop'
            THEN format('{}{}：{} 级应急管控（{}）要求停产，宽限期后仍生产约 {} 小时（{}），依据{}',
                        site_id, CASE WHEN line_id IS NULL THEN '' ELSE ' 生产线 ' || line_id END, level, order_id,
                        round(viol_min / 60.0, 1), strftime(coalesce(first_h, win_start), '%m-%d %H:%M'),
                        CASE WHEN cems_only THEN 'CEMS烟气流量/NOx排放速率' ELSE '分表计电' END)
            ELSE format('{}{}：{} 级应急管控（{}）要求限产 {}%，窗口内{}为基线的 {}%（允许 {}%），超限 {} 小时',
                        site_id, CASE WHEN line_id IS NULL THEN '' ELSE ' 生产线 ' || line_id END, level, order_id,
                        CAST(round(100 * cut) AS INTEGER), CASE WHEN basis = 'power' THEN '生产用电量' ELSE '烟气流量' END,
                        CAST(round(100 * ratio) AS INTEGER), CAST(round(100 * (1 - $variable_share * cut + $limit_tolerance)) AS INTEGER),
                        CAST(round(viol_min / 60.0) AS INTEGER)) END AS summary_zh,
       CASE WHEN action = 'stop'
            THEN format('{}{}: the {} order {} requires a stop, yet production ran about {} h after the grace period (from {}), per {}',
                        site_id, CASE WHEN line_id IS NULL THEN '' ELSE ' line ' || line_id END, level, order_id,
                        round(viol_min / 60.0, 1), strftime(coalesce(first_h, win_start), '%m-%d %H:%M'),
                        CASE WHEN cems_only THEN 'CEMS flow / NOx mass rate' ELSE 'sub-metered power' END)
            ELSE format('{}{}: the {} order {} requires a {}% cut, yet {} in the window was {}% of baseline (allowed {}%), {} h over',
                        site_id, CASE WHEN line_id IS NULL THEN '' ELSE ' line ' || line_id END, level, order_id,
                        CAST(round(100 * cut) AS INTEGER), CASE WHEN basis = 'power' THEN 'production energy' ELSE 'stack flow' END,
                        CAST(round(100 * ratio) AS INTEGER), CAST(round(100 * (1 - $variable_share * cut + $limit_tolerance)) AS INTEGER),
                        CAST(round(viol_min / 60.0) AS INTEGER)) END AS summary_en,
       struct_pack(order_id := order_id, level := level, action := action, line_id := line_id,
                   limit_pct := round(100 * cut, 1), grade := grade, exempt_grade := exempt_grade,
                   window_start := win_start, window_end := end_ts, basis := CASE WHEN cems_only AND action = 'stop' THEN 'cems' ELSE basis END,
                   violation_hours := round(viol_min / 60.0, 2), power_on_hours := round(power_min / 60.0, 2),
                   cems_running_hours := cems_hours, window_hours := window_hours, hours_with_power := power_hours,
                   violation_days := viol_days, window_days := window_days,
                   per_day := per_day, flow_ratio_avg := round(flow_ratio, 3), nox_mass_ratio_avg := round(noxm_ratio, 3),
                   window_amount := round(energy, 1), baseline_amount := round(baseline, 1), ratio_to_baseline := round(ratio, 3),
                   production_devices := devices) AS evidence
FROM out
