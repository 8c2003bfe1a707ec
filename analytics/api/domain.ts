import { z } from 'zod';
import { ProgressEvent } from './progress';
import { ImportMapping } from './import-mapping';

/**
 * Domain types shared by analytics and the renderer. Times are local wall-clock time
 * (Asia/Shanghai) as 'YYYY-MM-DD HH:mm:ss' strings; charts get epoch milliseconds of that wall time
 * read as if it were UTC, so the UI formats them with UTC getters and never shifts time zones.
 */
export const LocalTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected YYYY-MM-DD HH:mm:ss');
export type LocalTime = z.infer<typeof LocalTime>;

export const TimeSpan = z.object({ start: LocalTime, end: LocalTime });
export type TimeSpan = z.infer<typeof TimeSpan>;

/** 排放口/监测点 media: gas (废气) or water (废水). */
export const Media = z.enum(['gas', 'water', 'other']);
export type Media = z.infer<typeof Media>;

/** Statistic of a monitoring value: real-time, period min/avg/max, period total, converted (折算). */
export const Stat = z.enum(['rtd', 'min', 'avg', 'max', 'cou', 'zs_rtd', 'zs_min', 'zs_avg', 'zs_max']);
export type Stat = z.infer<typeof Stat>;

export const SourceFormat = z.enum(['monitoring-long', 'monitoring-wide', 'hj212-log', 'unknown']);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** One imported source file (来源文件); its bytes are never modified. */
export const SourceFileInfo = z.object({
  fileId: z.number().int(),
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  sizeBytes: z.number(),
  format: z.string(),
  encoding: z.string(),
  importedAt: LocalTime,
  rowsRead: z.number(),
  rowsLoaded: z.number(),
  rowsRejected: z.number(),
  duplicates: z.number(),
});
export type SourceFileInfo = z.infer<typeof SourceFileInfo>;

export const TableCounts = z.object({
  sites: z.number(),
  outlets: z.number(),
  series: z.number(),
  readings: z.number(),
  devices: z.number(),
  powerReadings: z.number(),
  stations: z.number(),
  airReadings: z.number(),
  orders: z.number(),
  gateRecords: z.number(),
  marks: z.number(),
  quarantine: z.number(),
  findings: z.number(),
});
export type TableCounts = z.infer<typeof TableCounts>;

export const CaseSummary = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  createdAt: LocalTime,
  createdBy: z.string(),
  sources: z.array(SourceFileInfo),
  counts: TableCounts,
  span: TimeSpan.nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const RejectedRow = z.object({ row: z.number().int(), reason: z.string() });
export type RejectedRow = z.infer<typeof RejectedRow>;

/** Per-file import report; the CLI prints these fields as JSON. */
export const FileImportReport = z.object({
  file: z.string(),
  sha256: z.string(),
  status: z.enum(['imported', 'already-imported', 'failed', 'cancelled']),
  format: z.string(),
  encoding: z.string(),
  rowsRead: z.number(),
  rowsLoaded: z.number(),
  rowsRejected: z.number(),
  duplicates: z.number(),
  /** Duplicates whose value differs from the stored one: kept in quarantine for review. */
  conflictingDuplicates: z.number(),
  seriesFound: z.number(),
  timeSpan: TimeSpan.nullable(),
  unmappedColumns: z.array(z.string()),
  unknownMns: z.array(z.string()),
  /** First rejected rows with reasons; all of them are in the quarantine table. */
  rejectedSample: z.array(RejectedRow),
  warnings: z.array(z.string()),
  packets: z.number().optional(),
  crc: z
    .object({ valid: z.number(), mismatch: z.number(), variant: z.number(), absent: z.number() })
    .optional(),
  noise: z.record(z.string(), z.number()).optional(),
  error: z.string().optional(),
  /** The column mapping the file was read with (absent for documented formats read by header). */
  mapping: ImportMapping.optional(),
  /** The saved template the mapping came from, if any. */
  template: z.string().optional(),
  seconds: z.number(),
});
export type FileImportReport = z.infer<typeof FileImportReport>;

