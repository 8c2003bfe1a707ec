-- F4 dilution / air ingress (稀释/掺风): O2 at the analyser rises >= o2_rise points above its trailing
-- median while the measured concentration falls below conc_ratio × its trailing median, with the
-- production load and the stack flow steady (domain.md §3.2 F4, detectors.md §4.6). Baselines are the
-- outlet's OWN trailing window (gas turbines and kilns run high excess air by design), over running
-- hours only (not F, flow at running level, O2 below ambient). The concentration is one index per hour:
-- the mean over SO2/NOx/particulate/NMHC of measured / the outlet's typical measured level, so one
-- windowed median serves every pollutant (three windowed medians cost 10 s on 50M rows).
WITH typ AS (
  SELECT outlet_id,
         median(so2) FILTER (so2 > 0) AS so2_t, median(nox) FILTER (nox > 0) AS nox_t,
         median(pm) FILTER (pm > 0) AS pm_t, median(nmhc) FILTER (nmhc > 0) AS nmhc_t,
         median(flow) FILTER (flow > 0) AS flow_t
  FROM outlet_hour
  WHERE flag <> 'F' AND o2 IS NOT NULL AND o2 < $o2_ambient
  GROUP BY outlet_id
), x AS (
  SELECT h.site_id, h.outlet_id, h.ts, h.o2, h.flow, h.prod_kw,
         (coalesce(h.so2 / t.so2_t, 0) + coalesce(h.nox / t.nox_t, 0) + coalesce(h.pm / t.pm_t, 0)
          + coalesce(h.nmhc / t.nmhc_t, 0))
         / nullif((h.so2 / t.so2_t IS NOT NULL)::INT + (h.nox / t.nox_t IS NOT NULL)::INT
                  + (h.pm / t.pm_t IS NOT NULL)::INT + (h.nmhc / t.nmhc_t IS NOT NULL)::INT, 0) AS c,
         (coalesce(h.so2_zs / t.so2_t, 0) + coalesce(h.nox_zs / t.nox_t, 0) + coalesce(h.pm_zs / t.pm_t, 0)
          + coalesce(h.nmhc_zs / t.nmhc_t, 0))
         / nullif((h.so2_zs / t.so2_t IS NOT NULL)::INT + (h.nox_zs / t.nox_t IS NOT NULL)::INT
                  + (h.pm_zs / t.pm_t IS NOT NULL)::INT + (h.nmhc_zs / t.nmhc_t IS NOT NULL)::INT, 0) AS c_zs
  FROM outlet_hour h JOIN typ t ON t.outlet_id = h.outlet_id
  WHERE h.flag <> 'F' AND h.o2 IS NOT NULL AND h.o2 < $o2_ambient AND coalesce(h.prod_on, true)
    AND (h.flow IS NULL OR t.flow_t IS NULL OR h.flow >= $min_flow_frac * t.flow_t)
), w0 AS (
  SELECT *, row_number() OVER b AS rn,
         avg(c_zs) OVER b AS c_zs_base, avg(flow) OVER b AS flow_base, avg(prod_kw) OVER b AS kw_base,
         least(row_number() OVER b - 1, 72) AS n_base
  FROM x
  -- the trailing 72 RUNNING hours (x holds running hours only). A fixed ROWS frame: frame sizes cannot
  -- be parameters, and a RANGE frame made the windowed medians 3-4x slower.
  WINDOW b AS (PARTITION BY outlet_id ORDER BY ts ROWS BETWEEN 72 PRECEDING AND 1 PRECEDING)
), blk AS (
  -- The O2 and index bounds of the prefilter below, per block of 24 rows (block k = rn // 24) and then
  -- over four consecutive blocks: the 72 preceding rows rn - 72 .. rn - 1 lie in blocks k - 3 .. k, so
  -- the four blocks' min O2 is <= the frame's and their max index >= the frame's. Windowed min(o2) and
  -- max(c) over the 72-row frame of every running hour took 2 s of the rule's 9 s CPU on city500.
  SELECT outlet_id, k, min(o2_lo) OVER f AS o2_lo, max(c_hi) OVER f AS c_hi
  FROM (SELECT outlet_id, rn // 24 AS k, min(o2) AS o2_lo, max(c) AS c_hi FROM w0 GROUP BY outlet_id, rn // 24)
  WINDOW f AS (PARTITION BY outlet_id ORDER BY k ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)
), cand AS (
  -- A median lies between the frame's min and max, so an hour can only pass the O2 rise and
  -- concentration drop tests below if it passes them against a lower bound of the frame's O2 and an
  -- upper bound of its index (those of the four blocks). The two windowed medians over every running
  -- hour were most of the rule's cost and few hours pass (about 1 in 1000), so the medians are taken for
  -- those hours only, over the same 72 preceding rows (rn - 72 .. rn - 1), and the exact tests are
  -- applied to them in hit.
  SELECT w.* FROM w0 w JOIN blk k ON k.outlet_id = w.outlet_id AND k.k = w.rn // 24
  WHERE w.n_base >= $min_baseline_hours AND w.c IS NOT NULL AND k.c_hi > 0
    AND w.o2 - k.o2_lo >= $o2_rise AND w.c < $conc_ratio * k.c_hi
    -- production steady: the dilution is at the analyser or the duct, not a load change
    AND (w.flow IS NULL OR w.flow_base IS NULL OR abs(w.flow / w.flow_base - 1) <= $load_tol)
    AND (w.prod_kw IS NULL OR w.kw_base IS NULL OR w.kw_base <= 0 OR abs(w.prod_kw / w.kw_base - 1) <= $load_tol)
), med AS (
  SELECT k.outlet_id, k.rn, median(p.o2) AS o2_base, median(p.c) AS c_base
  FROM (SELECT outlet_id, rn, unnest(range(rn - 72, rn)) AS prn FROM cand) k
  JOIN w0 p ON p.outlet_id = k.outlet_id AND p.rn = k.prn
  GROUP BY k.outlet_id, k.rn
), hit AS (
  SELECT c.* EXCLUDE (rn), m.o2_base, m.c_base,
         c.ts - to_hours(row_number() OVER (PARTITION BY c.outlet_id ORDER BY c.ts)) AS grp
  FROM cand c JOIN med m ON m.outlet_id = c.outlet_id AND m.rn = c.rn
  WHERE c.o2 - m.o2_base >= $o2_rise AND m.c_base > 0 AND c.c < $conc_ratio * m.c_base
), ep AS (
  SELECT any_value(site_id) AS site_id, outlet_id, min(ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts,
         count(*) AS n_hours, avg(o2_base) AS o2_base, avg(o2) AS o2_mean, avg(o2 - o2_base) AS o2_rise,
         avg(c / c_base) AS conc_ratio, avg(c_zs / nullif(c_zs_base, 0)) AS zs_ratio,
         avg(flow / nullif(flow_base, 0)) AS flow_ratio, avg(prod_kw / nullif(kw_base, 0)) AS load_ratio
  FROM hit GROUP BY outlet_id, grp
  HAVING count(*) >= $min_hours
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       start_ts, end_ts, round(n_hours * o2_rise * (1 - conc_ratio), 3) AS score,
       CASE WHEN n_hours >= 2 * $min_hours THEN NULL ELSE 'medium' END AS severity,
       format('{} 小时氧含量较此前 72 个运行小时的中位值升高 {} 个百分点（{}% → {}%），实测浓度降至基线的 {}，负荷和烟气流量平稳（疑似掺风稀释）',
              n_hours, round(o2_rise, 1), round(o2_base, 1), round(o2_mean, 1), round(conc_ratio, 2)) AS summary_zh,
       format('For {} h O2 is {} points above its median over the previous 72 running hours ({}% → {}%) while measured concentrations fall to {} of baseline with steady load and flow (dilution air)',
              n_hours, round(o2_rise, 1), round(o2_base, 1), round(o2_mean, 1), round(conc_ratio, 2)) AS summary_en,
       struct_pack(hours := n_hours, o2_baseline := round(o2_base, 2), o2_mean := round(o2_mean, 2),
                   o2_rise := round(o2_rise, 2), measured_ratio := round(conc_ratio, 3),
                   converted_ratio := round(zs_ratio, 3), flow_ratio := round(flow_ratio, 3),
                   load_ratio := round(load_ratio, 3)) AS evidence
FROM ep
