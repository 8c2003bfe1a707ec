import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  columnUses,
  draftProblems,
  shapeKey,
  type ColumnOrConstant,
  type ImportPreview,
  type MappingDraft,
  type MappingProblem,
  type PowerQuantity,
} from '../api/import-mapping';
import { AppFailure } from '../api/result';
import { Database } from '../engine/database';
import { detectDelimitedFormat, formatName } from './formats/detect-format';
import { fieldOfHeader, matchFields } from './formats/field-aliases';
import { parseWideHeader } from './formats/wide-headers';
import { sniffFile, type SniffedColumn } from './sniff/sniff-format';
import { stageColumn, stageSource } from './stage-source';
import type { TemplateStore } from './template-store';

const PREVIEW_ROWS = 20;

interface TableHead {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Sniffed type per column where known (delimited files). */
  readonly types: readonly (SniffedColumn['type'] | undefined)[];
}

/**
 * What a file looks like and how it would be read: the documented format it is (read by header,
 * no mapping needed), or a proposed mapping (the saved template of its shape first, else a guess
 * from the header and the sampled values) with the problems the analyst must resolve.
 */
export async function previewFile(file: string, templates: TemplateStore | null): Promise<ImportPreview> {
  const abs = path.resolve(file);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    throw new AppFailure('file-not-found', `File not found: ${abs}`, { file: abs });
  }
  const sniff = await sniffFile(abs);
  const base = { file: abs, encoding: 'unknown', delimiter: null, template: null, draft: null };
  if (sniff.format === 'unknown' || sniff.format === 'hj212-log') {
    const unreadable: MappingProblem[] =
      sniff.format === 'unknown'
        ? [
            {
              code: 'unreadable',
              field: 'file',
              message: `The file cannot be read as a table (${sniff.detail}).`,
            },
          ]
        : [];
    return {
      ...base,
      container: sniff.format,
      ...(sniff.format === 'hj212-log' ? { encoding: sniff.encoding } : {}),
      headers: [],
      rows: [],
      shapeKey: '',
      documentedFormat: sniff.format === 'hj212-log' ? 'hj212-log' : null,
      columns: [],
      problems: unreadable,
    };
  }
  const head: TableHead =
    sniff.format === 'delimited'
      ? {
          headers: sniff.columns.map((c) => (c.label && c.label.trim() !== '' ? c.label : c.name)),
          rows: sniff.sampleRows.slice(0, PREVIEW_ROWS),
          types: sniff.columns.map((c) => c.type),
        }
      : await stagedHead(sniff);
  const documented = detectDelimitedFormat(head.headers);
  const common = {
    ...base,
    container: sniff.format,
    encoding: sniff.format === 'delimited' ? sniff.encoding : sniff.format,
    delimiter: sniff.format === 'delimited' ? sniff.delimiter : null,
    headers: [...head.headers],
    rows: head.rows.map((r) => [...r]),
    shapeKey: shapeKey(head.headers),
  };
  const template = templates?.forShape(common.shapeKey) ?? null;
  if (documented.format && !template) {
    const { fields } = matchFields(head.headers);
    const byIndex = new Map(Object.entries(fields).map(([f, i]) => [i, f]));
    const unused = new Set(documented.unmapped);
    return {
      ...common,
      documentedFormat: formatName(documented.format),
      columns: head.headers.map((h, i) => ({
        header: h,
        use: unused.has(h) ? 'unused' : (byIndex.get(i) ?? 'value'),
      })),
      problems: [],
    };
  }
  const draft = template?.mapping ?? guessDraft(head);
  const problems = draftProblems(draft, head.headers);
  if (!template && !head.headers.some((h) => fieldOfHeader(h) === 'time') && !hasTimestamp(head)) {
    problems.push({
      code: 'no-time-column',
      field: 'time',
      message: `time: no column looks like a date and time; "${draft.time.column}" is a guess, choose the time column.`,
    });
  }
  return {
    ...common,
    documentedFormat: null,
    template: template?.name ?? null,
    draft,
    columns: columnUses(draft, head.headers),
    problems,
  };
}

const hasTimestamp = (head: TableHead) => head.types.some((t) => t?.kind === 'timestamp');

/** XLSX and Parquet: stage the file into a throw-away in-memory database and read its first rows. */
async function stagedHead(sniff: Parameters<typeof stageSource>[2]): Promise<TableHead> {
  const db = await Database.open(':memory:', { threads: 1, memoryLimit: '512MB' });
  try {
    const staged = await stageSource(db, db.connection, sniff);
    const cols = staged.layout.headers.map((_, i) => `coalesce(${stageColumn(i)}, '') AS ${stageColumn(i)}`);
    const rows = await db.all(`SELECT ${cols.join(', ')} FROM imp_stage ORDER BY line LIMIT ${PREVIEW_ROWS}`);
    return {
      headers: staged.layout.headers,
      rows: rows.map((r) => staged.layout.headers.map((_, i) => String(r[stageColumn(i)] ?? ''))),
      types: [],
    };
  } finally {
    db.close();
  }
}

const QUANTITY_OF: Partial<Record<string, PowerQuantity>> = { kw: 'kw', kwh: 'kwh', current_a: 'current_a' };

