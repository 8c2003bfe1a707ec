import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileImportReport, ImportReport } from '../api/domain';
import { AppFailure } from '../api/result';
import type { DuckDBConnection } from '@duckdb/node-api';
import { connectionRunner, limitMemory, type Database, type SqlRunner } from '../engine/database';
import { appendAudit, canonicalJson, nowLocal } from '../evidence/audit-log';
import { loadAirReadings } from './air-readings';
import { delimitedLayout, dropStage, stageSource, type StageLayout, type StagedSource } from './stage-source';
import { sniffFile, type SniffResult } from './sniff/sniff-format';
import {
  detectDelimitedFormat,
  formatName,
  SUPPORTED_FORMATS_TEXT,
  type DetectedFormat,
} from './formats/detect-format';
import { loadTabular } from './formats/tabular-format';
import { sha256File } from './file-hash';
import { JobProgress, type ProgressSink } from './job-progress';
import { commitFacilityStates, commitHj212Readings, parseHj212Log } from './hj212-import';
import { parseLongMonitoring } from './monitoring-long';
import { commitMonitoringRows, type MonitoringLoadCounts } from './monitoring-rows';
import { loadWideMonitoring, type WideLoadCounts } from './monitoring-wide';
import { readCleanWideCsv } from './wide-clean-csv';
import { loadRegistry } from './registry';
import { shapeKey, type ImportMapping } from '../api/import-mapping';
import { loadMapped } from './mapped-import';

export interface ImportOptions {
  readonly jobId: string;
  readonly actor: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
  /**
   * Files to read with an analyst's column mapping instead of by header (key: the path as given or
   * resolved), with the template it came from. Files not listed import exactly as without it.
   */
  readonly mappings?: ReadonlyMap<string, FileMapping>;
  /**
   * The saved template of a header shape (`shapeKey`), if any: a CSV, XLSX or Parquet file that is
   * given no mapping and matches no documented format is read with it, so the next file of a shape
   * the analyst already mapped imports without asking again.
   */
  readonly templateForShape?: (shapeKey: string) => FileMapping | undefined;
}

export interface FileMapping {
  readonly mapping: ImportMapping;
  readonly template?: string;
}

const REJECTED_SAMPLE = 20;

const UNKNOWN_REASON: Readonly<Record<Extract<SniffResult, { format: 'unknown' }>['reason'], string>> = {
  empty: 'the file is empty',
  binary: 'the file is binary, not a text export, workbook or Parquet file',
  'legacy-xls':
    'legacy .xls workbooks (or password-protected ones) cannot be read; save it as .xlsx in Excel',
  'zip-not-xlsx': 'the ZIP archive is not an .xlsx workbook',
  'corrupt-xlsx': 'the .xlsx workbook is damaged',
  'no-structure': 'no consistent columns were found (is it a one-column file or free text?)',
};

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
 * Files of overlapping calls are imported one at a time (`Database.exclusive`).
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
    files.push(await db.exclusive(() => importOneFile(db, path.resolve(p), options)));
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
  const restoreMemory = await limitImportMemory(tx, db.memoryLimit);
  try {
    await tx.run('BEGIN TRANSACTION');
    const report = await loadFile(tx, connection, file, sha256, options);
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
    await restoreMemory();
    connection.closeSync();
  }
}

/**
 * Import memory budget (ANALYST_IMPORT_MEMORY, default 512MB). An import's big steps (staging, the
 * sorts, the duplicate check) spill to the case's temp directory beyond it, so a multi-GB export
 * stays within a bounded process RSS instead of growing with the file (DuckDB's own allocations
 * outside the budget come on top: a 2 GB CSV peaked at 1.15 GB RSS with 512MB, 1.57 GB with 768MB);
 * queries get the case's own limit back afterwards. The limit is instance-wide in DuckDB, so a query
 * running beside an import also spills earlier for that time (slower, never wrong).
 */
function limitImportMemory(tx: SqlRunner, configured: string): Promise<() => Promise<void>> {
  return limitMemory(tx, process.env['ANALYST_IMPORT_MEMORY'] ?? '512MB', configured);
}

