/**
 * Assembles CSV rows directly as bytes in a reused 1 MB buffer: no per-row strings, no joins, no
 * re-encoding. At city-year scale (~10⁸ rows) this is about four times cheaper than building
 * strings. Rows must be ASCII or pre-encoded byte strings (`bytes`), which makes the same rows valid
 * UTF-8 and GB18030.
 */

export interface ByteSink {
  writeBytes(bytes: Uint8Array, rows: number): void;
}

const FLUSH_AT = 1 << 20;
const POW10 = [1, 10, 100, 1000, 10000];

export class ByteRowWriter {
  private readonly buf = Buffer.allocUnsafe(FLUSH_AT + 64 * 1024);
  private pos = 0;
  private pendingRows = 0;
  private readonly digits = new Uint8Array(24);

  constructor(private readonly sink: ByteSink) {}

  /** Pre-encoded bytes (an id, a date prefix, a UTF-8 name). */
  bytes(b: Uint8Array): this {
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** A short ASCII string. */
  ascii(s: string): this {
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
    return this;
  }

  byte(c: number): this {
    this.buf[this.pos++] = c;
    return this;
  }

  comma(): this {
    this.buf[this.pos++] = 44;
    return this;
  }

  /** Same text as formatFixed(value, decimals): round half away from zero via Math.round, no '-0'. */
  fixed(value: number, decimals: number): this {
    const f = POW10[decimals]!;
    let n = Math.round(value * f);
    if (n < 0) {
      this.buf[this.pos++] = 45; // '-'
      n = -n;
    }
    let int = Math.floor(n / f);
    let frac = n - int * f;
    let k = 0;
    do {
      const q = Math.floor(int / 10);
      this.digits[k++] = 48 + (int - q * 10);
      int = q;
    } while (int > 0);
    while (k > 0) this.buf[this.pos++] = this.digits[--k]!;
    if (decimals > 0) {
      this.buf[this.pos++] = 46; // '.'
      for (let j = decimals - 1; j >= 0; j--) {
        const q = Math.floor(frac / 10);
        this.buf[this.pos + j] = 48 + (frac - q * 10);
        frac = q;
      }
      this.pos += decimals;
    }
    return this;
  }

  /** Ends a row with the given line ending bytes (LF or CRLF); `isRow` false for non-data lines. */
  endRow(eol: Uint8Array, isRow = true): void {
    this.buf.set(eol, this.pos);
    this.pos += eol.length;
    if (isRow) this.pendingRows++;
    if (this.pos >= FLUSH_AT) this.flush();
  }

  /** Current write offset; stable until the next endRow (the buffer only flushes there). */
  get position(): number {
    return this.pos;
  }

  /** The bytes written since `from` in the current row (e.g. an HJ 212 segment, for its CRC). */
  view(from: number): Uint8Array {
    return this.buf.subarray(from, this.pos);
  }

  /** Overwrite already-written ASCII at `at` (e.g. a length field known only at the end). */
  patchAscii(at: number, text: string): void {
    for (let i = 0; i < text.length; i++) this.buf[at + i] = text.charCodeAt(i);
  }

  flush(): void {
    if (this.pos === 0 && this.pendingRows === 0) return;
    this.sink.writeBytes(this.buf.subarray(0, this.pos), this.pendingRows);
    this.pos = 0;
    this.pendingRows = 0;
  }
}

export const LF = Uint8Array.of(10);
export const CRLF = Uint8Array.of(13, 10);

/** UTF-8 bytes of a string, for prefixes reused on every row. */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
