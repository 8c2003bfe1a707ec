/**
 * Throughput of the streaming HJ 212 log reader on a synthetic log.
 *
 *   npx tsx bench/hj212-parse.bench.ts [--packets 500000] [--keep]
 *
 * Writes a log of valid CN 2061 hourly packets (10 codes: 38 values and 10 flags, ~940 bytes, a
 * timestamp prefix per line, CRLF) to a temp file, then reads it three ways: the callback API
 * (parse only), the callback API plus flattening into reading records (what the importer does),
 * and the per-packet async iterator. Prints packets/s (wall), packets per CPU-second, MiB/s and peak RSS.
 * Goal: >= 100,000 packets/s on one core. On a shared machine the wall figure follows the load;
 * the CPU-second figure less so.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { formatPacket } from '../analytics/ingest/hj212/format-packet';
import { readHj212Log, scanHj212Log, type LogSummary } from '../analytics/ingest/hj212/log-reader';
import { packetRecords } from '../analytics/ingest/hj212/packet-records';

const args = process.argv.slice(2);
const packetsArg = args.indexOf('--packets');
const PACKETS = packetsArg >= 0 ? Number(args[packetsArg + 1]) : 500_000;
const KEEP = args.includes('--keep');

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

type Mode = 'callback' | 'callback + records' | 'for await';

async function run(file: string, mode: Mode): Promise<void> {
  let packets = 0;
  let readings = 0;
  let peakRss = process.memoryUsage().rss;
  const options = {
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  };
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
const file = path.join(dir, 'hourly.log');
try {
  const t0 = performance.now();
  writeLog(file);
  console.log(
    `wrote ${PACKETS.toLocaleString('en')} packets, ${mib(statSync(file).size)} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${file}`,
  );
  console.log(
    `load average before reading: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs`,
  );
  await run(file, 'callback');
  await run(file, 'callback + records');
  await run(file, 'for await');
  console.log(
    `max RSS of the process: ${mib(process.resourceUsage().maxRSS * 1024)} (node ${process.version})`,
  );
} finally {
  if (KEEP) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
