/**
 * Throughput of the streaming HJ 212 log reader on a synthetic log.
 *
 *   npx tsx bench/hj212-parse.bench.ts [--packets 500000] [--keep] [--log <file>] [--only append|import] [--repeat N]
 *
 * Writes a log of valid CN 2061 hourly packets (10 codes: 38 values and 10 flags, ~940 bytes, a
 * timestamp prefix per line, CRLF) to a temp file, then reads it:
 * - parse only: the callback API, the callback API plus `packetRecords` (one object per reading,
 *   the reference flattening), and the per-packet async iterator;
 * - parse + flatten + append: what the importer's JS side does (`ReadingColumns` into a DuckDB
 *   appender via data chunks), into an in-memory table, without the SQL that follows;
 * - end to end: `importFiles` into a new case file (sha256, parse + flatten + append, the staging
 *   SQL, commitHj212Readings, the commit).
 * Prints packets/s (wall), packets per CPU-second of the main thread (the JS; the appender's copy
 * runs on it too) and of the process (DuckDB threads included), MiB/s, peak RSS and load average.
 * Goal: >= 100,000 packets/s on one core. On a shared machine the wall figure follows the load;
 * the CPU-second figures less so.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { formatPacket } from '../analytics/ingest/hj212/format-packet';
import { readHj212Log, scanHj212Log, type LogSummary } from '../analytics/ingest/hj212/log-reader';
import { packetRecords } from '../analytics/ingest/hj212/packet-records';
import {
  ReadingColumns,
  READING_COLUMNS_TABLES_SQL,
  READING_VALUES_SQL,
} from '../analytics/ingest/hj212/reading-columns';
import { closeCase, createCase } from '../analytics/engine/case-file';
import { Database } from '../analytics/engine/database';
import { importFiles } from '../analytics/ingest/import-files';
import type { ProgressEvent } from '../analytics/api/progress';

const args = process.argv.slice(2);
const packetsArg = args.indexOf('--packets');
const PACKETS = packetsArg >= 0 ? Number(args[packetsArg + 1]) : 500_000;
const KEEP = args.includes('--keep');
/** `--log <file>`: read a log a `--keep` run left (same --packets) instead of writing a new one. */
const logArg = args.indexOf('--log');
const LOG = logArg >= 0 ? args[logArg + 1] : undefined;
/** `--only append` or `--only import`: run that step alone (when working on one of them). */
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1] : undefined;
const repeatArg = args.indexOf('--repeat');
const REPEAT = repeatArg >= 0 ? Number(args[repeatArg + 1]) : 1;

const CODES = [
  'a21026',
  'a21002',
  'a34013',
  'a19001',
  'a01011',
  'a01012',
  'a01013',
  'a01014',
  'a00000',
  'a21005',
];
const POLLUTANTS = new Set(['a21026', 'a21002', 'a34013', 'a21005']);

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Deterministic pseudo-random values so runs are comparable; a pool keeps generation fast. */
let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return (seed >>> 8) / 0x1000000;
}
const VALUES = Array.from({ length: 4096 }, () => (rand() * 100).toFixed(rand() < 0.5 ? 2 : 3));
const value = (): string => VALUES[(seed = (seed * 1103515245 + 12345) >>> 0) >>> 20]!;

function hourlySegment(i: number): string {
  const mn = `MN${pad(i % 50, 22)}`;
  const hour = Math.floor(i / 50);
  const t = new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000);
  const stamp = `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1, 2)}${pad(t.getUTCDate(), 2)}${pad(t.getUTCHours(), 2)}`;
  const items = CODES.map((code) => {
    const fields = [`${code}-Avg=${value()}`, `${code}-Min=${value()}`, `${code}-Max=${value()}`];
    if (POLLUTANTS.has(code)) fields.push(`${code}-ZsAvg=${value()}`, `${code}-Cou=${value()}`);
    fields.push(`${code}-Flag=${rand() < 0.02 ? 'D' : 'N'}`);
    return fields.join(',');
  });
  return `QN=${stamp}0005123;ST=31;CN=2061;PW=123456;MN=${mn};Flag=4;CP=&&DataTime=${stamp}0000;${items.join(';')}&&`;
}

