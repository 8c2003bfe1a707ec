import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileImportReport, ImportReport } from '../api/domain';
import { AppFailure } from '../api/result';
import { connectionRunner, type Database, type SqlRunner } from '../engine/database';
import { appendAudit, canonicalJson, nowLocal } from '../evidence/audit-log';
import { stageDelimited } from './csv-stage';
import { sha256File } from './file-hash';
import { JobProgress, type ProgressSink } from './job-progress';
import { LONG_MONITORING_ALIASES, matchHeaders } from './mapping/header-aliases';
import { parseLongMonitoring } from './monitoring-long';
import { commitMonitoringRows, type MonitoringLoadCounts } from './monitoring-rows';
import { sniffDelimited } from './sniff-delimited';

export interface ImportOptions {
  readonly jobId: string;
  readonly actor: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
}

const REJECTED_SAMPLE = 20;

function emptyReport(file: string, sha256: string): FileImportReport {
  return {
    file,
    sha256,
    status: 'failed',
    format: 'unknown',
    encoding: 'unknown',
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    duplicates: 0,
    conflictingDuplicates: 0,
    seriesFound: 0,
    timeSpan: null,
    unmappedColumns: [],
    unknownMns: [],
    rejectedSample: [],
    warnings: [],
    seconds: 0,
  };
}

/**
 * Import source files into an open case. Each file is one transaction on its own connection: it
 * lands whole or not at all, so a cancel or a crash leaves the case as it was. A file whose sha256 is
 * already in the case is skipped and reported as such. One failing file does not stop the others.
 */
