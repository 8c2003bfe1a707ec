-- F5 flow / temperature inconsistency (流量、温度与工况不符), four checks over one outlet_hour pass:
--   flow-flat-load:      a day whose standard flow CV < flow_cv_max while the production load CV > load_cv_min
--                        (combustion outlets of single-line sites: a VOC stack follows its fan, and a
--                        multi-line site's total load also moves with the other lines);
--   flow-flat-velocity:  a day whose flow CV < flow_cv_max while the flow implied by the outlet's own
--                        velocity, temperature and humidity varies (CV > flow_cv_max and >= cv_factor × the
--                        flow CV): the flow value is no longer computed from the measurements;
--   flow-velocity-ratio: flow / velocity-implied flow off its own median by > ratio_tol for >= min_hours
--                        (stack area and Kv are unknown, so the ratio is calibrated on the outlet's data);
--   cold-stack:          a combustion outlet (with a reference O2) running — production power on, not F,
--                        flow at running level, also in the two previous hours — with stack temperature
--                        below temp_min for >= min_hours.
-- Days use running hours only; tumbling days rather than rolling 24 h windows (detectors.md §4.2: 5x faster).
WITH typ AS (
  SELECT outlet_id, median(flow) FILTER (flow > 0 AND flag <> 'F') AS flow_t FROM outlet_hour GROUP BY outlet_id
), lines AS (
  SELECT site_id, count(DISTINCT coalesce(line_id, '')) AS n_lines FROM devices WHERE role = 'production' GROUP BY site_id
), x AS (
  SELECT h.site_id, h.outlet_id, h.ts, h.flow, h.prod_kw, h.temp, h.o2_ref,
         -- standard dry flow implied by velocity: v × 273/(273 + t) × (1 − humidity); pressure unknown
         h.velocity * 273.0 / (273.0 + h.temp) * (1 - coalesce(h.humidity, 0) / 100.0) AS qv,
         h.flag <> 'F' AND coalesce(h.prod_on, true) AND h.flow >= $min_flow_frac * t.flow_t AS running,
         h.prod_on AND h.flag <> 'F' AND h.flow >= $min_flow_frac * t.flow_t AS on_now
  FROM outlet_hour h JOIN typ t ON t.outlet_id = h.outlet_id
  WHERE h.flow IS NOT NULL
), settled AS (
  -- cold running combustion hours that are settled: production also on in the two previous hours,
  -- which are the outlet's two previous rows with a flow. The lag() runs here over the few columns it
  -- needs, not in x: sorting every outlet-hour with x's payload was ~3 s CPU on city500.
  SELECT l.outlet_id, l.ts
  FROM (SELECT h.outlet_id, h.ts, h.temp, h.o2_ref,
               lag(h.prod_on, 1) OVER w AND lag(h.prod_on, 2) OVER w
                 AND lag(h.ts, 2) OVER w = h.ts - INTERVAL 2 HOUR AS prev_on
        FROM outlet_hour h WHERE h.flow IS NOT NULL
        WINDOW w AS (PARTITION BY h.outlet_id ORDER BY h.ts)) l
  WHERE l.prev_on AND l.o2_ref IS NOT NULL AND l.temp < $temp_min
), r AS NOT MATERIALIZED (
  -- re-filtered from x by each of its three readers: materialising its 4.5M rows cost ~1 s CPU more
  SELECT *, flow / nullif(qv, 0) AS ratio FROM x WHERE running
), rmed AS (
  SELECT outlet_id, median(ratio) AS ratio_med FROM r WHERE ratio > 0 GROUP BY outlet_id
), d AS (
  SELECT any_value(site_id) AS site_id, outlet_id, date_trunc('day', ts) AS day, count(*) AS n,
         any_value(o2_ref) IS NOT NULL AS combustion,
         stddev_samp(flow) / nullif(avg(flow), 0) AS flow_cv,
         stddev_samp(prod_kw) / nullif(avg(prod_kw), 0) AS load_cv, count(prod_kw) AS n_kw,
         stddev_samp(qv) / nullif(avg(qv), 0) AS qv_cv, count(qv) AS n_qv,
         avg(flow) AS flow_mean, avg(prod_kw) AS load_mean
  FROM r GROUP BY outlet_id, date_trunc('day', ts)
  HAVING count(*) >= $min_day_hours
), dflag AS (
  -- only combustion outlets on single-line sites: VOC exhaust flow follows the treatment fan, and on a
  -- multi-line site the other line's load moves the site total
  SELECT d.*, 'flow-flat-load' AS kind FROM d LEFT JOIN lines l ON l.site_id = d.site_id
  WHERE d.combustion AND coalesce(l.n_lines, 1) = 1
    AND d.flow_cv < $flow_cv_max AND d.n_kw >= $min_day_hours AND d.load_cv > $load_cv_min
  UNION ALL
  SELECT d.*, 'flow-flat-velocity' AS kind FROM d
  WHERE flow_cv < $flow_cv_max AND n_qv >= $min_day_hours AND qv_cv > $flow_cv_max AND qv_cv >= $cv_factor * flow_cv
), dep AS (
  SELECT any_value(site_id) AS site_id, outlet_id, kind, min(day) AS start_ts, max(day) + INTERVAL 1 DAY AS end_ts,
         count(*) AS n_days, avg(flow_cv) AS flow_cv, avg(load_cv) AS load_cv, avg(qv_cv) AS qv_cv,
         avg(flow_mean) AS flow_mean, min(flow_mean) AS flow_min, max(flow_mean) AS flow_max
  FROM (SELECT *, day - to_days(CAST(row_number() OVER (PARTITION BY outlet_id, kind ORDER BY day) AS INTEGER)) AS grp FROM dflag)
  GROUP BY outlet_id, kind, grp
), hflag AS (
  SELECT r.site_id, r.outlet_id, r.ts, 'flow-velocity-ratio' AS kind, r.ratio / m.ratio_med - 1 AS dev, r.temp
  FROM r JOIN rmed m ON m.outlet_id = r.outlet_id
  WHERE abs(r.ratio / m.ratio_med - 1) > $ratio_tol
  UNION ALL
  SELECT x.site_id, x.outlet_id, x.ts, 'cold-stack' AS kind, NULL AS dev, x.temp
  FROM x SEMI JOIN settled s ON s.outlet_id = x.outlet_id AND s.ts = x.ts
  WHERE x.on_now AND x.o2_ref IS NOT NULL AND x.temp < $temp_min
), hep AS (
  SELECT any_value(site_id) AS site_id, outlet_id, kind, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts,
         count(*) AS n_hours, avg(dev) AS dev, avg(temp) AS temp_mean, max(temp) AS temp_max
  FROM (SELECT *, ts - to_hours(row_number() OVER (PARTITION BY outlet_id, kind ORDER BY ts)) AS grp FROM hflag)
  GROUP BY outlet_id, kind, grp
  HAVING count(*) >= $min_hours
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, 'a00000' AS code,
       start_ts, end_ts, round(n_days * (qv_cv + coalesce(load_cv, 0)) / greatest(flow_cv, 0.0005), 3) AS score,
       CASE WHEN n_days >= 2 THEN 'high' ELSE NULL END AS severity,
       CASE kind WHEN 'flow-flat-load'
         THEN format('{} 天标干流量几乎不变（日变异系数 {}%），而生产负荷变异系数 {}%（流量与负荷脱节）', n_days, round(100 * flow_cv, 2), round(100 * load_cv, 1))
         ELSE format('{} 天标干流量几乎不变（日变异系数 {}%），而由流速、温度、湿度推算的流量变异系数 {}%（流量不再由实测参数计算）', n_days, round(100 * flow_cv, 2), round(100 * qv_cv, 1)) END AS summary_zh,
       CASE kind WHEN 'flow-flat-load'
         THEN format('Standard flow almost constant for {} day(s) (daily CV {}%) while the production load CV is {}%', n_days, round(100 * flow_cv, 2), round(100 * load_cv, 1))
         ELSE format('Standard flow almost constant for {} day(s) (daily CV {}%) while the flow implied by velocity, temperature and humidity varies (CV {}%): flow is no longer computed from the measurements', n_days, round(100 * flow_cv, 2), round(100 * qv_cv, 1)) END AS summary_en,
       struct_pack(kind := kind, days := n_days, flow_cv := round(flow_cv, 5), load_cv := round(load_cv, 4),
                   velocity_flow_cv := round(qv_cv, 4), flow_mean := round(flow_mean, 2),
                   flow_day_min := round(flow_min, 2), flow_day_max := round(flow_max, 2),
                   ratio_deviation := NULL::DOUBLE, temp_mean := NULL::DOUBLE, hours := n_days * 24) AS evidence
FROM dep
UNION ALL
SELECT site_id, outlet_id, NULL::VARCHAR, NULL::INTEGER,
       CASE kind WHEN 'cold-stack' THEN 'a01012' ELSE 'a00000' END,
       start_ts, end_ts,
       round(n_hours * CASE kind WHEN 'cold-stack' THEN greatest($temp_min - temp_mean, 1) / 10 ELSE abs(dev) * 10 END, 3),
       NULL::VARCHAR,
       CASE kind WHEN 'cold-stack'
         THEN format('生产用电显示运行、烟气流量正常，但烟气温度连续 {} 小时低于 {}℃（平均 {}℃）', n_hours, $temp_min, round(temp_mean, 1))
         ELSE format('标干流量与流速推算流量之比连续 {} 小时偏离自身中位值 {}%', n_hours, round(100 * dev, 1)) END,
       CASE kind WHEN 'cold-stack'
         THEN format('Production power on and flow at running level, yet stack temperature below {} °C for {} h (mean {} °C)', $temp_min, n_hours, round(temp_mean, 1))
         ELSE format('Ratio of standard flow to velocity-implied flow off its own median by {}% for {} h', round(100 * dev, 1), n_hours) END,
       struct_pack(kind := kind, days := NULL::BIGINT, flow_cv := NULL::DOUBLE, load_cv := NULL::DOUBLE,
                   velocity_flow_cv := NULL::DOUBLE, flow_mean := NULL::DOUBLE, flow_day_min := NULL::DOUBLE,
                   flow_day_max := NULL::DOUBLE, ratio_deviation := round(dev, 4), temp_mean := round(temp_mean, 1),
                   hours := n_hours)
FROM hep
