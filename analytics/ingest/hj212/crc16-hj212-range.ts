/**
 * Table-driven form of `crc16Hj212` (crc.ts stays the reference), eight bytes per step. Equivalence
 * with crc.ts is tested on random data and on every sample packet.
 *
 * In the HJ 212 loop the register is shifted right by 8 before the byte is XOR-ed in, so the value
 * fed to the 8 bit rounds is below 256 and one lookup replaces them: crc' = T[(crc >>> 8) ^ b].
 * T is linear over GF(2), and only the high byte of the register survives a step, so with
 * U[x] = T[x] >>> 8 eight steps unroll into independent lookups:
 *   crc'''''''' = T∘U⁷[(crc >>> 8) ^ b0] ^ T∘U⁶[b1] ^ ... ^ T∘U[b6] ^ T[b7]
 * which removes most of the serial dependency (four bytes per step measured 2x on 1 KB segments,
 * eight a further 20 %; the CRC was a tenth of the parse time).
 */
const T0 = Uint16Array.from({ length: 256 }, (_, i) => {
  let crc = i;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  return crc;
});
/** The table one step further: T∘U of `t`. */
const next = (t: Uint16Array): Uint16Array => t.map((v) => T0[v >>> 8]!);
const T1 = next(T0);
const T2 = next(T1);
const T3 = next(T2);
const T4 = next(T3);
const T5 = next(T4);
const T6 = next(T5);
const T7 = next(T6);

/** HJ 212 CRC16 of `bytes[start, end)` without copying the range. */
export function crc16Hj212Range(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffff;
  let i = start;
  for (const last = end - 7; i < last; i += 8) {
    crc =
      T7[(crc >>> 8) ^ bytes[i]!]! ^
      T6[bytes[i + 1]!]! ^
      T5[bytes[i + 2]!]! ^
      T4[bytes[i + 3]!]! ^
      T3[bytes[i + 4]!]! ^
      T2[bytes[i + 5]!]! ^
      T1[bytes[i + 6]!]! ^
      T0[bytes[i + 7]!]!;
  }
  for (; i < end; i++) crc = T0[(crc >>> 8) ^ bytes[i]!]!;
  return crc;
}
