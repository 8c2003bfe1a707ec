import { isAirReadings } from '../air-readings';
import type { WideLayout } from '../monitoring-wide';
import { limitColumns } from '../registry';
import { matchFields, type Field } from './field-aliases';
import type { TabularFormat } from './tabular-format';
import { TABULAR_FORMATS } from './tabular-formats';
import { parseWideHeader, type WideColumn } from './wide-headers';

/** Which documented exchange format a delimited file is, decided from its header alone. */
export type DetectedFormat =
  | { readonly kind: 'monitoring-long'; readonly fields: Partial<Record<Field, number>> }
  | {
      readonly kind: 'monitoring-wide';
      readonly fields: Partial<Record<Field, number>>;
      readonly wide: WideLayout;
    }
  | { readonly kind: 'registry'; readonly fields: Partial<Record<Field, number>> }
  | { readonly kind: 'air'; readonly fields: Partial<Record<Field, number>> }
  | {
      readonly kind: 'tabular';
      readonly fields: Partial<Record<Field, number>>;
      readonly format: TabularFormat;
    };

export interface Detection {
  readonly format: DetectedFormat | null;
  /** Header cells the chosen format does not use (reported, never silently ignored). */
  readonly unmapped: readonly string[];
}

export const SUPPORTED_FORMATS_TEXT =
  'monitoring (long: outlet_id, code, time, value, flag; wide: mn/outlet_id, time, <code>-avg ...), ' +
  'registry (site_id, outlet_id ...), devices, power readings, air stations and readings, orders, measures, ' +
  'gate records, marks (see docs: input formats)';

export function formatName(f: DetectedFormat): string {
  return f.kind === 'tabular' ? f.format.id : f.kind;
}

export function detectDelimitedFormat(headers: readonly string[]): Detection {
  const { fields } = matchFields(headers);
  const has = (...fs: Field[]) => fs.every((f) => fields[f] !== undefined);
  const outletCol = fields.outlet_id ?? fields.mn;
  const usedBy = (cols: Iterable<number>) => {
    const used = new Set(cols);
    return headers.filter((_, i) => !used.has(i));
  };

  if (has('site_id') && (has('outlet_id') || has('mn'))) {
    const limits = limitColumns(headers);
    return {
      format: { kind: 'registry', fields },
      unmapped: usedBy([...Object.values(fields), ...limits.keys()]),
    };
  }
  if (outletCol !== undefined && has('code', 'time', 'value')) {
    const long = { ...fields, outlet_id: outletCol };
    const used = [outletCol, fields.code!, fields.time!, fields.value!, fields.flag, fields.stat];
    return {
      format: { kind: 'monitoring-long', fields: long },
      unmapped: usedBy(used.filter((x) => x !== undefined)),
    };
  }
  if (outletCol !== undefined && has('time')) {
    const columns = new Map<number, WideColumn>();
    headers.forEach((h, i) => {
      if (i === outletCol || i === fields.time) return;
      const parsed = parseWideHeader(h);
      if (parsed) columns.set(i, parsed);
    });
    if ([...columns.values()].some((c) => c.kind === 'value')) {
      const wide: WideLayout = {
        outletColumn: outletCol,
        outletIsMn: fields.outlet_id === undefined,
        timeColumn: fields.time!,
        columns,
      };
      return {
        format: { kind: 'monitoring-wide', fields, wide },
        unmapped: usedBy([outletCol, fields.time!, ...columns.keys()]),
      };
    }
  }
  if (isAirReadings(fields)) {
    return { format: { kind: 'air', fields }, unmapped: usedBy(Object.values(fields)) };
  }
  for (const format of TABULAR_FORMATS) {
    if (format.signature.every((f) => fields[f] !== undefined)) {
      const used = format.columns.map((c) => fields[c.field]).filter((x): x is number => x !== undefined);
      return { format: { kind: 'tabular', fields, format }, unmapped: usedBy(used) };
    }
  }
  return { format: null, unmapped: [...headers] };
}