export async function importFiles(
  db: Database,
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const progress = new JobProgress(options.jobId, options.onProgress ?? (() => undefined), 'files');
  const files: FileImportReport[] = [];
  for (const [i, p] of paths.entries()) {
    if (options.signal?.aborted) {
      files.push({ ...emptyReport(path.resolve(p), ''), status: 'cancelled' });
      continue;
    }
    progress.report('import', i, paths.length, path.basename(p), true);
    files.push(await importOneFile(db, path.resolve(p), options));
  }
  progress.report('done', paths.length, paths.length, undefined, true);
  return {
    files,
    rowsLoaded: files.reduce((s, f) => s + f.rowsLoaded, 0),
    rowsRejected: files.reduce((s, f) => s + f.rowsRejected, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

async function importOneFile(db: Database, file: string, options: ImportOptions): Promise<FileImportReport> {
  const t0 = performance.now();
  const seconds = () => (performance.now() - t0) / 1000;
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { ...emptyReport(file, ''), error: `File not found: ${file}`, seconds: seconds() };
  }
  let sha256: string;
  try {
    sha256 = await sha256File(file, options.signal);
  } catch (e) {
    if (options.signal?.aborted) return { ...emptyReport(file, ''), status: 'cancelled', seconds: seconds() };
    return { ...emptyReport(file, ''), error: `Cannot read ${file}: ${String(e)}`, seconds: seconds() };
  }
  const known = await db.all<{ name: string; imported_at: string }>(
    'SELECT name, imported_at FROM source_files WHERE sha256 = $h',
    { h: sha256 },
  );
  if (known[0]) {
    return {
      ...emptyReport(file, sha256),
      status: 'already-imported',
      warnings: [
        `Identical content (sha256) was already imported as ${known[0].name} at ${known[0].imported_at}; nothing was changed.`,
      ],
      seconds: seconds(),
    };
  }

  const connection = await db.connect();
  const tx = connectionRunner(connection);
  const onAbort = () => connection.interrupt();
  options.signal?.addEventListener('abort', onAbort);
  try {
    await tx.run('BEGIN TRANSACTION');
    const report = await loadFile(tx, file, sha256, options);
    if (options.signal?.aborted) throw new AppFailure('cancelled', 'Import cancelled.');
    await tx.run('COMMIT');
    return { ...report, seconds: seconds() };
  } catch (e) {
    await tx.run('ROLLBACK').catch(() => undefined);
    if (options.signal?.aborted) {
      return {
        ...emptyReport(file, sha256),
        status: 'cancelled',
        warnings: ['Cancelled: nothing from this file was kept.'],
        seconds: seconds(),
      };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { ...emptyReport(file, sha256), error: message, seconds: seconds() };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    connection.closeSync();
  }
}

async function loadFile(
  tx: SqlRunner,
  file: string,
  sha256: string,
  options: ImportOptions,
): Promise<FileImportReport> {
  const sniffed = await sniffDelimited(file);
  const { fields, unmapped } = matchHeaders(sniffed.headers, LONG_MONITORING_ALIASES);
  const isLong = ['outlet_id', 'code', 'time', 'value'].every((f) => fields[f] !== undefined);
  if (!isLong) {
    throw new AppFailure(
      'unsupported-format',
      `${path.basename(file)}: the header (${sniffed.headers.join(', ')}) matches no supported export format. ` +
        'Supported: the long monitoring export (outlet_id, code, time, value, flag[, stat]).',
      { file },
    );
  }
  const size = statSync(file).size;
  const [row] = await tx.all<{ file_id: number }>(
    `INSERT INTO source_files (sha256, name, path, size_bytes, format, encoding, imported_at,
       rows_read, rows_loaded, rows_rejected, duplicates, report_json)
     VALUES ($h, $n, $p, $s, 'monitoring-long', $e, $t::TIMESTAMP, 0, 0, 0, 0, '{}') RETURNING file_id`,
    { h: sha256, n: path.basename(file), p: file, s: size, e: sniffed.encoding, t: nowLocal() },
  );
  const fileId = row!.file_id;

  const progress = new JobProgress(options.jobId, options.onProgress ?? (() => undefined), 'steps');
  progress.report('read', 0, 3, path.basename(file), true);
  const layout = {
    path: file,
    delimiter: sniffed.delimiter,
    headerLine: sniffed.headerLine,
    headers: sniffed.headers,
  };
  const staged = await stageDelimited(tx, layout);
  progress.report('parse', 1, 3, path.basename(file), true);
  await parseLongMonitoring(tx, layout, fields);
  await tx.run(
    `INSERT INTO quarantine SELECT $f, line, 'malformed row: ' || reason, raw FROM imp_malformed`,
    { f: fileId },
  );
  progress.report('load', 2, 3, path.basename(file), true);
  const counts: MonitoringLoadCounts = await commitMonitoringRows(tx, fileId);
  const rejectedSample = await tx.all<{ row: number; reason: string }>(
    `SELECT source_row AS row, reason FROM quarantine WHERE file_id = $f ORDER BY source_row LIMIT ${REJECTED_SAMPLE}`,
    { f: fileId },
  );
  await tx.run('DROP TABLE IF EXISTS imp_stage');
  const report: FileImportReport = {
    file,
    sha256,
    status: 'imported',
    format: 'monitoring-long',
    encoding: sniffed.encoding,
    rowsRead: staged.rows + staged.malformed,
    rowsLoaded: counts.rowsLoaded,
    rowsRejected: counts.rowsRejected + staged.malformed,
    duplicates: counts.duplicates,
    conflictingDuplicates: counts.conflictingDuplicates,
    seriesFound: counts.seriesFound,
    timeSpan: counts.timeSpan,
    unmappedColumns: [...unmapped],
    unknownMns: [],
    rejectedSample,
    warnings: [],
    seconds: 0,
  };
  await tx.run(
    `UPDATE source_files SET rows_read = $r, rows_loaded = $l, rows_rejected = $j, duplicates = $d, report_json = $json
     WHERE file_id = $f`,
    {
      r: report.rowsRead,
      l: report.rowsLoaded,
      j: report.rowsRejected,
      d: report.duplicates,
      json: canonicalJson(report),
      f: fileId,
    },
  );
  await appendAudit(tx, options.actor, 'import.file', {
    file,
    sha256,
    fileId,
    format: report.format,
    rowsLoaded: report.rowsLoaded,
    rowsRejected: report.rowsRejected,
    duplicates: report.duplicates,
  });
  progress.report('load', 3, 3, path.basename(file), true);
  return report;
}
