import type { SqlRunner } from '../engine/database';
import { rawRowSql } from './csv-stage';
import type { Field } from './formats/field-aliases';
import { MISSING_SQL_LIST } from './missing-sql';
import { PARSED_TABLE_SQL } from './monitoring-rows';
import { stageColumn, type StageLayout } from './stage-source';

/** The statistic column of the long export: avg, zsavg, min, max, cou ... (default avg). */
const STAT_SQL = (col: string) => `CASE
  WHEN ${col} IS NULL OR trim(${col}) = '' THEN 'avg'
  ELSE regexp_replace(lower(trim(${col})), '^zs_?', 'zs_') END`;

const VALID_STATS = `('rtd','min','avg','max','cou','zs_rtd','zs_min','zs_avg','zs_max')`;

/**
 * Long monitoring export (`outlet_id, code, time, value, flag[, stat]`, input-formats.md §1): staged
 * rows become `imp_parsed`, with a reason on every row that cannot be used.
 */
export async function parseLongMonitoring(
  db: SqlRunner,
  layout: StageLayout,
  fields: Partial<Record<Field, number>>,
): Promise<void> {
  const col = (field: Field): string => {
    const i = fields[field];
    return i === undefined ? 'NULL::VARCHAR' : stageColumn(i);
  };
  const missing = (c: string) => `(${c} IS NULL OR lower(trim(${c})) IN ${MISSING_SQL_LIST})`;
  await db.run(PARSED_TABLE_SQL);
  await db.run(`INSERT INTO imp_parsed
    WITH x AS (
      SELECT line, overflow, ${rawRowSql(layout)} AS raw,
             trim(${col('outlet_id')}) AS outlet_id, lower(trim(${col('code')})) AS code,
             ${STAT_SQL(col('stat'))} AS stat, ${col('time')} AS time_text,
             ${fields.time === undefined ? 'NULL::TIMESTAMP' : layout.timeSql(fields.time)} AS ts, ${col('value')} AS value_text,
             CASE WHEN ${missing(col('value'))} THEN NULL
                  ELSE TRY_CAST(replace(trim(${col('value')}), ',', '') AS DOUBLE) END AS value,
             nullif(upper(trim(${col('flag')})), '') AS flag
      FROM imp_stage
    )
    SELECT line, outlet_id, code, stat, ts, value, flag,
      CASE
        WHEN overflow IS NOT NULL THEN 'too many fields: the row has more columns than the header'
        WHEN outlet_id IS NULL OR outlet_id = '' THEN 'missing outlet_id'
        WHEN code IS NULL OR code = '' THEN 'missing code'
        WHEN time_text IS NULL OR trim(time_text) = '' THEN 'missing time'
        WHEN ts IS NULL THEN 'unrecognised time: ' || time_text
        WHEN value IS NULL AND NOT ${missing('value_text')} THEN 'value is not a number: ' || value_text
        WHEN stat NOT IN ${VALID_STATS} THEN 'unknown statistic: ' || stat
      END AS reason,
      raw, NULL AS interval, NULL AS pos
    FROM x`);
}
