-- F3 copy-paste (数据复制, detectors.md §4.3): windows of K = 24 consecutive running hourly values that
-- are exactly equal to another window, in the same series on a different day (≥ K hours apart) or in
-- another series, outlet or enterprise. Each window is hashed once, in the shared series_terms pass;
-- only hashes seen more than once are self-joined. K is a fixed constant (the hash
-- arity cannot be a parameter); longer copies are found as runs of matching windows, merged into
-- segments and then, per outlet pair and offset, across the outlet's series.
WITH prec AS (
  -- reporting precision per series: the most decimals that a real share of the values uses (0-3);
  -- the shares per series are in the shared pass (series_precision: 1 s CPU less here)
  SELECT series_id,
         CASE WHEN share3 >= $precision_share THEN 0.001::DOUBLE
              WHEN share2 >= $precision_share THEN 0.01::DOUBLE
              WHEN share1 >= $precision_share THEN 0.1::DOUBLE
              ELSE 1.0::DOUBLE END AS quantum,
         first_ts, last_ts
  FROM series_precision
), kg AS (
  -- informative windows only: flat, stopped, all-zero and detection-limit windows collide massively.
  -- The shared series_terms pass (the N-flagged avg/zs_avg hours, one sort for several rules) has
  -- each window's hash of the 24 values quantised at 0.001 (23 lead() terms), its last time and range,
  -- kept where the hash occurs more than once among the windows with range >= 1: a superset of the
  -- windows that repeat here. Sorting and hashing the series here was 12 of this rule's 15 s CPU on
  -- 100 enterprises.
  SELECT t.series_id, t.ts, t.ts24 AS last_ts, t.h24 AS h
  FROM series_terms t JOIN prec p USING (series_id)
  WHERE t.h24 IS NOT NULL
    AND t.ts24 - t.ts <= to_hours(CAST(23 + $max_gap_hours AS BIGINT))
    AND t.r24 >= $min_range_quanta * p.quantum * 1000
), cand AS (
  -- windows whose hash occurs more than once here
  SELECT series_id, ts, last_ts, h
  FROM (SELECT kg.*, count(*) OVER (PARTITION BY h) AS copies FROM kg)
  WHERE copies > 1
), info AS (
  -- distinct values of the (few) repeated windows: on/off signals and batch analysers holding a few
  -- results can have range but little information
  SELECT w.series_id, w.ts, count(DISTINCT h.value) AS n_distinct
  FROM (SELECT series_id, ts, last_ts, unnest(range(0, 24 + $max_gap_hours)) AS i FROM cand) w
  JOIN series_terms h ON h.series_id = w.series_id AND h.ts = w.ts + to_hours(w.i)
  WHERE h.ts <= w.last_ts
  GROUP BY w.series_id, w.ts
), c AS (
  SELECT cand.* FROM cand JOIN info USING (series_id, ts) WHERE info.n_distinct >= $min_distinct
), pairs AS (
  -- a = the earlier window (the likely source), b = the later one (the likely copy)
  SELECT a.series_id AS sa, b.series_id AS sb, a.ts AS ta, a.last_ts AS ta_last, b.ts AS tb, b.last_ts AS tb_last,
         date_diff('hour', a.ts, b.ts) AS lag_h
  FROM c a JOIN c b ON a.h = b.h
   AND (a.ts < b.ts OR (a.ts = b.ts AND a.series_id < b.series_id))
  WHERE a.series_id <> b.series_id OR b.ts >= a.ts + INTERVAL 24 HOUR
), brk AS (
  SELECT *, CASE WHEN ta - lag(ta) OVER (PARTITION BY sa, sb, lag_h ORDER BY ta)
                      <= to_hours(CAST(1 + $max_gap_hours AS BIGINT)) THEN 0 ELSE 1 END AS b
  FROM pairs
), seg AS (
  SELECT sa, sb, lag_h, min(ta) AS a_start, max(ta_last) + INTERVAL 1 HOUR AS a_end,
         min(tb) AS b_start, max(tb_last) + INTERVAL 1 HOUR AS b_end, count(*) AS windows
  FROM (SELECT *, sum(b) OVER (PARTITION BY sa, sb, lag_h ORDER BY ta) AS grp FROM brk)
  GROUP BY sa, sb, lag_h, grp
), sseg AS (
  SELECT seg.*, s1.outlet_id AS outlet_a, s2.outlet_id AS outlet_b,
         s1.code AS code_a, s1.stat AS stat_a, s2.code AS code_b, s2.stat AS stat_b,
         s1.code = s2.code AND s1.stat <> s2.stat AS raw_vs_converted,
         greatest(p1.first_ts, p2.first_ts) AS common_start, least(p1.last_ts, p2.last_ts) AS common_end
  FROM seg JOIN series s1 ON s1.series_id = seg.sa JOIN series s2 ON s2.series_id = seg.sb
  JOIN prec p1 ON p1.series_id = seg.sa JOIN prec p2 ON p2.series_id = seg.sb
), oseg AS (
  -- one copy shows up in every copied series of the outlet: merge overlapping segments per outlet pair and offset
  SELECT *, CASE WHEN b_start <= max(b_end) OVER (PARTITION BY outlet_a, outlet_b, lag_h ORDER BY b_start, b_end
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                      + to_hours(CAST($max_gap_hours AS BIGINT)) THEN 0 ELSE 1 END AS nb
  FROM sseg
), ep AS (
  SELECT outlet_a, outlet_b, lag_h, min(a_start) AS a_start, max(a_end) AS a_end,
         min(b_start) AS b_start, max(b_end) AS b_end, count(DISTINCT sb) AS n_series, sum(windows) AS windows,
         list_sort(list_distinct(list(code_a || '/' || stat_a))) AS series_a,
         list_sort(list_distinct(list(code_b || '/' || stat_b))) AS series_b,
         bool_and(raw_vs_converted) AS raw_vs_converted,
         min(common_start) AS common_start, max(common_end) AS common_end
  FROM (SELECT *, sum(nb) OVER (PARTITION BY outlet_a, outlet_b, lag_h ORDER BY b_start, b_end) AS g2 FROM oseg)
  GROUP BY outlet_a, outlet_b, lag_h, g2
), cls AS (
  SELECT ep.*, date_diff('hour', b_start, b_end) AS hours,
         date_diff('hour', b_start, b_end) / greatest(date_diff('hour', common_start, common_end) + 1 - lag_h, 1) AS coverage,
         oa.site_id AS site_a, ob.site_id AS site_b, sa.om_company AS om_a, sb.om_company AS om_b, ob.o2_ref AS o2_ref_b
  FROM ep
  LEFT JOIN outlets oa ON oa.outlet_id = ep.outlet_a LEFT JOIN outlets ob ON ob.outlet_id = ep.outlet_b
  LEFT JOIN sites sa ON sa.site_id = oa.site_id LEFT JOIN sites sb ON sb.site_id = ob.site_id
  WHERE date_diff('hour', b_start, b_end) >= $min_hours
), kinds AS (
  SELECT *,
         CASE WHEN outlet_a = outlet_b AND lag_h = 0 AND raw_vs_converted THEN 'converted-equals-measured'
              WHEN outlet_a = outlet_b AND lag_h = 0 THEN 'same-outlet-channels'
              -- the same export imported twice under two ids, possibly with hour-ending vs hour-beginning labels
              WHEN lag_h <= 1 AND outlet_a <> outlet_b AND coverage >= $duplicate_coverage THEN 'duplicate-series'
              WHEN lag_h = 0 AND site_a IS NOT DISTINCT FROM site_b THEN 'shared-instrument'
              WHEN lag_h = 0 THEN 'cross-site-simultaneous'
              WHEN outlet_a = outlet_b THEN 'self-replay'
              WHEN site_a IS NOT DISTINCT FROM site_b THEN 'cross-outlet'
              ELSE 'cross-site' END AS kind
  FROM cls
)
SELECT site_b AS site_id, outlet_b AS outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id,
       CASE WHEN len(series_b) = 1 THEN split_part(series_b[1], '/', 1) END AS code,
       b_start AS start_ts, b_end AS end_ts, (hours * n_series)::DOUBLE AS score,
       -- same-moment matches have innocent explanations (no O2 correction, one instrument for two
       -- stacks, the same export imported twice): leads only. Replays at an offset keep the default.
       CASE WHEN kind IN ('converted-equals-measured', 'same-outlet-channels', 'duplicate-series', 'shared-instrument') THEN 'low'
            WHEN kind = 'cross-site-simultaneous' THEN 'medium' END AS severity,
       CASE WHEN kind = 'converted-equals-measured'
              THEN format('{} 折算浓度与实测浓度连续 {} 小时逐时相同（疑似未做氧含量折算）', outlet_b, hours)
            WHEN kind = 'duplicate-series'
              THEN format('{} 与 {} 的数据几乎全程相同（{} 小时，相隔 {} 小时），疑为同一数据以不同编号重复导入，请核对导入文件',
                          outlet_b, outlet_a, hours, lag_h)
            WHEN kind = 'shared-instrument'
              THEN format('{} 与同企业排口 {} 同一时刻的 {} 小时数据相同，可能共用一套 CEMS，请核对', outlet_b, outlet_a, hours)
            ELSE format('{} 的 {} 小时数据（{} 个序列）与{}{} 自 {} 起的数据逐小时完全相同（相隔 {} 小时）',
                        outlet_b, hours, n_series, CASE WHEN outlet_a = outlet_b THEN '本排口' ELSE outlet_a END,
                        CASE WHEN site_a IS DISTINCT FROM site_b THEN format('（{}，运维单位 {}）', site_a, coalesce(om_a, '未知')) ELSE '' END,
                        strftime(a_start, '%Y-%m-%d %H:%M'), lag_h) END AS summary_zh,
       CASE WHEN kind = 'converted-equals-measured'
              THEN format('{}: converted values equal measured values hour by hour for {} h (O2 correction not applied?)', outlet_b, hours)
            WHEN kind = 'duplicate-series'
              THEN format('{} equals {} over almost the whole span ({} h, offset {} h): probably the same data imported twice under two ids; check the imported files',
                          outlet_b, outlet_a, hours, lag_h)
            WHEN kind = 'shared-instrument'
              THEN format('{} equals {} of the same site at the same hours for {} h: possibly one shared CEMS; please check', outlet_b, outlet_a, hours)
            ELSE format('{} h of {} ({} series) equal {}{} from {} hour by hour (offset {} h)',
                        hours, outlet_b, n_series, CASE WHEN outlet_a = outlet_b THEN 'the same outlet' ELSE outlet_a END,
                        CASE WHEN site_a IS DISTINCT FROM site_b THEN format(' ({}, O&M {})', site_a, coalesce(om_a, 'unknown')) ELSE '' END,
                        strftime(a_start, '%Y-%m-%d %H:%M'), lag_h) END AS summary_en,
       struct_pack(kind := kind, offset_hours := lag_h, hours := hours, series_matched := n_series, windows := windows,
                   outlet_a := outlet_a, site_a := site_a, om_company_a := om_a, start_a := a_start, end_a := a_end,
                   series_a := series_a,
                   outlet_b := outlet_b, site_b := site_b, om_company_b := om_b, start_b := b_start, end_b := b_end,
                   series_b := series_b,
                   same_om_company := om_a = om_b, coverage_of_common_span := round(coverage, 3)) AS evidence
FROM kinds
-- an outlet without a reference O2 reports its measured value as the converted one by design
WHERE NOT (kind = 'converted-equals-measured' AND o2_ref_b IS NULL)
