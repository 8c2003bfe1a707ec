-- F1 flatline (恒值): a series repeating exactly the same hourly value while the process runs.
-- The rows are the N-flagged hours of the shared series_terms pass (prepare-inputs.ts), which has each
-- hour's previous hour and value from one sort shared with other rules: sorting here was 6.9 s of this
-- rule's 6.9 s CPU on 100 enterprises. The level floor drops hours before the comparison with the
-- previous hour, so an hour whose previous hour is dropped is compared with the last kept hour instead:
-- it is at most $max_gap_hours back, so the few such hours look it up by time (an equi-join on whole
-- hours), not by another sort of every row.
WITH sc AS (
  SELECT series_id, outlet_id, code, stat,
         -- ultra-low emitters sit at the analyser's detection limit: repeats there are not evidence
         code LIKE 'a2%' OR code LIKE 'a3%' OR (code LIKE 'w%' AND code NOT IN ('w01001', 'w00000')) AS floored
  FROM series
), x AS NOT MATERIALIZED (
  -- the hours judged: above the level floor where it applies. Read again by each use (not kept as a
  -- CTE: 47M rows on 500 enterprises spill; a scan of the pass costs less)
  SELECT t.series_id, t.ts, t.value, t.prev_ts, t.prev_value, sc.floored
  FROM series_terms t JOIN sc USING (series_id)
  WHERE NOT (sc.floored AND abs(t.value) <= $level_floor)
), back AS (
  -- hours whose previous hour is below the floor, with room for a kept hour within $max_gap_hours
  SELECT series_id, ts, value, prev_ts, unnest(range(0, $max_gap_hours - 1)) AS j
  FROM x
  WHERE floored AND abs(prev_value) <= $level_floor
    AND ts - prev_ts < to_hours(CAST($max_gap_hours AS BIGINT))
), stretch AS (
  -- the first hour of each stretch of floored hours, with the kept hour before it
  SELECT t.series_id, t.ts, t.prev_ts AS kept_ts, t.prev_value AS kept_value
  FROM series_terms t JOIN sc USING (series_id)
  WHERE sc.floored AND abs(t.value) <= $level_floor AND abs(t.prev_value) > $level_floor
), bridge AS (
  -- the last kept hour before such an hour is the one before the start of the stretch it follows: the
  -- latest stretch start at most $max_gap_hours - 2 hours before its previous hour (an equi-join of
  -- two small sets on whole hours; looking the earlier hours up in the pass itself built the join's
  -- hash table on all 55M hours of 500 enterprises)
  SELECT b.series_id, b.ts, b.value, arg_max(s.kept_ts, s.ts) AS kept_ts, arg_max(s.kept_value, s.ts) AS kept_value
  FROM back b JOIN stretch s ON s.series_id = b.series_id AND s.ts = b.prev_ts - to_hours(b.j)
  GROUP BY b.series_id, b.ts, b.value
), rep AS (
  -- the hours repeating the previous kept hour's value, with that hour's time
  SELECT series_id, ts, value, prev_ts AS link_ts
  FROM x
  WHERE value = prev_value AND ts - prev_ts <= to_hours(CAST($max_gap_hours AS BIGINT))
  UNION ALL
  SELECT series_id, ts, value, kept_ts FROM bridge
  WHERE kept_value = value AND ts - kept_ts <= to_hours(CAST($max_gap_hours AS BIGINT))
), r AS (
  -- a run continues while each repeat hour's previous kept hour is the repeat hour before it; the
  -- break flags and their running count sort only the repeat hours (a running count of breaks with a
  -- FILTER, or breaks found by a semi join on the link, cost more here: 2.7 s CPU instead of 2.3 s)
  SELECT *, sum(brk) OVER (PARTITION BY series_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS isl
  FROM (SELECT *, (lag(ts) OVER (PARTITION BY series_id ORDER BY ts) IS DISTINCT FROM link_ts)::INTEGER AS brk
        FROM rep)
), runs AS (
  SELECT r.series_id, any_value(sc.outlet_id) AS outlet_id, any_value(sc.code) AS code, any_value(sc.stat) AS stat,
         min(r.link_ts) AS start_ts, max(r.ts) AS last_ts, count(*) + 1 AS n_hours, any_value(r.value) AS value
  FROM r JOIN sc USING (series_id)
  GROUP BY r.series_id, r.isl
), needed AS (
  SELECT runs.*,
         CASE WHEN code IN ('w01018', 'w21003', 'w21011', 'w21001') THEN $min_hours_batch ELSE $min_hours END AS min_run
  FROM runs
), base AS (
  -- how often the series repeats its previous hour in SHORT runs (coarse reporting precision, a quiet
  -- or clamped signal): a long run is only evidence when it is improbable at that rate
  SELECT k.series_id, greatest(coalesce(s.short_reps, 0) / k.n, 0.001) AS repeat_share
  FROM (SELECT series_id, count(*) AS n FROM x GROUP BY series_id) k
  LEFT JOIN (SELECT series_id, sum(n_hours - 1) AS short_reps FROM needed WHERE n_hours < min_run GROUP BY series_id) s
    USING (series_id)
), judged AS (
  SELECT needed.*, b.repeat_share, power(b.repeat_share, needed.n_hours - 1) AS chance
  FROM needed JOIN base b USING (series_id)
  WHERE needed.n_hours >= needed.min_run
)
SELECT NULL::VARCHAR AS site_id, outlet_id, NULL::VARCHAR AS device_id, series_id, code,
       start_ts, last_ts + INTERVAL 1 HOUR AS end_ts, n_hours::DOUBLE AS score, NULL::VARCHAR AS severity,
       format('{}（{}）连续 {} 小时数值恒定为 {}', code, stat, n_hours, value) AS summary_zh,
       format('{} ({}) constant at {} for {} hours', code, stat, value, n_hours) AS summary_en,
       struct_pack(value := value, hours := n_hours, stat := stat, repeat_share := round(repeat_share, 4),
                   chance := chance) AS evidence
FROM judged
-- batch water analysers (COD, NH3-N, TP, TN) hold each result for their 1-4 h cycle
WHERE chance < $max_chance
