import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalytics } from '../service';
import { createDemoCaseProvider } from './demo-case';
import { startHttpHost } from './http-host';

/**
 * `npm run web`: browser mode. Serves the built renderer on 127.0.0.1 over the same analytics
 * service as the desktop app and prints the URL (with its per-run token) to open in a browser.
 *   --port N        fixed port (default: a free one)
 *   --data-dir DIR  where uploads and the demo case live (default ~/.emission-forensics)
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.resolve(
  arg('data-dir') ?? process.env['ANALYST_DATA_DIR'] ?? path.join(os.homedir(), '.emission-forensics'),
);
const actor = os.userInfo().username;
const analytics = createAnalytics({
  mode: 'browser',
  actor,
  demoCase: createDemoCaseProvider(dataDir, actor),
  templatesFile: path.join(dataDir, 'mapping-templates.json'),
});
const host = await startHttpHost({
  analytics,
  staticDir: path.join(repoRoot, 'dist', 'renderer'),
  uploadDir: path.join(dataDir, 'uploads'),
  port: Number(arg('port') ?? 0),
});

process.stdout.write(
  `Emission forensics workstation (browser mode)\n  open: ${host.url}\n  data: ${dataDir}\n`,
);

const shutdown = async () => {
  await host.close();
  await analytics.dispose();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
