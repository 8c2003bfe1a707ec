-- F1 variant, low-variance days (detectors.md §4.2): a day whose spread (sd or range of the N-flagged
-- running hours) collapses to a small fraction of the series' own typical spread — the median over the
-- trailing reference days of the same series. Relative to its own history, so a steady base-load plant
-- (gas turbine) is judged against its own quiet days. Tumbling daily aggregates (5x cheaper than a
-- rolling 24 h sd at every hour), a windowed max to find the few days that can be quiet, and the
-- reference medians of those days only.
WITH d AS (
  -- daily count, sd, range and mean of the N-flagged avg/zs_avg hours: the shared series_day roll-up
  -- (prepare-inputs.ts; aggregating 11M hours here was 1.8 s of this rule's 3.3 s CPU on city100)
  SELECT series_id, day, n, sd, rng, mu
  FROM series_day
  WHERE n >= $min_day_hours
), flow_day AS (
  -- running evidence: the outlet's flow that day against its typical (median) daily flow
  SELECT s.outlet_id, d.day, d.mu AS flow_mu, median(d.mu) OVER (PARTITION BY s.outlet_id) AS flow_typ
  FROM d JOIN series s USING (series_id)
  WHERE s.code IN ('a00000', 'w00000') AND s.stat = 'avg'
), b AS (
  -- the median over the reference days is at most their maximum, so a day can only be quiet where
  -- its sd or range is below $max_ratio times the reference maximum: a cheap (segment tree) frame
  -- max keeps ~1.4 % of the days on city100 (6.3k of 452k). The two windowed medians over every
  -- day were 1.4 s of the rule's 1.65 s CPU, now 0.56 s in all; the medians of these few days are
  -- joined below (with a loose max_ratio of 0.5 many days pass and this is slower: 2.6 s instead of 1.8).
  -- The frame is the $ref_days rows before the day, a superset of the $ref_days days before it (one
  -- row per series and day), so its max is no smaller and the days kept are a superset of those the
  -- medians below can keep: a ROWS frame needs no search for its bounds (2.7 -> 2.0 s CPU on city500)
  SELECT series_id, day, n, sd, rng, mu
  FROM d
  WINDOW hist AS (PARTITION BY series_id ORDER BY day ROWS BETWEEN $ref_days PRECEDING AND 1 PRECEDING)
  QUALIFY sd < $max_ratio * max(sd) OVER hist OR rng < $max_ratio * max(rng) OVER hist
), ref AS (
  -- the same frame as a join (days are whole days, one row per series and day): median sd and range
  -- of the $ref_days days before, and how many there are
  SELECT b.series_id, b.day, median(p.sd) AS sd_ref, median(p.rng) AS rng_ref, count(*) AS n_ref
  FROM b JOIN d p ON p.series_id = b.series_id
                 AND p.day >= b.day - to_days(CAST($ref_days AS INTEGER)) AND p.day < b.day
  GROUP BY b.series_id, b.day
), low AS (
  SELECT b.*, r.sd_ref, r.rng_ref, r.n_ref, s.outlet_id, s.code, s.stat
  FROM b JOIN ref r USING (series_id, day) JOIN series s USING (series_id)
  WHERE r.n_ref >= $min_ref_days AND r.sd_ref > 0 AND r.rng_ref > 0
    AND (b.sd < $max_ratio * r.sd_ref OR b.rng < $max_ratio * r.rng_ref)
), flagged AS (
  SELECT low.*, f.flow_mu, f.flow_typ,
         low.sd / low.sd_ref AS sd_ratio, low.rng / low.rng_ref AS rng_ratio,
         low.sd < $max_ratio * low.sd_ref AND low.rng < $max_ratio * low.rng_ref AS both_low
  FROM low LEFT JOIN flow_day f ON f.outlet_id = low.outlet_id AND f.day = low.day
  -- values at the detection limit of ultra-low emitters are quiet by nature
  WHERE NOT (abs(low.mu) <= $level_floor
             AND (low.code LIKE 'a2%' OR low.code LIKE 'a3%' OR (low.code LIKE 'w%' AND low.code NOT IN ('w01001', 'w00000'))))
    -- a stopped or idling plant mislabelled N is truly quiet: need the outlet's flow near its typical level
    AND (f.flow_mu IS NULL OR f.flow_typ IS NULL OR f.flow_mu >= $min_flow_ratio * f.flow_typ)
), isl AS (
  SELECT *, day - to_days(CAST(row_number() OVER (PARTITION BY series_id ORDER BY day) AS INTEGER)) AS grp
  FROM flagged
), ep AS (
  SELECT series_id, any_value(outlet_id) AS outlet_id, any_value(code) AS code, any_value(stat) AS stat,
         min(day) AS start_ts, max(day) + INTERVAL 1 DAY AS end_ts, count(*) AS days,
         count(*) FILTER (both_low) AS days_both,
         min(sd_ratio) AS min_sd_ratio, min(rng_ratio) AS min_rng_ratio,
         min(sd) AS min_sd, min(rng) AS min_rng, median(sd_ref) AS sd_ref, median(rng_ref) AS rng_ref,
         avg(mu) AS mean_value, min(n_ref) AS ref_days, min(flow_mu / nullif(flow_typ, 0)) AS min_flow_ratio
  FROM isl GROUP BY series_id, grp
)
SELECT o.site_id, ep.outlet_id, NULL::VARCHAR AS device_id, ep.series_id, ep.code, ep.start_ts, ep.end_ts,
       round(ep.days / greatest(least(coalesce(ep.min_sd_ratio, 1), coalesce(ep.min_rng_ratio, 1)), 0.01), 3) AS score,
       -- both sd and range collapsed on some day: medium (the default); only one of them: low
       CASE WHEN ep.days_both > 0 THEN NULL ELSE 'low' END AS severity,
       format('{}（{}）{} 天波动异常偏小：日标准差为自身近期典型值的 {}%，日极差为 {}%（参考 {} 天）',
              ep.code, ep.stat, ep.days, round(100 * ep.min_sd_ratio, 1), round(100 * ep.min_rng_ratio, 1), ep.ref_days) AS summary_zh,
       format('{} ({}) unusually quiet on {} day(s): daily sd {}% and range {}% of its own recent typical values ({} reference days)',
              ep.code, ep.stat, ep.days, round(100 * ep.min_sd_ratio, 1), round(100 * ep.min_rng_ratio, 1), ep.ref_days) AS summary_en,
       struct_pack(days := ep.days, days_sd_and_range_low := ep.days_both,
                   min_sd := round(ep.min_sd, 4), sd_ref := round(ep.sd_ref, 4), min_sd_ratio := round(ep.min_sd_ratio, 4),
                   min_range := round(ep.min_rng, 4), range_ref := round(ep.rng_ref, 4), min_range_ratio := round(ep.min_rng_ratio, 4),
                   mean_value := round(ep.mean_value, 4), reference_days := ep.ref_days,
                   min_flow_ratio := round(ep.min_flow_ratio, 3), stat := ep.stat) AS evidence
FROM ep LEFT JOIN outlets o ON o.outlet_id = ep.outlet_id
