import {
  columnIndexes,
  type ColumnOrConstant,
  type ImportMapping,
  type MonitoringLongMapping,
  type PowerLongMapping,
  type PowerWideMapping,
} from '../api/import-mapping';
import { AppFailure } from '../api/result';
import { sqlString, type SqlRunner } from '../engine/database';
import { hj212CodeByCode, hj212CodesByChineseName } from '../model/codes/hj212-codes';
import type { Field } from './formats/field-aliases';
import { loadTabular } from './formats/tabular-format';
import { TABULAR_FORMATS } from './formats/tabular-formats';
import { parseWideHeader } from './formats/wide-headers';
import { parseLongMonitoring } from './monitoring-long';
import { commitMonitoringRows, type MonitoringLoadCounts } from './monitoring-rows';
import { materialiseStage, stageColumn, type StageLayout } from './stage-source';

export interface MappedLoad extends MonitoringLoadCounts {
  readonly warnings: readonly string[];
  /** Header cells the mapping does not use. */
  readonly unmapped: readonly string[];
}

/**
 * Resolve a code typed by the analyst: an HJ 212-2017 code in any case, or a Chinese name from the
 * export dictionary or the code table (氨氮 -> w21003). Several codes with one name (氰化物 in air and
 * water) need the media to choose.
 */
export function resolveCode(text: string, media?: 'gas' | 'water' | 'other'): string {
  const t = text.trim();
  const byCode = hj212CodeByCode(t);
  if (byCode) return /x$/.test(byCode.code) ? t.toLowerCase() : byCode.code.toLowerCase();
  const wide = parseWideHeader(t);
  if (wide?.kind === 'value') return wide.code;
  const named = hj212CodesByChineseName(t).filter((c) => media === undefined || c.media === media);
  if (named.length === 1) return named[0]!.code.toLowerCase();
  throw new AppFailure(
    'unsupported-format',
    named.length > 1
      ? `code "${t}" names ${named.length} HJ 212 codes (${named.map((c) => c.code).join(', ')}); type the code or choose the media.`
      : `code "${t}" is neither an HJ 212-2017 code nor a known Chinese name; type the code (e.g. w21003).`,
  );
}

/** Import the staged file (`imp_stage`) as the analyst mapped it, inside the caller's transaction. */
export async function loadMapped(
  tx: SqlRunner,
  mapping: ImportMapping,
  layout: StageLayout,
  fileId: number,
  fileName: string,
): Promise<MappedLoad> {
  await materialiseStage(tx);
  const { index, problems } = columnIndexes(mapping, layout.headers);
  if (problems.length > 0) {
    throw new AppFailure(
      'unsupported-format',
      `${fileName}: the mapping does not fit this file: ${problems.map((p) => p.message).join(' ')}`,
    );
  }
  const used = new Set(index.values());
  const unmapped = layout.headers.filter((_, i) => !used.has(i));
  const load =
    mapping.target === 'monitoring-long'
      ? await loadMappedLong(tx, mapping, layout, index, fileId)
      : mapping.target === 'power-wide'
        ? await loadMappedPower(tx, mapping, layout, index, fileId)
        : await loadMappedPowerLong(tx, mapping, layout, index, fileId);
  return {
    ...load,
    unmapped,
    warnings: [
      ...load.warnings,
      ...(unmapped.length > 0 ? [`Columns not used: ${unmapped.join(', ')}.`] : []),
    ],
  };
}