async function loadFile(
  tx: SqlRunner,
  connection: DuckDBConnection,
  file: string,
  sha256: string,
  options: ImportOptions,
): Promise<FileImportReport> {
  const name = path.basename(file);
  const sniff = await sniffFile(file);
  if (sniff.format === 'unknown') {
    throw new AppFailure(
      'unsupported-format',
      `${name}: ${UNKNOWN_REASON[sniff.reason]} (${sniff.detail}).`,
      { file },
    );
  }
  const progress = new JobProgress(options.jobId, options.onProgress ?? (() => undefined), 'steps');
  if (sniff.format === 'hj212-log') {
    // A log is read by the protocol; a mapping sent along with it (e.g. one mapping for a whole
    // selection of files) is reported as not used rather than dropped silently.
    const notUsed = mappingFor(options, file)
      ? [
          'A column mapping was given for this file, but HJ 212 logs are read by the protocol: it was not used.',
        ]
      : [];
    return loadHj212File(tx, connection, file, sha256, options, progress, notUsed);
  }
  progress.report('read', 0, 3, name, true);
  const mapped = mappingFor(options, file);
  if (!mapped) {
    const clean = await importCleanWideCsv(tx, file, sha256, sniff, options, progress);
    if (clean) return clean;
  }
  const staged = await stageSource(tx, connection, sniff, {
    ...(options.signal ? { signal: options.signal } : {}),
    onBytes: (done, total) => progress.report('transcode', done / Math.max(total, 1), 3, name),
  });
  if (mapped) return loadMappedFile(tx, file, sha256, staged, mapped, options, progress);
  const { format, unmapped } = detectDelimitedFormat(staged.layout.headers);
  const template = format === null ? options.templateForShape?.(shapeKey(staged.layout.headers)) : undefined;
  if (template) return loadMappedFile(tx, file, sha256, staged, template, options, progress);
  if (format === null) {
    throw new AppFailure(
      'unsupported-format',
      `${name}: the header (${staged.layout.headers.join(', ')}) matches no supported export format. ` +
        `Supported: ${SUPPORTED_FORMATS_TEXT}.`,
      { file },
    );
  }
  return importStaged(tx, file, sha256, staged, formatName(format), options, progress, async (fileId) =>
    documentedLoad(await loadFormat(tx, format, staged.layout, fileId, progress, name), unmapped),
  );
}

/** A documented format's load outcome with the header columns it did not use. */
function documentedLoad(loaded: LoadOutcome, unmapped: readonly string[]): StagedLoad {
  return {
    ...loaded,
    unmapped,
    warnings: [
      ...(unmapped.length > 0 ? [`Columns not used: ${unmapped.join(', ')}.`] : []),
      ...loaded.warnings,
    ],
    extra: {},
  };
}

/**
 * A wide monitoring export in UTF-8 that is clean (see wide-clean-csv.ts) is read typed in one pass;
 * null when the file is not one, and then it is staged as text like every other file.
 */
async function importCleanWideCsv(
  tx: SqlRunner,
  file: string,
  sha256: string,
  sniff: SniffResult,
  options: ImportOptions,
  progress: JobProgress,
): Promise<FileImportReport | null> {
  if (sniff.format !== 'delimited' || (sniff.encoding !== 'utf-8' && sniff.encoding !== 'utf-8-bom'))
    return null;
  const { layout, source } = delimitedLayout(sniff, sniff.path);
  const { format, unmapped } = detectDelimitedFormat(layout.headers);
  if (format?.kind !== 'monitoring-wide') return null;
  const rows = await readCleanWideCsv(tx, source, layout, format.wide);
  if (rows === null) return null;
  const staged: StagedSource = {
    layout,
    container: 'csv',
    encoding: sniff.encoding,
    rows,
    malformed: 0,
    warnings: [],
  };
  return importStaged(tx, file, sha256, staged, formatName(format), options, progress, async (fileId) => {
    progress.report('load', 2, 3, path.basename(file), true);
    const counts = await loadWideMonitoring(tx, layout, format.wide, fileId, { kind: 'typed', source });
    return documentedLoad(wideOutcome(counts), unmapped);
  });
}

interface StagedLoad extends LoadOutcome {
  readonly unmapped: readonly string[];
  /** Report fields only some loaders set (the mapping a file was read with). */
  readonly extra: Partial<FileImportReport>;
}

/**
 * The steps every staged (tabular) import shares: register the source file, quarantine the lines
 * the CSV reader could not split, run the format's loader, then report and audit.
 */
