import { sqlString, type SqlRunner } from '../engine/database';
import { stageColumn, type StageLayout } from './stage-source';
import type { Field } from './formats/field-aliases';
import { loadTabular } from './formats/tabular-format';
import { OUTLET_COLUMNS, SITE_COLUMNS } from './formats/tabular-formats';
import { parseWideHeader } from './formats/wide-headers';

/**
 * Registry of enterprises and outlets (企业/排口名录, input-formats.md §2): one row per outlet with
 * the enterprise columns repeated. Fills `sites`, `outlets` and `limits` (columns `limit_<code>` or
 * `<中文名>限值`, on the converted basis). A later registry updates the attributes it names.
 */
export function limitColumns(headers: readonly string[]): Map<number, string> {
  const out = new Map<number, string>();
  headers.forEach((h, i) => {
    const m = /^\s*limit[_-]?([a-z]\d{5}|\d{2,3})\s*$/i.exec(h.replace(/[(（].*$/, ''));
    if (m) {
      out.set(i, m[1]!.toLowerCase());
      return;
    }
    const zh = /^(.+?)(排放)?限值/.exec(h.trim());
    if (zh) {
      const parsed = parseWideHeader(zh[1]!);
      if (parsed?.kind === 'value') out.set(i, parsed.code);
    }
  });
  return out;
}

export async function loadRegistry(
  db: SqlRunner,
  layout: StageLayout,
  fields: Partial<Record<Field, number>>,
  fileId: number,
): Promise<{
  readonly loaded: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly limits: number;
}> {
  const site = {
    id: 'sites',
    table: 'sites',
    signature: [],
    key: ['site_id'],
    upsert: true,
    columns: SITE_COLUMNS,
  } as const;
  const outlet = {
    id: 'outlets',
    table: 'outlets',
    signature: [],
    key: ['outlet_id'],
    upsert: true,
    columns: OUTLET_COLUMNS,
  } as const;
  await loadTabular(db, site, layout, fields, fileId, { quarantine: false });
  const outlets = await loadTabular(db, outlet, layout, fields, fileId);
  const limits = limitColumns(layout.headers);
  const outletCol = fields.outlet_id;
  if (limits.size > 0 && outletCol !== undefined) {
    const arms = [...limits.entries()]
      .map(([i, code]) => `struct_pack(code := ${sqlString(code)}, v := ${stageColumn(i)})`)
      .join(', ');
    await db.run(
      `INSERT OR REPLACE INTO limits (outlet_id, code, limit_value, basis, source_file_id)
       SELECT outlet_id, code, limit_value, 'zs', $f FROM (
         SELECT trim(${stageColumn(outletCol)}) AS outlet_id, u.code, TRY_CAST(trim(u.v) AS DOUBLE) AS limit_value
         FROM (SELECT ${stageColumn(outletCol)}, unnest([${arms}]) AS u FROM imp_stage)
       ) WHERE outlet_id IS NOT NULL AND outlet_id <> '' AND limit_value IS NOT NULL
       QUALIFY row_number() OVER (PARTITION BY outlet_id, code) = 1`,
      { f: fileId },
    );
  }
  // Monitoring imported before the registry was filed under the logger's MN: re-key those series to
  // the outlet the registry now names (unless that outlet already has the same series).
  await db.run(`UPDATE series SET outlet_id = o.outlet_id
    FROM outlets o
    WHERE series.outlet_id = o.mn AND o.mn <> o.outlet_id
      AND NOT EXISTS (SELECT 1 FROM series s2 WHERE s2.outlet_id = o.outlet_id AND s2.code = series.code
                        AND s2.stat = series.stat AND s2.interval = series.interval)`);
  const [n] = await db.all<{ n: number }>('SELECT count(*) AS n FROM limits WHERE source_file_id = $f', {
    f: fileId,
  });
  return { ...outlets, limits: n?.n ?? 0 };
}
