-- F2 limit hugging (贴限排放 / 削峰, detectors.md §4.4): converted hourly values of a limited series pile
-- up just under the limit L while the upper tail disappears. Each series is cut into fixed calendar
-- blocks of $block_days days (not chosen by value); a block is a candidate when it meets the static F2
-- rule (share in [hug_low·L, L) high, share ≥ L tiny, density step against [0.8L, hug_low·L)) or holds
-- daily maxima pinned in [pin_low·L, L) for ≥ $pinned_days consecutive days. Consecutive candidate
-- blocks form an episode, compared with the rest of the same series (the reference period): hug share
-- (two-proportion z) and the discontinuity at L (k_above vs the reference's below/above ratio).
WITH lim AS (
  SELECT outlet_id, code, limit_value FROM limits WHERE basis = 'zs' AND limit_value > 0
), pick AS (
  -- per limited (outlet, code): the converted series where the outlet reports one, else the measured
  -- one (water, no correction); chosen per series, not per hour, so no hourly pivot is needed
  SELECT s.outlet_id, s.code, any_value(l.limit_value) AS limit_value,
         arg_min(s.series_id, (CASE s.stat WHEN 'zs_avg' THEN 0 ELSE 2 END) + (CASE WHEN s.interval = 'hour' THEN 0 ELSE 1 END)) AS series_id
  FROM series s JOIN lim l ON l.outlet_id = s.outlet_id AND l.code = s.code
  WHERE s.stat IN ('avg', 'zs_avg')
  GROUP BY s.outlet_id, s.code
), x AS (
  -- The N-flagged non-NULL hourly avg / zs_avg values are exactly the rows of the shared series_terms
  -- pass: read there instead of filtering series_hour (every reading joined to series, 17.7M rows on
  -- city100)
  SELECT h.series_id, date_trunc('day', h.ts) AS day, h.value / p.limit_value AS q
  FROM series_terms h JOIN pick p USING (series_id)
), xd AS (
  -- grouped by the integer series_id (one per picked (outlet, code)), the names joined to the day rows
  -- afterwards: grouping 3.7M hours by two strings cost 3x more. With series_terms, the statement went
  -- from ~1.7 s to ~0.5 s CPU on city100
  SELECT series_id, day, count(*) AS n, max(q) AS qmax,
         count(*) FILTER (q >= 0.8 AND q < $hug_low) AS b80,
         count(*) FILTER (q >= $hug_low AND q < 1) AS b_hug,
         count(*) FILTER (q >= $pin_low AND q < 1) AS b_below,
         count(*) FILTER (q >= 1 AND q < 2 - $pin_low) AS b_above,
         count(*) FILTER (q >= 1) AS above
  FROM x GROUP BY series_id, day
), d AS (
  SELECT p.outlet_id, p.code, p.limit_value, xd.* FROM xd JOIN pick p USING (series_id)
), pin AS (
  -- runs of consecutive days whose maximum sits in [pin_low·L, L)
  -- (partitioned by the integer series_id: one picked series per (outlet, code))
  SELECT outlet_id, code, series_id, day,
         day - to_days(CAST(row_number() OVER (PARTITION BY series_id ORDER BY day) AS INTEGER)) AS grp
  FROM d WHERE qmax >= $pin_low AND qmax < 1 AND n >= $min_day_hours
), pin_run AS (
  SELECT p.outlet_id, p.code, p.day, count(*) OVER (PARTITION BY p.series_id, p.grp) AS run_days FROM pin p
), db AS (
  SELECT d.*, coalesce(r.run_days, 0) AS run_days,
         -- blocks counted from the series' first day (an aggregate joined back: a window partitioned by
         -- (outlet_id, code) sorted the 785k days by two strings)
         floor(date_diff('day', f.first_day, d.day) / $block_days)::INTEGER AS block
  FROM d JOIN (SELECT series_id, min(day) AS first_day FROM xd GROUP BY series_id) f USING (series_id)
  LEFT JOIN pin_run r USING (outlet_id, code, day)
), blk AS (
  SELECT outlet_id, code, block, any_value(series_id) AS series_id, any_value(limit_value) AS limit_value,
         min(day) AS start_day, max(day) + INTERVAL 1 DAY AS end_day,
         sum(n) AS n, sum(b80) AS b80, sum(b_hug) AS b_hug, sum(b_below) AS b_below, sum(b_above) AS b_above,
         sum(above) AS above, max(run_days) AS pinned_run
  FROM db GROUP BY outlet_id, code, block
), cand AS (
  SELECT *, block - row_number() OVER (PARTITION BY outlet_id, code ORDER BY block) AS grp FROM blk
  WHERE n >= $min_block_hours
    AND ((b_hug >= $min_hug_share * n AND above < $max_above_share * n AND b_hug >= $min_density_ratio * greatest(b80, 1))
         OR pinned_run >= $pinned_days)
), ep AS (
  SELECT outlet_id, code, any_value(series_id) AS series_id, any_value(limit_value) AS limit_value,
         min(start_day) AS start_ts, max(end_day) AS end_ts, count(*) AS blocks,
         sum(n) AS n, sum(b80) AS b80, sum(b_hug) AS b_hug, sum(b_below) AS b_below, sum(b_above) AS b_above,
         sum(above) AS above, max(pinned_run) AS pinned_run
  FROM cand GROUP BY outlet_id, code, grp
), tot AS (
  SELECT outlet_id, code, sum(n) AS n, sum(b_hug) AS b_hug, sum(b_below) AS b_below, sum(b_above) AS b_above,
         sum(above) AS above
  FROM blk GROUP BY outlet_id, code
), m AS (
  SELECT ep.*, t.n - ep.n AS n_ref, t.b_hug - ep.b_hug AS b_hug_ref, t.b_below - ep.b_below AS b_below_ref,
         t.b_above - ep.b_above AS b_above_ref, t.above - ep.above AS above_ref,
         ep.b_hug / ep.n AS hug_test, (t.b_hug - ep.b_hug) / nullif(t.n - ep.n, 0) AS hug_ref,
         ep.above / ep.n AS above_test, (t.above - ep.above) / nullif(t.n - ep.n, 0) AS above_ref_share,
         ep.b_hug / greatest(ep.b80, 1) AS density_ratio,
         -- no manipulation: P(above | near L) = 1 / (1 + below/above ratio of the reference), smoothed;
         -- undefined without a reference period
         CASE WHEN t.n - ep.n >= $min_ref_hours
              THEN 1.0 / (1.0 + (t.b_below - ep.b_below + 1.0) / (t.b_above - ep.b_above + 1.0)) END AS p0,
         ep.b_below + ep.b_above AS n_near
  FROM ep JOIN tot t USING (outlet_id, code)
), z AS (
  SELECT *,
         (b_above - n_near * p0) / nullif(sqrt(n_near * p0 * (1 - p0)), 0) AS z_disc,
         (hug_test - hug_ref) / sqrt(((b_hug + b_hug_ref) / (n + n_ref)) * (1 - (b_hug + b_hug_ref) / (n + n_ref))
                                     * (1.0 / n + 1.0 / nullif(n_ref, 0)) + 1e-12) AS z_hug
  FROM m
), f AS (
  SELECT *,
         coalesce(n_near >= $min_near AND z_disc < $max_z_disc, false) AS disc,
         pinned_run >= $pinned_days AS pinned
  FROM z
  -- a share just as high in the reference period is the series' normal operating point (setpoint control)
  WHERE n_ref < $min_ref_hours OR hug_test > hug_ref
)
SELECT o.site_id, f.outlet_id, NULL::VARCHAR AS device_id, f.series_id, f.code, f.start_ts, f.end_ts,
       round(greatest(-coalesce(z_disc, 0), 0) + 10 * hug_test + pinned_run, 3) AS score,
       -- a lead that needs corroboration (domain.md F2): medium only with both the discontinuity at L and
       -- the pinned daily maxima, otherwise low
       CASE WHEN disc AND pinned THEN 'medium' ELSE 'low' END AS severity,
       format('{} 折算浓度 {}% 的小时落在限值 {} 的 {}%–100% 之间（参考期 {}%），超限 {}%；日最大值连续 {} 天贴在限值下方；限值处断崖 z = {}',
              f.code, round(100 * hug_test, 1), limit_value, round(100 * $hug_low), coalesce(round(100 * hug_ref, 1)::VARCHAR, '—'),
              round(100 * above_test, 2), pinned_run, coalesce(round(z_disc, 2)::VARCHAR, '—')) AS summary_zh,
       format('{}: {}% of hours in [{}%, 100%) of the limit {} (reference {}%), {}% above; daily maxima pinned under the limit for {} days; discontinuity z = {}',
              f.code, round(100 * hug_test, 1), round(100 * $hug_low), limit_value, coalesce(round(100 * hug_ref, 1)::VARCHAR, 'n/a'),
              round(100 * above_test, 2), pinned_run, coalesce(round(z_disc, 2)::VARCHAR, 'n/a')) AS summary_en,
       struct_pack(limit_value := limit_value, hours_test := n, hours_ref := n_ref,
                   hug_share_test := round(hug_test, 4), hug_share_ref := round(hug_ref, 4), z_hug := round(z_hug, 2),
                   above_share_test := round(above_test, 4), above_share_ref := round(above_ref_share, 4),
                   density_ratio := round(density_ratio, 2),
                   k_below := b_below, k_above := b_above, p0 := round(p0, 4), z_disc := round(z_disc, 2),
                   pinned_days := pinned_run, blocks := blocks,
                   discontinuity := disc, pinned_pattern := pinned) AS evidence
FROM f LEFT JOIN outlets o ON o.outlet_id = f.outlet_id
