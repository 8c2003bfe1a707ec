import { createHash, type Hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ByteRowWriter, type ByteSink } from './byte-row-writer';
import { encodeGb18030 } from './gb18030-encoder';

export type SinkEncoding = 'utf-8' | 'gb18030';

/** What a finished file contributes to the manifest. */
export interface WrittenFile {
  /** Path relative to the demo directory, with forward slashes. */
  readonly path: string;
  readonly encoding: SinkEncoding;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** Flush threshold: big enough that syscalls are rare, small enough to keep memory flat. */
const CHUNK_CHARS = 1 << 20;

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A text file written in ~1 MB chunks with synchronous writes on one descriptor: deterministic
 * bytes, flat memory at any scale, and the sha256 computed on the way out.
 */
export class TextFileSink implements ByteSink {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;
  private rowCount = 0;
  private closed = false;

  constructor(
    private readonly rootDir: string,
    readonly relativePath: string,
    readonly encoding: SinkEncoding,
  ) {
    const abs = path.join(rootDir, relativePath);
    mkdirSync(path.dirname(abs), { recursive: true });
    this.fd = openSync(abs, 'w');
  }

  get bytesWritten(): number {
    return this.bytes + this.pendingChars; // an estimate until flushed (exact for ASCII)
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Append text that is not a data row (header, noise line). */
  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) this.flush();
  }

  /** Append one data row (the caller includes the line ending). */
  row(text: string): void {
    this.rowCount++;
    this.write(text);
  }

  /** Append `count` data rows already joined into one string. */
  rowsBlock(text: string, count: number): void {
    this.rowCount += count;
    this.write(text);
  }

  /** Append bytes that are valid in this file's encoding (ASCII rows); flushes pending text first. */
  writeBytes(bytes: Uint8Array, rows: number): void {
    this.flush();
    this.rowCount += rows;
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytes += bytes.length;
  }

  private flush(): void {
    if (this.pendingChars === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    // Data rows are ASCII; only headers and names need the GB18030 table.
    const bytes =
      this.encoding === 'gb18030' && NON_ASCII.test(text) ? encodeGb18030(text) : Buffer.from(text, 'utf8');
    this.hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    this.bytes += bytes.length;
  }

  close(): WrittenFile {
    if (this.closed) throw new Error(`${this.relativePath} closed twice`);
    this.flush();
    closeSync(this.fd);
    this.closed = true;
    return {
      path: this.relativePath.split(path.sep).join('/'),
      encoding: this.encoding,
      rows: this.rowCount,
      bytes: this.bytes,
      sha256: this.hash.digest('hex'),
    };
  }

  /** Close without a manifest entry (used when generation is aborted). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/**
 * A CSV written in parts of at most `maxPartBytes`, each with the header, split only at group
 * boundaries (one outlet, device or site) so every part is a self-contained export. The first part
 * keeps the plain name; later ones are `<name>-part2.csv`, `-part3` ...
 */
export class PartitionedCsv {
  private current: TextFileSink;
  private writer: ByteRowWriter;
  private part = 1;
  private readonly finished: WrittenFile[] = [];

  constructor(
    private readonly rootDir: string,
    private readonly relativePath: string,
    private readonly encoding: SinkEncoding,
    private readonly header: string,
    private readonly maxPartBytes: number,
  ) {
    this.current = this.open();
    this.writer = new ByteRowWriter(this.current);
  }

  private open(): TextFileSink {
    const ext = path.extname(this.relativePath);
    const base = this.relativePath.slice(0, this.relativePath.length - ext.length);
    const name = this.part === 1 ? this.relativePath : `${base}-part${this.part}${ext}`;
    const sink = new TextFileSink(this.rootDir, name, this.encoding);
    sink.write(this.header);
    return sink;
  }

  /** The row writer of the current part (rows are ASCII, hence valid in either encoding). */
  get rows(): ByteRowWriter {
    return this.writer;
  }

  /** Call between groups: starts a new part when the current one is full. */
  boundary(): void {
    this.writer.flush();
    if (this.current.bytesWritten < this.maxPartBytes) return;
    this.finished.push(this.current.close());
    this.part++;
    this.current = this.open();
    this.writer = new ByteRowWriter(this.current);
  }

  close(): readonly WrittenFile[] {
    this.writer.flush();
    this.finished.push(this.current.close());
    return this.finished;
  }

  abandon(): void {
    this.current.abandon();
  }
}

/** Quote a CSV field when it contains a delimiter, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
