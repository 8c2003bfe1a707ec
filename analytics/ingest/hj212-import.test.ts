import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../tests/support/shared-data';
import { useTempDirs } from '../../tests/support/temp-dir';
import { closeCase, createCase } from '../engine/case-file';
import { importFiles } from './import-files';

const tempDir = useTempDirs();
const ctx = { appVersion: '0.0.0-test', actor: 'tester' };

describe.skipIf(!hasSharedData)('HJ 212 receiver logs import with their noise counted', () => {
  const dir = sharedData('hj212_raw_logs');
  const logs = hasSharedData ? readdirSync(dir).filter((f) => f !== 'SOURCE.txt') : [];

  it('imports every raw log, counting packets, CRC verdicts and noise', async () => {
    const c = await createCase(path.join(tempDir(), 'c.duckdb'), ctx);
    const report = await importFiles(
      c.db,
      logs.map((f) => path.join(dir, f)),
      { jobId: 'j', actor: 'tester' },
    );
    const byName = Object.fromEntries(report.files.map((f) => [path.basename(f.file), f]));
    for (const f of report.files) {
      expect(f.status, `${f.file}: ${f.error ?? ''}`).toBe('imported');
      expect(f.format).toBe('hj212-log');
      expect(f.rowsLoaded + f.rowsRejected + f.duplicates).toBe(f.rowsRead);
      expect(Object.values(f.noise ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
    // SOURCE.txt: 86 real CN=2011 packets from air station LB4200001 in the GBK test-message file,
    // all with valid CRCs, behind HTTP scanner noise.
    const gj = byName['gj0312_GB212ReceiverApp_HJ212_test_messages.txt']!;
    expect(gj).toMatchObject({ packets: 86, crc: { valid: 86, mismatch: 0, variant: 0 } });
    expect(gj.noise?.['http']).toBeGreaterThan(0);
    expect(gj.unknownMns).toEqual(['LB4200001']);
    // 3 distinct packets with a Modbus CRC printed low byte first: imported, reported as a variant.
    const tony = byName['tonyxia2016_HJ212Receiver_Debug_rx.log']!;
    expect(tony.crc?.variant).toBeGreaterThan(0);
    expect(tony.warnings.join(' ')).toMatch(/vendor CRC variant/);
    // one packet repeated 598 times: duplicates counted, not stored twice
    const sc = byName['sCair_Hj212-Distribute_scada-distribute.log']!;
    expect(sc.duplicates).toBeGreaterThan(0);
    const [n] = await c.db.all<{ n: number }>(
      "SELECT count(*) AS n FROM readings r JOIN series s USING (series_id) WHERE s.outlet_id = 'LB4200001'",
    );
    expect(n!.n).toBeGreaterThan(86);
    await closeCase(c);
  });
});
