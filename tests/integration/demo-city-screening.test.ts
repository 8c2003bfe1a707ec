import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCase, createCase, type OpenCase } from '../../analytics/engine/case-file';
import { importFiles } from '../../analytics/ingest/import-files';
import { catalog } from '../../analytics/rules/catalog';
import { runScreening } from '../../analytics/screening/run-screening';
import { generateDemoCity, RULE_IDS, type DemoManifest } from '../../sample-data/generate-demo-city';
import {
  findingMatchesLabel,
  formatQuality,
  isMediumPlus,
  ruleQuality,
  type StoredFinding,
} from '../support/label-matching';
import { useTempDirs } from '../support/temp-dir';

/**
 * The quality bar of the detection catalog, on the demo city with its labelled ground truth:
 * every planted case is found by its expected rule, and no look-alike draws a finding of severity
 * medium or above. Prints per-rule recall and precision.
 */
const tempDir = useTempDirs();

describe('detection quality on the demo city', () => {
  let c: OpenCase;
  let manifest: DemoManifest;
  let findings: StoredFinding[];

  beforeAll(async () => {
    const dir = tempDir();
    manifest = await generateDemoCity({ dir: path.join(dir, 'city') });
    c = await createCase(path.join(dir, 'c.duckdb'), { appVersion: 'test', actor: 'tester' });
    await importFiles(
      c.db,
      manifest.files.filter((f) => f.kind !== 'labels').map((f) => path.join(dir, 'city', f.path)),
      { jobId: 'j', actor: 'tester' },
    );
    await runScreening(c.db, { jobId: 's', actor: 'tester' });
    findings = await c.db.all<StoredFinding & Record<string, string | null>>(
      'SELECT rule_id, severity, site_id, outlet_id, device_id, code, start_ts, end_ts, evidence_json, summary_en FROM findings',
    );
    console.log(
      formatQuality(
        ruleQuality(
          manifest.labels,
          findings,
          catalog.map((r) => r.id),
        ),
      ),
    );
  }, 600_000);
  afterAll(async () => {
    if (c) await closeCase(c);
  });

  it('has a rule for every rule id the labels use', () => {
    const ids = new Set(catalog.map((r) => r.id));
    expect(RULE_IDS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('finds every planted case with its expected rule', () => {
    const missed = manifest.labels
      .filter((l) => l.kind === 'case')
      .filter((l) => !findings.some((f) => f.rule_id === l.expected_rule && findingMatchesLabel(f, l)))

      .map(
        (l) =>
          `${l.label_id} ${l.expected_rule} ${l.site_id}/${l.outlet_id || l.device_id || l.station_id} ${l.start}`,
      );
    expect(missed).toEqual([]);
  });

  it('draws no finding of severity medium or above on any look-alike', () => {
    const hits = manifest.labels
      .filter((l) => l.kind === 'lookalike')
      .flatMap((l) =>
        findings
          .filter((f) => isMediumPlus(f) && findingMatchesLabel(f, l))
          // a look-alike window may also hold a planted case of the same enterprise: those findings are right
          .filter(
            (f) =>
              !manifest.labels.some(
                (k) =>
                  k.kind === 'case' &&
                  (k.expected_rule === f.rule_id || k.also_rules.split(';').includes(f.rule_id)) &&
                  findingMatchesLabel(f, k),
              ),
          )
          .map(
            (f) =>
              `${l.label_id} (${l.expected_rule} look-alike) <- ${f.rule_id} ${f.severity}: ${f.summary_en}`,
          ),
      );
    expect(hits).toEqual([]);
  });
});
