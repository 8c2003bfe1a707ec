-- F1 flatline (恒值): a series repeating exactly the same hourly value while the process runs.
-- One sort per series feeds row_number and lag; islands are numbered over the repeat rows only
-- (shared/docs/detectors.md §4.1: 3 s on 50M rows instead of 20 s for break-flag + running sum).
WITH x AS (
  SELECT series_id, outlet_id, code, stat, ts, value,
         lag(ts) OVER w AS prev_ts,
         row_number() OVER w AS rn,
         value = lag(value) OVER w
           AND ts - lag(ts) OVER w <= to_hours(CAST($max_gap_hours AS BIGINT)) AS rep
  FROM series_hour
  WHERE flag = 'N' AND value IS NOT NULL AND stat IN ('avg', 'zs_avg')
    -- ultra-low emitters sit at the analyser's detection limit: repeats there are not evidence
    AND NOT (abs(value) <= $level_floor
             AND (code LIKE 'a2%' OR code LIKE 'a3%' OR (code LIKE 'w%' AND code NOT IN ('w01001', 'w00000'))))
  WINDOW w AS (PARTITION BY series_id ORDER BY ts)
), r AS (
  SELECT *, rn - row_number() OVER (PARTITION BY series_id ORDER BY rn) AS isl FROM x WHERE rep
), runs AS (
  SELECT series_id, any_value(outlet_id) AS outlet_id, any_value(code) AS code, any_value(stat) AS stat,
         min(prev_ts) AS start_ts, max(ts) AS last_ts, count(*) + 1 AS n_hours, any_value(value) AS value
  FROM r GROUP BY series_id, isl
), needed AS (
  SELECT runs.*,
         CASE WHEN code IN ('w01018', 'w21003', 'w21011', 'w21001') THEN $min_hours_batch ELSE $min_hours END AS min_run
  FROM runs
), base AS (
  -- how often the series repeats its previous hour in SHORT runs (coarse reporting precision, a quiet
  -- or clamped signal): a long run is only evidence when it is improbable at that rate
  SELECT x.series_id, greatest(coalesce(any_value(s.short_reps), 0) / count(*), 0.001) AS repeat_share
  FROM x LEFT JOIN (SELECT series_id, sum(n_hours - 1) AS short_reps FROM needed WHERE n_hours < min_run GROUP BY series_id) s
    USING (series_id)
  GROUP BY x.series_id
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
