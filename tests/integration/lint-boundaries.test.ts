import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared-data';

/**
 * The import boundaries of architecture.md are enforced by eslint.config.js; this proves the rule
 * fires on deliberately wrong imports (and stays quiet on allowed ones). Reproduce by hand with:
 *   echo "import '../analytics/engine/database';" > renderer/bad.ts && npx eslint renderer/bad.ts
 */
const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('the renderer may import analytics/api only', async () => {
    expect(
      await restrictedImportErrors(
        "import { channels } from '../analytics/api';\nvoid channels;\n",
        'renderer/x.ts',
      ),
    ).toEqual([]);
    const wrong = await restrictedImportErrors(
      "import { Database } from '../analytics/engine/database';\nvoid Database;\n",
      'renderer/x.ts',
    );
    expect(wrong.join()).toMatch(/may import only analytics\/api/);
    expect(
      (await restrictedImportErrors("import fs from 'node:fs';\nvoid fs;\n", 'renderer/x.ts')).length,
    ).toBe(1);
    expect(
      (await restrictedImportErrors("import { app } from 'electron';\nvoid app;\n", 'renderer/x.ts')).length,
    ).toBe(1);
    expect(
      (
        await restrictedImportErrors(
          "import { DuckDBInstance } from '@duckdb/node-api';\nvoid DuckDBInstance;\n",
          'renderer/x.ts',
        )
      ).length,
    ).toBe(1);
  });

  it('analytics never imports electron or the renderer', async () => {
    expect(
      (
        await restrictedImportErrors("import { app } from 'electron';\nvoid app;\n", 'analytics/engine/x.ts')
      ).join(),
    ).toMatch(/Only electron\//);
    expect(
      (
        await restrictedImportErrors(
          "import { x } from '../../renderer/app/x';\nvoid x;\n",
          'analytics/engine/x.ts',
        )
      ).length,
    ).toBe(1);
  });

  it('analytics/api stays browser-safe and a leaf', async () => {
    expect(
      (await restrictedImportErrors("import fs from 'node:fs';\nvoid fs;\n", 'analytics/api/x.ts')).length,
    ).toBe(1);
    expect(
      (
        await restrictedImportErrors(
          "import { Database } from '../engine/database';\nvoid Database;\n",
          'analytics/api/x.ts',
        )
      ).length,
    ).toBe(1);
  });

  it('only electron/ imports electron', async () => {
    expect(
      await restrictedImportErrors("import { app } from 'electron';\nvoid app;\n", 'electron/main/x.ts'),
    ).toEqual([]);
    expect(
      (await restrictedImportErrors("import { app } from 'electron';\nvoid app;\n", 'tests/integration/x.ts'))
        .length,
    ).toBe(1);
  });
});
