import { Inflate, inflateSync } from 'fflate';

/** One file inside a ZIP archive, located through the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflate; anything else is rejected when read. */
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  /** Entries by name, lower-cased (OPC part names are case-insensitive). */
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** The whole decompressed entry, for small parts (workbook, styles, rels). */
  readEntry(entry: ZipEntry): Uint8Array;
  /** Decompressed chunks of an entry, so large sheets never exist decompressed in one piece. */
  entryChunks(entry: ZipEntry, compressedChunkBytes?: number): Generator<Uint8Array, void, undefined>;
}

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** True when the bytes start like a ZIP archive (local file header). */
export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads the central directory of an in-memory ZIP. Uses the central directory rather than local
 * headers because writers that stream (bit 3, data descriptor) leave sizes out of local headers.
 * ZIP64 sizes and offsets are honoured.
 */
export function openZipArchive(bytes: Uint8Array): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view);
  let entryCount = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_ZIP64_LOCATOR) {
      throw new ZipFormatError('ZIP64 end record announced but not found');
    }
    const zip64 = readUint64(view, locator + 8);
    if (view.getUint32(zip64, true) !== SIG_ZIP64_EOCD) throw new ZipFormatError('bad ZIP64 end record');
    entryCount = readUint64(view, zip64 + 32);
    cdOffset = readUint64(view, zip64 + 48);
  }

  const entries = new Map<string, ZipEntry>();
  const nameDecoder = new TextDecoder('utf-8');
  let p = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipFormatError(`bad central directory entry ${i}`);
    }
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    let localHeaderOffset = view.getUint32(p + 42, true);
    const name = nameDecoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));

    // ZIP64 extended information: only the fields saturated in the fixed record are present, in order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) {
          uncompressedSize = readUint64(view, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = readUint64(view, q);
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = readUint64(view, q);
      }
      e += 4 + size;
    }
    entries.set(name.toLowerCase(), { name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }

  const dataOf = (entry: ZipEntry): Uint8Array => {
    const h = entry.localHeaderOffset;
    if (h + 30 > bytes.length || view.getUint32(h, true) !== SIG_LOCAL) {
      throw new ZipFormatError(`bad local header for ${entry.name}`);
    }
    const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new ZipFormatError(`truncated entry ${entry.name}`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipFormatError(`unsupported compression method ${entry.method} for ${entry.name}`);
    }
    return bytes.subarray(start, end);
  };

  return {
    entries,
    readEntry(entry) {
      const data = dataOf(entry);
      if (entry.method === 0) return data;
      return inflateSync(data, { out: new Uint8Array(entry.uncompressedSize) });
    },
    *entryChunks(entry, compressedChunkBytes = 64 * 1024) {
      const data = dataOf(entry);
      if (entry.method === 0) {
        for (let at = 0; at < data.length; at += compressedChunkBytes) {
          yield data.subarray(at, at + compressedChunkBytes);
        }
        return;
      }
      const pending: Uint8Array[] = [];
      const inflater = new Inflate((chunk) => {
        if (chunk.length > 0) pending.push(chunk);
      });
      for (let at = 0; at < data.length || at === 0; at += compressedChunkBytes) {
        const end = Math.min(at + compressedChunkBytes, data.length);
        inflater.push(data.subarray(at, end), end >= data.length);
        while (pending.length > 0) yield pending.shift()!;
        if (end >= data.length) break;
      }
    },
  };
}

function findEocd(bytes: Uint8Array, view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let p = bytes.length - 22; p >= lowest; p--) {
    if (bytes[p] === 0x50 && view.getUint32(p, true) === SIG_EOCD) return p;
  }
  throw new ZipFormatError('not a ZIP archive (no end of central directory record)');
}

function readUint64(view: DataView, offset: number): number {
  const value = view.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('ZIP64 value too large');
  return Number(value);
}
