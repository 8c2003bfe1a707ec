-- F11 emissions no longer tracking production load (排放与负荷脱节), on CONVERTED values (measured
-- values inherit load correlation through O2; detectors.md §4.8). No hourly windows: per outlet,
-- pollutant, production line and day the sums n, Σx, Σy, Σx², Σy², Σxy (x = the line's production kW,
-- y = converted concentration) are aggregated once; 7-day correlations, load CV and the reference fit
-- come from those sums over a small per-day table.
--   decoupled: 7-day corr(y, x) < corr_max while the reference corr > ref_corr_min and the 7-day load
--              CV > load_cv_min, for >= min_days consecutive days;
--   off-model: the daily mean residual of the reference fit y = a + b·x, standardised by the median and
--              1.4826·MAD of the reference days' residuals, |z| > z_min for >= min_days_offmodel days,
--              judged only on days whose mean load lies inside the reference days' range (no
--              extrapolation: a plant cutting production for an order is not too low for its load).
-- Outlets are not mapped to lines, and on a multi-line site the other line's stops would break the
-- relation: each outlet and pollutant is paired with the production line (devices.line_id) whose power
-- best explains it in the reference period (the whole site when lines are not given).
-- Reference = the outlet's first ref_days days, at most half its data span (short cases keep a test half).
WITH d AS (
  -- the day sums n, Σx, Σy, Σx², Σy², Σxy of each outlet, line and day, the four pollutants side by side,
  -- come from the shared pass outlet_line_day (the same for every run: the join of outlet_hour with the
  -- lines' hourly power and its day aggregate were most of this rule's cost); one row per pollutant here
  SELECT site_id, outlet_id, p.code AS code, line_id, day, p.n AS n, p.sx AS sx, p.sy AS sy, p.sxx AS sxx,
         p.syy AS syy, p.sxy AS sxy
  FROM (SELECT site_id, outlet_id, line_id, day,
               unnest([{'code': 'a21026', 'n': n1, 'sx': sx1, 'sy': sy1, 'sxx': sxx1, 'syy': syy1, 'sxy': sxy1},
                 {'code': 'a21002', 'n': n2, 'sx': sx2, 'sy': sy2, 'sxx': sxx2, 'syy': syy2, 'sxy': sxy2},
                 {'code': 'a34013', 'n': n3, 'sx': sx3, 'sy': sy3, 'sxx': sxx3, 'syy': syy3, 'sxy': sxy3},
                 {'code': 'a24088', 'n': n4, 'sx': sx4, 'sy': sy4, 'sxx': sxx4, 'syy': syy4, 'sxy': sxy4}]) AS p
        FROM outlet_line_day)
  WHERE p.n > 0
), span AS (
  -- from the days (date_diff counts day boundaries, so the days' span is the hours' span): a second
  -- reference to the hours made DuckDB materialise its 3.3M rows
  SELECT outlet_id,
         min(day) + to_days(CAST(least($ref_days, floor(date_diff('day', min(day), max(day)) / 2)) AS INTEGER)) AS ref_end
  FROM d GROUP BY outlet_id
), ref AS (
  SELECT d.outlet_id, d.code, d.line_id, sum(n) AS n, sum(sx) AS sx, sum(sy) AS sy, sum(sxx) AS sxx, sum(syy) AS syy, sum(sxy) AS sxy
  FROM d JOIN span s ON s.outlet_id = d.outlet_id WHERE d.day < s.ref_end GROUP BY d.outlet_id, d.code, d.line_id
), refx AS (
  -- the range of daily mean load in the reference period: off-model days must lie inside it (no
  -- extrapolation; a plant cutting production for an order is not "too low for its load")
  SELECT d.outlet_id, d.code, d.line_id, min(d.sx / d.n) AS x_lo, max(d.sx / d.n) AS x_hi
  FROM d JOIN span s ON s.outlet_id = d.outlet_id
  WHERE d.day < s.ref_end AND d.n >= $min_day_hours GROUP BY d.outlet_id, d.code, d.line_id
), fit0 AS (
  SELECT outlet_id, code, line_id, n AS ref_n,
         (n * sxy - sx * sy) / nullif(sqrt(greatest(n * sxx - sx * sx, 0) * greatest(n * syy - sy * sy, 0)), 0) AS ref_corr,
         (n * sxy - sx * sy) / nullif(n * sxx - sx * sx, 0) AS b0, sy / n AS ref_mean_y, sx / n AS ref_mean_x,
         sqrt(greatest(sxx / n - (sx / n) * (sx / n), 0)) / nullif(sx / n, 0) AS ref_load_cv
  FROM ref
), fit AS (
  -- the line that best explains the outlet's pollutant in the reference period
  SELECT * FROM fit0
  QUALIFY row_number() OVER (PARTITION BY outlet_id, code ORDER BY ref_corr DESC NULLS LAST, line_id) = 1
), fit2 AS (
  -- a flat reference load (CV <= load_cv_min) or no positive relation gives no usable slope: the model
  -- is then the reference mean level (extrapolating a noise slope to stop/start days misfires)
  SELECT *, CASE WHEN b0 IS NOT NULL AND ref_load_cv > $load_cv_min AND ref_corr > 0 THEN b0 ELSE 0 END AS b,
         ref_mean_y - CASE WHEN b0 IS NOT NULL AND ref_load_cv > $load_cv_min AND ref_corr > 0 THEN b0 ELSE 0 END * ref_mean_x AS a
  FROM fit WHERE ref_n >= $min_ref_hours
), dd AS (
  SELECT d.*, s.ref_end, f.ref_corr, f.a, f.b, f.ref_mean_y, rx.x_lo, rx.x_hi,
         sy / n - (f.a + f.b * sx / n) AS resid,
         sum(n) OVER w7 AS n7, sum(sx) OVER w7 AS sx7, sum(sy) OVER w7 AS sy7, sum(sxx) OVER w7 AS sxx7,
         sum(syy) OVER w7 AS syy7, sum(sxy) OVER w7 AS sxy7
  FROM d JOIN span s ON s.outlet_id = d.outlet_id
  JOIN fit2 f ON f.outlet_id = d.outlet_id AND f.code = d.code AND f.line_id = d.line_id
  JOIN refx rx ON rx.outlet_id = d.outlet_id AND rx.code = d.code AND rx.line_id = d.line_id
  WINDOW w7 AS (PARTITION BY d.outlet_id, d.code ORDER BY d.day RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW)
), rs AS (
  SELECT outlet_id, code, median(resid) AS r_med, median(abs(resid - r_med0)) AS r_mad
  FROM (SELECT *, median(resid) OVER (PARTITION BY outlet_id, code) AS r_med0 FROM dd WHERE day < ref_end AND n >= $min_day_hours)
  GROUP BY outlet_id, code
), z AS (
  SELECT dd.*,
         (n7 * sxy7 - sx7 * sy7) / nullif(sqrt(greatest(n7 * sxx7 - sx7 * sx7, 0) * greatest(n7 * syy7 - sy7 * sy7, 0)), 0) AS corr7,
         sqrt(greatest(sxx7 / n7 - (sx7 / n7) * (sx7 / n7), 0)) / nullif(sx7 / n7, 0) AS load_cv7,
         (resid - rs.r_med) / greatest(1.4826 * rs.r_mad, $resid_floor * abs(ref_mean_y), 1e-6) AS zres
  FROM dd JOIN rs ON rs.outlet_id = dd.outlet_id AND rs.code = dd.code
  WHERE dd.day >= dd.ref_end
), flagged AS (
  SELECT *, 'decoupled' AS kind FROM z
  WHERE n7 >= $min_week_hours AND corr7 < $corr_max AND ref_corr > $ref_corr_min AND load_cv7 > $load_cv_min
  UNION ALL
  SELECT *, CASE WHEN zres < 0 THEN 'off-model-low' ELSE 'off-model-high' END AS kind FROM z
  WHERE n >= $min_day_hours AND abs(zres) > $z_min AND sx / n BETWEEN x_lo AND x_hi
), ep AS (
  SELECT any_value(site_id) AS site_id, outlet_id, code, kind, min(day) AS start_ts, max(day) + INTERVAL 1 DAY AS end_ts,
         count(*) AS n_days, avg(corr7) AS corr7, min(corr7) AS corr7_min, any_value(ref_corr) AS ref_corr,
         avg(load_cv7) AS load_cv7, avg(zres) AS z_mean, max(abs(zres)) AS z_max,
         avg(sy / n) AS y_mean, any_value(ref_mean_y) AS ref_mean_y, any_value(line_id) AS line_id
  -- islands of flagged days; a gap of up to max_gap_days days without a judged day (a stop) is bridged
  FROM (SELECT *, sum(CASE WHEN day - prev_day <= to_days(CAST($max_gap_days AS INTEGER)) THEN 0 ELSE 1 END)
                    OVER (PARTITION BY outlet_id, code, kind ORDER BY day ROWS UNBOUNDED PRECEDING) AS grp
        FROM (SELECT *, lag(day) OVER (PARTITION BY outlet_id, code, kind ORDER BY day) AS prev_day FROM flagged))
  GROUP BY outlet_id, code, kind, grp
  HAVING count(*) >= CASE WHEN kind = 'decoupled' THEN $min_days ELSE $min_days_offmodel END
)
SELECT site_id, outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id, code, start_ts, end_ts,
       round(CASE WHEN kind = 'decoupled' THEN n_days * (ref_corr - corr7) ELSE n_days * abs(z_mean) END, 3) AS score,
       CASE WHEN kind = 'off-model-high' THEN 'low' ELSE NULL END AS severity,
       CASE WHEN kind = 'decoupled'
         THEN format('{} 折算浓度连续 {} 天不再跟随生产负荷：7 日相关系数 {}（基准期 {}），负荷变异系数 {}', code, n_days, round(corr7, 2), round(ref_corr, 2), round(load_cv7, 2))
         ELSE format('{} 折算浓度连续 {} 天偏离基准期负荷模型：日均残差 z = {}（日均 {}，基准期均值 {}）', code, n_days, round(z_mean, 1), round(y_mean, 2), round(ref_mean_y, 2)) END AS summary_zh,
       CASE WHEN kind = 'decoupled'
         THEN format('{} converted concentration no longer follows production load for {} days: 7-day corr {} (reference {}), load CV {}', code, n_days, round(corr7, 2), round(ref_corr, 2), round(load_cv7, 2))
         ELSE format('{} converted concentration off the reference load model for {} days: daily residual z = {} (daily mean {}, reference mean {})', code, n_days, round(z_mean, 1), round(y_mean, 2), round(ref_mean_y, 2)) END AS summary_en,
       struct_pack(kind := kind, days := n_days, corr7_mean := round(corr7, 3), corr7_min := round(corr7_min, 3),
                   ref_corr := round(ref_corr, 3), load_cv7 := round(load_cv7, 3), z_mean := round(z_mean, 2),
                   z_max := round(z_max, 2), daily_mean := round(y_mean, 3), ref_mean := round(ref_mean_y, 3),
                   line_id := nullif(line_id, '')) AS evidence
FROM ep
