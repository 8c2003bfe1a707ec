-- F13 运维单位关联 (domain.md §3.2 F13): per O&M company (sites.om_company) serving at least $min_sites
-- enterprises, three cross-enterprise signals computed here from the hourly series:
--   1. copied segments: identical 12-hour windows of hourly values (quantised at 0.01, all hours flagged
--      N, varying by at least $min_range_quanta steps of the series' reporting precision so flat,
--      stopped, or coarse and quiet windows never match by chance, and holding >= $min_distinct
--      distinct values so batch-analyser holds do not either) at two
--      different enterprises of the company (F3 restricted to the company);
--   2. shared constants: flatlines (>= $min_flat_hours identical N-flagged hourly values above
--      $level_floor) holding the very same value at two different enterprises (F1);
--   3. C/M/D flags in the same clock hour at two or more enterprises more often than chance: observed
--      co-occurring hours >= $min_cooccur and >= $cooccur_ratio × the number expected if the enterprises
--      flagged independently at their own rates. Hourly data cannot resolve ±30 min more finely than the
--      clock hour. Vendor firmware calibrating at the same clock time everywhere is excluded: an
--      enterprise's flags at an hour of day on which it flags on >= $schedule_share of its days are
--      its fixed schedule and do not count.
-- One company-level finding (site_id NULL; the company, its enterprises and the matches in the evidence).
WITH comp AS (
  SELECT trim(om_company) AS company, site_id FROM sites WHERE nullif(trim(om_company), '') IS NOT NULL
), cs AS (
  SELECT company, site_id FROM comp
  WHERE company IN (SELECT company FROM comp GROUP BY company HAVING count(DISTINCT site_id) >= $min_sites)
), ser AS (
  -- the series of the companies' enterprises; sites and companies are joined back on the few results only
  SELECT s.series_id, s.outlet_id, s.code, s.stat, o.site_id, cs.company
  FROM series s JOIN outlets o USING (outlet_id) JOIN cs USING (site_id)
),
-- ------------------------------------------------------------ 1 and 2: the shared series_terms pass
-- The N-flagged hours were sorted per series here for lag(), row_number() and 11 lead() terms, and the
-- windows partitioned by hash: 14.6 s CPU of this rule's 15 s on 100 enterprises, and growing faster
-- than the data (7.7x for 5x enterprises). series_terms (prepare-inputs.ts) has these terms from one
-- sort shared with other rules; an hour of |value| >= 1e12 is left out here, as before: it never
-- repeats a kept hour's value, so the repeat rows and their islands are those of the kept hours, and
-- the windows holding one are dropped below.
x AS (
  -- the hours repeating the previous hour's value (their islands are the flatline runs), above the
  -- level floor where it applies: ultra-low emitters sit at the analyser's detection limit and repeats
  -- there are not evidence. The value is constant along an island, so dropping these hours drops whole
  -- islands and leaves the others' row numbers consecutive; the island sort and aggregate then see
  -- 0.67M of the 1.0M repeat hours on city100
  SELECT t.series_id, t.ts, t.value, t.rn, t.prev_ts
  FROM series_terms t JOIN ser s USING (series_id)
  WHERE t.value = t.prev_value AND t.prev_ts = t.ts - INTERVAL 1 HOUR AND abs(t.value) < 1e12
    AND NOT (abs(t.value) <= $level_floor
             AND (s.code LIKE 'a2%' OR s.code LIKE 'a3%' OR (s.code LIKE 'w%' AND s.code NOT IN ('w01001', 'w00000'))))
), huge AS (
  SELECT series_id, ts FROM series_terms WHERE abs(value) >= 1e12
), quantum AS (
  -- reporting precision per series in 0.01 steps (1 for 2 or 3 decimals, 10 for 1 decimal, 100 for
  -- integers), as copy-paste picks it: the most decimals a real share ($precision_share) of the values
  -- uses. A window must vary by $min_range_quanta steps of the series' own precision: coarse PM
  -- (0.3, 0.4, 0.5 mg/m³ at 1 decimal) varies by 20 hundredths in 12 hours by chance, and such windows
  -- matched across every pair of sites of a company (31k "copied segments" on city100, 873k on
  -- city500, every company "high"), and the pairs grew with the square of the series per company
  SELECT series_id,
         CASE WHEN share3 >= $precision_share OR share2 >= $precision_share THEN 1
              WHEN share1 >= $precision_share THEN 10 ELSE 100 END AS q
  FROM series_precision
), win AS (
  -- 12-hour windows (12 consecutive hours, quantised at 0.01) varying by >= $min_range_quanta steps of
  -- the series' precision whose hash the pass saw more than once (h12 is kept only for those)
  SELECT t.series_id, t.ts, t.h12 AS hsh
  FROM series_terms t SEMI JOIN ser USING (series_id) JOIN quantum p USING (series_id)
  WHERE t.h12 IS NOT NULL AND t.r12 >= $min_range_quanta * p.q
    AND NOT EXISTS (SELECT 1 FROM huge g WHERE g.series_id = t.series_id AND g.ts BETWEEN t.ts AND t.ts12)
), shingle AS (
  -- windows whose hash occurs in at least two series of the companies
  SELECT series_id, ts, hsh
  FROM (SELECT series_id, ts, hsh, min(series_id) OVER h AS s_min, max(series_id) OVER h AS s_max
        FROM win WINDOW h AS (PARTITION BY hsh))
  WHERE s_min <> s_max
), info AS (
  -- distinct values (at the hash's 0.01) of the few repeated windows: a batch analyser holding each
  -- result for 4 hours has range but only 3 values in 12 hours, and such holds matched by chance
  -- across enterprises (w21001 on city100). Identical windows have identical counts, so this keeps or
  -- drops every window of a hash alike
  SELECT w.series_id, w.ts, count(DISTINCT round(h.value * 100)) AS n_distinct
  FROM (SELECT series_id, ts, unnest(range(0, 12)) AS i FROM shingle) w
  JOIN series_terms h ON h.series_id = w.series_id AND h.ts = w.ts + to_hours(w.i)
  GROUP BY w.series_id, w.ts
), cand AS (
  SELECT s.series_id, s.ts, s.hsh, r.outlet_id, r.code, r.stat, r.site_id, r.company
  FROM shingle s JOIN info i USING (series_id, ts) JOIN ser r USING (series_id)
  WHERE i.n_distinct >= $min_distinct
), pairs AS (
  SELECT a.company, a.series_id AS series_a, a.site_id AS site_a, a.outlet_id AS outlet_a, a.code AS code_a,
         a.stat AS stat_a, a.ts AS ta, b.series_id AS series_b, b.site_id AS site_b, b.outlet_id AS outlet_b,
         b.code AS code_b, b.stat AS stat_b, b.ts AS tb
  FROM cand a JOIN cand b ON a.hsh = b.hsh AND a.company = b.company AND a.site_id < b.site_id
), copyseg AS (
  -- consecutive matching windows of one pair of series at a constant lag form one copied segment
  SELECT company, site_a, outlet_a, code_a, stat_a, site_b, outlet_b, code_b, stat_b,
         min(ta) AS start_a, max(ta) + INTERVAL 12 HOUR AS end_a, min(tb) AS start_b, count(*) + 11 AS hours
  FROM (SELECT *, ta - to_hours(row_number() OVER (PARTITION BY series_a, series_b, tb - ta ORDER BY ta)) AS grp
        FROM pairs)
  GROUP BY company, series_a, series_b, site_a, outlet_a, code_a, stat_a, site_b, outlet_b, code_b, stat_b, tb - ta, grp
), isl AS (
  -- one row per island: the aggregate keeps only what the islands need; the series' site, company
  -- and code are joined on the islands long enough (1.7 s CPU less on city100 than any_value() of
  -- them over every repeat hour)
  SELECT series_id, min(prev_ts) AS start_ts, max(ts) + INTERVAL 1 HOUR AS end_ts, count(*) + 1 AS n_hours,
         any_value(value) AS value
  FROM (SELECT *, rn - row_number() OVER (PARTITION BY series_id ORDER BY rn) AS isl FROM x)
  GROUP BY series_id, isl
  HAVING count(*) + 1 >= $min_flat_hours
), runs AS (
  SELECT i.series_id, s.outlet_id, s.site_id, s.company, s.code, i.start_ts, i.end_ts, i.n_hours, i.value
  FROM isl i JOIN ser s USING (series_id)
  WHERE i.n_hours >= CASE WHEN s.code IN ('w01018', 'w21003', 'w21011', 'w21001') THEN 2 * $min_flat_hours ELSE $min_flat_hours END
), shared AS (
  SELECT company, code, value, count(DISTINCT site_id) AS n_sites,
         list(struct_pack(site_id := site_id, outlet_id := outlet_id, start_ts := start_ts, hours := n_hours)
              ORDER BY start_ts, site_id, outlet_id) AS runs,
         min(start_ts) AS start_ts, max(end_ts) AS end_ts
  FROM runs GROUP BY company, code, value HAVING count(DISTINCT site_id) >= 2
),
-- ------------------------------------------------------------ 3: C/M/D flags in the same hour
sercount AS (
  -- rows and first/last hour per series of series_hour, read from its parts: an hourly or daily
  -- series has one row per reading (its hour is date_trunc('hour', ts), so the first and last hours
  -- are those of the first and last readings), a finer one its rolled-up rows. Through the view, the
  -- hour of every one of the 88M readings was computed before counting (8 s CPU on 500 enterprises)
  -- (counted per series first, then the companies' series kept: probing a semi join with every
  -- reading cost more than the aggregate)
  SELECT r.series_id, r.n, date_trunc('hour', r.t0) AS t0, date_trunc('hour', r.t1) AS t1
  FROM (SELECT series_id, count(*) AS n, min(ts) AS t0, max(ts) AS t1 FROM readings GROUP BY series_id) r
  SEMI JOIN (SELECT series_id FROM ser JOIN series s USING (series_id) WHERE s.interval IN ('hour', 'day')) h
    USING (series_id)
  UNION ALL
  SELECT f.series_id, count(*) AS n, min(f.ts) AS t0, max(f.ts) AS t1
  FROM series_hour_fine f SEMI JOIN ser USING (series_id)
  WHERE f.series_id IN (SELECT series_id FROM series WHERE interval NOT IN ('hour', 'day'))
  GROUP BY f.series_id
), sdays AS (
  -- hours with data of an enterprise: those of its most complete series
  SELECT r.company, r.site_id, max(c.n) AS n_hours, max(c.n) / 24.0 AS n_days, min(c.t0) AS t0, max(c.t1) AS t1
  FROM sercount c JOIN ser r USING (series_id) GROUP BY r.company, r.site_id
), fl AS (
  -- the hours in which one of an enterprise's series is flagged C, M or D: the outlet-hours of the
  -- outlet_hour pass whose distinct non-N flags (other_flags, from every series of the outlet) hold one
  -- (reading the flag of all 88M readings through series_hour cost 0.7 s of the rule's 5.3 s CPU)
  SELECT DISTINCT c.company, h.site_id, h.ts
  FROM outlet_hour h JOIN cs c USING (site_id)
  WHERE h.other_flags IS NOT NULL AND list_has_any(h.other_flags, ['C', 'M', 'D'])
), sched AS (
  SELECT f.site_id, hour(f.ts) AS hod
  FROM fl f JOIN sdays s USING (site_id)
  GROUP BY f.site_id, hour(f.ts)
  HAVING count(*) >= $schedule_share * any_value(s.n_days)
), fx AS (
  SELECT f.* FROM fl f ANTI JOIN sched s ON s.site_id = f.site_id AND s.hod = hour(f.ts)
), rates AS (
  SELECT s.company, s.site_id, count(f.ts) / s.n_hours AS p
  FROM sdays s LEFT JOIN fx f USING (company, site_id)
  GROUP BY s.company, s.site_id, s.n_hours
), expect AS (
  SELECT r.company, exp(sum(ln(greatest(1e-9, 1 - r.p)))) AS p0, sum(r.p / greatest(1e-9, 1 - r.p)) AS odds,
         (SELECT date_diff('hour', min(t0), max(t1)) + 1 FROM sdays d WHERE d.company = r.company) AS n_hours
  FROM rates r GROUP BY r.company
), co AS (
  SELECT company, ts, list(site_id ORDER BY site_id) AS sites
  FROM fx GROUP BY company, ts HAVING count(DISTINCT site_id) >= 2
), cooc AS (
  SELECT e.company, count(c.ts) AS observed,
         e.n_hours * (1 - e.p0 - e.p0 * e.odds) AS expected,
         min(c.ts) AS start_ts, max(c.ts) + INTERVAL 1 HOUR AS end_ts,
         list(struct_pack(ts := c.ts, sites := c.sites) ORDER BY c.ts)[1:20] AS hours
  FROM expect e JOIN co c USING (company)
  GROUP BY e.company, e.n_hours, e.p0, e.odds
  HAVING count(c.ts) >= $min_cooccur AND count(c.ts) >= $cooccur_ratio * (e.n_hours * (1 - e.p0 - e.p0 * e.odds))
),
-- ------------------------------------------------------------ company-level findings
cp AS (
  SELECT company, count(*) AS n_seg, sum(hours) AS copy_hours, max(hours) AS copy_max_hours, min(start_a) AS start_ts,
         max(greatest(end_a, start_b + to_hours(hours))) AS end_ts,
         -- the 20 longest, ties broken on every field (the evidence must not depend on the plan); a top-20
         -- by key instead of a sorted list of every segment (1.9M segments on 500 enterprises)
         min_by(struct_pack(site_a := site_a, outlet_a := outlet_a, code_a := code_a, stat_a := stat_a, start_a := start_a,
                            site_b := site_b, outlet_b := outlet_b, code_b := code_b, stat_b := stat_b, start_b := start_b,
                            hours := hours),
                struct_pack(h := -hours, start_a := start_a, site_a := site_a, outlet_a := outlet_a, code_a := code_a,
                            stat_a := stat_a, start_b := start_b, site_b := site_b, outlet_b := outlet_b, code_b := code_b,
                            stat_b := stat_b), 20) AS segments,
         list(DISTINCT site_a) || list(DISTINCT site_b) AS sites
  FROM copyseg GROUP BY company
), sc AS (
  SELECT company, count(*) AS n_const, min(start_ts) AS start_ts, max(end_ts) AS end_ts,
         list(struct_pack(code := code, value := value, n_sites := n_sites, runs := runs) ORDER BY n_sites DESC, code, value)[1:20] AS constants
  FROM shared GROUP BY company
), allc AS (
  SELECT company FROM cp UNION SELECT company FROM sc UNION SELECT company FROM cooc
), fin AS (
  SELECT a.company,
         (SELECT list(site_id ORDER BY site_id) FROM cs WHERE cs.company = a.company) AS company_sites,
         coalesce(cp.n_seg, 0) AS n_seg, coalesce(cp.copy_hours, 0) AS copy_hours,
         coalesce(cp.copy_max_hours, 0) AS copy_max_hours, cp.segments,
         list_sort(list_distinct(coalesce(cp.sites, []))) AS copy_sites,
         coalesce(sc.n_const, 0) AS n_const, sc.constants,
         coalesce(cc.observed, 0) AS observed, cc.expected, cc.hours AS cooc_hours,
         least(cp.start_ts, sc.start_ts, cc.start_ts) AS start_ts, greatest(cp.end_ts, sc.end_ts, cc.end_ts) AS end_ts
  FROM allc a LEFT JOIN cp USING (company) LEFT JOIN sc USING (company) LEFT JOIN cooc cc USING (company)
)
SELECT NULL::VARCHAR AS site_id, NULL::VARCHAR AS outlet_id, NULL::VARCHAR AS device_id, NULL::INTEGER AS series_id,
       NULL::VARCHAR AS code, start_ts, end_ts,
       round(copy_max_hours + 6 * n_const + greatest(0, observed - coalesce(expected, 0)), 2) AS score,
       CASE WHEN n_seg > 0 THEN 'high' WHEN n_const > 0 THEN 'medium' ELSE 'low' END AS severity,
       format('运维单位“{}”（运维 {} 家企业）：{} 个监测序列与另一企业数据逐小时相同（最长 {} 小时）、{} 组跨企业相同恒定值、{} 个小时多家企业同时出现校准/维护/故障标记（随机预期 {}）',
              company, len(company_sites), n_seg, copy_max_hours, n_const, observed, round(coalesce(expected, 0), 2)) AS summary_zh,
       format('O&M company {} ({} enterprises): {} series identical hour by hour to another enterprise (longest {} h), {} constant values shared across enterprises, {} hours with C/M/D flags at several enterprises at once (chance: {})',
              company, len(company_sites), n_seg, copy_max_hours, n_const, observed, round(coalesce(expected, 0), 2)) AS summary_en,
       struct_pack(om_company := company, enterprises := company_sites, copied_segments := n_seg,
                   copied_series_hours := copy_hours, longest_copy_hours := copy_max_hours, copy_enterprises := copy_sites, segments := segments,
                   shared_constants := n_const, constants := constants,
                   cooccurring_flag_hours := observed, cooccurrence_expected := round(expected, 3),
                   cooccurring_hours := cooc_hours) AS evidence
FROM fin