/** A first proposal from the header and the sampled values; the analyst corrects it in the preview. */
function guessDraft(head: TableHead): MappingDraft {
  const { fields } = matchFields(head.headers);
  const isNumeric = (i: number) => {
    const t = head.types[i];
    if (t) return t.kind === 'number' || t.kind === 'integer';
    return head.rows.some((r) => r[i] !== undefined && r[i]!.trim() !== '' && Number.isFinite(Number(r[i])));
  };
  const sniffedTime = head.types.findIndex((t) => t?.kind === 'timestamp');
  const timeIndex = fields.time ?? (sniffedTime >= 0 ? sniffedTime : 0);
  const time = { column: head.headers[timeIndex] ?? '' };
  const taken = new Set(
    [timeIndex, fields.outlet_id, fields.mn, fields.code, fields.flag, fields.stat].filter(
      (x): x is number => x !== undefined,
    ),
  );
  const numeric = head.headers.map((_, i) => i).filter((i) => !taken.has(i) && isNumeric(i));
  const long = guessPowerLong(head, timeIndex, taken, isNumeric);
  if (long) return long;
  const power = numeric.filter((i) => QUANTITY_OF[fieldOfHeader(head.headers[i]!) ?? ''] !== undefined);
  if (fields.value === undefined && (power.length > 0 || numeric.length > 1)) {
    return {
      target: 'power-wide',
      time,
      columns: numeric.map((i) => ({
        column: head.headers[i]!,
        device: head.headers[i]!.trim(),
        quantity: QUANTITY_OF[fieldOfHeader(head.headers[i]!) ?? ''] ?? 'kw',
        scale: 1,
      })),
    };
  }
  const valueIndex = fields.value ?? numeric[0] ?? head.headers.findIndex((_, i) => !taken.has(i));
  const valueHeader = head.headers[valueIndex] ?? '';
  const column = (i: number | undefined): ColumnOrConstant | undefined =>
    i === undefined ? undefined : { column: head.headers[i]! };
  // A value header that names a pollutant (氨氮, w21003-Avg) supplies the code.
  const named = parseWideHeader(valueHeader);
  const code = column(fields.code) ?? (named?.kind === 'value' ? { constant: named.code } : undefined);
  const outlet = column(fields.outlet_id ?? fields.mn);
  return {
    target: 'monitoring-long',
    time,
    value: { column: valueHeader },
    ...(outlet ? { outlet } : {}),
    ...(code ? { code } : {}),
    ...(fields.flag !== undefined ? { flag: { column: head.headers[fields.flag]! } } : {}),
    ...(fields.stat !== undefined ? { stat: { column: head.headers[fields.stat]! } } : {}),
  };
}

/**
 * kW, kWh or A as a header states it: a unit (有功功率(kW), energy kWh; W and Wh with the scale to
 * kW and kWh) or a name (功率, 电量, 电流, the documented aliases such as active_power).
 */
function powerQuantityOf(header: string): { quantity: PowerQuantity; scale: number } | undefined {
  const bracketed = /[(（[【]\s*([^)）\]】]*?)\s*[)）\]】]/.exec(header)?.[1]?.toLowerCase();
  const words = header.toLowerCase().split(/[\s_/,;:()（）[\]【】-]+/);
  const unit = (u: string, bare = true) => bracketed === u || (bare && words.includes(u));
  if (unit('kwh')) return { quantity: 'kwh', scale: 1 };
  if (unit('kw')) return { quantity: 'kw', scale: 1 };
  if (unit('a', false)) return { quantity: 'current_a', scale: 1 };
  if (unit('wh', false)) return { quantity: 'kwh', scale: 0.001 };
  if (unit('w', false)) return { quantity: 'kw', scale: 0.001 };
  const named =
    QUANTITY_OF[fieldOfHeader(header) ?? ''] ??
    (/电量/.test(header)
      ? 'kwh'
      : /电流/.test(header)
        ? 'current_a'
        : /功率/.test(header)
          ? 'kw'
          : undefined);
  return named ? { quantity: named, scale: 1 } : undefined;
}

/** A header naming the meter or device of each row (设备编号, 表计编号, meter_id, device). */
function isDeviceHeader(header: string): boolean {
  return (
    fieldOfHeader(header) === 'device_id' ||
    /(^|[^a-z])(meter|device)([^a-z]|id|no|$)/i.test(header) ||
    /表|设备/.test(header)
  );
}

/**
 * Sub-meter readings one per row: a device column, the time column and exactly one numeric column
 * whose header names a power quantity (numeric in at least half the sampled rows: a header saying
 * kW outweighs a bad row in the sample, which the import then quarantines). Anything else keeps
 * the other proposals.
 */
function guessPowerLong(
  head: TableHead,
  timeIndex: number,
  taken: ReadonlySet<number>,
  isNumeric: (i: number) => boolean,
): MappingDraft | undefined {
  const halfNumeric = (i: number) => {
    const cells = head.rows.map((r) => (r[i] ?? '').trim().replaceAll(',', '')).filter((c) => c !== '');
    return cells.length > 0 && cells.filter((c) => Number.isFinite(Number(c))).length * 2 >= cells.length;
  };
  const power = head.headers
    .map((_, i) => i)
    .filter(
      (i) =>
        !taken.has(i) && powerQuantityOf(head.headers[i]!) !== undefined && (isNumeric(i) || halfNumeric(i)),
    );
  if (power.length !== 1) return undefined;
  const valueIndex = power[0]!;
  const candidates = head.headers
    .map((h, i) => ({ h, i }))
    .filter(({ h, i }) => i !== timeIndex && i !== valueIndex && isDeviceHeader(h));
  const device = candidates.find(({ h }) => fieldOfHeader(h) === 'device_id') ?? candidates[0];
  if (!device) return undefined;
  const value = head.headers[valueIndex]!;
  return {
    target: 'power-long',
    device: { column: device.h },
    time: { column: head.headers[timeIndex] ?? '' },
    value: { column: value, ...powerQuantityOf(value)! },
  };
}
