import {
  columnUses,
  normaliseColumnName,
  type ImportPreview,
  type MappingDraft,
  type MappingTarget,
  type MappingTemplate,
  type PowerQuantity,
} from '../../../analytics/api';

/**
 * What one column does under the mapping being edited: `device` is one device's readings (power by
 * column), `device_id` the column naming each row's device (power one per row).
 */
export type ColumnUse =
  'unused' | 'time' | 'value' | 'outlet' | 'code' | 'flag' | 'stat' | 'device' | 'device_id';

export const LONG_USES: readonly ColumnUse[] = ['unused', 'time', 'value', 'outlet', 'code', 'flag', 'stat'];
export const POWER_USES: readonly ColumnUse[] = ['unused', 'time', 'device'];
export const POWER_LONG_USES: readonly ColumnUse[] = ['unused', 'time', 'device_id', 'value'];

/** The uses a column can have under a target. */
export function usesFor(target: MappingTarget): readonly ColumnUse[] {
  return target === 'power-wide' ? POWER_USES : target === 'power-long' ? POWER_LONG_USES : LONG_USES;
}

export interface DeviceColumn {
  readonly device: string;
  readonly quantity: PowerQuantity;
  /** As typed: a number or a fraction such as 1/60. */
  readonly scale: string;
}

/** The wizard's editable state for one file; `toDraft` turns it into the contract's mapping. */
export interface MappingForm {
  readonly target: MappingTarget;
  readonly uses: readonly ColumnUse[];
  readonly outlet: string;
  readonly code: string;
  readonly media: '' | 'gas' | 'water' | 'other';
  /** The value's scale (monitoring and power one per row), as typed. */
  readonly scale: string;
  readonly unit: string;
  readonly site: string;
  /** The device typed for a power file one per row that names none. */
  readonly device: string;
  /** What the value of a power file one per row measures. */
  readonly quantity: PowerQuantity;
  readonly devices: Readonly<Record<number, DeviceColumn>>;
  readonly templateName: string;
}

/** Fields a column can feed only once: choosing one for a column frees it elsewhere. */
const SINGLE: ReadonlySet<ColumnUse> = new Set([
  'time',
  'value',
  'outlet',
  'code',
  'flag',
  'stat',
  'device_id',
]);

export function formFromPreview(preview: ImportPreview): MappingForm {
  const draft = preview.draft;
  const devices: Record<number, DeviceColumn> = {};
  const uses = preview.headers.map((h, i): ColumnUse => {
    const use = preview.columns[i]?.use ?? 'unused';
    if (use.startsWith('device:') && draft?.target === 'power-wide') {
      // By name as the import matches it (case, blanks): a template's header may differ in those.
      const c = draft.columns.find((x) => normaliseColumnName(x.column) === normaliseColumnName(h));
      devices[i] = { device: c?.device ?? h, quantity: c?.quantity ?? 'kw', scale: String(c?.scale ?? 1) };
      return 'device';
    }
    return (usesFor(draft?.target ?? 'monitoring-long') as readonly string[]).includes(use)
      ? (use as ColumnUse)
      : 'unused';
  });
  const constant = (s: { constant: string } | { column: string } | undefined) =>
    s && 'constant' in s ? s.constant : '';
  return {
    target: draft?.target ?? 'monitoring-long',
    uses,
    outlet: draft?.target === 'monitoring-long' ? constant(draft.outlet) : '',
    code: draft?.target === 'monitoring-long' ? constant(draft.code) : '',
    media: draft?.target === 'monitoring-long' ? (draft.media ?? '') : '',
    scale: draft && draft.target !== 'power-wide' ? String(draft.value.scale ?? 1) : '1',
    unit: draft?.target === 'monitoring-long' ? (draft.value.unit ?? '') : '',
    site: draft && draft.target !== 'monitoring-long' ? (draft.site ?? '') : '',
    device: draft?.target === 'power-long' ? constant(draft.device) : '',
    quantity: draft?.target === 'power-long' ? draft.value.quantity : 'kw',
    devices,
    templateName: preview.template ?? '',
  };
}

/**
 * The form with a saved template applied to a file of another shape (its columns matched by name;
 * a column the file lacks shows as a problem). The template name is left empty: saving it under the
 * same name would move the template to this file's shape.
 */
