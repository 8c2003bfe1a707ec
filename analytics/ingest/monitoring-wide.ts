import { sqlString, type SqlRunner } from '../engine/database';
import { MISSING_SQL_LIST } from './missing-sql';
import { rawRowSql, stageDelimited, type DelimitedSource } from './csv-stage';
import type { WideColumn } from './formats/wide-headers';
import { commitCells, resolveSeries, type MonitoringLoadCounts } from './monitoring-rows';
import { stageColumn, type StageLayout } from './stage-source';

export interface WideLayout {
  /** Column index of outlet_id or MN (exactly one is used). */
  readonly outletColumn: number;
  readonly outletIsMn: boolean;
  readonly timeColumn: number;
  readonly columns: ReadonlyMap<number, WideColumn>;
}

export interface WideLoadCounts extends MonitoringLoadCounts {
  readonly blankCells: number;
  readonly unknownMns: string[];
}

/** One value column of the export, with its position among the value columns (`pos`). */
export interface ValueColumn {
  readonly pos: number;
  readonly stageIndex: number;
  readonly header: string;
  readonly code: string;
  readonly stat: string;
  /** Position among the flag columns of the code's `-flag` column, if the export has one. */
  readonly flagPos: number | null;
}

/**
 * The order of the typed rows: each outlet's rows together, in time order (the line breaks ties), so
 * every column's cells come out series by series and the readings need no sort of their own. The
 * outlets are grouped by the hash of their key, which sorts faster than the text; the order of the
 * outlets does not matter (two keys with the same 64-bit hash would only interleave).
 */
export const WIDE_ROW_ORDER = 'hash(key), ts, line';

/** The value columns of a wide export (in header order) and the stage indexes of its flag columns. */
export function wideColumns(
  layout: StageLayout,
  wide: WideLayout,
): { readonly values: readonly ValueColumn[]; readonly flagColumns: readonly number[] } {
  const flagColumns = [...wide.columns].filter(([, c]) => c.kind === 'flag').map(([i]) => i);
  const flagPosByCode = new Map<string, number>();
  for (const [i, c] of wide.columns) {
    if (c.kind === 'flag') flagPosByCode.set(c.code, flagColumns.indexOf(i));
  }
  const values: ValueColumn[] = [...wide.columns]
    .filter((e): e is [number, Extract<WideColumn, { kind: 'value' }>] => e[1].kind === 'value')
    .map(([i, c], pos) => ({
      pos,
      stageIndex: i,
      header: layout.headers[i] ?? '',
      code: c.code,
      stat: c.stat,
      flagPos: flagPosByCode.get(c.code) ?? null,
    }));
  if (values.length === 0) throw new Error('no value columns recognised in the wide export');
  return { values, flagColumns };
}

/**
 * Where the typed rows `imp_wide` come from: parsed here from the text stage `imp_stage`, or already
 * read typed from a clean CSV (wide-clean-csv.ts; the text of a line is then staged only if a
 * conflicting duplicate needs it for quarantine).
 */
export type WideRows =
  { readonly kind: 'staged' } | { readonly kind: 'typed'; readonly source: DelimitedSource };

/**
 * Wide monitoring export (one row per outlet and period, one column per code and statistic): each
 * filled cell becomes one reading, with the flag of its code's `-flag` column. Row-level problems
 * (no outlet, bad time, too many fields) are quarantined once per line; a cell that is not a number
 * is quarantined with its column name. Blank cells are "not reported" and counted, not stored.
 *
 * For speed the staged text is parsed once into `imp_wide`, one typed row per line (v0..vN numbers,
 * bad0..badN the text of cells that are not numbers, fl0..flM flags), in WIDE_ROW_ORDER; the readings
 * are only unpivoted in the final insert, which needs no sort of its own. The duplicate rule runs on readings only where a repeat is possible: a
 * wide row repeats whole (outlet, time) rows, so rows are checked first, not every cell.
 */