export const ImportReport = z.object({
  files: z.array(FileImportReport),
  rowsLoaded: z.number(),
  rowsRejected: z.number(),
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** A monitoring series: one (outlet or MN, code, statistic, interval). Never keyed by code alone. */
export const SeriesInfo = z.object({
  seriesId: z.number().int(),
  outletId: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  code: z.string(),
  codeName: z.string().nullable(),
  unit: z.string().nullable(),
  stat: z.string(),
  media: Media,
  interval: z.string(),
  count: z.number(),
  start: LocalTime,
  end: LocalTime,
});
export type SeriesInfo = z.infer<typeof SeriesInfo>;

/** A chart-ready slice: at most ~4 points per pixel bucket (M4), or the raw points when few. */
export const SeriesWindow = z.object({
  seriesId: z.number().int(),
  method: z.enum(['raw', 'm4']),
  rawCount: z.number(),
  /** Epoch ms of the local wall time, read as UTC. */
  t: z.array(z.number()),
  v: z.array(z.number().nullable()),
});
export type SeriesWindow = z.infer<typeof SeriesWindow>;

export const AppInfo = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  duckdbVersion: z.string(),
  mode: z.enum(['desktop', 'browser', 'cli', 'test']),
  demoCasePath: z.string().nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One rule of the detection catalog, as shown in the rule reference. */
export const RuleInfo = z.object({
  id: z.string(),
  version: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  rationale: z.object({ zh: z.string(), en: z.string() }),
  legalCategory: z.string(),
  legalBasis: z.object({ zh: z.string(), en: z.string() }),
  pitfalls: z.object({ zh: z.string(), en: z.string() }),
  dataNeeded: z.array(z.string()),
  severity: z.string(),
  params: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      default: z.union([z.number(), z.string(), z.boolean()]),
      unit: z.string().optional(),
      description: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
});
export type RuleInfo = z.infer<typeof RuleInfo>;

export const ScreeningReport = z.object({
  runId: z.string(),
  inputHashes: z.array(z.string()),
  rules: z.array(
    z.object({ ruleId: z.string(), version: z.string(), findings: z.number(), seconds: z.number() }),
  ),
  /**
   * The shared passes the rules read: built by this run (the case's data changed since they were
   * last built) or reused from the case.
   */
  passes: z.array(z.object({ input: z.string(), built: z.boolean(), seconds: z.number() })),
  findings: z.number(),
  seconds: z.number(),
});
export type ScreeningReport = z.infer<typeof ScreeningReport>;

/** A finding (线索) of a rule, reproducible from its rule version, parameters and input hashes. */
export const Finding = z.object({
  findingId: z.string(),
  runId: z.string(),
  ruleId: z.string(),
  ruleVersion: z.string(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  severity: z.string(),
  score: z.number().nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  outletId: z.string().nullable(),
  deviceId: z.string().nullable(),
  seriesId: z.number().nullable(),
  code: z.string().nullable(),
  start: LocalTime.nullable(),
  end: LocalTime.nullable(),
  summaryZh: z.string(),
  summaryEn: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  inputHashes: z.array(z.string()),
});
export type Finding = z.infer<typeof Finding>;

/** An enterprise ranked by corroborated findings, with the reasons. */
export const RankedEnterprise = z.object({
  siteId: z.string(),
  siteName: z.string().nullable(),
  county: z.string().nullable(),
  industry: z.string().nullable(),
  omCompany: z.string().nullable(),
  risk: z.number(),
  findings: z.number(),
  rules: z.number(),
  sources: z.array(z.string()),
  maxSeverity: z.string(),
  reasons: z.array(
    z.object({ ruleId: z.string(), findings: z.number(), maxSeverity: z.string(), weight: z.number() }),
  ),
});
export type RankedEnterprise = z.infer<typeof RankedEnterprise>;

export { ProgressEvent };
