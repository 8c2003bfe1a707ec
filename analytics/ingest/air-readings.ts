import type { SqlRunner } from '../engine/database';
import { MISSING_SQL_LIST } from './missing-sql';
import { rawRowSql } from './csv-stage';
import type { Field } from './formats/field-aliases';
import { stageColumn, type StageLayout } from './stage-source';

const POLLUTANTS = ['pm25', 'pm10', 'so2', 'no2', 'co', 'o3'] as const;

/**
 * Hourly ambient-air readings (input-formats.md §4): `station_id, time, pm25, pm10, so2, no2, co, o3`
 * (µg/m³, CO mg/m³), or split `year, month, day, hour` columns as in the Beijing station files.
 * CO reported in µg/m³ (median above 50) is converted to mg/m³, with a warning. Stations not in the
 * registry are added with their id, also with a warning.
 */
export function isAirReadings(fields: Partial<Record<Field, number>>): boolean {
  const hasTime =
    fields.time !== undefined ||
    (fields.year !== undefined &&
      fields.month !== undefined &&
      fields.day !== undefined &&
      fields.hour !== undefined);
  return fields.station_id !== undefined && hasTime && POLLUTANTS.some((p) => fields[p] !== undefined);
}

export async function loadAirReadings(
  db: SqlRunner,
  layout: StageLayout,
  fields: Partial<Record<Field, number>>,
  fileId: number,
): Promise<{ loaded: number; rejected: number; duplicates: number; warnings: string[] }> {
  const col = (f: Field) => (fields[f] === undefined ? 'NULL::VARCHAR' : stageColumn(fields[f]));
  const num = (f: Field) =>
    `CASE WHEN ${col(f)} IS NULL OR lower(trim(${col(f)})) IN ${MISSING_SQL_LIST} THEN NULL ELSE TRY_CAST(trim(${col(f)}) AS DOUBLE) END`;
  const timeSql =
    fields.time !== undefined
      ? layout.timeSql(fields.time)
      : `try_cast(make_timestamp(TRY_CAST(${col('year')} AS BIGINT), TRY_CAST(${col('month')} AS BIGINT),
           TRY_CAST(${col('day')} AS BIGINT), TRY_CAST(${col('hour')} AS BIGINT), 0, 0) AS TIMESTAMP)`;
  const timeText =
    fields.time !== undefined
      ? col('time')
      : `concat_ws('-', ${col('year')}, ${col('month')}, ${col('day')}, ${col('hour')})`;
  const present = POLLUTANTS.filter((p) => fields[p] !== undefined);
  const badNumber = present
    .map(
      (p) =>
        `WHEN NOT (${col(p)} IS NULL OR lower(trim(${col(p)})) IN ${MISSING_SQL_LIST}) AND ${num(p)} IS NULL THEN '${p} is not a number: ' || ${col(p)}`,
    )
    .join(' ');
  await db.run(`CREATE OR REPLACE TEMP TABLE imp_air AS
    SELECT line, ${rawRowSql(layout)} AS raw, trim(${col('station_id')}) AS station_id, ${timeSql} AS ts,
           ${POLLUTANTS.map((p) => `${fields[p] === undefined ? 'NULL::DOUBLE' : num(p)} AS ${p}`).join(', ')},
           CASE WHEN overflow IS NOT NULL THEN 'too many fields: the row has more columns than the header'
                WHEN ${col('station_id')} IS NULL OR trim(${col('station_id')}) = '' THEN 'missing station_id'
                WHEN ${timeSql} IS NULL THEN 'unrecognised time: ' || coalesce(${timeText}, '')
                ${badNumber} END AS reason
    FROM imp_stage`);
  await db.run(`INSERT INTO quarantine SELECT $f, line, reason, raw FROM imp_air WHERE reason IS NOT NULL`, {
    f: fileId,
  });
  const warnings: string[] = [];
  const [co] = await db.all<{ med: number | null }>(
    'SELECT median(co) AS med FROM imp_air WHERE reason IS NULL',
  );
  if (co?.med !== null && co?.med !== undefined && co.med > 50) {
    await db.run('UPDATE imp_air SET co = co / 1000');
    warnings.push(`CO looks like µg/m³ (median ${co.med}); converted to mg/m³.`);
  }
  const [c] = await db.all<{ ok: number; rejected: number; within: number; stored: number }>(`
    SELECT (SELECT count(*) FROM imp_air WHERE reason IS NULL) AS ok,
           (SELECT count(*) FROM imp_air WHERE reason IS NOT NULL) AS rejected,
           (SELECT count(*) - count(DISTINCT (station_id, ts)) FROM imp_air WHERE reason IS NULL) AS within,
           (SELECT count(*) FROM (SELECT DISTINCT station_id, ts FROM imp_air WHERE reason IS NULL) a
              SEMI JOIN air_readings r USING (station_id, ts)) AS stored`);
  await db.run(
    `INSERT INTO air_readings
     SELECT station_id, ts, pm25, pm10, so2, no2, co, o3, $f, line FROM imp_air a
     WHERE reason IS NULL
     QUALIFY row_number() OVER (PARTITION BY station_id, ts ORDER BY line) = 1
       AND NOT EXISTS (SELECT 1 FROM air_readings r WHERE r.station_id = a.station_id AND r.ts = a.ts)
     ORDER BY station_id, ts`,
    { f: fileId },
  );
  const added = await db.all<{ station_id: string }>(
    `INSERT INTO stations (station_id, station_name, source_file_id)
     SELECT DISTINCT station_id, station_id, $f FROM imp_air
     WHERE reason IS NULL AND station_id NOT IN (SELECT station_id FROM stations) RETURNING station_id`,
    { f: fileId },
  );
  if (added.length > 0) {
    warnings.push(
      `Stations not in the registry were added by id: ${added.map((s) => s.station_id).join(', ')}.`,
    );
  }
  await db.run('DROP TABLE imp_air');
  const x = c!;
  return {
    loaded: x.ok - x.within - x.stored,
    rejected: x.rejected,
    duplicates: x.within + x.stored,
    warnings,
  };
}