async function loadMappedLong(
  tx: SqlRunner,
  mapping: MonitoringLongMapping,
  layout: StageLayout,
  index: ReadonlyMap<string, number>,
  fileId: number,
): Promise<Omit<MappedLoad, 'unmapped'>> {
  // Constants become extra staged columns past the file's own, so the documented long loader reads
  // them like any column; the quarantine text (rebuilt from the file's columns only) stays the row.
  let next = layout.headers.length;
  const fields: Partial<Record<Field, number>> = {};
  const bind = async (field: Field, source: ColumnOrConstant | undefined, value?: string) => {
    if (source === undefined) return;
    if ('column' in source) {
      fields[field] = index.get(source.column)!;
      return;
    }
    const col = stageColumn(next);
    await tx.run(
      `ALTER TABLE imp_stage ADD COLUMN ${col} VARCHAR DEFAULT ${sqlString(value ?? source.constant)}`,
    );
    fields[field] = next++;
  };
  const code = 'constant' in mapping.code ? resolveCode(mapping.code.constant, mapping.media) : undefined;
  await bind('outlet_id', mapping.outlet);
  await bind('code', mapping.code, code);
  await bind('flag', mapping.flag);
  await bind('stat', mapping.stat);
  fields.time = index.get(mapping.time.column)!;
  fields.value = index.get(mapping.value.column)!;

  await parseLongMonitoring(tx, layout, fields);
  const scale = mapping.value.scale;
  if (scale !== undefined && scale !== 1) {
    await tx.run(
      `UPDATE imp_parsed SET value = value * CAST(${JSON.stringify(scale)} AS DOUBLE) WHERE value IS NOT NULL`,
    );
  }
  const counts = await commitMonitoringRows(tx, fileId);
  const warnings: string[] = [];
  if (mapping.media !== undefined || mapping.value.unit !== undefined) {
    // The analyst's media and unit describe the series this file created; a series that already had
    // readings from another file keeps what it had (reported, not overwritten).
    const [kept] = await tx.all<{ n: number }>(
      `WITH mine AS (SELECT DISTINCT series_id FROM readings WHERE source_file_id = $f),
            shared AS (SELECT DISTINCT r.series_id FROM readings r SEMI JOIN mine USING (series_id) WHERE r.source_file_id <> $f)
       SELECT count(*) AS n FROM shared`,
      { f: fileId },
    );
    await tx.run(
      `UPDATE series SET media = coalesce($m, media), unit = coalesce($u, unit)
       WHERE series_id IN (SELECT DISTINCT series_id FROM readings WHERE source_file_id = $f)
         AND series_id NOT IN (SELECT DISTINCT series_id FROM readings WHERE source_file_id <> $f)`,
      { f: fileId, m: mapping.media ?? null, u: mapping.value.unit ?? null },
    );
    if ((kept?.n ?? 0) > 0) {
      warnings.push(
        `${kept!.n} series already had readings from other files; their media and unit were kept.`,
      );
    }
  }
  if (scale !== undefined && scale !== 1) warnings.push(`Values were multiplied by ${scale} as mapped.`);
  return { ...counts, warnings };
}

const POWER = TABULAR_FORMATS.find((f) => f.id === 'power')!;
const QUANTITIES = ['kw', 'kwh', 'current_a'] as const;

/** A staged text column times the mapped scale, as text; text that is no number stays as it was. */
function scaledText(col: string, scale: number): string {
  const num = `TRY_CAST(replace(trim(${col}), ',', '') AS DOUBLE)`;
  return scale === 1
    ? col
    : `CASE WHEN ${num} IS NULL THEN ${col} ELSE (${num} * CAST(${JSON.stringify(scale)} AS DOUBLE))::VARCHAR END`;
}

async function loadMappedPower(
  tx: SqlRunner,
  mapping: PowerWideMapping,
  layout: StageLayout,
  index: ReadonlyMap<string, number>,
  fileId: number,
): Promise<Omit<MappedLoad, 'unmapped'>> {
  // One staged row per (file row, device): the file's own columns stay as they were (so a rejected
  // reading is quarantined with the row's text), followed by the device id and its scaled values.
  const n = layout.headers.length;
  const devices = [...new Set(mapping.columns.map((c) => c.device))];
  const structs = devices.map((device) => {
    const parts = QUANTITIES.map((q) => {
      const c = mapping.columns.find((m) => m.device === device && m.quantity === q);
      return `${q} := ${c ? scaledText(stageColumn(index.get(c.column)!), c.scale) : 'NULL::VARCHAR'}`;
    });
    return `struct_pack(device := ${sqlString(device)}, ${parts.join(', ')})`;
  });
  await tx.run('ALTER TABLE imp_stage RENAME TO imp_stage_file');
  await tx.run(`CREATE TEMP TABLE imp_stage AS
    SELECT * EXCLUDE (u), u.device AS ${stageColumn(n)}, u.kw AS ${stageColumn(n + 1)},
           u.kwh AS ${stageColumn(n + 2)}, u.current_a AS ${stageColumn(n + 3)}
    FROM (SELECT *, unnest([${structs.join(', ')}]) AS u FROM imp_stage_file)`);
  await tx.run('DROP TABLE imp_stage_file');
  const has = (q: (typeof QUANTITIES)[number]) => mapping.columns.some((c) => c.quantity === q);
  const fields: Partial<Record<Field, number>> = {
    device_id: n,
    time: index.get(mapping.time.column)!,
    ...(has('kw') ? { kw: n + 1 } : {}),
    ...(has('kwh') ? { kwh: n + 2 } : {}),
    ...(has('current_a') ? { current_a: n + 3 } : {}),
  };
  const deviceRows = `VALUES ${devices
    .map((d) => {
      const cols = mapping.columns.filter((c) => c.device === d).map((c) => c.column);
      return `(${sqlString(d)}, ${sqlString(cols.join(' + '))})`;
    })
    .join(', ')}`;
  const load = await commitPower(tx, layout, fields, fileId, deviceRows, mapping.site);
  return {
    ...load,
    warnings: [
      `Power by column: each row gives one reading per device (${devices.length}); rows loaded, rejected and duplicates count readings.`,
      ...mapping.columns
        .filter((c) => c.scale !== 1)
        .map((c) => `${c.column} -> ${c.device} ${c.quantity}: values multiplied by ${c.scale}.`),
    ],
  };
}

