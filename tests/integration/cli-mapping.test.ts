import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';
import { useTempDirs } from '../support/temp-dir';

const run = promisify(execFile);
const tempDir = useTempDirs();

/** Runs the CLI; every command prints one JSON object on stdout (a usage error: text on stderr). */
async function cli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  const r = await run(process.execPath, ['--import', 'tsx', 'analytics/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ANALYST_DATA_DIR: dataDir },
  }).catch((e: { code: number; stdout: string; stderr: string }) => e);
  return {
    code: 'code' in r ? r.code : 0,
    json: r.stdout ? JSON.parse(r.stdout) : {},
    stderr: r.stderr,
  };
}

describe('CLI: preview, templates and mapped import', () => {
  it('saves a template from a mapping file, then imports a file of that shape with --template', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const file = path.join(dir, 'meter.csv');
    writeFileSync(
      file,
      'datetime,Sub_metering_1,Sub_metering_2\n2006-12-16 17:00:00,0,19\n2006-12-16 18:00:00,2,403\n',
    );
    const mappingFile = path.join(dir, 'mapping.json');
    writeFileSync(
      mappingFile,
      JSON.stringify({
        target: 'power-wide',
        time: { column: 'datetime' },
        columns: [
          { column: 'Sub_metering_1', device: 'kitchen', scale: 0.001 },
          { column: 'Sub_metering_2', device: 'laundry', scale: 0.001 },
        ],
      }),
    );

    const preview = await cli(data, 'preview', file);
    expect(preview.code).toBe(0);
    expect(preview.json).toMatchObject({ documentedFormat: null, draft: { target: 'power-wide' } });

    const saved = await cli(data, 'templates', 'save', 'house', file, '--mapping', mappingFile);
    expect(saved.json).toMatchObject({ name: 'house', shapeKey: 'datetime|sub_metering_1|sub_metering_2' });

    const caseFile = path.join(dir, 'c.duckdb');
    const imported = await cli(data, 'import', caseFile, file, '--template', 'house');
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({
      rowsLoaded: 4,
      files: [{ status: 'imported', format: 'power-wide', template: 'house', rowsRead: 2 }],
    });

    const bad = await cli(data, 'import', caseFile, file, '--template', 'nope');
    expect(bad.code).toBe(1);
    expect(JSON.stringify(bad.json)).toMatch(/No mapping template named \\"nope\\"/);
  }, 120_000);

  it('imports sub-meter readings one per row with --mapping (power-long), and refuses a bad one', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'data');
    const file = path.join(dir, 'meters.csv');
    writeFileSync(
      file,
      '表计编号,采集时刻,有功功率(W)\nM-01,2024-03-01 08:00:00,1500\nM-02,2024-03-01 08:00:00,x\n',
    );
    const mappingFile = path.join(dir, 'mapping.json');
    const mapping = {
      target: 'power-long',
      device: { column: '表计编号' },
      time: { column: '采集时刻' },
      value: { column: '有功功率(W)', quantity: 'kw', scale: 0.001 },
      site: 'S1',
    };
    writeFileSync(mappingFile, JSON.stringify(mapping));

    const preview = await cli(data, 'preview', file);
    expect(preview.json).toMatchObject({
      draft: {
        target: 'power-long',
        device: { column: '表计编号' },
        value: { quantity: 'kw', scale: 0.001 },
      },
    });
    const imported = await cli(data, 'import', path.join(dir, 'c.duckdb'), file, '--mapping', mappingFile);
    expect(imported.code).toBe(0);
    expect(imported.json).toMatchObject({
      files: [
        {
          status: 'imported',
          format: 'power-long',
          rowsLoaded: 1,
          rowsRejected: 1,
          rejectedSample: [{ row: 3, reason: 'unrecognised kw: x' }],
          mapping,
        },
      ],
    });

    writeFileSync(
      mappingFile,
      JSON.stringify({ ...mapping, value: { column: '有功功率(W)', quantity: 'MW' } }),
    );
    const bad = await cli(data, 'import', path.join(dir, 'c.duckdb'), file, '--mapping', mappingFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a valid mapping \(value\.quantity:/);
  }, 120_000);
});