async function importStaged(
  tx: SqlRunner,
  file: string,
  sha256: string,
  staged: StagedSource,
  format: string,
  options: ImportOptions,
  progress: JobProgress,
  load: (fileId: number) => Promise<StagedLoad>,
): Promise<FileImportReport> {
  const name = path.basename(file);
  const [row] = await tx.all<{ file_id: number }>(
    `INSERT INTO source_files (sha256, name, path, size_bytes, format, encoding, imported_at,
       rows_read, rows_loaded, rows_rejected, duplicates, report_json)
     VALUES ($h, $n, $p, $s, $fmt, $e, $t::TIMESTAMP, 0, 0, 0, 0, '{}') RETURNING file_id`,
    { h: sha256, n: name, p: file, s: statSync(file).size, fmt: format, e: staged.encoding, t: nowLocal() },
  );
  const fileId = row!.file_id;
  await tx.run(
    `INSERT INTO quarantine SELECT $f, line, 'malformed row: ' || reason, raw FROM imp_malformed`,
    {
      f: fileId,
    },
  );
  progress.report('parse', 1, 3, name, true);
  const loaded = await load(fileId);
  progress.report('load', 2, 3, name, true);
  const rejectedSample = await tx.all<{ row: number; reason: string }>(
    `SELECT source_row AS row, reason FROM quarantine WHERE file_id = $f ORDER BY source_row LIMIT ${REJECTED_SAMPLE}`,
    { f: fileId },
  );
  await dropStage(tx);
  const report: FileImportReport = {
    ...emptyReport(file, sha256),
    status: 'imported',
    format,
    encoding: staged.encoding,
    rowsRead: staged.rows + staged.malformed,
    rowsLoaded: loaded.rowsLoaded,
    rowsRejected: loaded.rowsRejected + staged.malformed,
    duplicates: loaded.duplicates,
    conflictingDuplicates: loaded.conflictingDuplicates,
    seriesFound: loaded.seriesFound,
    timeSpan: loaded.timeSpan,
    unmappedColumns: [...loaded.unmapped],
    unknownMns: [...loaded.unknownMns],
    rejectedSample,
    warnings: [...staged.warnings, ...loaded.warnings],
    ...loaded.extra,
  };
  await finishFileReport(tx, fileId, report, options);
  progress.report('load', 3, 3, name, true);
  return report;
}

function mappingFor(options: ImportOptions, file: string): FileMapping | undefined {
  if (!options.mappings) return undefined;
  for (const [p, m] of options.mappings) if (path.resolve(p) === file) return m;
  return undefined;
}

/** The mapping branch: same transaction, quarantine and report as a documented format. */
async function loadMappedFile(
  tx: SqlRunner,
  file: string,
  sha256: string,
  staged: StagedSource,
  mapped: FileMapping,
  options: ImportOptions,
  progress: JobProgress,
): Promise<FileImportReport> {
  const name = path.basename(file);
  return importStaged(tx, file, sha256, staged, mapped.mapping.target, options, progress, async (fileId) => ({
    ...(await loadMapped(tx, mapped.mapping, staged.layout, fileId, name)),
    unknownMns: [],
    extra: {
      mapping: mapped.mapping,
      ...(mapped.template !== undefined ? { template: mapped.template } : {}),
    },
  }));
}

interface LoadOutcome extends MonitoringLoadCounts {
  readonly unknownMns: readonly string[];
  readonly warnings: readonly string[];
}

const NO_SERIES = { conflictingDuplicates: 0, seriesFound: 0, timeSpan: null, unknownMns: [] } as const;

async function loadFormat(
  tx: SqlRunner,
  format: DetectedFormat,
  layout: StageLayout,
  fileId: number,
  progress: JobProgress,
  name: string,
): Promise<LoadOutcome> {
  switch (format.kind) {
    case 'monitoring-long': {
      await parseLongMonitoring(tx, layout, format.fields);
      progress.report('load', 2, 3, name, true);
      return { ...(await commitMonitoringRows(tx, fileId)), unknownMns: [], warnings: [] };
    }
    case 'monitoring-wide': {
      progress.report('load', 2, 3, name, true);
      return wideOutcome(await loadWideMonitoring(tx, layout, format.wide, fileId));
    }
    case 'registry': {
      const r = await loadRegistry(tx, layout, format.fields, fileId);
      return {
        ...NO_SERIES,
        rowsLoaded: r.loaded,
        rowsRejected: r.rejected,
        duplicates: r.duplicates,
        warnings: [`Registry: ${r.limits} emission limits read.`],
      };
    }
    case 'air': {
      const r = await loadAirReadings(tx, layout, format.fields, fileId);
      return {
        ...NO_SERIES,
        rowsLoaded: r.loaded,
        rowsRejected: r.rejected,
        duplicates: r.duplicates,
        warnings: r.warnings,
      };
    }
    case 'tabular': {
      const r = await loadTabular(tx, format.format, layout, format.fields, fileId);
      return {
        ...NO_SERIES,
        rowsLoaded: r.loaded,
        rowsRejected: r.rejected,
        duplicates: r.duplicates,
        warnings: [],
      };
    }
  }
}

