import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlRunner } from '../engine/database';
import { readHj212LogBatches, type LogPacket, type LogSummary } from './hj212/log-reader';
import type { ParsedPacket } from './hj212/parse-packet';
import { packetRecords } from './hj212/packet-records';
import {
  READING_COLUMNS_TABLES_SQL,
  READING_INTERVALS,
  READING_STATS,
  READING_VALUES_SQL,
  ReadingColumns,
} from './hj212/reading-columns';
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

/** The registered outlet of each MN (an MN no outlet carries keeps its readings under itself). */
const OUTLET_BY_MN = `(SELECT mn, min(outlet_id) AS outlet_id FROM outlets WHERE mn IS NOT NULL GROUP BY mn)`;

/** Treatment-facility values (SBx-RS/RT) of the log, few: appended as text, one row per value. */
const FACILITY_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE imp_hj212_facility (
  line BIGINT, pos INTEGER, mn VARCHAR, ts VARCHAR, facility VARCHAR, kind VARCHAR, value DOUBLE,
  problem VARCHAR, raw VARCHAR)`;

export async function parseHj212Log(
  tx: SqlRunner,
  connection: DuckDBConnection,
  file: string,
  options: { readonly signal?: AbortSignal; readonly onBytes?: (done: number, total: number) => void },
): Promise<Hj212LoadResult> {
  for (const sql of READING_COLUMNS_TABLES_SQL('imp_hj212')) await tx.run(sql);
  // Packets with a problem are few; their reason and raw text are kept aside, by id.
  await tx.run('CREATE OR REPLACE TEMP TABLE imp_hj212_problem (id UINTEGER, reason VARCHAR, raw VARCHAR)');
  await tx.run(FACILITY_TABLE_SQL);
  const packets = await connection.createAppender('imp_hj212_packet', 'main', 'temp');
  const values = await connection.createAppender('imp_hj212_value', 'main', 'temp');
  const wideValues = await connection.createAppender('imp_hj212_value_wide', 'main', 'temp');
  const problems = await connection.createAppender('imp_hj212_problem', 'main', 'temp');
  const facilities = await connection.createAppender('imp_hj212_facility', 'main', 'temp');
  const columns = new ReadingColumns(packets, values, wideValues);
  let problemCount = 0;
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
        const packet = item.packet;
        const problem = packetProblem(item);
        if (hasFacility(packet)) {
          for (const [pos, f] of packetRecords(packet).facilityStates.entries()) {
            facilityStates++;
            facilities.appendBigInt(BigInt(item.line));
            facilities.appendInteger(pos);
            facilities.appendVarchar(f.mn ?? '');
            if (f.dataTime === null) facilities.appendNull();
            else facilities.appendVarchar(f.dataTime);
            facilities.appendVarchar(f.facility);
            facilities.appendVarchar(f.kind);
            if (f.value === null) facilities.appendNull();
            else facilities.appendDouble(f.value);
            if (problem === null) facilities.appendNull();
            else facilities.appendVarchar(problem);
            facilities.appendVarchar(packet.text.slice(0, 4000));
            facilities.endRow();
          }
        }
        let problemId = 0;
        if (problem !== null && hasMeasure(packet)) {
          problemId = ++problemCount;
          problems.appendUInteger(problemId);
          problems.appendVarchar(problem);
          problems.appendVarchar(packet.text.slice(0, 4000));
          problems.endRow();
        }
        columns.addPacket(item.line, packet, problemId);
      }
    }
    columns.flush();
    packets.flushSync();
    values.flushSync();
    wideValues.flushSync();
    problems.flushSync();
    facilities.flushSync();
  } finally {
    packets.closeSync();
    values.closeSync();
    wideValues.closeSync();
    problems.closeSync();
    facilities.closeSync();
  }

  await tx.run('CREATE OR REPLACE TEMP TABLE imp_hj212_text (id UINTEGER, text VARCHAR)');
  const texts = await connection.createAppender('imp_hj212_text', 'main', 'temp');
  try {
    columns.texts.forEach((text, id) => {
      texts.appendUInteger(id);
      texts.appendVarchar(text);
      texts.endRow();
    });
    texts.flushSync();
  } finally {
    texts.closeSync();
  }

  const keys = await connection.createAppender('imp_hj212_key', 'main', 'temp');
  try {
    columns.keys.forEach((key, i) => {
      keys.appendUInteger(i + 1);
      keys.appendUInteger(key.code);
      keys.appendUTinyInt(key.stat);
      keys.appendUInteger(key.flag);
      keys.endRow();
    });
    keys.flushSync();
  } finally {
    keys.closeSync();
  }

  await tx.run(PARSED_TABLE_SQL);
  const stats = sqlList(READING_STATS);
  const intervals = sqlList(READING_INTERVALS);
  await tx.run(`INSERT INTO imp_parsed
    SELECT k.line::BIGINT, coalesce(o.outlet_id, m.text), c.text, ${stats}[r.stat],
           CASE WHEN isnan(k.ts_ms) THEN NULL ELSE epoch_ms(k.ts_ms::BIGINT) END,
           CASE WHEN isnan(v.value) THEN NULL ELSE v.value END, f.text,
           coalesce(p.reason, CASE WHEN isnan(v.value) THEN 'value is empty or not a number' END), p.raw,
           CASE WHEN k.interval > 0 THEN ${intervals}[k.interval] END,
           -- the position in the log: packet, then the reading's place in it (seq < 2^32: a temp
           -- table's row number; packet numbers stay below 2^31, some 2 billion packets)
           k.pkt::BIGINT * 4294967296 + v.seq
    FROM ${READING_VALUES_SQL('imp_hj212')} v
    JOIN imp_hj212_packet k ON k.pkt = v.pkt
    JOIN imp_hj212_key r ON r.key = v.key
    JOIN imp_hj212_text m ON m.id = k.mn
    JOIN imp_hj212_text c ON c.id = r.code
    LEFT JOIN imp_hj212_text f ON f.id = r.flag AND r.flag > 0
    LEFT JOIN imp_hj212_problem p ON p.id = k.problem AND k.problem > 0
    LEFT JOIN ${OUTLET_BY_MN} o ON o.mn = m.text`);
  // MNs of packets that carried readings (as before: a packet of parameters alone names no series).
  const unknown = await tx.all<{ mn: string }>(
    `SELECT text AS mn FROM imp_hj212_text
     WHERE id IN (SELECT k.mn FROM imp_hj212_packet k SEMI JOIN ${READING_VALUES_SQL('imp_hj212')} v ON v.pkt = k.pkt)
       AND text <> '' AND text NOT IN (SELECT mn FROM outlets WHERE mn IS NOT NULL) ORDER BY 1`,
  );
  for (const t of [
    'imp_hj212_packet',
    'imp_hj212_value',
    'imp_hj212_value_wide',
    'imp_hj212_key',
    'imp_hj212_problem',
    'imp_hj212_text',
  ]) {
    await tx.run(`DROP TABLE ${t}`);
  }
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

  return { summary, unknownMns: unknown.map((u) => u.mn), facilityStates, warnings };
}

export interface FacilityLoadCounts {
  readonly stored: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * Store the log's treatment-facility values (`imp_hj212_facility`) in `facility_states`, inside the
 * import's transaction: by registered outlet (else the MN), the first value of a (facility, kind,
 * time) wins within the file and a stored one wins over the file's (as for readings); a value of a
 * packet without MN or time goes to quarantine with the packet's reason.
 */
export async function commitFacilityStates(tx: SqlRunner, fileId: number): Promise<FacilityLoadCounts> {
  const count = async (sql: string) => (await tx.all<{ n: number }>(sql))[0]?.n ?? 0;
  const rejected = await count(`SELECT count(*) AS n FROM imp_hj212_facility WHERE problem IS NOT NULL`);
  await tx.run(
    `INSERT INTO quarantine SELECT $f, line, 'treatment-facility value: ' || problem, raw
     FROM imp_hj212_facility WHERE problem IS NOT NULL`,
    { f: fileId },
  );
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_facility_rows AS
    SELECT coalesce(o.outlet_id, f.mn) AS outlet_id, f.facility, f.kind, f.ts::TIMESTAMP AS ts, f.value, f.line,
           row_number() OVER (PARTITION BY coalesce(o.outlet_id, f.mn), f.facility, f.kind, f.ts ORDER BY f.line, f.pos) AS nth
    FROM imp_hj212_facility f
    LEFT JOIN ${OUTLET_BY_MN} o ON o.mn = f.mn
    WHERE f.problem IS NULL`);
  const before = await count('SELECT count(*) AS n FROM facility_states');
  await tx.run(
    `INSERT INTO facility_states
     SELECT r.outlet_id, r.facility, r.kind, r.ts, r.value, $f, r.line FROM imp_facility_rows r
     WHERE r.nth = 1 AND NOT EXISTS (
       SELECT 1 FROM facility_states s
       WHERE s.outlet_id = r.outlet_id AND s.facility = r.facility AND s.kind = r.kind AND s.ts = r.ts)
     ORDER BY r.outlet_id, r.facility, r.kind, r.ts`,
    { f: fileId },
  );
  const stored = (await count('SELECT count(*) AS n FROM facility_states')) - before;
  const all = await count('SELECT count(*) AS n FROM imp_facility_rows');
  await tx.run('DROP TABLE imp_facility_rows');
  await tx.run('DROP TABLE imp_hj212_facility');
  return { stored, duplicates: all - stored, rejected };
}

function hasFacility(packet: ParsedPacket): boolean {
  return packet.cp.some((f) => f.kind === 'facility');
}

function hasMeasure(packet: ParsedPacket): boolean {
  return packet.cp.some((f) => f.kind === 'measure');
}

function sqlList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}

/** Why a packet's readings cannot be stored (they go to quarantine with this reason), or null. */
export function packetProblem(item: LogPacket): string | null {
  const { packet } = item;
  if (packet.mn === null || packet.mn === '') return 'packet has no MN';
  if (packet.dataTime === null) return `packet has no valid DataTime (${packet.dataTimeRaw ?? 'absent'})`;
  if (item.kind === 'reassembled' && !item.complete) return 'split upload with missing parts (PNUM/PNO)';
  return null;
}
