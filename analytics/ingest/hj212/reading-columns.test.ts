import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/database';
import { formatPacket } from './format-packet';
import { parsePacket, type ParsedPacket } from './parse-packet';
import { packetRecords } from './packet-records';
import { KEY_BITS, ReadingColumns, READING_COLUMNS_TABLES_SQL, READING_VALUES_SQL } from './reading-columns';

function packet(i: number): ParsedPacket {
  const flag = i % 3 === 0 ? 'D' : 'N';
  const segment =
    `QN=20240101${String(i).padStart(2, '0')}0000000;ST=31;CN=2061;PW=123456;MN=MN${i % 2};Flag=4;` +
    `CP=&&DataTime=20240101${String(i).padStart(2, '0')}0000;` +
    `a21026-Avg=${i}.5,a21026-Min=${i % 2 === 0 ? '' : i},a21026-Max=${i * 3},a21026-Flag=${flag};` +
    `a34013-ZsAvg=-0.${i},a34013-Cou=1e3,a34013-Flag=N;a01011-Rtd=${i * 7}.25;` +
    // Even packets: an empty value (null) and values that are not thousandths of an INTEGER, so the
    // packet's readings all go to the wide table as DOUBLE (-2147483.648 alone would fit)
    (i % 2 === 0
      ? `a01012-Avg=-0.0,a01012-Min=${i}.0005,a01012-Max=2147483.648,a01012-Cou=-2147483.648;`
      : '') +
    `a01013-Avg=0.1,a01013-Min=0.000,a01013-Max=${i}e-3&&`;
  const p = parsePacket(formatPacket(segment).trimEnd());
  if (!p.ok) throw new Error(p.message);
  return p;
}

/** Readings appended with `keyBits`, as (pkt, code, stat, flag, value) rows in packet order. */
async function appended(packets: readonly ParsedPacket[], keyBits: number) {
  const db = await Database.open(':memory:');
  const connection = await db.connect();
  try {
    for (const sql of READING_COLUMNS_TABLES_SQL('t')) await connection.run(sql);
    const appenders = await Promise.all(
      ['t_packet', 't_value', 't_value_wide'].map((t) => connection.createAppender(t, 'main', 'temp')),
    );
    const [p, v, w] = appenders as [(typeof appenders)[0], (typeof appenders)[0], (typeof appenders)[0]];
    const columns = new ReadingColumns(p, v, w, keyBits);
    packets.forEach((packet, i) => columns.addPacket(i + 1, packet, 0));
    columns.flush();
    for (const a of appenders) {
      a.flushSync();
      a.closeSync();
    }
    const wide = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM t_value_wide');
    const reader = await connection.runAndReadAll(
      `SELECT v.pkt, v.key, v.value FROM ${READING_VALUES_SQL('t', keyBits)} v ORDER BY v.pkt, v.key`,
    );
    const rows = reader.getRowObjects().map((r) => {
      const key = columns.keys[Number(r['key']) - 1]!;
      return {
        pkt: Number(r['pkt']),
        code: columns.texts[key.code],
        stat: key.stat,
        flag: columns.texts[key.flag],
        value: Number.isNaN(r['value']) ? null : r['value'],
      };
    });
    return { rows, wide: Number(wide.getRowObjects()[0]!['n']), keys: columns.keys.length };
  } finally {
    connection.closeSync();
    db.close();
  }
}

describe('ReadingColumns', () => {
  const packets = Array.from({ length: 9 }, (_, i) => packet(i + 1));

  it('appends every reading of packetRecords, bit for bit, packed where the value allows', async () => {
    const { rows, wide, keys } = await appended(packets, KEY_BITS);
    // The even packets' readings go wide, all of them (with their packable values); the odd ones fit.
    const readingsOf = (p: ParsedPacket) => packetRecords(p).readings.length;
    expect(wide).toBe(packets.filter((_, i) => (i + 1) % 2 === 0).reduce((n, p) => n + readingsOf(p), 0));
    expect(wide).toBeLessThan(rows.length);
    expect(keys).toBeGreaterThan(1);
    const expected = packets.flatMap((p, i) =>
      packetRecords(p).readings.map((r) => ({
        pkt: i + 1,
        code: r.code,
        flag: r.flag ?? '',
        value: r.value,
      })),
    );
    expect(rows.map(({ pkt, code, flag, value }) => ({ pkt, code, flag, value }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(rows).toHaveLength(expected.length);
    expect(rows.some((r) => Object.is(r.value, -0))).toBe(true);
  });

  it('keeps the buffered readings when a packet holds more readings than the buffers', async () => {
    // The buffers hold 4 chunks (8,192 rows): a packet of 9,000 readings after a few small ones
    // makes them grow with readings still buffered.
    const items = Array.from({ length: 9000 }, (_, i) => `a${String(100000 + i)}-Avg=${i}.125`).join(';');
    const big = parsePacket(
      formatPacket(
        `QN=20240101010000000;ST=31;CN=2061;PW=123456;MN=MN9;Flag=4;CP=&&DataTime=20240101010000;${items}&&`,
      ),
    );
    if (!big.ok) throw new Error(big.message);
    const all = [...packets.filter((_, i) => i % 2 === 0), big, ...packets.filter((_, i) => i % 2 === 0)];
    const { rows } = await appended(all, 14);
    const expected = all.flatMap((p, i) =>
      packetRecords(p).readings.map((r) => ({
        pkt: i + 1,
        code: r.code,
        flag: r.flag ?? '',
        value: r.value,
      })),
    );
    expect(rows).toHaveLength(expected.length);
    expect(rows.map(({ pkt, code, flag, value }) => ({ pkt, code, flag, value }))).toEqual(
      expect.arrayContaining(expected),
    );
  });

  it('stores the readings that do not fit pk in the wide table, with the same result', async () => {
    const reference = await appended(packets, KEY_BITS);
    // 1 bit: only key 1 fits, and every packet has more keys, so every packet goes wide; 30 bits:
    // only packets 1 to 3 fit, so of the packable (odd) packets 1 and 3 stay packed.
    for (const keyBits of [1, 30]) {
      const { rows, wide } = await appended(packets, keyBits);
      expect(wide).toBeGreaterThan(reference.wide);
      if (keyBits === 1) expect(wide).toBe(rows.length);
      else expect(wide).toBeLessThan(rows.length);
      expect(rows).toEqual(reference.rows);
    }
  });
});
