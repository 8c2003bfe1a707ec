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
), cand AS MATERIALIZED (
  -- the only hours the steps below read, from one scan of the pass (5.7M of its 55M hours on 500
  -- enterprises; three scans, each filtering every hour, cost 2.8 s of the rule's 10 s profiled CPU):
  -- hours repeating the previous hour's value, and hours crossing the level floor from or to the
  -- previous hour
  SELECT series_id, ts, rn, value, prev_ts, prev_value
  FROM series_terms
  WHERE value = prev_value OR (abs(value) <= $level_floor) <> (abs(prev_value) <= $level_floor)
), x AS (
  -- the hours judged: above the level floor where it applies
  SELECT c.*, sc.floored
  FROM cand c JOIN sc USING (series_id)
  WHERE NOT (sc.floored AND abs(c.value) <= $level_floor)
), back AS (
  -- hours whose previous hour is below the floor, with room for a kept hour within $max_gap_hours
  -- (filtered on the pass's own columns before the floored series are joined)
  SELECT t.series_id, t.ts, t.rn, t.value, t.prev_ts, unnest(range(0, $max_gap_hours - 1)) AS j
  FROM cand t SEMI JOIN (SELECT series_id FROM sc WHERE floored) f USING (series_id)
  WHERE abs(t.value) > $level_floor AND abs(t.prev_value) <= $level_floor
    AND t.ts - t.prev_ts < to_hours(CAST($max_gap_hours AS BIGINT))
), stretch AS (
  -- the first hour of each stretch of floored hours, with the kept hour before it
  SELECT t.series_id, t.ts, t.rn - 1 AS kept_rn, t.prev_ts AS kept_ts, t.prev_value AS kept_value
  FROM cand t SEMI JOIN (SELECT series_id FROM sc WHERE floored) f USING (series_id)
  WHERE abs(t.value) <= $level_floor AND abs(t.prev_value) > $level_floor
), bridge AS (
  -- the last kept hour before such an hour is the one before the start of the stretch it follows: the
  -- latest stretch start at most $max_gap_hours - 2 hours before its previous hour (an equi-join of
  -- two small sets on whole hours; looking the earlier hours up in the pass itself built the join's
  -- hash table on all 55M hours of 500 enterprises)
  SELECT b.series_id, b.ts, b.rn, b.value, arg_max(s.kept_ts, s.ts) AS kept_ts, arg_max(s.kept_rn, s.ts) AS kept_rn,
         arg_max(s.kept_value, s.ts) AS kept_value
  FROM back b JOIN stretch s ON s.series_id = b.series_id AND s.ts = b.prev_ts - to_hours(b.j)
  GROUP BY b.series_id, b.ts, b.rn, b.value
), rep AS (
  -- the hours repeating the previous kept hour's value, with that hour's time, and how many (floored)
  -- hours lie between the two (skip: 0 but where a repeat bridges floored hours)
  SELECT series_id, ts, rn, value, prev_ts AS link_ts, 0 AS skip
  FROM x
  WHERE value = prev_value AND ts - prev_ts <= to_hours(CAST($max_gap_hours AS BIGINT))
  UNION ALL
  SELECT series_id, ts, rn, value, kept_ts, rn - kept_rn - 1 FROM bridge
  WHERE kept_value = value AND ts - kept_ts <= to_hours(CAST($max_gap_hours AS BIGINT))
), bridged AS (
  -- the few series with a repeat hour bridging floored hours (907 of 10k series on 500 enterprises)
  SELECT DISTINCT series_id FROM rep WHERE skip > 0
), r AS (
  -- a run continues while each repeat hour's previous kept hour is the repeat hour before it. The
  -- hours between a repeat hour and its link are floored hours, never repeat hours, so with the row
  -- numbers of the pass less the skipped hours so far (k = rn - running sum of skip) a repeat hour
  -- continues the run exactly when its k is one more than the previous repeat hour's: the islands
  -- are k - row_number(), from one sort of the repeat hours (a lag() of the time and a running count
  -- of the breaks took two sorts, 5.5 s of the rule's 22 s profiled CPU on 500 enterprises). The
  -- running sum costs twice the row number, and skip is 0 in the series without bridged hours
  SELECT series_id, ts, value, link_ts, rn - row_number() OVER (PARTITION BY series_id ORDER BY rn) AS isl
  FROM rep ANTI JOIN bridged USING (series_id)
  UNION ALL
  SELECT series_id, ts, value, link_ts, rn - sum(skip) OVER b - row_number() OVER b AS isl
  FROM rep SEMI JOIN bridged USING (series_id)
  WINDOW b AS (PARTITION BY series_id ORDER BY rn ROWS UNBOUNDED PRECEDING)
), runs AS (
  -- grouped on the numbers first, the names joined to the runs (fewer rows than the repeat hours)
  SELECT g.series_id, sc.outlet_id, sc.code, sc.stat, g.start_ts, g.last_ts, g.n_hours, g.value
  FROM (SELECT series_id, min(link_ts) AS start_ts, max(ts) AS last_ts, count(*) + 1 AS n_hours,
               any_value(value) AS value
        FROM r GROUP BY series_id, isl) g
  JOIN sc USING (series_id)
), needed AS (
  SELECT runs.*,
         CASE WHEN code IN ('w01018', 'w21003', 'w21011', 'w21001') THEN $min_hours_batch ELSE $min_hours END AS min_run
  FROM runs
), base AS (
  -- how often the series repeats its previous hour in SHORT runs (coarse reporting precision, a quiet
  -- or clamped signal): a long run is only evidence when it is improbable at that rate
  SELECT k.series_id, greatest(coalesce(s.short_reps, 0) / k.n, 0.001) AS repeat_share
  FROM (
    -- the hours judged per series (those of x), counted before the series' names are joined: all
    -- hours and those at or below the floor, taken off where the floor applies
    SELECT c.series_id, CASE WHEN sc.floored THEN c.n_all - c.n_low ELSE c.n_all END AS n
    FROM (SELECT series_id, count(*) AS n_all, count(*) FILTER (abs(value) <= $level_floor) AS n_low
          FROM series_terms GROUP BY series_id) c
    JOIN sc USING (series_id)
  ) k
  LEFT JOIN (SELECT series_id, sum(n_hours - 1) AS short_reps FROM needed WHERE n_hours < min_run GROUP BY series_id) s
    USING (series_id)
  WHERE k.n > 0
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
