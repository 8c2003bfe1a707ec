// `npm start`: build the renderer and the Electron bundles, then run the desktop app. Where the
// Electron binary is not installed (a registry-only build host cannot download it), say so and run
// browser mode (`npm run web`) instead. Arguments after `--` go to the app.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

/**
 * The Electron executable, or null when it is not installed. Mirrors node_modules/electron/index.js
 * without calling it first: that module starts a download when the binary is missing.
 */
function findElectron() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable ?? 'electron')
    : executable && path.join(packageDir, 'dist', executable);
  return candidate && existsSync(candidate) ? candidate : null;
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (e) => {
      console.error(`Could not run ${command}: ${e.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// npm is npm.cmd on Windows, which only a shell can start.
const npm = (...args) => run('npm', args, { shell: process.platform === 'win32' });

const electron = findElectron();
if (electron === null) {
  console.warn(
    [
      '',
      'The Electron binary is not installed (node_modules/electron has no downloaded dist/), so the',
      'desktop app cannot start here. To get it:',
      '  - on a machine with internet access:  node node_modules/electron/install.js',
      '  - or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder (the one containing',
      '    the electron executable) and run `npm start` again.',
      '',
      'Starting browser mode instead (`npm run web`): open the URL it prints.',
      '',
    ].join('\n'),
  );
  process.exit(await npm('run', 'web', ...(passThrough.length ? ['--', ...passThrough] : [])));
}

const built = await npm('run', 'build');
if (built !== 0) process.exit(built);

// An inherited ELECTRON_RUN_AS_NODE would make Electron behave as plain Node and ignore the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
process.exit(await run(electron, ['.', ...passThrough], { env }));
