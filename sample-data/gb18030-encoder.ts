/**
 * A GB18030 encoder for the demo exports. Node ships the WHATWG GB18030 *decoder* only, so the
 * reverse table is built once by decoding every two-byte sequence (lead 0x81–0xFE, trail 0x40–0x7E
 * and 0x80–0xFE). That covers GBK, i.e. every character a Chinese platform export really contains;
 * the four-byte range (rare characters, emoji) is deliberately not supported and throws.
 */

let reverseTable: Uint16Array | null = null;

function buildReverseTable(): Uint16Array {
  const table = new Uint16Array(65536);
  const decoder = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      if (text.length !== 1) continue;
      const unit = text.charCodeAt(0);
      // Keep the first (lowest) byte pair for a character, as the WHATWG encoder does, and never
      // map ASCII or the replacement character.
      if (unit < 0x80 || unit === 0xfffd || table[unit] !== 0) continue;
      table[unit] = (lead << 8) | trail;
    }
  }
  return table;
}

function table(): Uint16Array {
  reverseTable ??= buildReverseTable();
  return reverseTable;
}

/** True when every character of `text` is ASCII or in the two-byte GB18030 (GBK) range. */
export function canEncodeGb18030(text: string): boolean {
  const t = table();
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80 && t[unit] === 0) return false;
  }
  return true;
}

/**
 * Encode `text` as GB18030: ASCII passes through as single bytes, everything else as the two-byte
 * code. Throws a RangeError naming the first character that has no two-byte code.
 */
export function encodeGb18030(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  let j = 0;
  let t: Uint16Array | null = null;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[j++] = unit;
      continue;
    }
    t ??= table();
    const code = t[unit]!;
    if (code === 0) {
      const hex = unit.toString(16).toUpperCase().padStart(4, '0');
      throw new RangeError(`GB18030 encoder: U+${hex} (${text[i]}) has no two-byte code`);
    }
    out[j++] = code >>> 8;
    out[j++] = code & 0xff;
  }
  return out.subarray(0, j);
}
