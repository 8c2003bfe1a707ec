-- F14 physical sanity checks (数据物理合理性), cheap and always on. Hour-level violations are
-- aggregated per outlet, day and check into one finding:
--   o2-out-of-range        O2 > 21 % or < 0 %                                   (impossible)
--   negative-concentration avg / converted concentration < -neg_tol            (impossible)
--   humidity-impossible    humidity > 100 % or < 0 %                           (impossible)
--   humidity-high          humidity > humidity_max on a stack hotter than saturated_temp (implausible)
--   avg-outside-min-max    Avg above Max or below Min of the same hour          (impossible)
--   cou-mismatch           hourly Cou ≠ Avg × hourly volume × 1e-6 (gas) / 1e-3 (water) beyond cou_tol
--   misaligned-time        readings not on the boundary of their period (hour, day, minute)
--   conflicting-duplicates re-sent readings with a different value, kept in quarantine at import
-- Severity: info / low (data quality); impossible values lasting >= sustained_hours consecutive hours
-- in the day are medium.
WITH v AS (
  SELECT outlet_id, ts, 'a19001' AS code, 'o2-out-of-range' AS chk, true AS impossible, o2 AS value
  FROM outlet_hour WHERE o2 > 21 OR o2 < 0
  UNION ALL
  SELECT outlet_id, ts, 'a01014', 'humidity-impossible', true, humidity
  FROM outlet_hour WHERE humidity > 100 OR humidity < 0
  UNION ALL
  SELECT outlet_id, ts, 'a01014', 'humidity-high', false, humidity
  FROM outlet_hour
  WHERE humidity > $humidity_max AND humidity <= 100 AND (temp IS NULL OR temp > $saturated_temp)
  UNION ALL
  SELECT outlet_id, ts, code, 'negative-concentration', true, value
  FROM series_hour
  WHERE stat IN ('avg', 'zs_avg') AND value < -$neg_tol
    AND ((code LIKE 'a2%' OR code LIKE 'a3%' OR code LIKE 'a05%') OR (code LIKE 'w%' AND code NOT IN ('w01001', 'w00000')))
  UNION ALL
  -- the hourly Avg/Min/Max and Avg/Cou pairs come from the shared pass stat_pairs (the same for every
  -- run: only the tolerances below are parameters); pivoting them was two thirds of this rule
  SELECT k.outlet_id, m.ts, k.code, 'avg-outside-min-max', true, m.v_avg
  FROM minmax_hour m JOIN stat_pair_keys k USING (pid)
  WHERE m.v_avg > m.v_max + $minmax_tol OR m.v_avg < m.v_min - $minmax_tol
     OR m.z_avg > m.z_max + $minmax_tol OR m.z_avg < m.z_min - $minmax_tol
  UNION ALL
  SELECT k.outlet_id, c.ts, k.code, 'cou-mismatch', false, c.v_cou
  FROM cou_hour c JOIN stat_pair_keys k USING (pid)
  WHERE abs(c.v_cou - c.v_avg * CASE WHEN k.code LIKE 'w%' THEN c.m3 * 1e-3 ELSE c.m3 * 1e-6 END)
        > greatest($cou_tol * abs(c.v_avg * CASE WHEN k.code LIKE 'w%' THEN c.m3 * 1e-3 ELSE c.m3 * 1e-6 END), $cou_abs_tol)
  UNION ALL
  -- the readings off their period's boundary come from the shared pass misaligned (no parameter:
  -- testing every reading on every run was a third of this rule)
  SELECT s.outlet_id, m.ts, s.code, 'misaligned-time', false, m.value
  FROM misaligned m JOIN series s ON s.series_id = m.series_id
), dup AS (
  -- a conflicting duplicate names the kept row: within a file 'duplicate of row N ...'; against a stored
  -- reading the quarantined line itself (other cells of a wide row may have been loaded)
  SELECT q.file_id, q.source_row,
         coalesce(TRY_CAST(regexp_extract(q.reason, 'duplicate of row (\d+)', 1) AS BIGINT), q.source_row) AS kept_row
  FROM quarantine q WHERE q.reason LIKE 'duplicate%'
), dupr AS (
  SELECT d.file_id, d.source_row, any_value(s.outlet_id) AS outlet_id, any_value(r.ts) AS ts, any_value(s.code) AS code
  FROM dup d
  LEFT JOIN readings r ON r.source_file_id = d.file_id AND r.source_row = d.kept_row
  LEFT JOIN series s ON s.series_id = r.series_id
  GROUP BY d.file_id, d.source_row
), allv AS (
  SELECT outlet_id, ts, code, chk, impossible, value FROM v
  UNION ALL
  SELECT outlet_id, ts, code, 'conflicting-duplicates', false, NULL::DOUBLE FROM dupr
), runs AS (
  -- longest run of consecutive impossible hours per outlet, check and day (severity of impossible values)
  SELECT outlet_id, chk, date_trunc('day', ts) AS day, max(run_len) AS longest
  FROM (
    SELECT *, count(*) OVER (PARTITION BY outlet_id, chk, grp) AS run_len
    FROM (
      SELECT outlet_id, chk, ts, ts - to_hours(row_number() OVER (PARTITION BY outlet_id, chk ORDER BY ts)) AS grp
      FROM (SELECT DISTINCT outlet_id, chk, date_trunc('hour', ts) AS ts FROM allv WHERE impossible)
    )
  ) GROUP BY ALL
), agg AS (
  SELECT a.outlet_id, a.chk, date_trunc('day', a.ts) AS day, any_value(a.impossible) AS impossible,
         count(*) AS n_values, count(DISTINCT date_trunc('hour', a.ts)) AS n_hours,
         list_sort(list_distinct(list(a.code))) AS codes, min(a.value) AS v_min, max(a.value) AS v_max,
         min(a.ts) AS first_ts, max(a.ts) AS last_ts
  FROM allv a GROUP BY a.outlet_id, a.chk, date_trunc('day', a.ts)
)
SELECT o.site_id, g.outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id,
       CASE WHEN len(g.codes) = 1 THEN g.codes[1] END AS code,
       coalesce(date_trunc('hour', g.first_ts), g.day) AS start_ts,
       coalesce(date_trunc('hour', g.last_ts) + INTERVAL 1 HOUR, g.day + INTERVAL 1 DAY) AS end_ts,
       g.n_hours::DOUBLE * CASE WHEN g.impossible THEN 2 ELSE 1 END AS score,
       CASE WHEN g.impossible AND coalesce(r.longest, 0) >= $sustained_hours THEN 'medium'
            WHEN g.chk = 'misaligned-time' THEN 'info'
            ELSE NULL END AS severity,
       format('{} {}：{} 个数值、{} 小时（{}）', coalesce(strftime(g.day, '%Y-%m-%d'), '时间未知'),
              CASE g.chk WHEN 'o2-out-of-range' THEN '氧含量超出 0–21%'
                         WHEN 'humidity-impossible' THEN '烟气湿度超出 0–100%'
                         WHEN 'humidity-high' THEN '非饱和烟气湿度异常偏高'
                         WHEN 'negative-concentration' THEN '浓度为负值'
                         WHEN 'avg-outside-min-max' THEN '小时均值超出最小值–最大值范围'
                         WHEN 'cou-mismatch' THEN '排放量与浓度×流量不符'
                         WHEN 'misaligned-time' THEN '数据时间未对齐到周期起点'
                         ELSE '重复上报的数据数值不一致' END,
              g.n_values, g.n_hours, array_to_string(g.codes, ',')) AS summary_zh,
       format('{} {}: {} value(s) in {} hour(s) ({})', coalesce(strftime(g.day, '%Y-%m-%d'), 'time unknown'),
              CASE g.chk WHEN 'o2-out-of-range' THEN 'O2 outside 0–21 %'
                         WHEN 'humidity-impossible' THEN 'humidity outside 0–100 %'
                         WHEN 'humidity-high' THEN 'humidity implausibly high on a non-saturated stack'
                         WHEN 'negative-concentration' THEN 'negative concentration'
                         WHEN 'avg-outside-min-max' THEN 'hourly Avg outside [Min, Max]'
                         WHEN 'cou-mismatch' THEN 'Cou ≠ Avg × flow volume'
                         WHEN 'misaligned-time' THEN 'timestamps not on the period boundary'
                         ELSE 'conflicting re-sent duplicates' END,
              g.n_values, g.n_hours, array_to_string(g.codes, ',')) AS summary_en,
       struct_pack(kind := g.chk, impossible := g.impossible, n_values := g.n_values, hours := g.n_hours,
                   longest_run_hours := coalesce(r.longest, 0), codes := g.codes,
                   value_min := g.v_min, value_max := g.v_max) AS evidence
FROM agg g
LEFT JOIN runs r ON r.outlet_id IS NOT DISTINCT FROM g.outlet_id AND r.chk = g.chk AND r.day IS NOT DISTINCT FROM g.day
LEFT JOIN outlets o ON o.outlet_id = g.outlet_id
