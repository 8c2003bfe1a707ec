/**
 * Table-driven form of `crc16Hj212` (crc.ts stays the reference), four bytes per step. Equivalence
 * with crc.ts is tested on random data and on every sample packet.
 *
 * In the HJ 212 loop the register is shifted right by 8 before the byte is XOR-ed in, so the value
 * fed to the 8 bit rounds is below 256 and one lookup replaces them: crc' = T[(crc >>> 8) ^ b].
 * T is linear over GF(2), and only the high byte of the register survives a step, so with
 * U[x] = T[x] >>> 8 four steps unroll into independent lookups:
 *   crc'''' = T∘U³[(crc >>> 8) ^ b0] ^ T∘U²[b1] ^ T∘U[b2] ^ T[b3]
 * which removes most of the serial dependency (measured 2x on 1 KB segments; the CRC was a fifth
 * of the parse time at 100k packets/s).
 */
const T0 = new Uint16Array(256);
const T1 = new Uint16Array(256);
const T2 = new Uint16Array(256);
const T3 = new Uint16Array(256);

for (let i = 0; i < 256; i++) {
  let crc = i;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  T0[i] = crc;
}
for (let i = 0; i < 256; i++) {
  T1[i] = T0[T0[i]! >>> 8]!;
  T2[i] = T0[T1[i]! >>> 8]!;
  T3[i] = T0[T2[i]! >>> 8]!;
}

/** HJ 212 CRC16 of `bytes[start, end)` without copying the range. */
export function crc16Hj212Range(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffff;
  let i = start;
  for (const last = end - 3; i < last; i += 4) {
    crc = T3[(crc >>> 8) ^ bytes[i]!]! ^ T2[bytes[i + 1]!]! ^ T1[bytes[i + 2]!]! ^ T0[bytes[i + 3]!]!;
  }
  for (; i < end; i++) crc = T0[(crc >>> 8) ^ bytes[i]!]!;
  return crc;
}
