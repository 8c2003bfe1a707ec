import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  protocol,
  session,
  utilityProcess,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { IPC } from '../shared/ipc-channels';
import type { MenuCommand, MenuLanguage } from '../shared/menu-commands';
import { ANALYTICS_SERVICE_NAME, createAnalyticsProcess, type AnalyticsProcess } from './analytics-process';
import { buildAppMenuTemplate, type MenuAction } from './app-menu';
import { APP_SCHEME } from './app-protocol';
import { createAppProtocolHandler } from './app-protocol-handler';
import { registerIpcBridge } from './ipc-bridge';
import { createMainWindow, hardenSession, hardenWebContents } from './secure-window';
import { shellLabels } from './shell-labels';

/**
 * The desktop shell's lifecycle: one instance, one window, the analytics utility process behind
 * it. Environment:
 *   ANALYST_USER_DATA_DIR   use this userData folder (tests isolate themselves with it)
 */

// Bundle-relative paths: `electron .` and `electron dist/electron/main.cjs` give different
// app.getAppPath() values, but this file always sits in dist/electron next to its siblings.
const bundleDir = __dirname;
const rendererRoot = path.resolve(bundleDir, '..', 'renderer');
const preloadPath = path.join(bundleDir, 'preload.cjs');
const analyticsHostPath = path.join(bundleDir, 'analytics-host.cjs');
// build/bundle-electron.mjs copies the rules' SQL here; analytics/rules/rule-sql.ts reads this variable.
const rulesDir = path.join(bundleDir, 'rules');

const userDataOverride = process.env['ANALYST_USER_DATA_DIR'];
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

// Both must happen before `ready`: a standard + secure scheme gets a real origin, fetch and
// code caching; it does not bypass the CSP.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;
let analytics: AnalyticsProcess | null = null;
let analyticsStopped = false;
let language: MenuLanguage = 'zh';

const liveWindow = (): BrowserWindow | null =>
  mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;

function sendToRenderer(channel: string, payload: unknown): void {
  liveWindow()?.webContents.send(channel, payload);
}

function sendMenuCommand(command: MenuCommand): void {
  sendToRenderer(IPC.menu, command);
}

async function showOpenDialog(options: OpenDialogOptions): Promise<string[]> {
  const win = liveWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

function pickImportFiles(): Promise<string[]> {
  const t = shellLabels[language];
  return showOpenDialog({
    title: t.importFiles.replace('…', ''),
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: t.supportedExports, extensions: ['csv', 'txt', 'log', 'xlsx', 'parquet'] },
      { name: t.csvFiles, extensions: ['csv'] },
      { name: t.textAndLogFiles, extensions: ['txt', 'log'] },
      { name: t.excelFiles, extensions: ['xlsx'] },
      { name: t.parquetFiles, extensions: ['parquet'] },
      { name: t.allFiles, extensions: ['*'] },
    ],
  });
}

async function onMenuAction(action: MenuAction): Promise<void> {
  const t = shellLabels[language];
  const caseFilter = [{ name: t.caseFiles, extensions: ['duckdb'] }];
  switch (action) {
    case 'new-case': {
      const win = liveWindow();
      const options: SaveDialogOptions = {
        title: t.newCase.replace('…', ''),
        defaultPath: path.join(app.getPath('documents'), t.newCaseName),
        filters: caseFilter,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (!result.canceled && result.filePath)
        sendMenuCommand({ command: 'new-case', path: result.filePath });
      return;
    }
    case 'open-case': {
      const [file] = await showOpenDialog({
        title: t.openCase.replace('…', ''),
        defaultPath: app.getPath('documents'),
        properties: ['openFile'],
        filters: caseFilter,
      });
      if (file) sendMenuCommand({ command: 'open-case', path: file });
      return;
    }
    case 'open-demo':
    case 'import':
    case 'about':
      sendMenuCommand({ command: action });
      return;
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled menu action ${String(unreachable)}`);
    }
  }
}

function installMenu(): void {
  const template = buildAppMenuTemplate({
    language,
    isDev: !app.isPackaged,
    platform: process.platform,
    onAction: (action) => {
      onMenuAction(action).catch((e: unknown) => console.error(`[main] menu action ${action} failed:`, e));
    },
    onLanguage: (next) => {
      language = next;
      installMenu();
      sendMenuCommand({ command: 'language', language: next });
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function openMainWindow(): void {
  if (!existsSync(path.join(rendererRoot, 'index.html'))) {
    console.error(`[main] the renderer is not built (${rendererRoot}); run \`npm run build\`.`);
  }
  const win = createMainWindow({ preload: preloadPath, isDev: !app.isPackaged });
  mainWindow = win;
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}

function startAnalytics(): AnalyticsProcess {
  return createAnalyticsProcess({
    fork: () =>
      utilityProcess.fork(analyticsHostPath, ['--data-dir', app.getPath('userData')], {
        serviceName: ANALYTICS_SERVICE_NAME,
        stdio: 'inherit',
        env: { ...process.env, ANALYST_RULES_DIR: rulesDir },
      }),
    onProgress: (event) => sendToRenderer(IPC.progress, event),
    onUnexpectedExit: (code, restarted) =>
      console.error(
        `[main] the analytics process exited with code ${code}; ${restarted ? 'restarted' : 'giving up'}`,
      ),
  });
}

function onReady(): void {
  language = app.getLocale().toLowerCase().startsWith('zh') ? 'zh' : 'en';
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
  const host = startAnalytics();
  analytics = host;
  registerIpcBridge({
    analytics: host,
    trustedWebContentsId: () => liveWindow()?.webContents.id ?? null,
    pickFiles: pickImportFiles,
  });
  installMenu();
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Two instances would fight over the open case's lock file; the running one gets focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  // Let the analytics process close the case cleanly (checkpoint, lock file) before we exit.
  app.on('will-quit', (event) => {
    if (analyticsStopped || analytics === null) return;
    event.preventDefault();
    void analytics.stop().finally(() => {
      analyticsStopped = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => {
      console.error('[main] startup failed:', e);
      app.exit(1);
    });
}
