import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHttpHost } from '../../analytics/host/http-host';
import { createAnalytics, type AnalyticsOptions } from '../../analytics/service';
import { repoRoot } from './shared-data';

export interface TestWebHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * The real browser-mode host (same code as `npm run web`) started in the test process over the
 * built renderer in dist/renderer (run `npm run build:renderer` first).
 */
export async function startWebHost(
  opts: { dataDir?: string; demoCase?: AnalyticsOptions['demoCase'] } = {},
): Promise<TestWebHost> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'analyst-web-'));
  // Like `npm run web`: the mapping templates live in the data directory.
  const templatesFile = path.join(dataDir, 'mapping-templates.json');
  const analytics = createAnalytics(
    opts.demoCase
      ? { mode: 'browser', actor: 'e2e', demoCase: opts.demoCase, templatesFile }
      : { mode: 'browser', actor: 'e2e', templatesFile },
  );
  const host = await startHttpHost({
    analytics,
    staticDir: path.join(repoRoot, 'dist', 'renderer'),
    uploadDir: path.join(dataDir, 'uploads'),
  });
  return {
    url: host.url,
    origin: `http://127.0.0.1:${host.port}`,
    token: host.token,
    dataDir,
    async close() {
      await host.close();
      await analytics.dispose();
    },
  };
}
