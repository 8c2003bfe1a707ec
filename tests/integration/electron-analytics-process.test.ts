import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostRequest } from '../../analytics/host/utility-entry';
import {
  createAnalyticsProcess,
  gaveUpMessage,
  restartedMessage,
  type ChildProcessPort,
} from '../../electron/main/analytics-process';
import { repoRoot } from '../support/shared-data';

// The main process's supervisor of the analytics utility process, without Electron: first against a
// scripted fake child, then against the real bundled entry (dist-style analytics-host.cjs) run by
// Node with an emulated `process.parentPort`.

class FakeChild implements ChildProcessPort {
  readonly sent: HostRequest[] = [];
  killed = false;
  failSend = false;
  private readonly events = new EventEmitter();

  postMessage(message: HostRequest): void {
    if (this.failSend) throw new Error('An object could not be cloned.');
    this.sent.push(message);
  }
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: 'message' | 'exit', listener: ((message: unknown) => void) | ((code: number) => void)): this {
    this.events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  reply(message: unknown): void {
    this.events.emit('message', message);
  }
  exit(code: number): void {
    this.events.emit('exit', code);
  }
  lastInvokeId(): number {
    const last = this.sent.at(-1);
    if (last?.kind !== 'invoke') throw new Error('no invoke sent');
    return last.id;
  }
}

function fakeHost(options: { now?: () => number; maxCrashes?: number; shutdownTimeoutMs?: number } = {}) {
  const children: FakeChild[] = [];
  const progress: unknown[] = [];
  const exits: [number, boolean][] = [];
  const host = createAnalyticsProcess({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    onProgress: (event) => progress.push(event),
    onUnexpectedExit: (code, restarted) => exits.push([code, restarted]),
    ...options,
  });
  const current = () => {
    const child = children.at(-1);
    if (!child) throw new Error('no child');
    return child;
  };
  return { host, children, progress, exits, current };
}

const appInfoReply = { ok: true, value: { mode: 'desktop' } };

describe('analytics process supervisor (fake child)', () => {
  it('forwards invokes and matches replies by id', async () => {
    const { host, current } = fakeHost();
    const first = host.invoke('app:info', {});
    const second = host.invoke('case:summary', {});
    const [a, b] = current().sent;
    expect(a).toEqual({ kind: 'invoke', id: 1, channel: 'app:info', request: {} });
    expect(b).toMatchObject({ kind: 'invoke', id: 2, channel: 'case:summary' });
    current().reply({ kind: 'result', id: 2, result: { ok: true, value: null } });
    current().reply({ kind: 'result', id: 1, result: appInfoReply });
    expect(await first).toEqual(appInfoReply);
    expect(await second).toEqual({ ok: true, value: null });
  });

  it('forwards progress events and ignores malformed messages', () => {
    const { current, progress } = fakeHost();
    const event = {
      jobId: 'j',
      phase: 'read',
      done: 1,
      total: 2,
      unit: 'files',
      rate: null,
      etaSeconds: null,
    };
    current().reply({ kind: 'progress', event });
    current().reply({ kind: 'bogus' });
    current().reply('text');
    current().reply({ kind: 'result', id: 'x' });
    expect(progress).toEqual([event]);
  });

  it('answers pending invokes with the restart error and restarts after an unexpected exit', async () => {
    const { host, children, exits, current } = fakeHost();
    const pending = host.invoke('series:list', {});
    current().exit(139);
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'internal', message: restartedMessage(139) },
    });
    expect(restartedMessage(139)).toBe(
      'The analytics process stopped unexpectedly (exit code 139); it has been restarted. Re-open the case.',
    );
    expect(children).toHaveLength(2);
    expect(exits).toEqual([[139, true]]);

    const next = host.invoke('app:info', {});
    current().reply({ kind: 'result', id: current().lastInvokeId(), result: appInfoReply });
    expect(await next).toEqual(appInfoReply);
    // A late reply of the dead process for an id it never got is ignored.
    children[0]?.reply({ kind: 'result', id: 99, result: appInfoReply });
  });

  it('gives up after repeated crashes within the window', async () => {
    let t = 0;
    const { host, children, exits, current } = fakeHost({ now: () => t, maxCrashes: 3 });
    current().exit(1);
    t += 1_000;
    current().exit(1);
    t += 1_000;
    const pending = host.invoke('app:info', {});
    current().exit(3221225477);
    expect(children).toHaveLength(3);
    expect(exits).toEqual([
      [1, true],
      [1, true],
      [3221225477, false],
    ]);
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'internal', message: gaveUpMessage(3221225477) },
    });
    expect(await host.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(children).toHaveLength(3);
  });

  it('keeps restarting crashes that are far apart', () => {
    let t = 0;
    const { children, current } = fakeHost({ now: () => t, maxCrashes: 3 });
    for (let i = 0; i < 5; i++) {
      current().exit(1);
      t += 61_000;
    }
    expect(children).toHaveLength(6);
  });

  it('gives up instead of throwing when a restart cannot fork', async () => {
    let forks = 0;
    const exits: [number, boolean][] = [];
    const first = new FakeChild();
    const host = createAnalyticsProcess({
      fork: () => {
        if (forks++ > 0) throw new Error('spawn failed');
        return first;
      },
      onProgress: () => undefined,
      onUnexpectedExit: (code, restarted) => exits.push([code, restarted]),
    });
    first.exit(1);
    expect(exits).toEqual([[1, false]]);
    expect(await host.invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { message: gaveUpMessage(1) },
    });
  });

  it('answers an uncloneable request instead of rejecting', async () => {
    const { host, current } = fakeHost();
    current().failSend = true;
    expect(await host.invoke('app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('stops cleanly: shutdown message, no restart, later invokes answered', async () => {
    const { host, children, exits, current } = fakeHost();
    const pending = host.invoke('app:info', {});
    const stopped = host.stop();
    expect(current().sent.at(-1)).toEqual({ kind: 'shutdown' });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
    current().exit(0);
    await stopped;
    expect(children).toHaveLength(1);
    expect(exits).toEqual([]);
    expect(current().killed).toBe(false);
    expect(await host.invoke('app:info', {})).toMatchObject({ ok: false });
    expect(host.stop()).toBe(stopped);
  });

  it('kills a process that does not exit after shutdown', async () => {
    const { host, current } = fakeHost({ shutdownTimeoutMs: 20 });
    await host.stop();
    expect(current().killed).toBe(true);
  });
});

