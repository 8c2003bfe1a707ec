-- F8 selective gaps during high load (选择性缺失). A gap is a run of hours missing from the outlet's
-- hourly record, or flagged B (communication fault), or inside a 通讯 mark, between two present hours.
-- Two checks:
--   high-load-rate   the gap rate in the site's top-quartile production-load hours (load_quantile) is
--                    >= rate_ratio × the rate in its other running hours, with >= min_top_gap_hours;
--   high-before-low-after  gaps whose last valid value before reaches before_frac × the limit and whose
--                    first valid value after is at most after_frac × the limit (same pollutant, converted
--                    basis), >= min_repeats of them within window_days days: the high hours vanished.
-- Regional simultaneity: an hour missed by >= 2 outlets and by more than regional_share of the outlets
-- of the same county (sites.county) with data around it is an infrastructure outage (network, power);
-- gaps made mostly of such hours are not evidence. Only gap hours are expanded (gaps are few).
WITH lim AS (
  SELECT outlet_id,
         max(limit_value) FILTER (code = 'a21026') AS l_so2, max(limit_value) FILTER (code = 'a21002') AS l_nox,
         max(limit_value) FILTER (code = 'a34013') AS l_pm, max(limit_value) FILTER (code = 'a24088') AS l_nmhc,
         max(limit_value) FILTER (code = 'w01018') AS l_cod, max(limit_value) FILTER (code = 'w21003') AS l_nh3n
  FROM limits WHERE basis = 'zs' GROUP BY outlet_id
), comm AS (
  -- the outlet-hours inside a 通讯 mark (an hour counts from the mark's first hour to before its end),
  -- listed so that pres drops them with an equality anti join: the correlated NOT EXISTS with a
  -- range condition was a delim join over every outlet-hour
  SELECT DISTINCT outlet_id, h
  FROM (SELECT outlet_id, coalesce(end_ts, start_ts + INTERVAL 1 HOUR) AS end_ts,
               unnest(generate_series(date_trunc('hour', start_ts), coalesce(end_ts, start_ts + INTERVAL 1 HOUR), INTERVAL 1 HOUR)) AS h
        FROM marks WHERE mark LIKE '%通讯%')
  WHERE h < end_ts
), pres AS (
  -- present hours: a row that is neither a communication fault nor inside a 通讯 mark
  SELECT h.outlet_id, h.ts
  FROM outlet_hour h ANTI JOIN comm c ON c.outlet_id = h.outlet_id AND c.h = h.ts
  WHERE NOT coalesce(list_contains(h.other_flags, 'B'), false)
), nx AS (
  -- the next present hour, sorting only the keys: the gaps are few (4 on city500), so the values before
  -- and after are looked up for them alone (lead() of the six pollutants over all 6.5M present hours
  -- was ~4 s CPU on city500)
  SELECT *, lead(ts) OVER (PARTITION BY outlet_id ORDER BY ts) AS next_ts FROM pres
), gk AS (
  SELECT outlet_id, ts, next_ts FROM nx WHERE next_ts - ts > INTERVAL 1 HOUR
), q AS (
  -- the pollutants over their limits (N-flagged hours only) at the hours around the gaps
  SELECT h.site_id, h.outlet_id, h.ts,
         CASE WHEN h.flag = 'N' THEN coalesce(h.so2_zs, h.so2) / l.l_so2 END AS q_so2,
         CASE WHEN h.flag = 'N' THEN coalesce(h.nox_zs, h.nox) / l.l_nox END AS q_nox,
         CASE WHEN h.flag = 'N' THEN coalesce(h.pm_zs, h.pm) / l.l_pm END AS q_pm,
         CASE WHEN h.flag = 'N' THEN coalesce(h.nmhc_zs, h.nmhc) / l.l_nmhc END AS q_nmhc,
         CASE WHEN h.flag = 'N' THEN h.cod / l.l_cod END AS q_cod,
         CASE WHEN h.flag = 'N' THEN h.nh3n / l.l_nh3n END AS q_nh3n
  FROM outlet_hour h LEFT JOIN lim l ON l.outlet_id = h.outlet_id
  SEMI JOIN (SELECT outlet_id, ts FROM gk UNION SELECT outlet_id, next_ts FROM gk) k
    ON k.outlet_id = h.outlet_id AND k.ts = h.ts
), gaps AS (
  SELECT *, date_diff('hour', ts, next_ts) - 1 AS gap_hours,
         greatest(CASE WHEN q_so2 >= $before_frac AND n_so2 <= $after_frac THEN q_so2 END,
                  CASE WHEN q_nox >= $before_frac AND n_nox <= $after_frac THEN q_nox END,
                  CASE WHEN q_pm >= $before_frac AND n_pm <= $after_frac THEN q_pm END,
                  CASE WHEN q_nmhc >= $before_frac AND n_nmhc <= $after_frac THEN q_nmhc END,
                  CASE WHEN q_cod >= $before_frac AND n_cod <= $after_frac THEN q_cod END,
                  CASE WHEN q_nh3n >= $before_frac AND n_nh3n <= $after_frac THEN q_nh3n END) AS q_before,
         least(CASE WHEN q_so2 >= $before_frac AND n_so2 <= $after_frac THEN n_so2 END,
               CASE WHEN q_nox >= $before_frac AND n_nox <= $after_frac THEN n_nox END,
               CASE WHEN q_pm >= $before_frac AND n_pm <= $after_frac THEN n_pm END,
               CASE WHEN q_nmhc >= $before_frac AND n_nmhc <= $after_frac THEN n_nmhc END,
               CASE WHEN q_cod >= $before_frac AND n_cod <= $after_frac THEN n_cod END,
               CASE WHEN q_nh3n >= $before_frac AND n_nh3n <= $after_frac THEN n_nh3n END) AS q_after
  FROM (SELECT *, lead(ts) OVER w AS next_ts,
               lead(q_so2) OVER w AS n_so2, lead(q_nox) OVER w AS n_nox, lead(q_pm) OVER w AS n_pm,
               lead(q_nmhc) OVER w AS n_nmhc, lead(q_cod) OVER w AS n_cod, lead(q_nh3n) OVER w AS n_nh3n
        -- no present hour lies inside a gap, so the row after a gap start among these is its next_ts
        FROM q WINDOW w AS (PARTITION BY outlet_id ORDER BY ts)) x
  SEMI JOIN gk ON gk.outlet_id = x.outlet_id AND gk.ts = x.ts
), gh AS (
  SELECT g.outlet_id, g.site_id, g.ts AS gap_start, unnest(generate_series(g.ts + INTERVAL 1 HOUR, g.next_ts - INTERVAL 1 HOUR, INTERVAL 1 HOUR)) AS hts
  FROM gaps g
), span AS (
  SELECT h.outlet_id, any_value(h.site_id) AS site_id, any_value(s.county) AS county, min(h.ts) AS t0, max(h.ts) AS t1
  FROM outlet_hour h LEFT JOIN sites s ON s.site_id = h.site_id GROUP BY h.outlet_id
), cmiss AS (
  SELECT sp.county, gh.hts, count(DISTINCT gh.outlet_id) AS n_miss
  FROM gh JOIN span sp ON sp.outlet_id = gh.outlet_id WHERE sp.county IS NOT NULL GROUP BY ALL
), infra AS (
  SELECT c.county, c.hts
  FROM cmiss c JOIN span sp ON sp.county = c.county AND c.hts BETWEEN sp.t0 AND sp.t1
  GROUP BY c.county, c.hts, c.n_miss
  HAVING c.n_miss >= 2 AND c.n_miss > $regional_share * count(*)
), ghx AS (
  SELECT gh.*, i.hts IS NOT NULL AS infra_hour, st.prod_kw, st.prod_on
  FROM gh JOIN span sp ON sp.outlet_id = gh.outlet_id
  LEFT JOIN infra i ON i.county = sp.county AND i.hts = gh.hts
  LEFT JOIN site_state st ON st.site_id = gh.site_id AND st.ts = gh.hts
), gsum AS (
  SELECT outlet_id, gap_start, count(*) FILTER (infra_hour) AS n_infra, count(*) AS n FROM ghx GROUP BY ALL
), ge AS (
  -- gaps that are not infrastructure outages
  SELECT g.*, coalesce(s.n_infra, 0) AS n_infra FROM gaps g LEFT JOIN gsum s ON s.outlet_id = g.outlet_id AND s.gap_start = g.ts
  WHERE coalesce(s.n_infra, 0) <= 0.5 * g.gap_hours
), pat AS (
  SELECT *, count(*) OVER (PARTITION BY outlet_id ORDER BY ts
              RANGE BETWEEN to_days(CAST($window_days AS INTEGER)) PRECEDING AND to_days(CAST($window_days AS INTEGER)) FOLLOWING) AS n_near
  FROM ge WHERE q_before IS NOT NULL
), patc AS (
  -- chain qualifying gaps closer than window_days into one cluster
  SELECT *, sum(CASE WHEN ts - prev_ts <= to_days(CAST($window_days AS INTEGER)) THEN 0 ELSE 1 END)
              OVER (PARTITION BY outlet_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS cl
  FROM (SELECT *, lag(ts) OVER (PARTITION BY outlet_id ORDER BY ts) AS prev_ts FROM pat WHERE n_near >= $min_repeats)
), pat_out AS (
  SELECT any_value(site_id) AS site_id, outlet_id, min(ts) + INTERVAL 1 HOUR AS start_ts, max(next_ts) AS end_ts,
         count(*) AS n_gaps, sum(gap_hours) AS gap_hours, avg(q_before) AS q_before, avg(q_after) AS q_after,
         list(strftime(ts + INTERVAL 1 HOUR, '%m-%d %H:%M') ORDER BY ts) AS gap_starts
  FROM patc GROUP BY outlet_id, cl
), kwq AS (
  SELECT sp.outlet_id, quantile_cont(st.prod_kw, $load_quantile) AS kw_hi
  FROM span sp JOIN site_state st ON st.site_id = sp.site_id AND st.ts BETWEEN sp.t0 AND sp.t1
  WHERE st.prod_on AND st.prod_kw > 0 GROUP BY sp.outlet_id
), hrs AS (
  SELECT sp.outlet_id, count(*) FILTER (st.prod_kw >= k.kw_hi) AS h_top, count(*) FILTER (st.prod_kw < k.kw_hi) AS h_oth
  FROM span sp JOIN kwq k ON k.outlet_id = sp.outlet_id
  JOIN site_state st ON st.site_id = sp.site_id AND st.ts BETWEEN sp.t0 AND sp.t1
  WHERE st.prod_on GROUP BY sp.outlet_id
), gtop AS (
  SELECT x.outlet_id, any_value(x.site_id) AS site_id,
         count(*) FILTER (x.prod_kw >= k.kw_hi) AS g_top, count(*) FILTER (x.prod_kw < k.kw_hi) AS g_oth,
         min(x.hts) FILTER (x.prod_kw >= k.kw_hi) AS first_ts, max(x.hts) FILTER (x.prod_kw >= k.kw_hi) AS last_ts
  FROM ghx x JOIN kwq k ON k.outlet_id = x.outlet_id
  JOIN ge ON ge.outlet_id = x.outlet_id AND ge.ts = x.gap_start
  WHERE x.prod_on AND NOT x.infra_hour GROUP BY x.outlet_id
), rate AS (
  SELECT g.*, h.h_top, h.h_oth, g.g_top / greatest(h.h_top, 1) AS r_top, g.g_oth / greatest(h.h_oth, 1) AS r_oth
  FROM gtop g JOIN hrs h ON h.outlet_id = g.outlet_id
  WHERE g.g_top >= $min_top_gap_hours
    AND g.g_top / greatest(h.h_top, 1) >= $rate_ratio * ((g.g_oth + 0.5) / (h.h_oth + 1))
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       start_ts, end_ts, round(n_gaps * (q_before - q_after), 3) AS score, 'high' AS severity,
       format('{} 次数据缺失前小时浓度达限值的 {}，恢复后首小时仅为限值的 {}（共缺失 {} 小时，{} 天内重复）',
              n_gaps, round(q_before, 2), round(q_after, 2), gap_hours, $window_days) AS summary_zh,
       format('{} gaps where the hour before sits at {} × the limit and the first hour after at {} × ({} hours missing, repeated within {} days)',
              n_gaps, round(q_before, 2), round(q_after, 2), gap_hours, $window_days) AS summary_en,
       struct_pack(kind := 'high-before-low-after', gaps := n_gaps, gap_hours := gap_hours,
                   before_over_limit := round(q_before, 3), after_over_limit := round(q_after, 3),
                   gap_starts := gap_starts, top_load_gap_rate := NULL::DOUBLE, other_gap_rate := NULL::DOUBLE,
                   top_load_gap_hours := NULL::BIGINT) AS evidence
FROM pat_out
UNION ALL
SELECT site_id, outlet_id, NULL, NULL, NULL, first_ts, last_ts + INTERVAL 1 HOUR,
       round(r_top / greatest(r_oth, 1e-4), 3), NULL,
       format('高负荷（前 {}%）小时的数据缺失率 {}%，是其他运行小时（{}%）的 {} 倍（{} 个高负荷缺失小时）',
              round(100 * (1 - $load_quantile)), round(100 * r_top, 2), round(100 * r_oth, 2),
              round(r_top / greatest(r_oth, 1e-4), 1), g_top),
       format('Gap rate in top-{}% load hours is {}%, {}× the {}% of other running hours ({} high-load hours missing)',
              round(100 * (1 - $load_quantile)), round(100 * r_top, 2), round(r_top / greatest(r_oth, 1e-4), 1),
              round(100 * r_oth, 2), g_top),
       struct_pack(kind := 'high-load-rate', gaps := NULL::BIGINT, gap_hours := g_top + g_oth,
                   before_over_limit := NULL::DOUBLE, after_over_limit := NULL::DOUBLE, gap_starts := NULL::VARCHAR[],
                   top_load_gap_rate := round(r_top, 4), other_gap_rate := round(r_oth, 4), top_load_gap_hours := g_top)
FROM rate