async function loadMappedPowerLong(
  tx: SqlRunner,
  mapping: PowerLongMapping,
  layout: StageLayout,
  index: ReadonlyMap<string, number>,
  fileId: number,
): Promise<Omit<MappedLoad, 'unmapped'>> {
  // A typed device and the scaled value become staged columns past the file's own, so the
  // documented power loader reads them and a rejected row is quarantined with the file's text.
  const n = layout.headers.length;
  const value = mapping.value;
  const valueCol = index.get(value.column)!;
  const extra = [
    ...('constant' in mapping.device ? [sqlString(mapping.device.constant)] : []),
    ...(value.scale !== 1 ? [scaledText(stageColumn(valueCol), value.scale)] : []),
  ];
  if (extra.length > 0) {
    await tx.run('ALTER TABLE imp_stage RENAME TO imp_stage_file');
    await tx.run(`CREATE TEMP TABLE imp_stage AS
      SELECT *, ${extra.map((e, i) => `${e} AS ${stageColumn(n + i)}`).join(', ')} FROM imp_stage_file`);
    await tx.run('DROP TABLE imp_stage_file');
  }
  const fields: Partial<Record<Field, number>> = {
    device_id: 'constant' in mapping.device ? n : index.get(mapping.device.column)!,
    time: index.get(mapping.time.column)!,
    [value.quantity]: value.scale !== 1 ? n + extra.length - 1 : valueCol,
  };
  // Devices are the ones this file gave readings for; the loader stored their ids trimmed.
  const deviceRows = 'SELECT DISTINCT device_id, NULL::VARCHAR FROM power_readings WHERE source_file_id = $f';
  const load = await commitPower(tx, layout, fields, fileId, deviceRows, mapping.site);
  return {
    ...load,
    warnings:
      value.scale !== 1 ? [`${value.column} -> ${value.quantity}: values multiplied by ${value.scale}.`] : [],
  };
}

/**
 * Load the prepared stage with the documented power loader (quarantine, duplicates, provenance as
 * for a documented file), then record the devices not yet in the case under the mapped site.
 * `deviceRows` is SQL giving (device_id, device_name) rows; it may use `$f` (the file id).
 */
async function commitPower(
  tx: SqlRunner,
  layout: StageLayout,
  fields: Partial<Record<Field, number>>,
  fileId: number,
  deviceRows: string,
  site: string | undefined,
): Promise<Omit<MappedLoad, 'unmapped' | 'warnings'>> {
  const r = await loadTabular(tx, POWER, layout, fields, fileId);
  await tx.run(
    `INSERT INTO devices (device_id, site_id, device_name, source_file_id, source_row)
     SELECT d.device_id, $s, d.device_name, $f, NULL FROM (${deviceRows}) AS d(device_id, device_name)
     ON CONFLICT DO NOTHING`,
    { s: site ?? null, f: fileId },
  );
  const [span] = await tx.all<{ t0: string | null; t1: string | null; devices: number }>(
    `SELECT min(ts)::VARCHAR AS t0, max(ts)::VARCHAR AS t1,
            (SELECT count(DISTINCT device_id)::INTEGER FROM (${deviceRows}) AS d(device_id, device_name)) AS devices
     FROM power_readings WHERE source_file_id = $f`,
    { f: fileId },
  );
  return {
    rowsLoaded: r.loaded,
    rowsRejected: r.rejected,
    duplicates: r.duplicates,
    conflictingDuplicates: 0,
    seriesFound: span?.devices ?? 0,
    timeSpan: span?.t0 && span.t1 ? { start: span.t0, end: span.t1 } : null,
  };
}
