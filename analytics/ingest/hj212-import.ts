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
import { commitValidCells, resolveSeries, type MonitoringLoadCounts } from './monitoring-rows';

/**
 * HJ 212 receiver logs (input-formats.md §1): streamed packet by packet (a multi-GB log is never
 * held in memory) into staging tables of integer ids (reading-columns.ts), then committed by those ids
 * (commitHj212Readings) with the shared duplicate rule and sorted insert. The MN is mapped to its
 * registered outlet; an unknown MN is imported under the MN itself and listed. A CRC mismatch or a
 * vendor CRC variant is imported with a warning, never dropped (exported logs are evidence; the
 * analyst decides). Noise lines are counted by reason in the report.
 */
export interface Hj212LoadResult {
  readonly summary: LogSummary;
  readonly unknownMns: string[];
  readonly facilityStates: number;
  readonly warnings: string[];
  /** What the read counted of the staged readings, for commitHj212Readings. */
  readonly staged: StagedReadings;
}

/** Counts of the staged readings kept while they are read (ReadingColumns), so the commit need not scan for them. */
export interface StagedReadings {
  readonly readings: number;
  /** Readings of packets without a problem that have a number. */
  readonly valid: number;
  /** First and last DataTime (ms) of those readings' packets; Infinity / -Infinity if none. */
  readonly validFirstMs: number;
  readonly validLastMs: number;
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

  await tx.run('CREATE OR REPLACE TEMP TABLE imp_hj212_repeat (pkt UINTEGER)');
  const repeats = await connection.createAppender('imp_hj212_repeat', 'main', 'temp');
  try {
    for (const pkt of columns.packetsWithRepeatedKey) {
      repeats.appendUInteger(pkt);
      repeats.endRow();
    }
    repeats.flushSync();
  } finally {
    repeats.closeSync();
  }

  // MNs of packets that carried readings (as before: a packet of parameters alone names no series).
  const mnIds = [...columns.mnsWithReadings];
  const unknown =
    mnIds.length === 0
      ? []
      : await tx.all<{ mn: string }>(
          `SELECT text AS mn FROM imp_hj212_text
           WHERE id IN (${mnIds.join(', ')})
             AND text <> '' AND text NOT IN (SELECT mn FROM outlets WHERE mn IS NOT NULL) ORDER BY 1`,
        );
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

  const staged: StagedReadings = {
    readings: columns.rows,
    valid: columns.validReadings,
    validFirstMs: columns.validFirstMs,
    validLastMs: columns.validLastMs,
  };
  return { summary, unknownMns: unknown.map((u) => u.mn), facilityStates, warnings, staged };
}

/**
 * A staged reading's position in the log: its packet, then its place in the packet (seq < 2^32, see
 * READING_VALUES_SQL), over the aliases `k` (packet) and `v` (reading); packet numbers stay below
 * 2^31, some 2 billion packets. `pos // POS_PER_PACKET` is the packet again.
 */
const POS_PER_PACKET = 4294967296;
const READING_POS_SQL = `k.pkt::BIGINT * ${POS_PER_PACKET} + v.seq`;

/**
 * The (MN, interval, reading key) of a staged reading as one number, the key of `imp_hj212_series`.
 * One expression over the packet and the reading, so the reading is joined to its packet first: with
 * three join columns the planner joined the packets to the series table first (500k packets x 76
 * keys = 38M rows to build, 10.8 s of 19.5 for 19M readings). The interval index is below 8, the
 * key below 2^32, and the MN's text id below 2^29 (that many distinct texts would not fit in memory).
 */
function SERIES_KEY_SQL(mn: string, interval: string, key: string): string {
  return `((${mn}::UBIGINT * 8 + ${interval}) * ${POS_PER_PACKET} + ${key})`;
}

const STAGING_TABLES = [
  'imp_hj212_packet',
  'imp_hj212_value',
  'imp_hj212_value_wide',
  'imp_hj212_key',
  'imp_hj212_problem',
  'imp_hj212_text',
  'imp_hj212_repeat',
];

/**
 * The staged log as rows (line, outlet_id, code, stat, ts, value, flag, reason, raw, interval, pos):
 * one per reading, as the long-format loaders stage theirs in `imp_parsed`. `reason` is set for the
 * readings that go to quarantine (a packet problem, no number), `pos` orders the readings of one line
 * (packet, then place in the packet). The commit below reads the staging tables by their integer ids
 * instead; this is the meaning it keeps (the tests compare the two).
 */
