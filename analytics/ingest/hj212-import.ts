import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlRunner } from '../engine/database';
import { readHj212LogBatches, type LogSummary } from './hj212/log-reader';
import { packetRecords } from './hj212/packet-records';
import { PARSED_TABLE_SQL } from './monitoring-rows';

/**
 * HJ 212 receiver logs (input-formats.md §1): streamed packet by packet (a multi-GB log is never
 * held in memory) into `imp_parsed`, then the shared monitoring commit. The MN is mapped to its
 * registered outlet; an unknown MN is imported under the MN itself and listed. A CRC mismatch or a
 * vendor CRC variant is imported with a warning, never dropped (exported logs are evidence; the
 * analyst decides). Noise lines are counted by reason in the report.
 */
export interface Hj212LoadResult {
  readonly summary: LogSummary;
  readonly unknownMns: string[];
  readonly facilityStates: number;
  readonly warnings: string[];
}

export async function parseHj212Log(
  tx: SqlRunner,
  connection: DuckDBConnection,
  file: string,
  options: { readonly signal?: AbortSignal; readonly onBytes?: (done: number, total: number) => void },
): Promise<Hj212LoadResult> {
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_hj212 (
    line BIGINT, mn VARCHAR, code VARCHAR, stat VARCHAR, ts_text VARCHAR, value DOUBLE, flag VARCHAR,
    reason VARCHAR, raw VARCHAR, interval VARCHAR)`);
  const appender = await connection.createAppender('imp_hj212', 'main', 'temp');
  let facilityStates = 0;
  let summary: LogSummary;
  const batches = readHj212LogBatches(file, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onBytes ? { onProgress: (p) => options.onBytes!(p.bytesRead, p.totalBytes) } : {}),
  });
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        summary = next.value;
        break;
      }
      for (const item of next.value) {
        const records = packetRecords(item.packet);
        facilityStates += records.facilityStates.length;
        const mn = item.packet.mn;
        if (records.readings.length === 0) continue;
        const problem =
          mn === null || mn === ''
            ? 'packet has no MN'
            : item.packet.dataTime === null
              ? `packet has no valid DataTime (${item.packet.dataTimeRaw ?? 'absent'})`
              : item.kind === 'reassembled' && !item.complete
                ? 'split upload with missing parts (PNUM/PNO)'
                : null;
        for (const r of records.readings) {
          appender.appendBigInt(BigInt(item.line));
          appender.appendVarchar(mn ?? '');
          appender.appendVarchar(r.code);
          appender.appendVarchar(r.stat);
          if (r.dataTime === null) appender.appendNull();
          else appender.appendVarchar(r.dataTime);
          if (r.value === null) appender.appendNull();
          else appender.appendDouble(r.value);
          if (r.flag === null) appender.appendNull();
          else appender.appendVarchar(r.flag);
          if (problem === null) appender.appendNull();
          else appender.appendVarchar(problem);
          if (problem === null) appender.appendNull();
          else appender.appendVarchar(item.packet.text.slice(0, 4000));
          if (r.interval === null) appender.appendNull();
          else appender.appendVarchar(r.interval);
          appender.endRow();
        }
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }

  await tx.run(PARSED_TABLE_SQL);
  await tx.run(`INSERT INTO imp_parsed
    SELECT h.line, coalesce(o.outlet_id, h.mn), h.code, h.stat, TRY_CAST(h.ts_text AS TIMESTAMP), h.value, h.flag,
           coalesce(h.reason, CASE WHEN h.value IS NULL THEN 'value is empty or not a number' END), h.raw, h.interval
    FROM imp_hj212 h
    LEFT JOIN (SELECT mn, min(outlet_id) AS outlet_id FROM outlets WHERE mn IS NOT NULL GROUP BY mn) o ON o.mn = h.mn`);
  const unknown = await tx.all<{ mn: string }>(
    `SELECT DISTINCT mn FROM imp_hj212 WHERE mn <> '' AND mn NOT IN (SELECT mn FROM outlets WHERE mn IS NOT NULL) ORDER BY 1`,
  );
  await tx.run('DROP TABLE imp_hj212');
  const warnings: string[] = [];
  const c = summary.crc;
  if (c.mismatch > 0)
    warnings.push(
      `${c.mismatch} packets failed the HJ 212 CRC check; they were imported and are marked in this report.`,
    );
  if (c.variant > 0)
    warnings.push(
      `${c.variant} packets carry a vendor CRC variant (e.g. Modbus CRC) instead of the HJ 212 CRC.`,
    );
  if (summary.lengthMismatch > 0)
    warnings.push(
      `${summary.lengthMismatch} packets have a length field that does not match their data segment.`,
    );
  if (summary.noiseLines > 0) {
    const byReason = Object.entries(summary.noise)
      .filter(([, n]) => n > 0)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    warnings.push(`${summary.noiseLines} non-packet lines were skipped (${byReason}).`);
  }
  if (facilityStates > 0) {
    warnings.push(
      `${facilityStates} treatment-facility state values (SBx-RS/RT) are in the log; they are not stored yet.`,
    );
  }
  return { summary, unknownMns: unknown.map((u) => u.mn), facilityStates, warnings };
}
