-- F7 flag / mark abuse (标记滥用), four checks (domain.md §3.2 F7, detectors.md §4.11):
--   non-n-share     per outlet and month, the share of running hours (not F) with a non-N flag > share_max;
--   context-flags   P(M / D / unscheduled C flag | high-value or high-load neighbourhood) >= odds_min ×
--                   P(flag | other hours), with >= min_flagged_hours such hours in >= min_events separate
--                   events (events mostly inside the context) whose binomial chance probability, given the
--                   share of context hours, is below p_max: flags that invalidate exactly the hours that
--                   would have exceeded. A neighbourhood is high-value when a valid hour within ±2 rows reaches high_frac × the
--                   limit, high-load when the site's production power is at or above its load_quantile;
--   s-flag          any S (manually entered value) flag on SO2, NOx or particulate (red: high);
--   calibration     a day with more than max_c_per_day calibration events, or one longer than
--                   max_c_minutes (校准 marks, minute-accurate) / long_c_hours consecutive C hours.
-- A fixed-hour daily auto-calibration is legitimate: C flags at an hour of day that carries C on at
-- least sched_share of the outlet's days are "scheduled" and never count as context flags, and one
-- short calibration a day never reaches the calibration check. F (stopped) hours are left to the
-- marked-stopped-running rule.
WITH hz AS NOT MATERIALIZED (
  -- the running hours (flag not F); read four times: re-reading outlet_hour (each reference keeps only
  -- its own columns) is cheaper than materialising these 5.9M rows with their flag lists (3 s CPU on
  -- city500). The hours' ratios to the limits and their neighbourhood are in the pass flag_context
  SELECT h.site_id, h.outlet_id, h.ts, h.flag, h.other_flags, h.prod_kw
  FROM outlet_hour h
  WHERE h.flag <> 'F'
), cal AS (
  SELECT outlet_id, hour(ts) AS hod, count(DISTINCT date_trunc('day', ts)) AS c_days
  FROM hz WHERE list_contains(other_flags, 'C') GROUP BY ALL
), ndays AS (
  SELECT outlet_id, count(DISTINCT date_trunc('day', ts)) AS n_days FROM hz GROUP BY outlet_id
), sched AS (
  SELECT c.outlet_id, c.hod FROM cal c JOIN ndays d ON d.outlet_id = c.outlet_id
  WHERE c.c_days >= $sched_share * d.n_days AND c.c_days >= 3
), hi AS (
  SELECT outlet_id, quantile_cont(prod_kw, $load_quantile) AS kw_hi FROM hz WHERE prod_kw > 0 GROUP BY outlet_id
), ctx AS NOT MATERIALIZED (
  -- the hours of hz with q_nb, the highest q of the two rows before and after the hour, from the shared
  -- pass flag_context (the same for every run; that lag/lead window over every running hour was this
  -- rule's main cost). Not materialised: tot and ev re-read flag_context (ev only its flagged hours),
  -- cheaper than a copy of its 5.9M rows (city500: statement CPU ~4.4-6.7 s -> ~2.4-3.9 s)
  SELECT c.outlet_id, c.site_id, c.ts, c.flag,
         c.flag IN ('M', 'D') OR (c.flag = 'C' AND s.hod IS NULL) AS flagged,
         coalesce(c.q_nb >= $high_frac, false) OR coalesce(c.prod_kw >= hi.kw_hi, false) AS in_ctx,
         c.q_nb
  FROM flag_context c LEFT JOIN sched s ON s.outlet_id = c.outlet_id AND s.hod = hour(c.ts)
  LEFT JOIN hi ON hi.outlet_id = c.outlet_id
), tot AS (
  SELECT outlet_id, any_value(site_id) AS site_id,
         count(*) FILTER (in_ctx) AS n_ctx, count(*) FILTER (in_ctx AND flagged) AS n_ctx_flag,
         count(*) FILTER (NOT in_ctx) AS n_oth, count(*) FILTER (NOT in_ctx AND flagged) AS n_oth_flag,
         min(ts) FILTER (in_ctx AND flagged) AS first_ts, max(ts) FILTER (in_ctx AND flagged) AS last_ts,
         -- sorted: a plain list(DISTINCT) gave [M, D] or [D, M] depending on the plan
         list(DISTINCT flag ORDER BY flag) FILTER (in_ctx AND flagged) AS ctx_flags, max(q_nb) FILTER (in_ctx AND flagged) AS q_nb_max
  FROM ctx GROUP BY outlet_id
), ev AS (
  -- separate flagged events (islands of consecutive flagged hours); an event is in the context when at
  -- least half its hours are (a long random repair only grazing a peak is not)
  SELECT outlet_id, count(*) AS n_all_events, count(*) FILTER (in_ctx_major) AS n_events
  FROM (
    SELECT outlet_id, grp, 2 * count(*) FILTER (in_ctx) >= count(*) AS in_ctx_major
    FROM (SELECT *, ts - to_hours(row_number() OVER (PARTITION BY outlet_id ORDER BY ts)) AS grp FROM ctx WHERE flagged)
    GROUP BY outlet_id, grp
  ) GROUP BY outlet_id
), odds0 AS (
  SELECT t.*, coalesce(e.n_events, 0) AS n_events, coalesce(e.n_all_events, 0) AS n_all_events,
         (n_ctx_flag / greatest(n_ctx, 1)) / ((n_oth_flag + 0.5) / (n_oth + 1)) AS ratio,
         least(greatest(n_ctx / greatest(n_ctx + n_oth, 1), 1e-6), 1 - 1e-6) AS p0
  FROM tot t LEFT JOIN ev e ON e.outlet_id = t.outlet_id
), odds AS (
  -- binomial tail P(X >= events in context | all events, share of context hours): how unlikely it is
  -- that this many of the outlet's flag events land in high-value / high-load hours by chance
  SELECT *,
         CASE WHEN n_events = 0 THEN 1.0 ELSE
           list_sum(list_transform(range(n_events, n_all_events + 1), lambda i:
             exp(lgamma(n_all_events + 1) - lgamma(i + 1) - lgamma(n_all_events - i + 1) + i * ln(p0) + (n_all_events - i) * ln(1 - p0))))
         END AS p_chance
  FROM odds0
), share AS (
  SELECT outlet_id, any_value(site_id) AS site_id, date_trunc('month', ts) AS month, count(*) AS n_hours,
         count(*) FILTER (flag <> 'N') AS n_non_n, count(*) FILTER (flag = 'M') AS n_m, count(*) FILTER (flag = 'D') AS n_d,
         count(*) FILTER (flag = 'C') AS n_c, count(*) FILTER (flag NOT IN ('N', 'M', 'D', 'C')) AS n_other,
         min(ts) AS first_ts, max(ts) AS last_ts
  FROM hz GROUP BY outlet_id, date_trunc('month', ts)
  HAVING count(*) >= $min_month_hours AND count(*) FILTER (flag <> 'N') > $share_max * count(*)
), sflag AS (
  SELECT sh.outlet_id, sh.code, date_trunc('day', sh.ts) AS day, count(DISTINCT sh.ts) AS n_hours, min(sh.ts) AS first_ts,
         max(sh.ts) AS last_ts, avg(sh.value) AS v_mean, count(DISTINCT sh.value) AS n_distinct
  -- the S-flagged series hours, from the shared pass flag_context (its table flag_s_hours)
  FROM flag_s_hours sh
  WHERE sh.stat IN ('avg', 'zs_avg')
    AND (sh.code IN ('a21026', 'a21002', 'a34013') OR (sh.media = 'gas' AND sh.code IN ('02', '03', '01')))
  GROUP BY sh.outlet_id, sh.code, date_trunc('day', sh.ts)
), cisl AS (
  SELECT outlet_id, min(ts) AS start_ts, count(*) AS n_hours
  FROM (SELECT outlet_id, ts, ts - to_hours(row_number() OVER (PARTITION BY outlet_id ORDER BY ts)) AS grp
        FROM outlet_hour WHERE list_contains(other_flags, 'C'))
  GROUP BY outlet_id, grp
), cmark AS (
  SELECT outlet_id, start_ts, date_diff('minute', start_ts, end_ts) AS minutes
  FROM marks WHERE (mark LIKE '%校准%' OR mark LIKE '%标定%') AND end_ts IS NOT NULL
), cday AS (
  SELECT outlet_id, day, max(n_isl) AS n_isl, max(n_mark) AS n_mark, max(longest_h) AS longest_h,
         max(longest_min) AS longest_min
  FROM (
    SELECT outlet_id, date_trunc('day', start_ts) AS day, count(*) AS n_isl, 0 AS n_mark, max(n_hours) AS longest_h,
           NULL::BIGINT AS longest_min
    FROM cisl GROUP BY ALL
    UNION ALL
    SELECT outlet_id, date_trunc('day', start_ts), 0, count(*), NULL, max(minutes) FROM cmark GROUP BY ALL
  ) GROUP BY outlet_id, day
), cbad AS (
  SELECT *, greatest(n_isl, n_mark) AS n_events,
         count(*) OVER (PARTITION BY outlet_id, date_trunc('month', day)) AS bad_days_month
  FROM cday
  WHERE greatest(n_isl, n_mark) > $max_c_per_day OR longest_h >= $long_c_hours OR longest_min > $max_c_minutes
), out AS (
  SELECT site_id, outlet_id, NULL::VARCHAR AS code, 'context-flags' AS kind,
         date_trunc('hour', first_ts) AS start_ts, date_trunc('hour', last_ts) + INTERVAL 1 HOUR AS end_ts,
         round(least(ratio, 100) * n_events, 3) AS score,
         CASE WHEN ratio >= 2 * $odds_min AND n_events >= 2 * $min_events AND p_chance < $p_max * $p_max THEN 'high' ELSE NULL END AS severity,
         format('高值或高负荷时段被标记维护/故障/校准的概率是其他时段的 {} 倍：{} 次中 {} 次事件、{} 小时落在这些时段（偶然概率 {}；邻近有效小时最高达限值的 {}）',
                round(ratio, 1), n_all_events, n_events, n_ctx_flag, printf('%.1e', p_chance), round(q_nb_max, 2)) AS summary_zh,
         format('M/D/C flags are {}× as likely in high-value or high-load neighbourhoods as elsewhere: {} of {} events, {} hours land there (chance probability {}; neighbouring valid hours up to {} × the limit)',
                round(ratio, 1), n_events, n_all_events, n_ctx_flag, printf('%.1e', p_chance), round(q_nb_max, 2)) AS summary_en,
         n_ctx_flag AS n_hours, n_ctx, n_oth, n_oth_flag, n_events, ratio, NULL::DOUBLE AS share, ctx_flags AS flags,
         p_chance
  FROM odds
  WHERE ratio >= $odds_min AND n_ctx_flag >= $min_flagged_hours AND n_events >= $min_events AND p_chance < $p_max
  UNION ALL
  SELECT site_id, outlet_id, NULL, 'non-n-share', month, month + INTERVAL 1 MONTH,
         round(n_non_n / n_hours / $share_max, 3), 'low',
         format('{} 非 N 标记小时占运行小时的 {}%（维护 {}、故障 {}、校准 {}、其他 {} 小时）', strftime(month, '%Y-%m'),
                round(100 * n_non_n / n_hours, 1), n_m, n_d, n_c, n_other),
         format('{}: {}% of running hours carry a non-N flag (M {}, D {}, C {}, other {} h)', strftime(month, '%Y-%m'),
                round(100 * n_non_n / n_hours, 1), n_m, n_d, n_c, n_other),
         n_non_n, NULL, n_hours, NULL, NULL, NULL, n_non_n / n_hours, NULL, NULL
  FROM share
  UNION ALL
  SELECT o.site_id, s.outlet_id, s.code, 's-flag', date_trunc('hour', s.first_ts), date_trunc('hour', s.last_ts) + INTERVAL 1 HOUR,
         s.n_hours::DOUBLE, 'high',
         format('{} {} 有 {} 小时标记为 S（人工输入值），均值 {}', strftime(s.day, '%Y-%m-%d'), s.code, s.n_hours, round(s.v_mean, 2)),
         format('{} {}: {} hour(s) flagged S (manually entered value), mean {}', strftime(s.day, '%Y-%m-%d'), s.code, s.n_hours, round(s.v_mean, 2)),
         s.n_hours, NULL, NULL, NULL, NULL, NULL, NULL, ['S'], NULL
  FROM sflag s LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
  UNION ALL
  SELECT o.site_id, c.outlet_id, NULL, 'calibration', c.day, c.day + INTERVAL 1 DAY,
         c.n_events::DOUBLE, CASE WHEN c.bad_days_month >= $repeat_days THEN 'medium' ELSE 'low' END,
         format('{} 校准 {} 次，最长 {}（连续 C 标记 {} 小时）', strftime(c.day, '%Y-%m-%d'), c.n_events,
                coalesce(c.longest_min || ' 分钟', '—'), coalesce(c.longest_h, 0)),
         format('{}: {} calibration event(s), longest {} ({} consecutive C hours)', strftime(c.day, '%Y-%m-%d'), c.n_events,
                coalesce(c.longest_min || ' min', '—'), coalesce(c.longest_h, 0)),
         c.longest_h, NULL, NULL, NULL, c.n_events, NULL, NULL, ['C'], NULL
  FROM cbad c LEFT JOIN outlets o ON o.outlet_id = c.outlet_id
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, code, start_ts, end_ts, score,
       severity, summary_zh, summary_en,
       struct_pack(kind := kind, hours := n_hours, context_hours := n_ctx, other_hours := n_oth,
                   other_flagged_hours := n_oth_flag, events := n_events, odds_ratio := round(ratio, 2),
                   non_n_share := round(share, 4), flags := flags, chance_probability := p_chance) AS evidence
FROM out
