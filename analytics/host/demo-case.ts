import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generateDemoCity } from '../../sample-data/generate-demo-city';
import { closeCase, createCase } from '../engine/case-file';
import { importFiles } from '../ingest/import-files';
import { runScreening } from '../screening/run-screening';
import type { HandlerContext } from '../service';

/**
 * The embedded default: a small demo city generated and imported on first use (a few seconds), so
 * `npm start` and `npm run web` open on data without any setup. Built under a temporary name and
 * renamed into place when complete; a later call reuses it. Bump DEMO_VERSION when the generator or
 * the schema changes so old demo cases are rebuilt.
 */
const DEMO_VERSION = 1;

export function createDemoCaseProvider(
  dataDir: string,
  actor: string,
): (ctx: HandlerContext) => Promise<string> {
  const casePath = path.join(dataDir, `demo-city-v${DEMO_VERSION}.duckdb`);
  let building: Promise<string> | null = null;
  return (ctx) => {
    if (existsSync(casePath)) return Promise.resolve(casePath);
    building ??= buildDemoCase(dataDir, casePath, actor, ctx).finally(() => {
      building = null;
    });
    return building;
  };
}

async function buildDemoCase(
  dataDir: string,
  casePath: string,
  actor: string,
  ctx: HandlerContext,
): Promise<string> {
  const dir = path.join(dataDir, `demo-city-v${DEMO_VERSION}`);
  const jobId = ctx.jobId ?? 'demo';
  const emit = (phase: string, done: number, total: number | null, item?: string) =>
    ctx.emitProgress({
      jobId,
      phase,
      done,
      total,
      unit: 'steps',
      rate: null,
      etaSeconds: null,
      ...(item ? { item } : {}),
    });
  emit('generate', 0, 3);
  const manifest = await generateDemoCity({
    dir,
    signal: ctx.signal,
    onProgress: (p) => emit('generate', 0, 3, p.phase),
  });
  const building = `${casePath}.building.duckdb`;
  rmSync(building, { force: true });
  rmSync(`${building}.wal`, { force: true });
  rmSync(`${building}.lock`, { force: true });
  const c = await createCase(
    building,
    { appVersion: 'demo', actor },
    { name: path.basename(casePath, '.duckdb') },
  );
  try {
    emit('import', 1, 3);
    // Reference data first, so monitoring exports keyed by MN land on their registered outlets.
    const first = new Set(['registry', 'devices', 'stations', 'orders', 'measures']);
    const files = manifest.files
      .filter((f) => f.kind !== 'labels')
      .sort((a, b) => Number(first.has(b.kind)) - Number(first.has(a.kind)))
      .map((f) => path.join(dir, f.path));
    await importFiles(c.db, files, {
      jobId,
      actor,
      signal: ctx.signal,
      onProgress: (e) => ctx.emitProgress(e),
    });
    emit('screen', 2, 3);
    await runScreening(c.db, { jobId, actor, signal: ctx.signal, onProgress: (e) => ctx.emitProgress(e) });
  } finally {
    await closeCase(c);
  }
  if (ctx.signal.aborted) throw new Error('Demo case preparation cancelled.');
  renameSync(building, casePath);
  emit('done', 3, 3);
  return casePath;
}