export function hj212ParsedRowsSql(): string {
  return `SELECT k.line::BIGINT AS line, coalesce(o.outlet_id, m.text) AS outlet_id, c.text AS code,
           ${sqlList(READING_STATS)}[r.stat] AS stat,
           CASE WHEN isnan(k.ts_ms) THEN NULL ELSE epoch_ms(k.ts_ms::BIGINT) END AS ts,
           CASE WHEN isnan(v.value) THEN NULL ELSE v.value END AS value, f.text AS flag,
           coalesce(p.reason, CASE WHEN isnan(v.value) THEN 'value is empty or not a number' END) AS reason, p.raw,
           CASE WHEN k.interval > 0 THEN ${sqlList(READING_INTERVALS)}[k.interval] END AS interval,
           ${READING_POS_SQL} AS pos
    FROM ${READING_VALUES_SQL('imp_hj212')} v
    JOIN imp_hj212_packet k ON k.pkt = v.pkt
    JOIN imp_hj212_key r ON r.key = v.key
    JOIN imp_hj212_text m ON m.id = k.mn
    JOIN imp_hj212_text c ON c.id = r.code
    LEFT JOIN imp_hj212_text f ON f.id = r.flag AND r.flag > 0
    LEFT JOIN imp_hj212_problem p ON p.id = k.problem AND k.problem > 0
    LEFT JOIN ${OUTLET_BY_MN} o ON o.mn = m.text`;
}

/**
 * Commit the staged log (parseHj212Log's tables) into `readings`, inside the import's transaction:
 * what commitMonitoringRows does with `imp_parsed`, but on the staging tables' integer ids. Staging
 * every reading as a text row first (outlet, code, statistic, flag as strings: 19M rows for a 457 MiB
 * log) and grouping those strings for the series cost more than half of the import after the read.
 * Here the text is joined to the few distinct (MN, interval, code, statistic) groups only.
 */