function writeLog(file: string): void {
  const fd = openSync(file, 'w');
  let batch: string[] = [];
  for (let i = 0; i < PACKETS; i++) {
    batch.push(`[2024-01-01 00:00:${pad(i % 60, 2)}] RECV ${formatPacket(hourlySegment(i))}`);
    if (batch.length === 5000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

type Mode = 'callback' | 'callback + records' | 'for await' | 'parse+flatten+append';

/** CPU seconds of the main thread alone (Linux: /proc), where the JS runs; DuckDB's workers excluded. */
function mainThreadCpuSeconds(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, in clock ticks (USER_HZ = 100 on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const processCpuSeconds = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * Peak RSS, sampled every 50 ms (the reads yield to the event loop often enough). Not sampled on
 * every read chunk: even `memoryUsage.rss()` reads /proc, ~3% of the main thread at 7,000 chunks.
 */
function rssSampler(): { readonly peak: () => number; readonly stop: () => void } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return { peak: () => Math.max(peak, process.memoryUsage.rss()), stop: () => clearInterval(timer) };
}

const rate = (n: number, seconds: number): string => Math.round(n / seconds).toLocaleString('en');
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * Parse + flatten + append into an in-memory DuckDB table: the JS side of the import. Returns the
 * packets per main-thread CPU-second.
 */
async function runAppend(file: string): Promise<number> {
  const db = await Database.open(':memory:', { threads: 2 });
  const connection = await db.connect();
  for (const sql of READING_COLUMNS_TABLES_SQL('bench')) await connection.run(sql);
  const packets = await connection.createAppender('bench_packet', 'main', 'temp');
  const values = await connection.createAppender('bench_value', 'main', 'temp');
  const wide = await connection.createAppender('bench_value_wide', 'main', 'temp');
  const columns = new ReadingColumns(packets, values, wide);
  const rss = rssSampler();
  const started = performance.now();
  const main0 = mainThreadCpuSeconds();
  const cpu0 = processCpuSeconds();
  const summary = await scanHj212Log(file, (p) => void columns.addPacket(p.line, p.packet, 0));
  columns.flush();
  for (const a of [packets, values, wide]) {
    a.flushSync();
    a.closeSync();
  }
  const seconds = (performance.now() - started) / 1000;
  const main = mainThreadCpuSeconds() - main0;
  const cpu = processCpuSeconds() - cpu0;
  const peakRss = rss.peak();
  rss.stop();
  const counted = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM ${READING_VALUES_SQL('bench')}`,
  );
  const appended = counted.getRowObjects()[0]?.['n'];
  if (appended !== columns.rows || summary.packets !== PACKETS) {
    throw new Error(`appended ${String(appended)} of ${columns.rows} readings, ${summary.packets} packets`);
  }
  connection.closeSync();
  db.close();
  console.log(
    `parse+flatten+append: ${rate(PACKETS, main)} packets per main-thread CPU-second ` +
      `(${main.toFixed(2)} s main thread, ${cpu.toFixed(2)} s process CPU, ${seconds.toFixed(2)} s wall: ` +
      `${rate(PACKETS, seconds)} packets/s wall); ${rate(columns.rows, main)} readings per main-thread ` +
      `CPU-second; ${columns.rows.toLocaleString('en')} readings; peak RSS ${mib(peakRss)}; load ${load()}`,
  );
  return PACKETS / main;
}

/** `importFiles` into a new case file: the real import path, end to end. */
async function runImport(dir: string, file: string): Promise<void> {
  const c = await createCase(path.join(dir, 'bench.duckdb'), { appVersion: 'bench', actor: 'bench' });
  const rss = rssSampler();
  let readStart: { wall: number; main: number; cpu: number } | null = null;
  let readEnd: { wall: number; main: number; cpu: number } | null = null;
  let staged: { wall: number; main: number; cpu: number } | null = null;
  const mark = () => ({ wall: performance.now(), main: mainThreadCpuSeconds(), cpu: processCpuSeconds() });
  const onProgress = (e: ProgressEvent): void => {
    // 'load' 2 of 3: parseHj212Log is done (the staging tables are complete), commitHj212Readings starts.
    if (e.phase === 'load' && e.done === 2) staged = mark();
    if (e.phase !== 'read') return;
    readStart ??= mark();
    if (e.done === e.total) readEnd = mark();
  };
  const t0 = mark();
  const report = await importFiles(c.db, [file], { jobId: 'bench', actor: 'bench', onProgress });
  const t1 = mark();
  const peakRss = rss.peak();
  rss.stop();
  const f = report.files[0]!;
  if (f.status !== 'imported' || f.packets !== PACKETS) throw new Error(`import: ${JSON.stringify(f)}`);
  await closeCase(c);
  if (readStart === null || readEnd === null || staged === null) throw new Error('no progress events');
  const r0: { wall: number; main: number; cpu: number } = readStart;
  const r1: { wall: number; main: number; cpu: number } = readEnd;
  const r2: { wall: number; main: number; cpu: number } = staged;
  const readMain = r1.main - r0.main;
  const wall = (t1.wall - t0.wall) / 1000;
  console.log(
    `importFiles, read phase (parse+flatten+append, from the first to the last read): ` +
      `${rate(PACKETS, readMain)} packets per main-thread CPU-second (${readMain.toFixed(2)} s main thread, ` +
      `${(r1.cpu - r0.cpu).toFixed(2)} s process CPU, ${((r1.wall - r0.wall) / 1000).toFixed(2)} s wall)`,
  );
  const phase = (a: typeof r0, b: typeof r0): string =>
    `${((b.wall - a.wall) / 1000).toFixed(2)} s wall, ${(b.cpu - a.cpu).toFixed(2)} s process CPU`;
  console.log(
    `importFiles after the read: rest of parseHj212Log (unknown MNs) ${phase(r1, r2)}; ` +
      `commitHj212Readings + report + COMMIT ${phase(r2, t1)}; before the read (sha256 ...) ${phase(t0, r0)}`,
  );
  console.log(
    `importFiles end to end (sha256, read, commitHj212Readings, COMMIT): ` +
      `${rate(PACKETS, wall)} packets/s wall, ${rate(f.rowsLoaded, wall)} readings/s wall ` +
      `(${wall.toFixed(2)} s wall, ${(t1.main - t0.main).toFixed(2)} s main thread, ` +
      `${(t1.cpu - t0.cpu).toFixed(2)} s process CPU: ${rate(PACKETS, t1.cpu - t0.cpu)} packets per process ` +
      `CPU-second); ${f.rowsLoaded.toLocaleString('en')} readings loaded, ${f.rowsRejected} rejected, ` +
      `${f.duplicates} duplicates; peak RSS ${mib(peakRss)}; load ${load()}`,
  );
}

async function run(file: string, mode: Mode): Promise<void> {
  let packets = 0;
  let readings = 0;
  const rss = rssSampler();
  const options = {};
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let summary: LogSummary;
  if (mode === 'for await') {
    const reader = readHj212Log(file, options);
    let next = await reader.next();
    while (next.done !== true) {
      packets++;
      next = await reader.next();
    }
    summary = next.value;
  } else {
    const flatten = mode === 'callback + records';
    summary = await scanHj212Log(
      file,
      (p) => {
        packets++;
        if (flatten) readings += packetRecords(p.packet).readings.length;
      },
      options,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakRss = rss.peak();
  rss.stop();
  if (summary.packets !== PACKETS || summary.crc.valid !== PACKETS) {
    throw new Error(`expected ${PACKETS} valid packets, got ${JSON.stringify(summary.crc)}`);
  }
  console.log(
    `${mode.padEnd(18)}: ${Math.round(packets / seconds).toLocaleString('en')} packets/s ` +
      `(${seconds.toFixed(2)} s wall, ${(summary.bytes / 1024 / 1024 / seconds).toFixed(0)} MiB/s); ` +
      `${Math.round(packets / cpuSeconds).toLocaleString('en')} packets per CPU-second; ` +
      `peak RSS ${mib(peakRss)}${readings > 0 ? `; ${readings.toLocaleString('en')} readings` : ''}`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'hj212-bench-'));
const file = LOG ?? path.join(dir, 'hourly.log');
try {
  if (LOG === undefined) {
    const t0 = performance.now();
    writeLog(file);
    console.log(
      `wrote ${PACKETS.toLocaleString('en')} packets, ${mib(statSync(file).size)} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`,
    );
  }
  console.log(
    `load average before reading: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  if (ONLY === undefined) {
    await run(file, 'callback');
    await run(file, 'callback + records');
    await run(file, 'for await');
  }
  // The JS side's figure moves by a third between identical runs on this machine: `--repeat N` runs
  // it N times in one process (each line printed) for a best and a median.
  if (ONLY === undefined || ONLY === 'append') {
    const rates: number[] = [];
    for (let r = 0; r < REPEAT; r++) rates.push(await runAppend(file));
    if (REPEAT > 1) {
      const sorted = [...rates].sort((a, b) => a - b);
      console.log(
        `parse+flatten+append over ${REPEAT} runs: best ${rate(sorted[REPEAT - 1]!, 1)}, ` +
          `median ${rate(sorted[Math.floor(REPEAT / 2)]!, 1)} packets per main-thread CPU-second`,
      );
    }
  }
  if (ONLY === undefined || ONLY === 'import') await runImport(dir, file);
  console.log(
    `max RSS of the process: ${mib(process.resourceUsage().maxRSS * 1024)} (node ${process.version})`,
  );
} finally {
  if (KEEP && LOG === undefined) {
    rmSync(path.join(dir, 'bench.duckdb'), { force: true });
    console.log(`kept ${file}`);
  } else rmSync(dir, { recursive: true, force: true });
}
