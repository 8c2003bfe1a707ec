-- E4 低功率运行 (domain.md §6.2): a treatment device is on but draws less than $low_ratio × its typical
-- on-power (median of its on-state samples) while the linked production runs at >= $prod_ratio × its
-- typical on-power, for at least $min_minutes. Variable-frequency drives legitimately slow down when
-- production is low: requiring production near its typical level keeps them out.
-- Linkage as in treatment-off: same line, else the site's shared treatment, else the whole site.
-- Only the few low-power treatment samples are aligned with production, by clock hour (meters may
-- differ in interval and clock), so the 50M-row table is scanned, never sorted.
WITH dev AS (
  -- sampling interval and typical on-power per meter: a shared pass (screening/prepare-inputs.ts)
  SELECT device_id, site_id, role, line_id, step_min, p_typ, n_on FROM device_profile
), prod AS (
  SELECT device_id, site_id, line_id FROM dev WHERE role = 'production' AND p_typ > 0
), treat AS (
  SELECT device_id, site_id, line_id FROM dev WHERE role = 'treatment'
), tp AS (
  -- production devices linked to each treatment device
  SELECT t.device_id AS tdev, p.device_id AS pdev
  FROM treat t JOIN prod p ON p.site_id = t.site_id
  -- a shared treatment device (no line), or one whose line has no production meter, follows the site
  WHERE CASE WHEN EXISTS (SELECT 1 FROM prod q WHERE q.site_id = t.site_id AND q.line_id = t.line_id)
             THEN p.line_id = t.line_id ELSE TRUE END
), low AS (
  SELECT d.device_id, d.ts, d.kw, dv.p_typ, dv.step_min
  FROM device_state d JOIN dev dv USING (device_id)
  WHERE d.role = 'treatment' AND d.is_on AND dv.n_on >= $min_on_samples AND d.kw < $low_ratio * dv.p_typ
), need AS (
  SELECT DISTINCT tp.pdev, date_trunc('hour', l.ts) AS h
  FROM low l JOIN tp ON tp.tdev = l.device_id
), ph AS (
  -- mean kW of those production hours, read from power_readings (device_state's kw) with the IN filter
  -- on device_id applied inside its scan: joining the view's 50.9M rows on device and hour was ~3 s
  -- CPU on city500
  SELECT n.pdev, n.h, avg(p.kw) AS kw
  FROM need n
  JOIN (SELECT device_id, date_trunc('hour', ts) AS h, kw FROM power_readings
        WHERE kw IS NOT NULL AND device_id IN (SELECT pdev FROM need)) p
    ON p.device_id = n.pdev AND p.h = n.h
  GROUP BY n.pdev, n.h
), ratio AS (
  -- production level of the hour relative to typical, over the linked production devices with data
  SELECT tp.tdev, ph.h, sum(ph.kw) / sum(dv.p_typ) AS prod_ratio, sum(ph.kw) AS prod_kw
  FROM tp JOIN ph ON ph.pdev = tp.pdev JOIN dev dv ON dv.device_id = tp.pdev
  GROUP BY tp.tdev, ph.h
), q AS (
  SELECT l.*, r.prod_ratio, r.prod_kw,
         lag(l.ts) OVER (PARTITION BY l.device_id ORDER BY l.ts) AS prev_ts
  FROM low l JOIN ratio r ON r.tdev = l.device_id AND r.h = date_trunc('hour', l.ts)
  WHERE r.prod_ratio >= $prod_ratio
), isl AS (
  SELECT *, sum(CASE WHEN prev_ts IS NULL OR date_diff('second', prev_ts, ts) > 90 * step_min THEN 1 ELSE 0 END)
              OVER (PARTITION BY device_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS grp
  FROM q
), ep AS (
  SELECT device_id, grp, min(ts) AS start_ts, max(ts) + to_minutes(any_value(step_min)) AS end_ts,
         count(*) * any_value(step_min) AS minutes, avg(kw) AS kw_avg, any_value(p_typ) AS p_typ,
         avg(prod_ratio) AS prod_ratio, avg(prod_kw) AS prod_kw,
         sum((p_typ - kw) * step_min / 60.0) AS deficit_kwh
  FROM isl GROUP BY device_id, grp
  HAVING count(*) * any_value(step_min) >= $min_minutes
)
SELECT t.site_id, NULL::VARCHAR AS outlet_id, e.device_id, NULL::INTEGER AS series_id, NULL::VARCHAR AS code,
       e.start_ts, e.end_ts,
       round(e.minutes / 60.0 * (1 - e.kw_avg / e.p_typ), 3) AS score, NULL::VARCHAR AS severity,
       format('{} 治污设施 {} 低功率运行 {} 小时：平均 {} kW，仅为其正常运行功率 {} kW 的 {}%，同期生产负荷为正常的 {}%',
              t.site_id, e.device_id, round(e.minutes / 60.0, 1), round(e.kw_avg, 1), round(e.p_typ, 1),
              CAST(round(100 * e.kw_avg / e.p_typ) AS INTEGER), CAST(round(100 * e.prod_ratio) AS INTEGER)) AS summary_zh,
       format('{} treatment device {} ran at low power for {} h: {} kW on average, {}% of its typical {} kW, while production ran at {}% of typical',
              t.site_id, e.device_id, round(e.minutes / 60.0, 1), round(e.kw_avg, 1),
              CAST(round(100 * e.kw_avg / e.p_typ) AS INTEGER), round(e.p_typ, 1),
              CAST(round(100 * e.prod_ratio) AS INTEGER)) AS summary_en,
       struct_pack(minutes := e.minutes, treatment_kw_avg := round(e.kw_avg, 2), treatment_kw_typical := round(e.p_typ, 2),
                   treatment_ratio := round(e.kw_avg / e.p_typ, 3), production_ratio := round(e.prod_ratio, 3),
                   production_kw_avg := round(e.prod_kw, 1), energy_deficit_kwh := round(e.deficit_kwh, 1),
                   production_devices := (SELECT list(pdev ORDER BY pdev) FROM tp WHERE tp.tdev = e.device_id)) AS evidence
FROM ep e JOIN treat t USING (device_id)