function wideOutcome({ blankCells, unknownMns, ...counts }: WideLoadCounts): LoadOutcome {
  return {
    ...counts,
    unknownMns,
    warnings: [
      'Wide export: each filled cell is one reading; rows loaded and duplicates count readings.',
      ...(blankCells > 0 ? [`${blankCells} blank cells (not reported values) were skipped.`] : []),
      ...(unknownMns.length > 0
        ? [`MNs not in the registry, imported under the MN itself: ${unknownMns.join(', ')}.`]
        : []),
    ],
  };
}

async function loadHj212File(
  tx: SqlRunner,
  connection: DuckDBConnection,
  file: string,
  sha256: string,
  options: ImportOptions,
  progress: JobProgress,
  extraWarnings: readonly string[],
): Promise<FileImportReport> {
  const name = path.basename(file);
  const [row] = await tx.all<{ file_id: number }>(
    `INSERT INTO source_files (sha256, name, path, size_bytes, format, encoding, imported_at,
       rows_read, rows_loaded, rows_rejected, duplicates, report_json)
     VALUES ($h, $n, $p, $s, 'hj212-log', 'utf-8', $t::TIMESTAMP, 0, 0, 0, 0, '{}') RETURNING file_id`,
    { h: sha256, n: name, p: file, s: statSync(file).size, t: nowLocal() },
  );
  const fileId = row!.file_id;
  const parsed = await parseHj212Log(tx, connection, file, {
    ...(options.signal ? { signal: options.signal } : {}),
    // The last read is always reported: the UI (and the benchmark) see the read finish.
    onBytes: (done, total) => progress.report('read', done, total, name, done === total),
  });
  progress.report('load', 2, 3, name, true);
  const counts = await commitHj212Readings(tx, fileId, parsed.staged);
  const facility = await commitFacilityStates(tx, fileId);
  const rejectedSample = await tx.all<{ row: number; reason: string }>(
    `SELECT source_row AS row, reason FROM quarantine WHERE file_id = $f ORDER BY source_row LIMIT ${REJECTED_SAMPLE}`,
    { f: fileId },
  );
  const s = parsed.summary;
  // Rows count readings and treatment-facility values alike, so every value read is accounted for.
  const loaded = counts.rowsLoaded + facility.stored;
  const rejected = counts.rowsRejected + facility.rejected;
  const duplicates = counts.duplicates + facility.duplicates;
  const report: FileImportReport = {
    ...emptyReport(file, sha256),
    status: 'imported',
    format: 'hj212-log',
    encoding: 'utf-8',
    rowsRead: loaded + rejected + duplicates,
    rowsLoaded: loaded,
    rowsRejected: rejected,
    duplicates,
    conflictingDuplicates: counts.conflictingDuplicates,
    seriesFound: counts.seriesFound,
    timeSpan: counts.timeSpan,
    unknownMns: parsed.unknownMns,
    rejectedSample,
    packets: s.packets,
    crc: { valid: s.crc.valid, mismatch: s.crc.mismatch, variant: s.crc.variant, absent: s.crc.absent },
    noise: Object.fromEntries(Object.entries(s.noise).filter(([, n]) => n > 0)),
    warnings: [
      'HJ 212 log: rows count readings (one per code and statistic in each packet).',
      ...(parsed.facilityStates > 0
        ? [
            `Treatment-facility values (SBx-RS/RT, counted in the rows): ${facility.stored} stored in facility_states` +
              `${facility.duplicates > 0 ? `, ${facility.duplicates} duplicates` : ''}` +
              `${facility.rejected > 0 ? `, ${facility.rejected} quarantined` : ''}.`,
          ]
        : []),
      ...parsed.warnings,
      ...(parsed.unknownMns.length > 0
        ? [`MNs not in the registry, imported under the MN itself: ${parsed.unknownMns.join(', ')}.`]
        : []),
      ...extraWarnings,
    ],
  };
  await finishFileReport(tx, fileId, report, options);
  progress.report('load', 3, 3, name, true);
  return report;
}

/** Store the report with the source file and append the import to the audit log. */
async function finishFileReport(
  tx: SqlRunner,
  fileId: number,
  report: FileImportReport,
  options: ImportOptions,
): Promise<void> {
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
    file: report.file,
    sha256: report.sha256,
    fileId,
    format: report.format,
    rowsLoaded: report.rowsLoaded,
    rowsRejected: report.rowsRejected,
    duplicates: report.duplicates,
    ...(report.mapping ? { mapping: report.mapping } : {}),
    ...(report.template !== undefined ? { template: report.template } : {}),
  });
}