export async function commitHj212Readings(
  tx: SqlRunner,
  fileId: number,
  staged: StagedReadings,
): Promise<MonitoringLoadCounts> {
  const values = READING_VALUES_SQL('imp_hj212');
  // Quarantine, one row per reading: the readings of a packet with a problem (its reason and text)
  // and the readings without a number. The read counted them: none, no scan (the usual case).
  const rejected = staged.readings - staged.valid;
  if (rejected > 0) {
    await tx.run(
      `INSERT INTO quarantine
       SELECT $f, k.line::BIGINT, coalesce(p.reason, 'value is empty or not a number'), p.raw
       FROM ${values} v JOIN imp_hj212_packet k ON k.pkt = v.pkt
       LEFT JOIN imp_hj212_problem p ON p.id = k.problem AND k.problem > 0
       WHERE k.problem > 0 OR isnan(v.value)`,
      { f: fileId },
    );
  }
  // The outlet of each MN of the log (an unknown MN stands for itself), once for the steps below.
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_hj212_mn AS
    SELECT m.id AS mn, coalesce(o.outlet_id, m.text) AS outlet_id
    FROM imp_hj212_text m LEFT JOIN ${OUTLET_BY_MN} o ON o.mn = m.text
    WHERE m.id IN (SELECT mn FROM imp_hj212_packet)`);
  // The valid readings: those of packets without a problem, with a number.
  const valid = (join: string) =>
    `${values} v JOIN imp_hj212_packet k ON k.pkt = v.pkt ${join} WHERE k.problem = 0 AND NOT isnan(v.value)`;
  // One row per (MN, interval, code, statistic) with the series key as text: grouped by integer ids,
  // the text joined to those few rows. Two groups may name the same series (an unknown MN written
  // like a registered outlet's id): their statistics are combined for resolveSeries (the distinct-time
  // estimate then summed; it only guides an interval inference). The estimate is taken of the same
  // TIMESTAMP values as the generic commit's, so both infer the same intervals. It is taken only
  // where the CN gives no interval (interval 0): resolveSeries reads it for nothing else.
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_hj212_groups AS
    WITH g AS (
      SELECT k.mn, k.interval, r.code, r.stat,
             coalesce(approx_count_distinct(epoch_ms(k.ts_ms::BIGINT)) FILTER (WHERE k.interval = 0), 0) AS n_ts,
             epoch_ms(min(k.ts_ms)::BIGINT) AS t0, epoch_ms(max(k.ts_ms)::BIGINT) AS t1
      FROM ${valid('JOIN imp_hj212_key r ON r.key = v.key')}
      GROUP BY k.mn, k.interval, r.code, r.stat
    )
    SELECT g.*, m.outlet_id, c.text AS code_text, ${sqlList(READING_STATS)}[g.stat] AS stat_text,
           CASE WHEN g.interval > 0 THEN ${sqlList(READING_INTERVALS)}[g.interval] END AS given
    FROM g JOIN imp_hj212_mn m USING (mn) JOIN imp_hj212_text c ON c.id = g.code`);
  await resolveSeries(
    tx,
    `SELECT outlet_id, code_text AS code, stat_text AS stat, given, sum(n_ts) AS n_ts, min(t0) AS t0, max(t1) AS t1
     FROM imp_hj212_groups GROUP BY outlet_id, code_text, stat_text, given`,
  );
  // The series id and flag of each (MN, interval, reading key): a small table, so that a reading needs
  // one lookup besides its packet. pos orders the readings of one line for the duplicate rule.
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_hj212_series AS
    SELECT ${SERIES_KEY_SQL('g.mn', 'g.interval', 'r.key')} AS sk, k.series_id, f.text AS flag
    FROM imp_hj212_groups g
    JOIN imp_keys k ON k.outlet_id = g.outlet_id AND k.code = g.code_text AND k.stat = g.stat_text
                   AND k.given IS NOT DISTINCT FROM g.given
    JOIN imp_hj212_key r ON r.code = g.code AND r.stat = g.stat
    LEFT JOIN imp_hj212_text f ON f.id = r.flag AND r.flag > 0`);
  // The valid readings with their series: a view, read once by the sorted insert (materialised, 19M
  // rows would be written once more before being sorted).
  const validCells = (
    filter: string,
  ) => `SELECT s.series_id, epoch_ms(k.ts_ms::BIGINT) AS ts, v.value, s.flag,
           k.line::BIGINT AS line, ${READING_POS_SQL} AS pos
    FROM ${valid(`JOIN imp_hj212_series s ON s.sk = ${SERIES_KEY_SQL('k.mn', 'k.interval', 'v.key')}`)}${filter}`;
  await tx.run(`CREATE OR REPLACE TEMP VIEW imp_valid AS ${validCells('')}`);
  // Readings repeating a series and time (re-sent packets, the common case in receiver logs, or a code
  // repeated inside one packet) come from packets of one outlet with the same DataTime, or from a
  // packet holding a code and statistic twice: only those packets' readings are grouped by series and
  // time for the duplicate rule, not all of them (2.8 s per 7.6M readings). By outlet and time alone,
  // not by the CN: a packet of an unknown CN gets its series' interval by inference.
  await tx.run(`CREATE OR REPLACE TEMP TABLE imp_hj212_cand AS
    WITH po AS (
      SELECT k.pkt, m.outlet_id, k.ts_ms FROM imp_hj212_packet k JOIN imp_hj212_mn m USING (mn) WHERE k.problem = 0
    )
    SELECT pkt FROM po SEMI JOIN (SELECT outlet_id, ts_ms FROM po GROUP BY ALL HAVING count(*) > 1) r
      ON r.outlet_id = po.outlet_id AND r.ts_ms = po.ts_ms
    UNION
    SELECT pkt FROM imp_hj212_repeat`);
  const [cand] = await tx.all<{ n: number }>('SELECT count(*) AS n FROM imp_hj212_cand');
  const [span] = await tx.all<{ t0: string | null; t1: string | null }>(
    staged.valid > 0
      ? `SELECT epoch_ms(${staged.validFirstMs}::BIGINT) AS t0, epoch_ms(${staged.validLastMs}::BIGINT) AS t1`
      : 'SELECT NULL AS t0, NULL AS t1',
  );
  const counts = await commitValidCells(tx, fileId, {
    rejected,
    counts: { valid: staged.valid, t0: span?.t0 ?? null, t1: span?.t1 ?? null },
    // the source text is staged for packets with a problem only, whose readings are all in quarantine
    rawByLine: async () =>
      'SELECT k.line::BIGINT AS line, p.raw FROM imp_hj212_packet k JOIN imp_hj212_problem p ON p.id = k.problem',
    repeatCandidates:
      (cand?.n ?? 0) > 0 ? validCells(' AND k.pkt IN (SELECT pkt FROM imp_hj212_cand)') : null,
    isView: true,
  });
  for (const t of [
    'imp_hj212_mn',
    'imp_hj212_groups',
    'imp_hj212_series',
    'imp_hj212_cand',
    ...STAGING_TABLES,
  ])
    await tx.run(`DROP TABLE ${t}`);
  return counts;
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
