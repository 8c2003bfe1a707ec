import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';
import { useTempDirs } from '../support/temp-dir';

const run = promisify(execFile);
const tempDir = useTempDirs();

/** Runs the CLI; every command prints one JSON object on stdout. */
async function cli(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number; json: Record<string, unknown> }> {
  const r = await run(process.execPath, ['--import', 'tsx', 'analytics/cli/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ANALYST_DATA_DIR: dataDir },
  }).catch((e: { code: number; stdout: string }) => ({ stdout: e.stdout, code: e.code }));
  return { code: 'code' in r ? r.code : 0, json: JSON.parse(r.stdout) };
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
});