export async function loadWideMonitoring(
  db: SqlRunner,
  layout: StageLayout,
  wide: WideLayout,
  fileId: number,
  rows: WideRows = { kind: 'staged' },
): Promise<WideLoadCounts> {
  const { values } = wideColumns(layout, wide);
  if (rows.kind === 'staged') await parseWideRows(db, layout, wide);
  const valid = `FROM imp_wide WHERE reason IS NULL`;

  // Row-level problems once per line, then the cells that are not numbers, with their column.
  await db.run(`INSERT INTO quarantine SELECT $f, line, reason, raw FROM imp_wide WHERE reason IS NOT NULL`, {
    f: fileId,
  });
  await db.run(
    `INSERT INTO quarantine ${values
      .map(
        (v) =>
          `SELECT $f, line, 'value is not a number in column ' || ${sqlString(v.header)} || ': ' || bad${v.pos}, raw
           ${valid} AND bad${v.pos} IS NOT NULL`,
      )
      .join(' UNION ALL ')}`,
    { f: fileId },
  );

  // Keys (outlet or MN as written) -> outlet: the MN is mapped through the registry; an unknown MN is
  // imported under the MN itself.
  const outletExpr = wide.outletIsMn
    ? `coalesce((SELECT min(o.outlet_id) FROM outlets o WHERE o.mn = m.key), m.key)`
    : 'm.key';
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_wide_keys AS
    SELECT key, ${outletExpr} AS outlet_id FROM (SELECT DISTINCT key ${valid}) m`);

  // Each key is one outlet (the usual case): rows are grouped by key, without joining the outlets.
  const [keyCounts] = await db.all<{ keys: number; outlets: number }>(
    'SELECT count(*) AS keys, count(DISTINCT outlet_id) AS outlets FROM imp_wide_keys',
  );
  const oneToOne = keyCounts?.keys === keyCounts?.outlets;
  const outletOf = oneToOne ? 'w.key' : 'k.outlet_id';
  const validRows = `FROM imp_wide w ${oneToOne ? '' : 'JOIN imp_wide_keys k USING (key)'} WHERE w.reason IS NULL`;

  // A (code, stat) may come from more than one column (e.g. 烟尘 and 颗粒物): its cells are those
  // filled in any of them.
  const byKey = new Map<string, ValueColumn[]>();
  for (const v of values) {
    const k = `${v.code}\u0001${v.stat}`;
    byKey.set(k, [...(byKey.get(k) ?? []), v]);
  }
  const seriesKeys = [...byKey.values()];
  const filled = (cols: readonly ValueColumn[]) => cols.map((v) => `v${v.pos} IS NOT NULL`).join(' OR ');

  // A (series, ts) can only repeat within the file where an (outlet, time) row repeats, or inside a
  // row when two columns carry the same code and statistic. The repeated rows are found in two steps:
  // grouping on one 64-bit hash of (outlet, time) is cheap and finds every repeat (plus the odd hash
  // collision); only the rows of those hashes are then grouped on the exact (outlet, time). A file
  // without repeats (the usual case) never groups its text keys.
  const repeatedColumns = seriesKeys.some((cols) => cols.length > 1);
  if (!repeatedColumns) {
    await db.run(`CREATE OR REPLACE TEMP TABLE imp_wide_repeats AS
      WITH h AS (SELECT hash(${outletOf}, w.ts) AS h ${validRows} GROUP BY 1 HAVING count(*) > 1)
      SELECT ${oneToOne ? 'k.outlet_id' : 'r.o AS outlet_id'}, r.ts
      FROM (SELECT ${outletOf} AS o, w.ts ${validRows} AND hash(${outletOf}, w.ts) IN (SELECT h FROM h)
            GROUP BY ALL HAVING count(*) > 1) r
      ${oneToOne ? 'JOIN imp_wide_keys k ON k.key = r.o' : ''}`);
  }
  const [repeats] = repeatedColumns
    ? [{ n: 1 }]
    : await db.all<{ n: number }>('SELECT count(*) AS n FROM imp_wide_repeats');
  const rowsRepeat = (repeats?.n ?? 0) > 0;

  // Series statistics per (outlet, code, stat) straight from the typed rows. Where no row repeats,
  // the filled rows of a series are its distinct times, so they are counted exactly.
  const distinctTimes = (cols: readonly ValueColumn[]) =>
    rowsRepeat
      ? `approx_count_distinct(ts) FILTER (WHERE ${filled(cols)})`
      : `count(*) FILTER (WHERE ${filled(cols)})`;
  const perKey = seriesKeys
    .map(
      (cols, j) => `count(*) FILTER (WHERE ${filled(cols)}) AS n${j}, ${distinctTimes(cols)} AS d${j},
        min(ts) FILTER (WHERE ${filled(cols)}) AS t0_${j}, max(ts) FILTER (WHERE ${filled(cols)}) AS t1_${j}`,
    )
    .join(',\n');
  const stats = `SELECT ${oneToOne ? 'k.outlet_id' : 'g.o AS outlet_id'}, g.* EXCLUDE (o)
    FROM (SELECT ${outletOf} AS o, ${perKey} ${validRows} GROUP BY 1) g
    ${oneToOne ? 'JOIN imp_wide_keys k ON k.key = g.o' : ''}`;
  await resolveSeries(
    db,
    `WITH g AS (${stats})
     ${seriesKeys
       .map(
         (cols, j) =>
           `SELECT outlet_id, ${sqlString(cols[0]!.code)} AS code, ${sqlString(cols[0]!.stat)} AS stat,
                   NULL::VARCHAR AS given, d${j} AS n_ts, t0_${j} AS t0, t1_${j} AS t1
            FROM g WHERE n${j} > 0`,
       )
       .join(' UNION ALL ')}`,
  );
  // One row per key with the series id of each value column.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_wide_series AS
    SELECT w.key, ${values
      .map(
        (v) =>
          `any_value(s.series_id) FILTER (WHERE s.code = ${sqlString(v.code)} AND s.stat = ${sqlString(v.stat)}) AS s${v.pos}`,
      )
      .join(', ')}
    FROM imp_wide_keys w JOIN imp_keys s USING (outlet_id) GROUP BY w.key`);

  const cells = (rowFilter: string) =>
    values
      .map(
        (v) => `SELECT m.s${v.pos} AS series_id, w.ts, w.v${v.pos} AS value,
                ${v.flagPos === null ? 'NULL::VARCHAR' : `w.fl${v.flagPos}`} AS flag, w.line, ${v.pos} AS pos
         FROM imp_wide w JOIN imp_wide_series m USING (key)
         WHERE w.reason IS NULL AND w.v${v.pos} IS NOT NULL${rowFilter}`,
      )
      .join('\nUNION ALL\n');

  const repeatCandidates = repeatedColumns
    ? cells('')
    : (repeats?.n ?? 0) > 0
      ? cells(
          ` AND (w.key, w.ts) IN (SELECT (k.key, r.ts) FROM imp_wide_repeats r JOIN imp_wide_keys k USING (outlet_id))`,
        )
      : null;

  const [c] = await db.all<{
    rejected_rows: number;
    valid_rows: number;
    cells: number;
    bad_cells: number;
    t0: string | null;
    t1: string | null;
  }>(
    `SELECT count(*) FILTER (WHERE reason IS NOT NULL) AS rejected_rows,
            count(*) FILTER (WHERE reason IS NULL) AS valid_rows,
            ${values.map((v) => `count(v${v.pos}) FILTER (WHERE reason IS NULL)`).join(' + ')} AS cells,
            ${values.map((v) => `count(bad${v.pos}) FILTER (WHERE reason IS NULL)`).join(' + ')} AS bad_cells,
            min(ts) FILTER (WHERE reason IS NULL AND (${filled(values)})) AS t0,
            max(ts) FILTER (WHERE reason IS NULL AND (${filled(values)})) AS t1
     FROM imp_wide`,
  );
  if (!c) throw new Error('wide import counts query returned no row');

  // MNs no registered outlet carries: imported under the MN itself and listed in the report.
  const unknown = wide.outletIsMn
    ? await db.all<{ mn: string }>(
        `SELECT key AS mn FROM imp_wide_keys WHERE key NOT IN (SELECT mn FROM outlets WHERE mn IS NOT NULL) ORDER BY 1`,
      )
    : [];

  const committed = await commitCells(db, fileId, {
    cells: cells(''),
    repeatCandidates,
    presorted: true, // imp_wide is in WIDE_ROW_ORDER
    rawByLine: async () => {
      if (rows.kind === 'typed') await stageDelimited(db, rows.source);
      return `SELECT line, ${rawRowSql(layout)} AS raw FROM imp_stage`;
    },
    cellCount: c.cells,
  });
  if (rows.kind === 'typed') await db.run('DROP VIEW imp_wide');
  for (const t of ['imp_wide', 'imp_wide_rows', 'imp_wide_keys', 'imp_wide_series', 'imp_wide_repeats']) {
    await db.run(`DROP TABLE IF EXISTS ${t}`);
  }
  return {
    ...committed,
    rowsRejected: c.rejected_rows + c.bad_cells,
    timeSpan: c.t0 && c.t1 ? { start: c.t0, end: c.t1 } : null,
    blankCells: c.valid_rows * values.length - c.cells - c.bad_cells,
    unknownMns: unknown.map((r) => r.mn),
  };
}

