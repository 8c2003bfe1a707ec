import { z } from 'zod';

/**
 * How to read a file that matches no documented exchange format: which column (or typed constant)
 * feeds each target field. Columns are named by their header text, not their position, so a saved
 * template applies to the next file with the same header even if it is re-exported. Browser-safe:
 * the renderer validates a mapping against the preview's headers with the same code the import uses.
 */
const ColumnName = z.string().min(1).max(500);

export const ColumnSource = z.object({ column: ColumnName });
export const ConstantSource = z.object({ constant: z.string().trim().min(1).max(200) });
/** A target field fed by a column of the file or by one value typed by the analyst. */
export const ColumnOrConstant = z.union([ColumnSource, ConstantSource]);
export type ColumnOrConstant = z.infer<typeof ColumnOrConstant>;

/** Stored value = file value x scale (e.g. 1/60 for kW*min summed per hour -> mean kW). */
const Scale = z.number().positive().finite();

export const MonitoringLongMapping = z.object({
  target: z.literal('monitoring-long'),
  /** Outlet id or the logger's MN: a series is never keyed by code alone. */
  outlet: ColumnOrConstant,
  /** HJ 212 code (w21003) or its Chinese name (氨氮), from a column or typed once for the file. */
  code: ColumnOrConstant,
  time: ColumnSource,
  value: z.object({ column: ColumnName, scale: Scale.optional(), unit: z.string().max(40).optional() }),
  flag: ColumnOrConstant.optional(),
  stat: ColumnOrConstant.optional(),
  media: z.enum(['gas', 'water', 'other']).optional(),
});
export type MonitoringLongMapping = z.infer<typeof MonitoringLongMapping>;

export const PowerQuantity = z.enum(['kw', 'kwh', 'current_a']);
export type PowerQuantity = z.infer<typeof PowerQuantity>;

/** A power file with one column per meter: every chosen column becomes one device's readings. */
export const PowerWideMapping = z.object({
  target: z.literal('power-wide'),
  time: ColumnSource,
  /** Enterprise the devices belong to (recorded on devices not yet in the case). */
  site: z.string().trim().min(1).max(200).optional(),
  columns: z
    .array(
      z.object({
        column: ColumnName,
        device: z.string().trim().min(1).max(200),
        quantity: PowerQuantity.default('kw'),
        scale: Scale.default(1),
      }),
    )
    .min(1)
    .max(500),
});
export type PowerWideMapping = z.infer<typeof PowerWideMapping>;

/**
 * Sub-meter readings in long layout (one reading per row) under headers the documented format does
 * not know (`表计编号, 采集时刻, 有功功率(kW)`): the device from a column or typed once for the file,
 * the value's quantity (kW, kWh or A) as the analyst knows it.
 */
export const PowerLongMapping = z.object({
  target: z.literal('power-long'),
  device: ColumnOrConstant,
  time: ColumnSource,
  value: z.object({ column: ColumnName, quantity: PowerQuantity.default('kw'), scale: Scale.default(1) }),
  /** Enterprise the devices belong to (recorded on devices not yet in the case). */
  site: z.string().trim().min(1).max(200).optional(),
});
export type PowerLongMapping = z.infer<typeof PowerLongMapping>;

export const ImportMapping = z.discriminatedUnion('target', [
  MonitoringLongMapping,
  PowerWideMapping,
  PowerLongMapping,
]);
export type ImportMapping = z.infer<typeof ImportMapping>;
export type ImportMappingInput = z.input<typeof ImportMapping>;
export type MappingTarget = ImportMapping['target'];

export const TemplateName = z.string().trim().min(1).max(100);

/** A named mapping the analyst saved, offered again for the next file of the same shape. */
export const MappingTemplate = z.object({
  name: TemplateName,
  shapeKey: z.string().min(1),
  mapping: ImportMapping,
  savedAt: z.string(),
});
export type MappingTemplate = z.infer<typeof MappingTemplate>;

