/*
 * GB18030 encoder for the Basic Multilingual Plane. Node has a GB18030 decoder (TextDecoder) but no
 * encoder; tests and the demo-data generator need GBK files, so the encoding table is built once by
 * decoding every two-byte sequence and every four-byte BMP sequence.
 */

let table: Map<number, Uint8Array> | null = null;

function buildTable(): Map<number, Uint8Array> {
  const map = new Map<number, Uint8Array>();
  const decoder = new TextDecoder('gb18030');
  // Two-byte codes: lead 0x81–0xFE, trail 0x40–0xFE without 0x7F. This is GBK; prefer it.
  const two: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) two.push([lead, trail]);
  }
  // Four-byte codes of the BMP: 0x81–0x84, 0x30–0x39, 0x81–0xFE, 0x30–0x39.
  const four: number[][] = [];
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) four.push([b1, b2, b3, b4]);
    }
  }
  for (const sequences of [two, four]) {
    // Every sequence decodes to exactly one BMP code unit (U+FFFD when unassigned), so one decode
    // of the concatenation lines up with the list.
    const decoded = decoder.decode(Uint8Array.from(sequences.flat()));
    for (let i = 0; i < sequences.length; i++) {
      const code = decoded.charCodeAt(i);
      if (code !== 0xfffd && !map.has(code)) map.set(code, Uint8Array.from(sequences[i]!));
    }
  }
  return map;
}

/** Encodes text as GB18030 (GBK for every character GBK has). Throws for characters outside the BMP. */
export function encodeGb18030(text: string): Uint8Array {
  table ??= buildTable();
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const bytes = table.get(code);
    if (!bytes)
      throw new Error(`cannot encode U+${code.toString(16).toUpperCase().padStart(4, '0')} as GB18030`);
    for (const b of bytes) out.push(b);
  }
  return Uint8Array.from(out);
}