/**
 * The one pass over the staged text: row checks, the time, every cell as a number (or its text when
 * it is not one) and the flags. The raw row text is built only for lines that go to quarantine.
 */
export async function parseWideRows(db: SqlRunner, layout: StageLayout, wide: WideLayout): Promise<void> {
  const { values, flagColumns } = wideColumns(layout, wide);
  const outlet = stageColumn(wide.outletColumn);
  const timeCol = stageColumn(wide.timeColumn);
  const missing = (c: string) => `lower(trim(${c})) IN ${MISSING_SQL_LIST}`;
  // A plain cast first (it accepts surrounding blanks); the costlier checks (missing-value tokens,
  // thousands separators) run only on the few cells it does not read, because CASE evaluates each
  // branch only for the rows still undecided. NaN is only ever a missing-value token ('nan').
  const plain = values.map((v) => `TRY_CAST(${stageColumn(v.stageIndex)} AS DOUBLE) AS y${v.pos}`);
  const cleaned = values.map((v) => {
    const c = stageColumn(v.stageIndex);
    const y = `y${v.pos}`;
    const separated = `TRY_CAST(replace(trim(${c}), ',', '') AS DOUBLE)`;
    return `CASE WHEN NOT isnan(${y}) THEN ${y} WHEN ${c} IS NULL THEN NULL WHEN ${missing(c)} THEN NULL
                 ELSE ${separated} END AS v${v.pos},
            CASE WHEN ${y} IS NOT NULL OR ${c} IS NULL THEN NULL WHEN ${missing(c)} THEN NULL
                 WHEN ${separated} IS NOT NULL THEN NULL ELSE ${c} END AS bad${v.pos}`;
  });
  const anyBad = values.map((v) => `bad${v.pos} IS NOT NULL`).join(' OR ');
  const flags = flagColumns.map((i, j) => `nullif(upper(trim(${stageColumn(i)})), '') AS fl${j}`);
  const kept = [
    ...values.flatMap((v) => [`v${v.pos}`, `bad${v.pos}`]),
    ...flagColumns.map((_, j) => `fl${j}`),
  ].join(', ');
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_wide AS
    SELECT line, key, ts, reason, ${kept},
           CASE WHEN reason IS NOT NULL OR ${anyBad} THEN ${rawRowSql(layout)} END AS raw
    FROM (
      SELECT *, ${[...cleaned, ...flags].join(',\n')},
             CASE WHEN overflow IS NOT NULL THEN 'too many fields: the row has more columns than the header'
                  WHEN ${outlet} IS NULL OR trim(${outlet}) = '' THEN 'missing ${wide.outletIsMn ? 'mn' : 'outlet_id'}'
                  WHEN ${timeCol} IS NULL OR trim(${timeCol}) = '' THEN 'missing time'
                  WHEN ts IS NULL THEN 'unrecognised time: ' || ${timeCol} END AS reason
      FROM (SELECT *, trim(${outlet}) AS key, ${layout.timeSql(wide.timeColumn)} AS ts, ${plain.join(', ')} FROM imp_stage)
    )
    ORDER BY ${WIDE_ROW_ORDER}`);
}
