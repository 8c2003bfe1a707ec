import { sqlString, type SqlRunner } from '../engine/database';
import { MISSING_SQL_LIST } from './missing-sql';
import { rawRowSql } from './csv-stage';
import type { WideColumn } from './formats/wide-headers';
import { PARSED_TABLE_SQL } from './monitoring-rows';
import { stageColumn, type StageLayout } from './stage-source';

export interface WideLayout {
  /** Column index of outlet_id or MN (exactly one is used). */
  readonly outletColumn: number;
  readonly outletIsMn: boolean;
  readonly timeColumn: number;
  readonly columns: ReadonlyMap<number, WideColumn>;
}

/**
 * Wide monitoring export (one row per outlet and period, one column per code and statistic): each
 * filled cell becomes one reading, with the flag of its code's `-flag` column. Row-level problems
 * (no outlet, bad time, too many fields) are quarantined once per line; a cell that is not a number
 * is quarantined with its column name. Blank cells are "not reported" and counted, not stored.
 */
export async function parseWideMonitoring(
  db: SqlRunner,
  layout: StageLayout,
  wide: WideLayout,
  fileId: number,
): Promise<{ readonly rowRejected: number; readonly blankCells: number; readonly unknownMns: string[] }> {
  const flagByCode = new Map<string, number>();
  for (const [i, c] of wide.columns) if (c.kind === 'flag') flagByCode.set(c.code, i);
  const cells = [...wide.columns.entries()]
    .filter((e): e is [number, Extract<WideColumn, { kind: 'value' }>] => e[1].kind === 'value')
    .map(([i, c]) => {
      const flagCol = flagByCode.get(c.code);
      return `struct_pack(code := ${sqlString(c.code)}, stat := ${sqlString(c.stat)}, col := ${sqlString(
        layout.headers[i] ?? '',
      )}, v := ${stageColumn(i)}, f := ${flagCol === undefined ? 'NULL::VARCHAR' : stageColumn(flagCol)})`;
    });
  if (cells.length === 0) throw new Error('no value columns recognised in the wide export');
  const outlet = stageColumn(wide.outletColumn);
  const timeCol = stageColumn(wide.timeColumn);
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_rows AS
    SELECT line, trim(${outlet}) AS key, ts,
           CASE WHEN overflow IS NOT NULL THEN 'too many fields: the row has more columns than the header'
                WHEN ${outlet} IS NULL OR trim(${outlet}) = '' THEN 'missing ${wide.outletIsMn ? 'mn' : 'outlet_id'}'
                WHEN ${timeCol} IS NULL OR trim(${timeCol}) = '' THEN 'missing time'
                WHEN ts IS NULL THEN 'unrecognised time: ' || ${timeCol} END AS reason,
           [${cells.join(', ')}] AS cells
    FROM (SELECT *, ${layout.timeSql(wide.timeColumn)} AS ts FROM imp_stage)`);
  await db.run(
    `INSERT INTO quarantine SELECT $f, r.line, r.reason, ${rawRowSql(layout)}
     FROM imp_rows r JOIN imp_stage s USING (line) WHERE r.reason IS NOT NULL`,
    { f: fileId },
  );
  const outletExpr = wide.outletIsMn
    ? `coalesce((SELECT any_value(o.outlet_id) FROM outlets o WHERE o.mn = m.key), m.key)`
    : 'm.key';
  await db.run(PARSED_TABLE_SQL);
  // raw is attached later, only to the rejected cells (copying the row text to every cell is costly)
  await db.run(`INSERT INTO imp_parsed
    WITH u AS (
      SELECT line, key, ts, unnest(cells, recursive := true) FROM imp_rows WHERE reason IS NULL
    ), m AS (SELECT DISTINCT key FROM imp_rows WHERE reason IS NULL),
    k AS (SELECT key, ${outletExpr} AS outlet_id FROM m)
    SELECT line, outlet_id, code, stat, ts, value, flag,
           CASE WHEN value IS NULL THEN 'value is not a number in column ' || col || ': ' || v END AS reason,
           NULL AS raw, NULL AS interval
    FROM (
      SELECT u.line, k.outlet_id, u.code, u.stat, u.ts, u.col, u.v,
             TRY_CAST(replace(trim(u.v), ',', '') AS DOUBLE) AS value, nullif(upper(trim(u.f)), '') AS flag
      FROM u JOIN k USING (key)
      WHERE NOT (u.v IS NULL OR lower(trim(u.v)) IN ${MISSING_SQL_LIST})
    )`);
  await db.run(`UPDATE imp_parsed p SET raw = ${rawRowSql(layout)} FROM imp_stage s
    WHERE p.reason IS NOT NULL AND s.line = p.line`);
  const [c] = await db.all<{ rejected: number; blank: number }>(
    `SELECT (SELECT count(*) FROM imp_rows WHERE reason IS NOT NULL) AS rejected,
            (SELECT count(*) * ${cells.length} FROM imp_rows WHERE reason IS NULL)
              - (SELECT count(*) FROM imp_parsed) AS blank`,
  );
  // MNs no registered outlet carries: imported under the MN itself and listed in the report.
  const unknown = wide.outletIsMn
    ? await db.all<{ mn: string }>(
        `SELECT DISTINCT key AS mn FROM imp_rows WHERE reason IS NULL
         AND key NOT IN (SELECT mn FROM outlets WHERE mn IS NOT NULL) ORDER BY 1`,
      )
    : [];
  await db.run('DROP TABLE imp_rows');
  return { rowRejected: c?.rejected ?? 0, blankCells: c?.blank ?? 0, unknownMns: unknown.map((r) => r.mn) };
}
