-- 高值预警 (domain.md §5.4): an ambient station's hourly PM2.5 or PM10 is at least
-- max(absolute threshold, $peer_ratio × the median of the other stations of its county in the same hour)
-- for >= $min_hours consecutive hours. Hours in which the county is in a regional episode are
-- suppressed: more than $max_county_share of its stations alert at once, or are above the absolute
-- threshold at once (a regional transport episode lifts every station; the look-alike). A station
-- needs >= $min_peers peers with data in the hour to be judged. Micro-station noise alone lifts a
-- station to ~2× its peers for a few hours, above all when a regional episode raises every level above
-- the absolute threshold: an alert peaking below $strong_ratio × the peers is only a low-severity lead.
-- Station findings have no site/outlet/device: the station is in the evidence and the summary, and code is
-- 'pm25' or 'pm10'.
WITH a AS (
  -- one row per station and hour (sub-hourly exports are averaged)
  SELECT station_id, date_trunc('hour', ts) AS ts, avg(pm25) AS pm25, avg(pm10) AS pm10
  FROM air_readings GROUP BY station_id, date_trunc('hour', ts)
), b AS (
  SELECT a.station_id, s.station_name, s.county, a.ts, p.code, p.v, p.thr
  FROM a JOIN stations s USING (station_id)
  CROSS JOIN LATERAL (VALUES ('pm25', a.pm25, $pm25_abs), ('pm10', a.pm10, $pm10_abs)) p(code, v, thr)
  WHERE p.v IS NOT NULL AND p.v >= 0 AND s.county IS NOT NULL
), c AS (
  -- order statistics of each county-hour: enough for the median of the other stations (leave-one-out)
  SELECT county, ts, code, n, l[n // 2] AS lo, l[n // 2 + 1] AS mid, l[n // 2 + 2] AS hi
  FROM (SELECT county, ts, code, count(*) AS n, list_sort(list(v)) AS l FROM b GROUP BY county, ts, code)
), x AS (
  SELECT b.*, c.n - 1 AS n_peers,
         -- sorted values L of n stations; removing the station's own value v from
         --   n = 2m:   the median of the rest is L[m+1] if v <= L[m], else L[m]
         --   n = 2m+1: (L[m+1] + L[m+2]) / 2 if v < L[m+1], (L[m] + L[m+1]) / 2 if v > L[m+1], else (L[m] + L[m+2]) / 2
         CASE WHEN c.n < 2 THEN NULL
              WHEN c.n % 2 = 0 THEN CASE WHEN b.v <= c.lo THEN c.mid ELSE c.lo END
              WHEN b.v < c.mid THEN (c.mid + c.hi) / 2
              WHEN b.v > c.mid THEN (c.lo + c.mid) / 2
              ELSE (c.lo + c.hi) / 2 END AS peer_med
  FROM b JOIN c USING (county, ts, code)
), y AS (
  SELECT *, n_peers >= $min_peers AND v >= greatest(thr, $peer_ratio * peer_med) AS alert
  FROM x
), county_hour AS (
  SELECT county, ts, code, count(*) AS n_st,
         count(*) FILTER (alert) AS n_alert, count(*) FILTER (v >= thr) AS n_above
  FROM y GROUP BY county, ts, code
), z AS (
  SELECT y.*, ch.n_st, ch.n_alert, ch.n_above,
         ch.n_alert > $max_county_share * ch.n_st OR ch.n_above > $max_county_share * ch.n_st AS regional
  FROM y JOIN county_hour ch USING (county, ts, code)
  WHERE y.alert
), isl AS (
  SELECT *, ts - to_hours(row_number() OVER (PARTITION BY station_id, code ORDER BY ts)) AS grp
  FROM z WHERE NOT regional
), ep AS (
  SELECT station_id, any_value(station_name) AS station_name, any_value(county) AS county, code,
         min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, count(*) AS n_hours,
         max(v) AS peak, avg(v) AS mean_v, median(peer_med) AS peer_median, max(v / nullif(peer_med, 0)) AS max_ratio,
         any_value(thr) AS thr, round(avg(n_peers), 1) AS n_peers,
         list(struct_pack(ts := ts, value := round(v, 1), peer_median := round(peer_med, 1)) ORDER BY ts) AS hours
  FROM isl GROUP BY station_id, code, grp
  HAVING count(*) >= $min_hours
)
SELECT NULL::VARCHAR AS site_id, NULL::VARCHAR AS outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id,
       code, start_ts, end_ts, round(n_hours * coalesce(max_ratio, 1), 2) AS score,
       CASE WHEN coalesce(max_ratio, 0) < $strong_ratio THEN 'low' END AS severity,
       format('空气站 {}（{}，{}）{} 连续 {} 小时高值：峰值 {} µg/m³，为同县其他站同期中位数 {} µg/m³ 的 {} 倍',
              station_id, station_name, county, CASE code WHEN 'pm25' THEN 'PM2.5' ELSE 'PM10' END, n_hours,
              round(peak), round(peer_median), round(max_ratio, 1)) AS summary_zh,
       format('Station {} ({}, {}): {} high for {} consecutive hours, peak {} µg/m³, {}× the median {} µg/m³ of the other stations of the county',
              station_id, station_name, county, CASE code WHEN 'pm25' THEN 'PM2.5' ELSE 'PM10' END, n_hours,
              round(peak), round(max_ratio, 1), round(peer_median)) AS summary_en,
       struct_pack(station_id := station_id, station_name := station_name, county := county, pollutant := code,
                   hours := n_hours, peak := round(peak, 1), mean := round(mean_v, 1),
                   peer_median := round(peer_median, 1), max_ratio_to_peers := round(max_ratio, 2),
                   absolute_threshold := thr, peers := n_peers, hourly := hours) AS evidence
FROM ep
