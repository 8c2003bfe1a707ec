-- Hourly exceedance episodes (超标排放) on the converted basis, after the exemptions of domain.md §2.4
-- and detectors.md §4.12: hours inside an exempt mark (启炉, 停炉, 故障 ...) and start-up / shutdown
-- windows derived from the outlet's stopped (F) hours do not count. Invalid-flagged hours are not
-- judged (MEE 2022 No. 21). Consecutive counted hours form one episode.
WITH lim AS (
  SELECT outlet_id, code, limit_value FROM limits WHERE basis = 'zs'
), cand AS (
  -- hours in which some avg / zs_avg reading of a limited pollutant is above its limit: the hour's
  -- value below (a mean of its readings) can exceed only there, so only those hours are paired. Pairing
  -- zs_avg with avg for every outlet-hour was a hash aggregate over 3.8M groups on city100 (25k hours
  -- exceed): the statement took 9.0 s CPU, now 1.0 s. Read from readings, not series_hour: a second
  -- reference to the view made DuckDB materialise the view's 12M rows (slower than before).
  SELECT DISTINCT s.outlet_id, s.code, date_trunc('hour', r.ts) AS ts
  FROM readings r JOIN series s USING (series_id) JOIN lim l ON l.outlet_id = s.outlet_id AND l.code = s.code
  WHERE s.stat IN ('avg', 'zs_avg') AND r.value > l.limit_value
), need AS (
  -- the avg and zs_avg series of each candidate hour
  SELECT s.series_id, s.outlet_id, s.code, s.stat, s.interval IN ('hour', 'day') AS hourly, c.ts
  FROM cand c JOIN series s ON s.outlet_id = c.outlet_id AND s.code = c.code
  WHERE s.stat IN ('avg', 'zs_avg')
), h AS (
  -- series_hour's rows of those series and hours, read from its two parts as the series_hour view
  -- does (hourly and daily series are their readings, finer ones are rolled up in series_hour_fine).
  -- The IN filter on series_id is applied inside the readings scan (5.7M of 88M rows on city500), where
  -- the semi join of the view on (outlet, code, hour) probed all 60M avg / zs_avg rows with their
  -- names: v took ~3 s CPU, now ~1 s.
  SELECT n.outlet_id, n.code, n.stat, n.ts, r.value, coalesce(r.flag, 'N') AS flag
  FROM (SELECT r.series_id, date_trunc('hour', r.ts) AS ts, r.value, r.flag FROM readings r
        WHERE r.series_id IN (SELECT series_id FROM need WHERE hourly)) r
  JOIN need n ON n.hourly AND n.series_id = r.series_id AND n.ts = r.ts
  UNION ALL
  SELECT n.outlet_id, n.code, n.stat, n.ts, f.value, f.flag
  FROM series_hour_fine f JOIN need n ON NOT n.hourly AND n.series_id = f.series_id AND n.ts = f.ts
), v AS (
  -- the converted value where the outlet reports one, else the measured value (water, no correction)
  SELECT outlet_id, code, ts,
         coalesce(max(value) FILTER (stat = 'zs_avg'), max(value) FILTER (stat = 'avg')) AS value,
         coalesce(max(flag) FILTER (stat = 'zs_avg'), max(flag) FILTER (stat = 'avg')) AS flag
  FROM h GROUP BY outlet_id, code, ts
), over AS (
  SELECT v.outlet_id, v.code, v.ts, v.value, l.limit_value
  FROM v JOIN lim l ON l.outlet_id = v.outlet_id AND l.code = v.code
  WHERE v.flag = 'N' AND v.value > l.limit_value
), stops AS (
  -- stopped (F) hours, only of the outlets with an over-limit hour (only they can exempt one): the
  -- outlet-hours of the outlet_hour pass whose distinct non-N flags (of every series of the outlet)
  -- hold an F. The grouping of every outlet's 5.2M F rows into 580k hours was ~1 s CPU on city500,
  -- reading the flag of the outlets' readings through series_hour ~0.7 s
  SELECT h.outlet_id, h.ts FROM outlet_hour h
  WHERE h.other_flags IS NOT NULL AND list_contains(h.other_flags, 'F') AND h.outlet_id IN (SELECT outlet_id FROM over)
), judged AS (
  SELECT o.*,
         o.ts - s1.ts <= to_hours(CAST($startup_hours AS BIGINT)) AS after_stop,
         s2.ts - o.ts <= to_hours(CAST($shutdown_hours AS BIGINT)) AS before_stop,
         EXISTS (
           SELECT 1 FROM marks m
           WHERE m.outlet_id = o.outlet_id AND o.ts >= m.start_ts
             AND o.ts < coalesce(m.end_ts, m.start_ts + INTERVAL 1 HOUR)
             AND list_contains(string_split($exempt_marks, ','), m.mark)
         ) AS marked
  FROM over o
  ASOF LEFT JOIN stops s1 ON s1.outlet_id = o.outlet_id AND o.ts >= s1.ts
  ASOF LEFT JOIN stops s2 ON s2.outlet_id = o.outlet_id AND o.ts <= s2.ts
), counted AS (
  SELECT *, ts - to_hours(row_number() OVER (PARTITION BY outlet_id, code ORDER BY ts)) AS grp
  FROM judged
  WHERE NOT coalesce(after_stop, false) AND NOT coalesce(before_stop, false) AND NOT marked
), exempt AS (
  SELECT outlet_id, code, count(*) AS exempt_hours FROM judged
  WHERE coalesce(after_stop, false) OR coalesce(before_stop, false) OR marked GROUP BY ALL
), ep AS (
  SELECT outlet_id, code, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, count(*) AS n_hours,
         max(value) AS peak, avg(value) AS mean_value, any_value(limit_value) AS limit_value
  FROM counted GROUP BY outlet_id, code, grp
)
SELECT NULL::VARCHAR AS site_id, ep.outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, ep.code,
       ep.start_ts, ep.end_ts, round(ep.n_hours * ep.peak / ep.limit_value, 3) AS score, NULL::VARCHAR AS severity,
       format('{} 连续 {} 小时超标：峰值 {}，限值 {}', ep.code, ep.n_hours, round(ep.peak, 2), ep.limit_value) AS summary_zh,
       format('{} above the limit for {} h: peak {}, limit {}', ep.code, ep.n_hours, round(ep.peak, 2), ep.limit_value) AS summary_en,
       struct_pack(hours := ep.n_hours, peak := ep.peak, mean := ep.mean_value, limit_value := ep.limit_value,
                   exempt_hours_outlet := coalesce(e.exempt_hours, 0)) AS evidence
FROM ep LEFT JOIN exempt e USING (outlet_id, code)
