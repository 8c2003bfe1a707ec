-- E1 产治不同步 (domain.md §6.2, F10; detectors.md §4.7): a production line runs while ALL the treatment
-- devices linked to it are off, for at least $min_minutes (episodes separated by <= $merge_gap_minutes
-- merged). Linkage: treatment devices of the same line (devices.line_id); else the site's shared
-- treatment devices (line_id NULL); else every treatment device of the site.
--
-- Shape: the shared device_edges pass (one sort of device_state per screening run) keeps only the rows
-- where a device's state changes or its data stop (islands over the few boundary rows), giving state
-- runs [start, end). An event sweep over
-- the runs of a unit's devices yields segments with counts of production-on/off and treatment-on/off
-- devices, so meters with different intervals or clocks never have to share a grid. A missing reading
-- is "unknown", never "off".
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
    SELECT *, lag(ps) OVER w AS prev_ps, lag(end_ts) OVER w AS prev_end,
              lead(ps) OVER w AS next_ps, lead(start_ts) OVER w AS next_start
    FROM pisl WINDOW w AS (PARTITION BY unit ORDER BY start_ts)
  ) WHERE ps = 'on'
), proddays AS (
  SELECT unit, count(DISTINCT d) AS n_days
  FROM (SELECT unit, unnest(generate_series(date_trunc('day', start_ts), end_ts - INTERVAL 1 SECOND, INTERVAL 1 DAY)) AS d
        FROM pon)
  GROUP BY unit
), c AS (
  SELECT unit, s_start, s_end, lag(s_end) OVER (PARTITION BY unit ORDER BY s_start) AS prev_end
  FROM st WHERE ps = 'on' AND tstate = 'off'
), eps AS (
  SELECT unit, ep, min(s_start) AS start_ts, max(s_end) AS end_ts,
         sum(date_diff('second', s_start, s_end)) / 60.0 AS off_min, count(*) AS n_parts
  FROM (SELECT *, sum(CASE WHEN prev_end IS NULL OR s_start - prev_end > to_minutes(CAST($merge_gap_minutes AS BIGINT))
                           THEN 1 ELSE 0 END) OVER (PARTITION BY unit ORDER BY s_start ROWS UNBOUNDED PRECEDING) AS ep
        FROM c)
  GROUP BY unit, ep
  HAVING sum(date_diff('second', s_start, s_end)) / 60.0 >= $min_minutes
), habit AS (
  -- treatment cycling off several times per production day is batch operation by design
  -- (wastewater with an equalisation tank): its usual off periods are not evidence
  SELECT e.unit, count(*) / greatest(any_value(p.n_days), 1) AS cycles_per_day, any_value(p.n_days) AS n_days
  FROM eps e LEFT JOIN proddays p USING (unit) GROUP BY e.unit
), cls AS (
  SELECT e.*, p.start_ts AS run_start, p.end_ts AS run_end,
         coalesce(e.start_ts <= p.start_ts + to_minutes(CAST($clock_tolerance_minutes AS BIGINT))
                  AND p.prev_ps = 'off', false) AS at_start,
         coalesce(e.end_ts >= p.end_ts - to_minutes(CAST($clock_tolerance_minutes AS BIGINT))
                  AND p.next_ps = 'off', false) AS at_stop,
         h.cycles_per_day >= $batch_cycles_per_day AS intermittent, h.cycles_per_day
  FROM eps e
  ASOF LEFT JOIN pon p ON p.unit = e.unit AND e.start_ts >= p.start_ts
  JOIN habit h ON h.unit = e.unit
), fin AS (
  SELECT *,
         CASE WHEN at_start AND at_stop THEN 'whole-run' ELSE 'mid-run' END AS kind
  FROM cls
  -- a gap only at a production start is a late start (treatment-late-start), only at a stop an early
  -- stop (treatment-early-stop): those rules report it
  WHERE at_start = at_stop
    AND NOT (intermittent AND off_min <= $batch_max_off_minutes)
), keys AS (
  SELECT f.unit, f.ep, f.start_ts, f.end_ts, ud.device_id, ud.k,
         unnest(generate_series(date_trunc('hour', f.start_ts), f.end_ts - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM fin f JOIN line_members ud USING (unit)
), energy AS (
  -- summed in device and time order: a floating-point sum must not depend on the plan or on the
  -- order in which the power readings were imported
  SELECT k.unit, k.ep,
         sum(d.kw * dv.step_min / 60.0 ORDER BY d.device_id, d.ts) FILTER (k.k = 'p') AS prod_kwh,
         sum(d.kw * dv.step_min / 60.0 ORDER BY d.device_id, d.ts) FILTER (k.k = 't') AS treat_kwh,
         avg(d.kw ORDER BY d.device_id, d.ts) FILTER (k.k = 'p' AND d.is_on) AS prod_kw_avg
  FROM keys k
  JOIN device_state d ON d.device_id = k.device_id AND date_trunc('hour', d.ts) = k.h
  JOIN dev dv ON dv.device_id = k.device_id
  WHERE d.ts >= k.start_ts AND d.ts < k.end_ts
  GROUP BY k.unit, k.ep
), devs AS (
  SELECT unit, prod_devices, treat_devices FROM line_units
)
SELECT n.site_id, NULL::VARCHAR AS outlet_id,
       CASE WHEN len(v.treat_devices) = 1 THEN v.treat_devices[1] END AS device_id,
       NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       f.start_ts, f.end_ts,
       round(f.off_min / 60.0, 3) AS score,
       CASE WHEN f.intermittent THEN 'low' END AS severity,
       format('{}{}：生产设施运行期间关联治污设施全部停运 {} 分钟（{} 至 {}），期间生产用电 {} kWh、治污用电 {} kWh',
              n.site_id, CASE WHEN len(n.lines) = 0 THEN '' ELSE ' 生产线 ' || array_to_string(n.lines, '/') END, CAST(round(f.off_min) AS INTEGER),
              strftime(f.start_ts, '%m-%d %H:%M'), strftime(f.end_ts, '%m-%d %H:%M'),
              round(coalesce(e.prod_kwh, 0), 1), round(coalesce(e.treat_kwh, 0), 1)) AS summary_zh,
       format('{}{}: production ran while all linked treatment was off for {} min ({} to {}); production {} kWh, treatment {} kWh',
              n.site_id, CASE WHEN len(n.lines) = 0 THEN '' ELSE ' line ' || array_to_string(n.lines, '/') END, CAST(round(f.off_min) AS INTEGER),
              strftime(f.start_ts, '%m-%d %H:%M'), strftime(f.end_ts, '%m-%d %H:%M'),
              round(coalesce(e.prod_kwh, 0), 1), round(coalesce(e.treat_kwh, 0), 1)) AS summary_en,
       struct_pack(lines := n.lines, link_mode := n.link_mode, off_minutes := round(f.off_min, 1),
                   span_minutes := date_diff('minute', f.start_ts, f.end_ts), merged_parts := f.n_parts,
                   kind := f.kind, production_kwh := round(e.prod_kwh, 2), treatment_kwh := round(e.treat_kwh, 2),
                   production_kw_avg := round(e.prod_kw_avg, 1), production_devices := v.prod_devices,
                   treatment_devices := v.treat_devices, run_start := f.run_start, run_end := f.run_end,
                   intermittent_treatment := f.intermittent, off_episodes_per_day := round(f.cycles_per_day, 2)) AS evidence
FROM fin f
JOIN ncount n USING (unit)
JOIN devs v USING (unit)
LEFT JOIN energy e ON e.unit = f.unit AND e.ep = f.ep
