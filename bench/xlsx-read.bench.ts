/**
 * XLSX reader throughput: writes a ~1M-cell workbook with the project's writer, then reads it in a
 * child process (so peak RSS is the reader's alone) and prints cells/s and peak RSS. CPU time is
 * printed next to wall time because shared build machines are often loaded.
 *
 *   npx tsx bench/xlsx-read.bench.ts [rows=100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { openXlsx } from '../analytics/ingest/xlsx/open-xlsx';
import { writeXlsx, xlsxDate, type XlsxWriteCell } from '../analytics/ingest/xlsx/xlsx-writer';

const COLUMNS = 10;

function rate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en');
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function readPhase(file: string): Promise<void> {
  const cpuStarted = cpuSeconds();
  const started = performance.now();
  const book = await openXlsx(file);
  const opened = performance.now();
  let cells = 0;
  let rows = 0;
  await book.readSheet(book.sheets[0]!.name, (_, row) => {
    rows++;
    for (const cell of row) if (cell !== null) cells++;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds() - cpuStarted;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ rows, cells, openMs: Math.round(opened - started), seconds, cpu, peakRss }));
}

function* benchRows(rowCount: number): Generator<XlsxWriteCell[]> {
  yield [
    '监测时间',
    '二氧化硫实测浓度(mg/m3)',
    '二氧化硫折算浓度(mg/m3)',
    '二氧化硫标记',
    '氮氧化物实测浓度(mg/m3)',
    '氮氧化物折算浓度(mg/m3)',
    '氮氧化物标记',
    '氧含量(%)',
    '烟气温度(℃)',
    '标干流量(m3/h)',
  ];
  const start = Date.UTC(2021, 0, 1);
  for (let i = 1; i < rowCount; i++) {
    const t = new Date(start + i * 60_000).toISOString();
    const flag = i % 97 === 0 ? 'F' : 'N';
    yield [
      xlsxDate(`${t.slice(0, 10)} ${t.slice(11, 19)}`),
      Math.round(Math.sin(i / 50) * 1000 + 2000) / 100,
      Math.round(Math.cos(i / 70) * 1000 + 2500) / 100,
      flag,
      Math.round((i % 400) * 13.7) / 10,
      Math.round((i % 400) * 16.1) / 10,
      flag,
      8 + (i % 30) / 10,
      85 + (i % 11),
      120000 + (i % 5000),
    ];
  }
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  if (mode === '--read') return readPhase(arg!);

  const rowCount = Number(mode ?? 100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xlsx-bench-'));
  try {
    const file = path.join(dir, 'bench.xlsx');
    const t = performance.now();
    const cpuStarted = cpuSeconds();
    const bytes = writeXlsx([{ name: '1#排口', rows: benchRows(rowCount) }]);
    writeFileSync(file, bytes);
    const writeSeconds = (performance.now() - t) / 1000;
    const writeCpu = cpuSeconds() - cpuStarted;
    const cells = rowCount * COLUMNS;
    console.log(
      `writer: ${rowCount} rows x ${COLUMNS} columns = ${cells} cells, ${mib(statSync(file).size)}, ` +
        `${writeSeconds.toFixed(2)} s wall / ${writeCpu.toFixed(2)} s CPU (${rate(cells / writeCpu)} cells per CPU-second)`,
    );

    const script = fileURLToPath(import.meta.url);
    const output = execFileSync(process.execPath, [...process.execArgv, script, '--read', file], {
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as {
      rows: number;
      cells: number;
      openMs: number;
      seconds: number;
      cpu: number;
      peakRss: number;
    };
    console.log(
      `reader: ${result.rows} rows, ${result.cells} cells, ${result.seconds.toFixed(2)} s wall ` +
        `(${rate(result.cells / result.seconds)} cells/s) / ${result.cpu.toFixed(2)} s CPU ` +
        `(${rate(result.cells / result.cpu)} cells per CPU-second), open ${result.openMs} ms, ` +
        `peak RSS ${mib(result.peakRss)} (reader process, incl. Node + tsx)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
