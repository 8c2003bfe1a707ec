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
), v AS (
  -- the converted value where the outlet reports one, else the measured value (water, no correction)
  SELECT h.outlet_id, h.code, h.ts,
         coalesce(max(h.value) FILTER (h.stat = 'zs_avg'), max(h.value) FILTER (h.stat = 'avg')) AS value,
         coalesce(max(h.flag) FILTER (h.stat = 'zs_avg'), max(h.flag) FILTER (h.stat = 'avg')) AS flag
  FROM series_hour h SEMI JOIN cand c ON c.outlet_id = h.outlet_id AND c.code = h.code AND c.ts = h.ts
  WHERE h.stat IN ('avg', 'zs_avg')
  GROUP BY h.outlet_id, h.code, h.ts
), stops AS (
  SELECT DISTINCT outlet_id, ts FROM series_hour WHERE flag = 'F'
), over AS (
  SELECT v.outlet_id, v.code, v.ts, v.value, l.limit_value
  FROM v JOIN lim l ON l.outlet_id = v.outlet_id AND l.code = v.code
  WHERE v.flag = 'N' AND v.value > l.limit_value
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
