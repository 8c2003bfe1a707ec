-- F9 abnormal calibration behaviour (校准异常). Calibration events are islands of consecutive hours
-- with a C flag on any code of the outlet, merged with 校准 / 标定 marks. Two checks:
--   level-step  the mean measured concentration over the pre_hours valid hours after the event is at
--               least `drop` below the mean over the pre_hours valid hours before it, while production
--               load (site power, else stack flow) changes by less than load_tol: the span was set low.
--               Only PERSISTENT steps are reported: the daily means over persist_days days after the
--               event day, relative to those before it, are also `drop` lower than the same ratio of
--               the outlet's other pollutants (a span set low moves one analyser; the others carry any
--               load change; a single-pollutant outlet needs steady load instead) and, where
--               the outlet has >= 10 calibrations (daily auto-calibration), the day-level log ratio is
--               an outlier (z <= -z_min) in the outlet's own distribution over all its calibrations —
--               random noise around a fixed-hour daily calibration is not a span change. Events with a
--               stop (F) in the settle_hours before them are skipped (start-up levels decay by
--               themselves), and so are events with a stop inside the compared days. A single step is a lead (low): genuine re-calibration after a fault also
--               steps. Medium only with >= repeat_min steps within repeat_days days either side (a step whose
--               compared "before" days contain an earlier step is its echo and is dropped).
--   frequency   more than max_events_week calibration events in a calendar week (regime: every 24 h
--               with automatic calibration, 7 or 15 days without; HJ 75-2017 §11): low.
-- Only the few hours around events are joined (offsets expanded per event), no full-table windows.
WITH cflag AS (
  SELECT outlet_id, ts, ts - to_hours(row_number() OVER (PARTITION BY outlet_id ORDER BY ts)) AS grp
  FROM outlet_hour WHERE list_contains(other_flags, 'C')
), raw_ev AS (
  SELECT outlet_id, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, 'flag' AS src FROM cflag GROUP BY outlet_id, grp
  UNION ALL
  SELECT outlet_id, date_trunc('hour', start_ts), date_trunc('hour', coalesce(end_ts, start_ts) - INTERVAL 1 SECOND) + INTERVAL 1 HOUR, 'mark'
  FROM marks WHERE mark LIKE '%校准%' OR mark LIKE '%标定%'
), ev0 AS (
  -- merge overlapping flag islands and marks into one event
  SELECT *, CASE WHEN start_ts <= max(end_ts) OVER (PARTITION BY outlet_id ORDER BY start_ts, end_ts
                                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                 THEN 0 ELSE 1 END AS new_ev
  FROM raw_ev
), ev AS (
  SELECT outlet_id, min(start_ts) AS start_ts, max(end_ts) AS end_ts, list(DISTINCT src) AS sources
  FROM (SELECT *, sum(new_ev) OVER (PARTITION BY outlet_id ORDER BY start_ts, end_ts ROWS UNBOUNDED PRECEDING) AS ev_id FROM ev0)
  GROUP BY outlet_id, ev_id
), win AS (
  -- the hours around each event: k < 0 before the start, k >= 0 from the end on
  SELECT e.outlet_id, e.start_ts, e.end_ts, k,
         CASE WHEN k < 0 THEN e.start_ts + to_hours(k) ELSE e.end_ts + to_hours(k) END AS ts
  FROM ev e CROSS JOIN range(-greatest($settle_hours, $pre_hours), $pre_hours) AS r(k)
), wh AS (
  SELECT w.*, h.site_id, h.flag, h.so2, h.nox, h.pm, h.nmhc, coalesce(h.prod_kw, h.flow) AS load
  FROM win w JOIN outlet_hour h ON h.outlet_id = w.outlet_id AND h.ts = w.ts
), settle AS (
  -- a stop (F) shortly before the event: start-up levels decay by themselves, nothing to compare
  SELECT outlet_id, start_ts, count(*) FILTER (flag = 'F') AS n_stopped FROM wh WHERE k < 0 GROUP BY ALL
), v AS (
  SELECT outlet_id, start_ts, end_ts, k, site_id, load, 'a21026' AS code, so2 AS meas FROM wh
  WHERE flag = 'N' AND so2 IS NOT NULL AND k >= -$pre_hours
  UNION ALL SELECT outlet_id, start_ts, end_ts, k, site_id, load, 'a21002', nox FROM wh
  WHERE flag = 'N' AND nox IS NOT NULL AND k >= -$pre_hours
  UNION ALL SELECT outlet_id, start_ts, end_ts, k, site_id, load, 'a34013', pm FROM wh
  WHERE flag = 'N' AND pm IS NOT NULL AND k >= -$pre_hours
  UNION ALL SELECT outlet_id, start_ts, end_ts, k, site_id, load, 'a24088', nmhc FROM wh
  WHERE flag = 'N' AND nmhc IS NOT NULL AND k >= -$pre_hours
), st AS (
  SELECT v.outlet_id, v.code, v.start_ts, any_value(v.end_ts) AS end_ts, any_value(v.site_id) AS site_id,
         avg(meas) FILTER (k < 0) AS before2, avg(meas) FILTER (k >= 0) AS after2,
         avg(load) FILTER (k < 0) AS load_b, avg(load) FILTER (k >= 0) AS load_a
  FROM v JOIN settle s ON s.outlet_id = v.outlet_id AND s.start_ts = v.start_ts
  WHERE s.n_stopped = 0
  GROUP BY v.outlet_id, v.code, v.start_ts
  HAVING count(*) FILTER (k < 0) >= 1 AND count(*) FILTER (k >= 0) >= 1
), dd AS (
  -- daily means of valid hours, for persistence over persist_days either side of the event day
  SELECT outlet_id, date_trunc('day', ts) AS day, avg(so2) FILTER (flag = 'N') AS so2, avg(nox) FILTER (flag = 'N') AS nox,
         avg(pm) FILTER (flag = 'N') AS pm, avg(nmhc) FILTER (flag = 'N') AS nmhc,
         avg(coalesce(prod_kw, flow)) FILTER (flag = 'N') AS load, count(*) FILTER (flag = 'F') AS n_stopped
  FROM outlet_hour GROUP BY outlet_id, date_trunc('day', ts)
), pers AS (
  SELECT st.outlet_id, st.code, st.start_ts,
         avg(CASE st.code WHEN 'a21026' THEN d.so2 WHEN 'a21002' THEN d.nox WHEN 'a34013' THEN d.pm ELSE d.nmhc END)
           FILTER (d.day < date_trunc('day', st.start_ts)) AS before_d,
         avg(CASE st.code WHEN 'a21026' THEN d.so2 WHEN 'a21002' THEN d.nox WHEN 'a34013' THEN d.pm ELSE d.nmhc END)
           FILTER (d.day > date_trunc('day', st.start_ts)) AS after_d,
         avg(d.load) FILTER (d.day < date_trunc('day', st.start_ts)) AS load_bd,
         avg(d.load) FILTER (d.day > date_trunc('day', st.start_ts)) AS load_ad,
         sum(d.n_stopped) AS n_stopped
  FROM st JOIN dd d ON d.outlet_id = st.outlet_id
   AND d.day BETWEEN date_trunc('day', st.start_ts) - to_days(CAST($persist_days AS INTEGER))
                 AND date_trunc('day', st.start_ts) + to_days(CAST($persist_days AS INTEGER))
  GROUP BY st.outlet_id, st.code, st.start_ts
), allr0 AS (
  -- a stop inside the compared days (start-up levels, part days) makes the comparison meaningless
  SELECT st.*, p.after_d / nullif(p.before_d, 0) AS ratio_d, p.load_ad / nullif(p.load_bd, 0) AS load_ratio_d,
         ln(greatest(p.after_d / nullif(p.before_d, 0), 1e-6)) AS lr0
  FROM st JOIN pers p ON p.outlet_id = st.outlet_id AND p.code = st.code AND p.start_ts = st.start_ts
  WHERE p.n_stopped = 0
), allr AS (
  -- a span set low moves ONE analyser: compare with the outlet's other pollutants over the same days
  -- (they carry any load change); with no other pollutant, the load itself must be steady
  SELECT *, (sum(lr0) OVER e - lr0) / nullif(count(lr0) OVER e - 1, 0) AS lr_others,
         lr0 - coalesce((sum(lr0) OVER e - lr0) / nullif(count(lr0) OVER e - 1, 0), 0) AS lr
  FROM allr0
  WINDOW e AS (PARTITION BY outlet_id, start_ts)
), own AS (
  -- the outlet's own spread of day-level ratios across all its calibrations (daily auto-calibration
  -- gives hundreds): a real span change is an outlier there, not just a 20 % move
  SELECT outlet_id, code, count(lr) AS n_ev, median(lr) AS lr_med, mad(lr) AS lr_mad FROM allr GROUP BY ALL
), steps AS (
  SELECT a.*, o.n_ev, after2 / before2 AS ratio2,
         CASE WHEN o.n_ev >= 10 THEN (a.lr - o.lr_med) / greatest(1.4826 * o.lr_mad, 0.02) END AS z,
         coalesce(exp(a.lr) <= 1 - $drop AND (a.lr_others IS NOT NULL OR abs(a.load_ratio_d - 1) < $load_tol)
                  AND (o.n_ev < 10 OR (a.lr - o.lr_med) / greatest(1.4826 * o.lr_mad, 0.02) <= -$z_min), false) AS persistent
  FROM allr a JOIN own o ON o.outlet_id = a.outlet_id AND o.code = a.code
  WHERE a.before2 > $min_conc AND a.after2 <= (1 - $drop) * a.before2
    AND a.load_b > 0 AND abs(a.load_a / a.load_b - 1) < $load_tol
), distinct_steps AS (
  -- a step whose "before" days (persist_days days before its event day) contain the event of an earlier
  -- step of the same outlet and pollutant only re-measures that one: one span change, one step
  SELECT * FROM (
    SELECT *, lag(start_ts) OVER (PARTITION BY outlet_id, code ORDER BY start_ts) AS prev_step FROM steps WHERE persistent
  ) WHERE prev_step IS NULL
       OR date_trunc('day', start_ts) - date_trunc('day', prev_step) > to_days(CAST($persist_days AS INTEGER))
), rep AS (
  SELECT *, count(*) OVER (PARTITION BY outlet_id, code ORDER BY start_ts
                RANGE BETWEEN to_days(CAST($repeat_days AS INTEGER)) PRECEDING AND to_days(CAST($repeat_days AS INTEGER)) FOLLOWING) AS n_persistent
  FROM distinct_steps
), freq AS (
  SELECT outlet_id, date_trunc('week', start_ts) AS week, count(*) AS n_events, min(start_ts) AS first_ts, max(end_ts) AS last_ts
  FROM ev GROUP BY outlet_id, date_trunc('week', start_ts)
  HAVING count(*) > $max_events_week
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, code,
       start_ts, end_ts + to_hours(CAST($pre_hours AS BIGINT)) AS end_ts, round(1 - ratio2, 3) AS score,
       CASE WHEN n_persistent >= $repeat_min THEN NULL ELSE 'low' END AS severity,
       format('{} 校准后实测浓度由 {} 降至 {}（{}%），负荷变化 {}%；此后 {} 天日均值为校准前的 {}（相对同排口其他污染物 {}）{}', code, round(before2, 2), round(after2, 2),
              round(100 * (ratio2 - 1), 1), round(100 * (load_a / load_b - 1), 1), $persist_days, round(ratio_d, 2), round(exp(lr), 2),
              CASE WHEN n_persistent >= $repeat_min THEN format('，{} 天内重复 {} 次', $repeat_days, n_persistent) ELSE '' END) AS summary_zh,
       format('{} measured level falls from {} to {} ({}%) across a calibration with load change {}%; daily means over the next {} days {} of before ({} relative to the outlet''s other pollutants){}', code,
              round(before2, 2), round(after2, 2), round(100 * (ratio2 - 1), 1), round(100 * (load_a / load_b - 1), 1), $persist_days, round(ratio_d, 2), round(exp(lr), 2),
              CASE WHEN n_persistent >= $repeat_min THEN format('; repeated {} times within {} days', n_persistent, $repeat_days) ELSE '' END) AS summary_en,
       struct_pack(kind := 'level-step', before_mean := round(before2, 3), after_mean := round(after2, 3),
                   ratio := round(ratio2, 3), ratio_days := round(ratio_d, 3), ratio_days_vs_others := round(exp(lr), 3), load_change := round(load_a / load_b - 1, 4),
                   own_z := round(z, 2), own_events := n_ev, persistent_steps := n_persistent, events := NULL::BIGINT) AS evidence
FROM rep
UNION ALL
SELECT o.site_id, f.outlet_id, NULL, NULL, NULL, f.week, f.week + INTERVAL 7 DAY, f.n_events::DOUBLE, 'low',
       format('{} 起一周内校准 {} 次，超过 {} 次', strftime(f.week, '%Y-%m-%d'), f.n_events, $max_events_week),
       format('{} calibration events in the week of {} (more than {})', f.n_events, strftime(f.week, '%Y-%m-%d'), $max_events_week),
       struct_pack(kind := 'frequency', before_mean := NULL::DOUBLE, after_mean := NULL::DOUBLE, ratio := NULL::DOUBLE,
                   ratio_days := NULL::DOUBLE, ratio_days_vs_others := NULL::DOUBLE, load_change := NULL::DOUBLE, own_z := NULL::DOUBLE,
                   own_events := NULL::BIGINT, persistent_steps := NULL::BIGINT, events := f.n_events)
FROM freq f LEFT JOIN outlets o ON o.outlet_id = f.outlet_id
