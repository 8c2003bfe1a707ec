/** Public types of the demo-city generator (re-exported by generate-demo-city.ts). */

export interface DemoProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export interface DemoOptions {
  /** Output directory; created if missing. Files of the same name are overwritten. */
  readonly dir: string;
  /** Number of enterprises, at least 12 (the planted case set). Default 12. */
  readonly enterprises?: number;
  /** Number of days, at least 28 (the case calendar). Default 30. */
  readonly days?: number;
  /** Seed of every random stream. Default 20251007. */
  readonly seed?: number;
  /** First local date, 'YYYY-MM-DD'. Default '2025-09-15' (the order then falls on 2025-10-07 18:00). */
  readonly start?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DemoProgress) => void;
}

export type DemoFileKind =
  | 'registry'
  | 'monitoring-long'
  | 'monitoring-wide'
  | 'hj212-log'
  | 'devices'
  | 'power'
  | 'stations'
  | 'air'
  | 'orders'
  | 'measures'
  | 'gates'
  | 'marks'
  | 'labels';

export type DemoFileFormat = 'csv' | 'xlsx' | 'hj212' | 'json';

export interface DemoFile {
  /** Relative to the demo directory, forward slashes. */
  readonly path: string;
  readonly kind: DemoFileKind;
  readonly format: DemoFileFormat;
  /** 'utf-8' or 'gb18030' for text; 'utf-8' for XLSX (its XML parts). */
  readonly encoding: string;
  /** Data rows (CSV without the header; HJ 212 packets without noise lines; XLSX data rows). */
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  /** Which header language the file uses, and anything an importer should know. */
  readonly note: string;
}

/** Detector rule ids the labels refer to (the screening catalog uses the same ids). */
export const RULE_IDS = [
  'flatline',
  'low-variance',
  'copy-paste',
  'limit-hugging',
  'last-digit',
  'o2-correction',
  'dilution',
  'flow-consistency',
  'flag-abuse',
  'gaps-high-load',
  'calibration-behaviour',
  'treatment-off',
  'treatment-late-start',
  'treatment-early-stop',
  'treatment-low-power',
  'load-decoupling',
  'order-production',
  'marked-stopped-running',
  'meter-outage',
  'order-trucks',
  'exceedance',
  'om-company',
  'physical-sanity',
  'station-high-value',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Legal categories of 环发〔2015〕175号 and the related rules; 数据质量 for non-violations. */
export const LEGAL_CATEGORIES = [
  '篡改',
  '伪造',
  '干扰采样',
  '超标排放',
  '未按规定运行治污设施',
  '应急管控违规',
  '数据质量',
] as const;
export type LegalCategory = (typeof LEGAL_CATEGORIES)[number];

/**
 * Ground truth of one planted case or look-alike. A 'case' must be found by `expected_rule`; a
 * 'lookalike' must NOT be flagged by `expected_rule` (it exercises that rule's false-positive
 * pitfall). Times are local 'YYYY-MM-DD HH:mm:ss'; `start` inclusive, `end` exclusive.
 */
export interface DemoLabel {
  readonly label_id: string;
  readonly kind: 'case' | 'lookalike';
  /** Enterprise, or '' for city-wide labels (a regional episode). */
  readonly site_id: string;
  readonly outlet_id: string;
  readonly device_id: string;
  /** Ambient station for station labels, otherwise ''. */
  readonly station_id: string;
  /** Pollutant code the label is about, '' when it concerns the whole outlet, device or site. */
  readonly code: string;
  readonly start: string;
  readonly end: string;
  readonly expected_rule: RuleId;
  /**
   * ';'-separated rule ids. For a case: other rules that may rightly fire on the same window
   * (cross-signals). For a look-alike: other rules whose false-positive pitfall it also exercises
   * (they must not fire either).
   */
  readonly also_rules: string;
  readonly legal_category: LegalCategory;
  readonly description_zh: string;
  readonly description_en: string;
  /** For copies: the outlet and start time the values were copied from. */
  readonly related_outlet_id: string;
  readonly related_start: string;
}

export interface DemoStats {
  readonly seed: number;
  readonly start: string;
  readonly end: string;
  readonly days: number;
  readonly counties: number;
  readonly townships: number;
  readonly enterprises: number;
  readonly gasOutlets: number;
  readonly waterOutlets: number;
  readonly devices: number;
  readonly stations: number;
  /** Monitoring values written (each code × statistic × hour; flags not counted). */
  readonly readings: number;
  /** Monitoring rows (outlet-hours of wide/HJ 212/XLSX files plus long rows). */
  readonly monitoringRows: number;
  readonly powerReadings: number;
  readonly airReadings: number;
  readonly gateRecords: number;
  readonly marks: number;
  readonly cases: number;
  readonly lookalikes: number;
  readonly bytes: number;
}

export interface DemoManifest {
  readonly generator: string;
  readonly files: readonly DemoFile[];
  readonly labels: readonly DemoLabel[];
  readonly stats: DemoStats;
}
