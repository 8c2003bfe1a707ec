-- 应急期间国四及以下重型货车进出 (domain.md §6.3, HJ 1321-2023 gate records): during an order window,
-- entries of heavy vehicles whose emission stage is at or below $max_banned_stage (国四 = 4; 电动/新能源
-- always allowed) and whose fuel is in $banned_fuels (empty = any fuel), at sites that have a stop/limit
-- measure (一厂一策) for the order's level. Stages are normalised from 国四 / 国IV / IV / 4 spellings;
-- unrecognised stages are counted separately and never treated as banned.
-- The window's total entries are compared with the same hours on the previous $baseline_days days
-- without an order: traffic is a production proxy (clinker, coal, ore...).
WITH ord AS (
  SELECT order_id, lower(level) AS level, start_ts, end_ts, scope FROM orders WHERE end_ts > start_ts
), so AS (
  SELECT o.*, s.site_id, s.grade
  FROM ord o JOIN sites s
    ON o.scope IS NULL OR trim(o.scope) IN ('', 'all', 'ALL', 'All', '全市', '全部', '全域')
    OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.county)
    OR list_contains(list_transform(string_split(replace(o.scope, '，', ','), ','), x -> trim(x)), s.township)
), w AS (
  SELECT so.order_id, so.level, so.start_ts, so.end_ts, so.site_id, so.grade,
         list(DISTINCT lower(m.action) ORDER BY lower(m.action)) AS actions,
         so.order_id || '|' || so.site_id AS wkey
  FROM so JOIN measures m ON m.site_id = so.site_id AND lower(m.level) = so.level
  WHERE lower(m.action) IN ('stop', 'limit')
  GROUP BY so.order_id, so.level, so.start_ts, so.end_ts, so.site_id, so.grade
), wh AS (
  SELECT w.wkey, w.site_id, w.start_ts, w.end_ts,
         unnest(generate_series(date_trunc('hour', w.start_ts), w.end_ts - INTERVAL 1 SECOND, INTERVAL 1 HOUR)) AS h
  FROM w
), boff AS (
  SELECT wkey, d FROM (
    SELECT w.wkey, o.d, row_number() OVER (PARTITION BY w.wkey ORDER BY o.d) AS k
    FROM w CROSS JOIN (SELECT unnest(range(1, 29)) AS d) o
    WHERE NOT EXISTS (SELECT 1 FROM so o2 WHERE o2.site_id = w.site_id
                        AND o2.start_ts < w.end_ts - to_days(o.d) AND o2.end_ts > w.start_ts - to_days(o.d))
  ) WHERE k <= $baseline_days
), wr AS (
  -- gate records inside the windows (14k of 8M on city500): only they need a parsed emission stage
  SELECT wh.wkey, r.site_id, r.ts, r.plate, r.emission_stage, r.fuel, r.direction
  FROM wh JOIN gate_records r ON r.site_id = wh.site_id AND date_trunc('hour', r.ts) = wh.h
  WHERE r.ts >= wh.start_ts AND r.ts < wh.end_ts
), g AS (
  -- with a normalised emission stage (99 = zero-emission)
  SELECT r.wkey, r.site_id, r.ts, r.plate, r.emission_stage, r.fuel,
         coalesce(lower(r.direction), 'in') NOT IN ('out', '出', '出厂', 'exit') AS is_in,
         CASE
           WHEN r.emission_stage SIMILAR TO '.*(电|新能源|氢|EV|BEV|纯电).*'
                OR lower(coalesce(r.fuel, '')) IN ('electric', 'ev', 'bev', '电', '电动', '纯电', '新能源', 'hydrogen', '氢') THEN 99
           ELSE CASE regexp_extract(upper(replace(replace(replace(replace(replace(replace(coalesce(r.emission_stage, ''),
                    'Ⅵ', 'VI'), 'Ⅴ', 'V'), 'Ⅳ', 'IV'), 'Ⅲ', 'III'), 'Ⅱ', 'II'), 'Ⅰ', 'I')),
                  '(VI|IV|V|III|II|I|[0-6]|[零一二三四五六])', 1)
                  WHEN 'VI' THEN 6 WHEN '6' THEN 6 WHEN '六' THEN 6
                  WHEN 'V' THEN 5 WHEN '5' THEN 5 WHEN '五' THEN 5
                  WHEN 'IV' THEN 4 WHEN '4' THEN 4 WHEN '四' THEN 4
                  WHEN 'III' THEN 3 WHEN '3' THEN 3 WHEN '三' THEN 3
                  WHEN 'II' THEN 2 WHEN '2' THEN 2 WHEN '二' THEN 2
                  WHEN 'I' THEN 1 WHEN '1' THEN 1 WHEN '一' THEN 1
                  WHEN '0' THEN 0 WHEN '零' THEN 0 END
         END AS stage_num
  FROM wr r
), gb AS (
  SELECT g.*,
         g.stage_num <= $max_banned_stage
           AND (trim($banned_fuels) = ''
                OR g.fuel IS NULL
                OR list_contains(list_transform(string_split(lower($banned_fuels), ','), x -> trim(x)), lower(trim(g.fuel)))) AS banned
  FROM g
), bh AS (
  -- the site-hours of the baseline days
  SELECT DISTINCT wh.site_id, wh.h - to_days(b.d) AS h FROM boff b JOIN wh ON wh.wkey = b.wkey
), gh AS (
  -- entries per site and hour, counted only in the baseline hours (is_in as in g): grouping all 6M
  -- records of the sites under measures by hour was ~2.5 s CPU on city500
  SELECT r.site_id, date_trunc('hour', r.ts) AS h,
         count(*) FILTER (coalesce(lower(r.direction), 'in') NOT IN ('out', '出', '出厂', 'exit')) AS n_in
  FROM gate_records r SEMI JOIN bh ON bh.site_id = r.site_id AND bh.h = date_trunc('hour', r.ts)
  GROUP BY r.site_id, date_trunc('hour', r.ts)
), inwin AS (
  SELECT * FROM gb
), agg AS (
  SELECT wkey,
         count(*) FILTER (is_in) AS entries,
         count(*) FILTER (is_in AND banned) AS banned_in,
         count(*) FILTER (NOT is_in AND banned) AS banned_out,
         count(*) FILTER (is_in AND stage_num IS NULL) AS unknown_stage_in,
         count(DISTINCT plate) FILTER (banned) AS banned_plates_n,
         list(DISTINCT plate ORDER BY plate) FILTER (banned) AS banned_plates,
         min(ts) FILTER (banned) AS first_banned, max(ts) FILTER (banned) AS last_banned
  FROM inwin GROUP BY wkey
), stages AS (
  SELECT wkey, list(struct_pack(stage := emission_stage, entries := n) ORDER BY n DESC) AS by_stage
  FROM (SELECT wkey, coalesce(emission_stage, '?') AS emission_stage, count(*) AS n FROM inwin WHERE is_in AND banned GROUP BY ALL)
  GROUP BY wkey
), daily AS (
  SELECT wkey, list(struct_pack(day := day, banned_entries := n) ORDER BY day) AS per_day
  FROM (SELECT wkey, ts::DATE AS day, count(*) AS n FROM inwin WHERE is_in AND banned GROUP BY ALL)
  GROUP BY wkey
), base AS (
  -- mean entries over the same hours of the baseline days
  SELECT b.wkey, sum(coalesce(gh.n_in, 0)) / count(DISTINCT b.d) AS base_entries, count(DISTINCT b.d) AS n_days
  FROM boff b JOIN wh ON wh.wkey = b.wkey
  LEFT JOIN gh ON gh.site_id = wh.site_id AND gh.h = wh.h - to_days(b.d)
  GROUP BY b.wkey
), hit AS (
  SELECT w.*, a.*, s.by_stage, d.per_day, bs.base_entries, bs.n_days,
         a.entries / nullif(bs.base_entries, 0) AS traffic_ratio
  FROM w JOIN agg a USING (wkey)
  LEFT JOIN stages s USING (wkey) LEFT JOIN daily d USING (wkey) LEFT JOIN base bs USING (wkey)
  WHERE a.banned_in >= $min_banned_entries
)
SELECT site_id, NULL::VARCHAR AS outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id,
       NULL::VARCHAR AS code, first_banned AS start_ts, last_banned + INTERVAL 1 SECOND AS end_ts,
       CAST(banned_in AS DOUBLE) AS score,
       CASE WHEN list_contains(actions, 'stop') AND traffic_ratio >= $high_traffic_ratio THEN 'high' END AS severity,
       format('{}：{} 级应急管控（{}）期间，{} 辆次国{}及以下{}货车进厂（{} 个车牌），进厂总量为前{}日同时段均值的 {}%',
              site_id, level, order_id, banned_in,
              CASE $max_banned_stage WHEN 1 THEN '一' WHEN 2 THEN '二' WHEN 3 THEN '三' WHEN 4 THEN '四' WHEN 5 THEN '五' ELSE CAST($max_banned_stage AS VARCHAR) END,
              CASE WHEN trim($banned_fuels) = '' THEN '' ELSE '柴油' END, banned_plates_n, n_days,
              coalesce(CAST(round(100 * traffic_ratio) AS INTEGER)::VARCHAR, '—')) AS summary_zh,
       format('{}: during the {} order {}, {} entries of China {} or older {}trucks ({} plates); total entries were {}% of the same hours on the previous {} days',
              site_id, level, order_id, banned_in, $max_banned_stage,
              CASE WHEN trim($banned_fuels) = '' THEN '' ELSE 'diesel ' END, banned_plates_n,
              coalesce(CAST(round(100 * traffic_ratio) AS INTEGER)::VARCHAR, '—'), n_days) AS summary_en,
       struct_pack(order_id := order_id, level := level, measures := actions, grade := grade,
                   window_start := start_ts, window_end := end_ts, banned_entries := banned_in,
                   banned_exits := banned_out, banned_plate_count := banned_plates_n,
                   banned_plates := banned_plates[1:30], by_stage := by_stage, per_day := per_day,
                   entries := entries, unknown_stage_entries := unknown_stage_in,
                   baseline_entries := round(base_entries, 1), baseline_days := n_days,
                   traffic_ratio := round(traffic_ratio, 3)) AS evidence
FROM hit