/** Header matching ignores case, surrounding spaces and a BOM, as exports differ in those only. */
export function normaliseColumnName(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/**
 * The shape of a file: its normalised header list. The delimiter and container are left out on
 * purpose: a mapping names columns by header, so it applies equally to the CSV and XLSX export of
 * the same table.
 */
export function shapeKey(headers: readonly string[]): string {
  return headers.map(normaliseColumnName).join('|');
}

export const MappingProblem = z.object({
  code: z.enum([
    'unknown-column',
    'ambiguous-column',
    'duplicate-device',
    'column-used-twice',
    'no-value-columns',
    'missing-field',
    'no-time-column',
    'unreadable',
  ]),
  /** The mapping field concerned (e.g. `time`, `columns[2]`). */
  field: z.string(),
  column: z.string().optional(),
  /** English text for the CLI and logs; the UI translates by `code`. */
  message: z.string(),
});
export type MappingProblem = z.infer<typeof MappingProblem>;

/** Where each named column sits in the header (or a problem when it is absent or ambiguous). */
export function columnIndexes(
  mapping: ImportMapping,
  headers: readonly string[],
): { readonly index: ReadonlyMap<string, number>; readonly problems: readonly MappingProblem[] } {
  const positions = new Map<string, number[]>();
  headers.forEach((h, i) => {
    const k = normaliseColumnName(h);
    positions.set(k, [...(positions.get(k) ?? []), i]);
  });
  const index = new Map<string, number>();
  const problems: MappingProblem[] = [];
  const used = new Map<number, string>();
  const need = (field: string, column: string, exclusive: boolean) => {
    const at = positions.get(normaliseColumnName(column)) ?? [];
    if (at.length === 0) {
      problems.push({
        code: 'unknown-column',
        field,
        column,
        message: `${field}: the file has no column "${column}"; choose one of its columns.`,
      });
    } else if (at.length > 1) {
      problems.push({
        code: 'ambiguous-column',
        field,
        column,
        message: `${field}: the header has ${at.length} columns named "${column}"; rename one in a copy of the file.`,
      });
    } else {
      index.set(column, at[0]!);
      const prior = used.get(at[0]!);
      if (exclusive && prior !== undefined) {
        problems.push({
          code: 'column-used-twice',
          field,
          column,
          message: `${field}: column "${column}" is already used for ${prior}.`,
        });
      }
      if (exclusive) used.set(at[0]!, field);
    }
  };
  const source = (field: string, s: ColumnOrConstant | undefined) => {
    if (s && 'column' in s) need(field, s.column, false);
  };
  if (mapping.target === 'monitoring-long') {
    need('time', mapping.time.column, true);
    need('value', mapping.value.column, true);
    source('outlet', mapping.outlet);
    source('code', mapping.code);
    source('flag', mapping.flag);
    source('stat', mapping.stat);
  } else if (mapping.target === 'power-long') {
    need('time', mapping.time.column, true);
    need('value', mapping.value.column, true);
    if ('column' in mapping.device) need('device', mapping.device.column, true);
  } else {
    need('time', mapping.time.column, true);
    const slots = new Set<string>();
    mapping.columns.forEach((c, i) => {
      need(`columns[${i}]`, c.column, true);
      const slot = `${c.device}\u0000${c.quantity}`;
      if (slots.has(slot)) {
        problems.push({
          code: 'duplicate-device',
          field: `columns[${i}]`,
          column: c.column,
          message: `columns[${i}]: device ${c.device} already has a ${c.quantity} column; give this column another device id.`,
        });
      }
      slots.add(slot);
    });
  }
  return { index, problems };
}

/**
 * A mapping being edited: the long targets may still lack the outlet and code, or the device, the
 * analyst types.
 */
export const MappingDraft = z.discriminatedUnion('target', [
  MonitoringLongMapping.partial({ outlet: true, code: true }),
  PowerWideMapping,
  PowerLongMapping.partial({ device: true }),
]);
export type MappingDraft = z.infer<typeof MappingDraft>;

/** Every problem that stops a draft from importing, with what the analyst should do. */
export function draftProblems(draft: MappingDraft, headers: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (draft.target === 'monitoring-long') {
    if (!draft.outlet) {
      problems.push({
        code: 'missing-field',
        field: 'outlet',
        message: 'outlet: the file names no outlet or MN; choose the column or type the outlet id.',
      });
    }
    if (!draft.code) {
      problems.push({
        code: 'missing-field',
        field: 'code',
        message: 'code: the file names no pollutant code; choose the column or type the code (e.g. w21003).',
      });
    }
  }
  if (draft.target === 'power-long' && !draft.device) {
    problems.push({
      code: 'missing-field',
      field: 'device',
      message: 'device: the file names no meter or device; choose the column or type the device id.',
    });
  }
  const complete = ImportMapping.safeParse({
    ...draft,
    ...(draft.target === 'monitoring-long'
      ? { outlet: draft.outlet ?? { constant: '-' }, code: draft.code ?? { constant: '-' } }
      : {}),
    ...(draft.target === 'power-long' ? { device: draft.device ?? { constant: '-' } } : {}),
  });
  if (complete.success) problems.push(...columnIndexes(complete.data, headers).problems);
  return problems;
}

/** What the import wizard shows before a file is imported. */
export const ImportPreview = z.object({
  file: z.string(),
  container: z.enum(['delimited', 'xlsx', 'parquet', 'hj212-log', 'unknown']),
  encoding: z.string(),
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  /** The first data rows as text (at most 20). */
  rows: z.array(z.array(z.string())),
  shapeKey: z.string(),
  /** A documented exchange format read by header with no mapping, if the file is one. */
  documentedFormat: z.string().nullable(),
  /** What each header feeds (`time`, `value`, `device:main` ...) or `unused`. */
  columns: z.array(z.object({ header: z.string(), use: z.string() })),
  /** The saved template of this shape, if any (then `draft` is its mapping). */
  template: z.string().nullable(),
  /** The proposed mapping (null for documented formats and unreadable files). */
  draft: MappingDraft.nullable(),
  problems: z.array(MappingProblem),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** What each header feeds under a draft mapping. */
export function columnUses(
  draft: MappingDraft,
  headers: readonly string[],
): { header: string; use: string }[] {
  const uses = new Map<string, string>();
  const add = (column: string | undefined, use: string) => {
    if (column !== undefined) uses.set(normaliseColumnName(column), use);
  };
  const col = (s: ColumnOrConstant | undefined) => (s && 'column' in s ? s.column : undefined);
  add(col(draft.time), 'time');
  if (draft.target === 'monitoring-long') {
    add(draft.value.column, 'value');
    add(col(draft.outlet), 'outlet');
    add(col(draft.code), 'code');
    add(col(draft.flag), 'flag');
    add(col(draft.stat), 'stat');
  } else if (draft.target === 'power-long') {
    add(draft.value.column, 'value');
    add(col(draft.device), 'device_id');
  } else {
    for (const c of draft.columns) add(c.column, `device:${c.device}`);
  }
  return headers.map((header) => ({ header, use: uses.get(normaliseColumnName(header)) ?? 'unused' }));
}