// Emulates Electron's `process.parentPort` over Node's IPC channel, then loads the bundled entry.
const PARENT_PORT_SHIM = `
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => process.send(message);
process.on('message', (data) => port.emit('message', { data, ports: [] }));
process.parentPort = port;
require(process.env.ANALYST_HOST_BUNDLE);
`;

class NodeHostChild implements ChildProcessPort {
  exitCode: number | null = null;

  constructor(readonly child: ChildProcess) {
    // A send racing the child's death must not become an unhandled 'error' event.
    child.on('error', () => undefined);
  }
  postMessage(message: HostRequest): void {
    this.child.send(message);
  }
  on(event: 'message', listener: (message: unknown) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: 'message' | 'exit', listener: ((message: unknown) => void) | ((code: number) => void)): this {
    if (event === 'message') {
      this.child.on('message', listener as (message: unknown) => void);
    } else {
      this.child.on('exit', (code, signal) => {
        this.exitCode = code ?? 128 + (signal ? os.constants.signals[signal] : 0);
        (listener as (code: number) => void)(this.exitCode);
      });
    }
    return this;
  }
  kill(): boolean {
    return this.child.kill();
  }
}

describe('analytics process supervisor (bundled utility entry under Node)', () => {
  let outdir: string;
  let bundle: string;
  let dataDir: string;
  const children: NodeHostChild[] = [];

  beforeAll(() => {
    // Inside the repository so the bundle resolves @duckdb/* from node_modules, like dist/electron.
    mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    outdir = mkdtempSync(path.join(repoRoot, '.tmp', 'electron-bundle-'));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'analyst-utility-'));
    const built = spawnSync(process.execPath, ['build/bundle-electron.mjs', '--outdir', outdir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`bundle-electron failed:\n${built.stdout}\n${built.stderr}`);
    bundle = path.join(outdir, 'analytics-host.cjs');
  });

  afterAll(() => {
    for (const c of children) c.kill();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fork = (): NodeHostChild => {
    const child = new NodeHostChild(
      spawn(process.execPath, ['-e', PARENT_PORT_SHIM, '--', '--data-dir', dataDir], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
        // As main does: the rules' SQL is read from the copy next to the bundle.
        env: { ...process.env, ANALYST_HOST_BUNDLE: bundle, ANALYST_RULES_DIR: path.join(outdir, 'rules') },
      }),
    );
    children.push(child);
    return child;
  };

  it('exits with a message when loaded outside a utility process', () => {
    const res = spawnSync(process.execPath, [bundle], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('process.parentPort is missing');
  });

  it('answers through the dispatcher, survives a crash, and shuts down cleanly', async () => {
    const exits: [number, boolean][] = [];
    const host = createAnalyticsProcess({
      fork,
      onProgress: () => undefined,
      onUnexpectedExit: (code, restarted) => exits.push([code, restarted]),
    });

    const info = await host.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'desktop' } });
    expect(await host.invoke('nope:nothing', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await host.invoke('case:open', { path: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    const casePath = path.join(dataDir, 'crash.duckdb');
    expect(await host.invoke('case:create', { path: casePath })).toMatchObject({ ok: true });
    // The bundle has no import.meta and no analytics/ folder: screening proves the rule SQL is found.
    expect(await host.invoke('screening:run', { jobId: 'screen-1' })).toMatchObject({ ok: true });

    // A native crash in DuckDB looks like this from the main process.
    const first = children.at(-1);
    first?.child.kill('SIGKILL');
    await expect.poll(() => exits.length, { timeout: 10_000 }).toBe(1);
    expect(exits[0]).toEqual([128 + os.constants.signals.SIGKILL, true]);
    expect(children).toHaveLength(2);
    expect(await host.invoke('app:info', {})).toMatchObject({ ok: true, value: { mode: 'desktop' } });
    // The new process starts with no case open: that is why the error says to re-open it.
    expect(await host.invoke('case:summary', {})).toEqual({ ok: true, value: null });
    // …and re-opening works although the killed process could not release its lock.
    expect(await host.invoke('case:open', { path: casePath })).toMatchObject({ ok: true });

    await host.stop();
    expect(children.at(-1)?.exitCode).toBe(0);
    expect(exits).toHaveLength(1);
  });
});
