/**
 * Transcoding throughput: writes a ~200 MB GB18030 CSV (Chinese headers and site names, numeric
 * readings), transcodes it to UTF-8 with transcodeToUtf8 and prints MB/s and peak RSS.
 *
 *   npx tsx bench/transcode.bench.ts [megabytes=200]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';

import { encodeGb18030 } from '../analytics/ingest/sniff/encode-gb18030';
import { transcodeToUtf8 } from '../analytics/ingest/sniff/transcode';

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function block(): Uint8Array {
  const lines = ['监测时间,企业名称,排口名称,二氧化硫实测浓度(mg/m3),氮氧化物实测浓度(mg/m3),氧含量(%),标记'];
  for (let i = 0; i < 200; i++) {
    const minute = String(i % 60).padStart(2, '0');
    lines.push(
      `2021-10-07 18:${minute}:00,某某热电有限公司${i % 7}号厂区,${(i % 3) + 1}#锅炉排口,${(12 + (i % 9) / 10).toFixed(1)},` +
        `${(30 + (i % 13) / 10).toFixed(1)},${(8 + (i % 5) / 10).toFixed(1)},${i % 50 === 0 ? '停运' : '正常'}`,
    );
  }
  return encodeGb18030(`${lines.join('\r\n')}\r\n`);
}

async function main(): Promise<void> {
  const megabytes = Number(process.argv[2] ?? 200);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'transcode-bench-'));
  try {
    const source = path.join(dir, 'gb18030.csv');
    const chunk = block();
    const out = createWriteStream(source);
    for (let written = 0; written < megabytes * 1e6; written += chunk.length) {
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = statSync(source).size;

    const rssBefore = process.memoryUsage().rss;
    const cpuStarted = cpuSeconds();
    const started = performance.now();
    const result = await transcodeToUtf8(source, path.join(dir, 'utf8.csv'));
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuStarted;
    const mb = size / 1e6;
    console.log(
      `transcode ${result.encoding} -> utf-8: ${mb.toFixed(0)} MB in, ${(result.bytesWritten / 1e6).toFixed(0)} MB out, ` +
        `${seconds.toFixed(2)} s wall (${(mb / seconds).toFixed(1)} MB/s) / ${cpu.toFixed(2)} s CPU ` +
        `(${(mb / cpu).toFixed(1)} MB per CPU-second), replacements ${result.replacementCount}, ` +
        `RSS before ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