export function formFromTemplate(preview: ImportPreview, template: MappingTemplate): MappingForm {
  const columns = columnUses(template.mapping, preview.headers);
  return {
    ...formFromPreview({ ...preview, draft: template.mapping, template: null, columns }),
    templateName: '',
  };
}

export function setColumnUse(
  form: MappingForm,
  headers: readonly string[],
  index: number,
  use: ColumnUse,
): MappingForm {
  const uses = form.uses.map((u, i) => (i === index ? use : SINGLE.has(use) && u === use ? 'unused' : u));
  const devices = { ...form.devices };
  if (use === 'device' && !devices[index])
    devices[index] = { device: headers[index]!.trim(), quantity: 'kw', scale: '1' };
  return { ...form, uses, devices };
}

/** Switching target keeps the time column and drops roles the other target has no use for. */
export function setTarget(form: MappingForm, target: MappingTarget): MappingForm {
  const allowed = usesFor(target);
  return { ...form, target, uses: form.uses.map((u) => (allowed.includes(u) ? u : 'unused')) };
}

/** `1/60`, `0.001` or `1000`: a positive finite number, else null. */
export function parseScale(text: string): number | null {
  const m = /^\s*([0-9.eE+-]+)\s*(?:\/\s*([0-9.eE+-]+)\s*)?$/.exec(text);
  if (!m) return null;
  const v = Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** Problems the form itself can see (the rest come from `draftProblems`). */
export type FormProblem =
  'no-time' | 'no-value' | 'no-reading' | 'bad-scale' | 'no-device-columns' | 'empty-device';

export function toDraft(
  form: MappingForm,
  headers: readonly string[],
): { readonly draft: MappingDraft | null; readonly problems: readonly FormProblem[] } {
  const problems: FormProblem[] = [];
  const columnOf = (use: ColumnUse) => {
    const i = form.uses.indexOf(use);
    return i < 0 ? undefined : headers[i]!;
  };
  const time = columnOf('time');
  if (!time) problems.push('no-time');
  if (form.target === 'power-wide') {
    const columns = form.uses.flatMap((u, i) => {
      if (u !== 'device') return [];
      const d = form.devices[i] ?? { device: headers[i]!, quantity: 'kw' as const, scale: '1' };
      const scale = parseScale(d.scale);
      if (scale === null) problems.push('bad-scale');
      if (d.device.trim() === '') problems.push('empty-device');
      return [{ column: headers[i]!, device: d.device.trim(), quantity: d.quantity, scale: scale ?? 1 }];
    });
    if (columns.length === 0) problems.push('no-device-columns');
    if (problems.length > 0 || !time) return { draft: null, problems: [...new Set(problems)] };
    return {
      draft: {
        target: 'power-wide',
        time: { column: time },
        columns,
        ...(form.site.trim() ? { site: form.site.trim() } : {}),
      },
      problems,
    };
  }
  const value = columnOf('value');
  if (!value) problems.push(form.target === 'power-long' ? 'no-reading' : 'no-value');
  const scale = parseScale(form.scale);
  if (scale === null) problems.push('bad-scale');
  if (!time || !value || scale === null) return { draft: null, problems };
  const source = (use: ColumnUse, constant: string) => {
    const column = columnOf(use);
    if (column) return { column };
    return constant.trim() ? { constant: constant.trim() } : undefined;
  };
  if (form.target === 'power-long') {
    const device = source('device_id', form.device);
    return {
      draft: {
        target: 'power-long',
        time: { column: time },
        value: { column: value, quantity: form.quantity, scale },
        ...(device ? { device } : {}),
        ...(form.site.trim() ? { site: form.site.trim() } : {}),
      },
      problems,
    };
  }
  const outlet = source('outlet', form.outlet);
  const code = source('code', form.code);
  const flag = columnOf('flag');
  const stat = columnOf('stat');
  return {
    draft: {
      target: 'monitoring-long',
      time: { column: time },
      value: {
        column: value,
        ...(scale !== 1 ? { scale } : {}),
        ...(form.unit.trim() ? { unit: form.unit.trim() } : {}),
      },
      ...(outlet ? { outlet } : {}),
      ...(code ? { code } : {}),
      ...(flag ? { flag: { column: flag } } : {}),
      ...(stat ? { stat: { column: stat } } : {}),
      ...(form.media ? { media: form.media } : {}),
    },
    problems,
  };
}
