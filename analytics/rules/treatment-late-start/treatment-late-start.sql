-- E2 治污后开 (domain.md §6.2): at a production start (the linked production devices go from known-off
-- to on), the linked treatment is still off and only starts more than $max_delay_minutes later, while
-- production keeps running. If treatment never starts during the run, treatment-off (E1) reports it.
-- Same state runs and event sweep as treatment-off (see its header): meters with different intervals or
-- clocks are compared on their own timestamps; a missing reading is unknown, never off.
WITH dev AS (
  -- per-meter sampling interval and last reading, units and their members: shared passes
  -- (screening/prepare-inputs.ts: device_profile, line_units, line_members)
  SELECT device_id, site_id, role, line_id, step_min, last_ts FROM device_profile
), ncount AS (
  SELECT unit, site_id, line_id, lines, link_mode, n_prod, n_treat FROM line_units
), unit_of AS (
  SELECT unit, device_id FROM line_members WHERE k = 'p'
), link AS (
  SELECT unit, device_id FROM line_members WHERE k = 't'
), b AS (
  -- only the rows that start a state run: a state change, or data resuming after a gap longer than
  -- $gap_factor intervals (device_edges holds every candidate, at a gap factor of 1)
  SELECT e.device_id, e.ts, e.prev_ts, e.is_on, dev.step_min, dev.last_ts
  FROM device_edges e JOIN dev USING (device_id)
  WHERE e.prev_ts IS NULL OR e.is_on <> e.prev_on
     OR date_diff('second', e.prev_ts, e.ts) > $gap_factor * 60 * dev.step_min
), runs AS (
  -- a run ends where the next one starts, or one interval after its last reading when data stop
  SELECT device_id, ts AS start_ts, is_on,
         CASE WHEN nx_ts IS NULL THEN last_ts + to_minutes(step_min)
              WHEN date_diff('second', nx_prev, nx_ts) > $gap_factor * 60 * step_min THEN nx_prev + to_minutes(step_min)
              ELSE nx_ts END AS end_ts
  FROM (SELECT *, lead(ts) OVER d AS nx_ts, lead(prev_ts) OVER d AS nx_prev
        FROM b WINDOW d AS (PARTITION BY device_id ORDER BY ts))
), rr AS (
  SELECT u.unit, 'p' AS k, r.start_ts, r.end_ts, r.is_on FROM runs r JOIN unit_of u USING (device_id)
  UNION ALL
  SELECT l.unit, 't' AS k, r.start_ts, r.end_ts, r.is_on FROM runs r JOIN link l USING (device_id)
), ev AS (
  SELECT unit, t, sum(p_on) AS p_on, sum(p_off) AS p_off, sum(t_on) AS t_on, sum(t_off) AS t_off
  FROM (
    SELECT unit, start_ts AS t, (k = 'p' AND is_on)::INTEGER AS p_on, (k = 'p' AND NOT is_on)::INTEGER AS p_off,
           (k = 't' AND is_on)::INTEGER AS t_on, (k = 't' AND NOT is_on)::INTEGER AS t_off
    FROM rr
    UNION ALL
    SELECT unit, end_ts, -(k = 'p' AND is_on)::INTEGER, -(k = 'p' AND NOT is_on)::INTEGER,
           -(k = 't' AND is_on)::INTEGER, -(k = 't' AND NOT is_on)::INTEGER
    FROM rr
  ) GROUP BY unit, t
), seg AS (
  SELECT unit, t AS s_start, lead(t) OVER (PARTITION BY unit ORDER BY t) AS s_end,
         sum(p_on) OVER c AS p_on, sum(p_off) OVER c AS p_off, sum(t_on) OVER c AS t_on, sum(t_off) OVER c AS t_off
  FROM ev
  WINDOW c AS (PARTITION BY unit ORDER BY t ROWS UNBOUNDED PRECEDING)
), st AS (
  SELECT g.unit, g.s_start, g.s_end,
         CASE WHEN g.p_on > 0 THEN 'on' WHEN g.p_off >= n.n_prod THEN 'off' ELSE 'unknown' END AS ps,
         CASE WHEN g.t_on > 0 THEN 'on' WHEN g.t_off >= n.n_treat THEN 'off' ELSE 'unknown' END AS tstate
  FROM seg g JOIN ncount n USING (unit)
  WHERE g.s_end > g.s_start AND n.n_treat > 0
), pisl AS (
  -- production state islands of each unit, with the states before and after
  SELECT unit, ps, min(s_start) AS start_ts, max(s_end) AS end_ts
  FROM (SELECT *, sum(chg) OVER (PARTITION BY unit ORDER BY s_start ROWS UNBOUNDED PRECEDING) AS grp
        FROM (SELECT *, CASE WHEN ps IS DISTINCT FROM lag(ps) OVER (PARTITION BY unit ORDER BY s_start)
                               OR s_start <> lag(s_end) OVER (PARTITION BY unit ORDER BY s_start) THEN 1 ELSE 0 END AS chg
              FROM st))
  GROUP BY unit, grp, ps
), pon AS (
  SELECT * FROM (
    SELECT *, lag(ps) OVER w AS prev_ps, lead(ps) OVER w AS next_ps
    FROM pisl WINDOW w AS (PARTITION BY unit ORDER BY start_ts)
  ) WHERE ps = 'on'
), ton AS (
  -- treatment-on islands of each unit (any linked treatment device on)
  SELECT unit, min(s_start) AS start_ts, max(s_end) AS end_ts
  FROM (SELECT *, sum(CASE WHEN prev_end IS NULL OR s_start <> prev_end THEN 1 ELSE 0 END)
                    OVER (PARTITION BY unit ORDER BY s_start ROWS UNBOUNDED PRECEDING) AS grp
        FROM (SELECT unit, s_start, s_end, lag(s_end) OVER (PARTITION BY unit ORDER BY s_start) AS prev_end
              FROM st WHERE tstate = 'on'))
  GROUP BY unit, grp
), starts AS (
  SELECT p.unit, p.start_ts AS prod_on, p.end_ts AS prod_end, st.tstate AS t_at_start
  FROM pon p JOIN st ON st.unit = p.unit AND st.s_start = p.start_ts
  WHERE p.prev_ps = 'off'
), fin AS (
  SELECT s.unit, s.prod_on AS start_ts, t.start_ts AS end_ts, s.prod_on, s.prod_end, t.start_ts AS treat_on,
         date_diff('second', s.prod_on, t.start_ts) / 60.0 AS delay_min
  FROM starts s
  ASOF JOIN ton t ON t.unit = s.unit AND t.start_ts >= s.prod_on
  WHERE s.t_at_start = 'off' AND t.start_ts < s.prod_end
    AND date_diff('second', s.prod_on, t.start_ts) > 60 * $max_delay_minutes
), keys AS (
  SELECT f.unit, f.start_ts, f.end_ts, u.device_id,
         unnest(generate_series(date_trunc('hour', f.start_ts), f.end_ts - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM fin f JOIN unit_of u USING (unit)
), energy AS (
  SELECT k.unit, k.start_ts, sum(d.kw * dv.step_min / 60.0) AS prod_kwh
  FROM keys k
  JOIN device_state d ON d.device_id = k.device_id AND date_trunc('hour', d.ts) = k.h
  JOIN dev dv ON dv.device_id = k.device_id
  WHERE d.ts >= k.start_ts AND d.ts < k.end_ts
  GROUP BY k.unit, k.start_ts
), devs AS (
  SELECT unit, prod_devices, treat_devices FROM line_units
)
SELECT n.site_id, NULL::VARCHAR AS outlet_id,
       CASE WHEN len(v.treat_devices) = 1 THEN v.treat_devices[1] END AS device_id,
       NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       f.start_ts, f.end_ts, round(f.delay_min / 60.0, 3) AS score, NULL::VARCHAR AS severity,
       format('{}{}：生产设施 {} 开机，治污设施 {} 才启动，滞后 {} 分钟，期间生产用电 {} kWh',
              n.site_id, CASE WHEN len(n.lines) = 0 THEN '' ELSE ' 生产线 ' || array_to_string(n.lines, '/') END,
              strftime(f.prod_on, '%m-%d %H:%M'), strftime(f.treat_on, '%H:%M'), CAST(round(f.delay_min) AS INTEGER),
              round(coalesce(e.prod_kwh, 0), 1)) AS summary_zh,
       format('{}{}: production started at {} but treatment only at {}, {} min late; production used {} kWh meanwhile',
              n.site_id, CASE WHEN len(n.lines) = 0 THEN '' ELSE ' line ' || array_to_string(n.lines, '/') END,
              strftime(f.prod_on, '%m-%d %H:%M'), strftime(f.treat_on, '%H:%M'), CAST(round(f.delay_min) AS INTEGER),
              round(coalesce(e.prod_kwh, 0), 1)) AS summary_en,
       struct_pack(lines := n.lines, link_mode := n.link_mode, production_on := f.prod_on,
                   treatment_on := f.treat_on, delay_minutes := round(f.delay_min, 1),
                   production_kwh_untreated := round(e.prod_kwh, 2), production_run_end := f.prod_end,
                   production_devices := v.prod_devices, treatment_devices := v.treat_devices) AS evidence
FROM fin f
JOIN ncount n USING (unit)
JOIN devs v USING (unit)
LEFT JOIN energy e ON e.unit = f.unit AND e.start_ts = f.start_ts
