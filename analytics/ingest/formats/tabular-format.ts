import type { SqlRunner } from '../../engine/database';
import { MISSING_SQL_LIST } from '../missing-sql';
import { rawRowSql } from '../csv-stage';
import { stageColumn, type StageLayout } from '../stage-source';
import type { Field } from './field-aliases';

/**
 * A documented exchange format that maps columns one-to-one onto a canonical table (registry-like
 * dimensions, sub-meter readings, air readings, orders, gate records, marks). The loader is generated
 * from this description: text is trimmed, numbers and times parsed, enums normalised (Chinese or
 * English), and every row that cannot be used is quarantined with its reason.
 */
export type ColumnKind =
  | { readonly kind: 'text' }
  | { readonly kind: 'number' }
  | { readonly kind: 'time' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: Readonly<Record<string, readonly string[]>> };

export interface TabularColumn {
  readonly field: Field;
  readonly column: string;
  readonly type: ColumnKind;
  readonly required?: boolean;
  readonly defaultSql?: string;
}

export interface TabularFormat {
  readonly id: string;
  readonly table: string;
  readonly columns: readonly TabularColumn[];
  /** Fields whose presence identifies the format (all must be in the header). */
  readonly signature: readonly Field[];
  /**
   * Natural key. For dimension tables (`upsert`) a later file updates the attributes; for fact tables
   * the first row wins and later ones count as duplicates (the rule used for monitoring readings).
   */
  readonly key: readonly string[];
  readonly upsert: boolean;
}

function enumSql(expr: string, values: Readonly<Record<string, readonly string[]>>): string {
  const arms = Object.entries(values)
    .map(([canon, names]) => {
      const list = [canon, ...names].map((n) => `'${n.toLowerCase().replaceAll("'", "''")}'`).join(', ');
      return `WHEN lower(${expr}) IN (${list}) THEN '${canon}'`;
    })
    .join(' ');
  return `CASE ${arms} ELSE NULL END`;
}

function parsedSql(text: string, type: ColumnKind, timeSql: string): string {
  switch (type.kind) {
    case 'text':
      return text;
    case 'number':
      return `TRY_CAST(replace(${text}, ',', '') AS DOUBLE)`;
    case 'time':
      return timeSql;
    case 'bool':
      return (
        enumSql(text, { true: ['是', 'y', 'yes', '1', 't'], false: ['否', 'n', 'no', '0', 'f'] }) +
        '::BOOLEAN'
      );
    case 'enum':
      return enumSql(text, type.values);
  }
}

/** Stage -> quarantine + target table. Returns loaded, rejected and duplicate counts. */
export async function loadTabular(
  db: SqlRunner,
  format: TabularFormat,
  layout: StageLayout,
  fields: Partial<Record<Field, number>>,
  fileId: number,
  options: { readonly quarantine?: boolean } = {},
): Promise<{ readonly loaded: number; readonly rejected: number; readonly duplicates: number }> {
  const present = format.columns.filter((c) => fields[c.field] !== undefined || c.defaultSql !== undefined);
  const textOf = (c: TabularColumn) => {
    const i = fields[c.field];
    return i === undefined ? 'NULL::VARCHAR' : `nullif_missing(${stageColumn(i)})`;
  };
  await db.run(
    `CREATE OR REPLACE TEMP MACRO nullif_missing(s) AS CASE WHEN s IS NULL OR lower(trim(s)) IN ${MISSING_SQL_LIST} THEN NULL ELSE trim(s) END`,
  );
  const selects = present.map((c) =>
    fields[c.field] === undefined
      ? `${c.defaultSql} AS ${c.column}`
      : `${parsedSql(textOf(c), c.type, layout.timeSql(fields[c.field]!))} AS ${c.column}`,
  );
  const texts = present
    .filter((c) => fields[c.field] !== undefined)
    .map((c) => `${textOf(c)} AS ${c.column}__text`);
  const checks = present
    .filter((c) => fields[c.field] !== undefined)
    .flatMap((c) => {
      const out: string[] = [];
      if (c.required) out.push(`WHEN ${c.column}__text IS NULL THEN 'missing ${c.field}'`);
      if (c.type.kind !== 'text') {
        out.push(
          `WHEN ${c.column}__text IS NOT NULL AND ${c.column} IS NULL THEN 'unrecognised ${c.field}: ' || ${c.column}__text`,
        );
      }
      return out;
    });
  const missingRequired = format.columns.filter(
    (c) => c.required && fields[c.field] === undefined && !c.defaultSql,
  );
  if (missingRequired.length > 0) {
    throw new Error(`missing required column(s): ${missingRequired.map((c) => c.field).join(', ')}`);
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_tab AS
    WITH x AS (SELECT line, overflow, ${rawRowSql(layout)} AS raw, ${[...selects, ...texts].join(', ')} FROM imp_stage)
    SELECT *, CASE WHEN overflow IS NOT NULL THEN 'too many fields: the row has more columns than the header'
      ${checks.join(' ')} END AS imp_reason FROM x`);
  if (options.quarantine !== false) {
    await db.run(
      `INSERT INTO quarantine SELECT $f, line, imp_reason, raw FROM imp_tab WHERE imp_reason IS NOT NULL`,
      {
        f: fileId,
      },
    );
  }
  const cols = present.map((c) => c.column);
  const keyList = format.key.join(', ');
  // Within the file the first row of a key wins.
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_tab_ok AS
    SELECT * FROM imp_tab WHERE imp_reason IS NULL
    QUALIFY row_number() OVER (PARTITION BY ${keyList} ORDER BY line) = 1`);
  const [counts] = await db.all<{ ok: number; rejected: number; within: number; stored: number }>(
    `SELECT (SELECT count(*) FROM imp_tab_ok) AS ok,
            (SELECT count(*) FROM imp_tab WHERE imp_reason IS NOT NULL) AS rejected,
            (SELECT count(*) FROM imp_tab WHERE imp_reason IS NULL) - (SELECT count(*) FROM imp_tab_ok) AS within,
            (SELECT count(*) FROM imp_tab_ok o SEMI JOIN ${format.table} t USING (${keyList})) AS stored`,
  );
  const c = counts!;
  const insertCols = [...cols, 'source_file_id', 'source_row'].join(', ');
  const selectCols = [...cols, '$f', 'line'].join(', ');
  if (format.upsert) {
    // A later registry file updates the attributes of known keys (DuckDB's INSERT OR REPLACE: no
    // delete-then-insert, which its unique checks reject inside one transaction).
    await db.run(
      `INSERT OR REPLACE INTO ${format.table} (${insertCols}) SELECT ${selectCols} FROM imp_tab_ok ORDER BY line`,
      { f: fileId },
    );
  } else {
    await db.run(
      `INSERT INTO ${format.table} (${insertCols})
       SELECT ${selectCols} FROM imp_tab_ok o ANTI JOIN ${format.table} t USING (${keyList})
       ORDER BY ${keyList}`,
      { f: fileId },
    );
  }
  await db.run('DROP TABLE IF EXISTS imp_tab');
  await db.run('DROP TABLE IF EXISTS imp_tab_ok');
  return {
    loaded: format.upsert ? c.ok : c.ok - c.stored,
    rejected: c.rejected,
    duplicates: c.within + (format.upsert ? 0 : c.stored),
  };
}
