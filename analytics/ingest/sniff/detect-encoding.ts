import { open } from 'node:fs/promises';

/** Encodings the importer accepts (input-formats.md). GBK files are read as GB18030, a superset. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DetectedEncoding {
  readonly encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the file (0 when there is none). */
  readonly bomLength: number;
}

/** How much of a file the detector looks at. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** The WHATWG label to give `TextDecoder` for an encoding. */
export function textDecoderLabel(encoding: TextEncodingName): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

export interface DetectEncodingOptions {
  /**
   * True when `sample` is the whole file. Otherwise the sample may end in the middle of a multi-byte
   * character, which must not count against UTF-8.
   */
  readonly complete?: boolean;
}

/**
 * Decides the encoding of a file from its first bytes: a BOM wins; then UTF-16 without BOM (ASCII
 * text in UTF-16 has a NUL in every other byte); then strict UTF-8; GB18030 is the fallback because
 * any non-UTF-8 Chinese export is GBK or GB18030 in practice.
 */
export function detectEncoding(sample: Uint8Array, options: DetectEncodingOptions = {}): DetectedEncoding {
  const b0 = sample[0];
  const b1 = sample[1];
  if (b0 === 0xef && b1 === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bomLength: 2 };

  const utf16 = detectUtf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };

  return { encoding: isValidUtf8(sample, options.complete ?? false) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/** Reads up to `sampleBytes` from the start of a file and runs {@link detectEncoding}. */
export async function detectFileEncoding(
  filePath: string,
  sampleBytes: number = ENCODING_SAMPLE_BYTES,
): Promise<DetectedEncoding> {
  const { bytes, complete } = await readFileHead(filePath, sampleBytes);
  return detectEncoding(bytes, { complete });
}

/** The first `maxBytes` of a file, and whether that is all of it. */
export async function readFileHead(
  filePath: string,
  maxBytes: number,
): Promise<{ readonly bytes: Uint8Array; readonly complete: boolean; readonly fileSize: number }> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(bytes, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), complete: filled >= size, fileSize: size };
  } finally {
    await handle.close();
  }
}

function detectUtf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenNul++;
    if (sample[2 * i + 1] === 0) oddNul++;
  }
  // Chinese-only UTF-16 has few NULs, but every export has ASCII digits, separators and newlines.
  if (oddNul >= pairs * 0.3 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.3 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

function isValidUtf8(sample: Uint8Array, complete: boolean): boolean {
  // Pure ASCII is by far the most common case; skip the decoder for it.
  let i = 0;
  while (i < sample.length && sample[i]! < 0x80) i++;
  if (i === sample.length) return true;
  try {
    // `stream: true` holds back a trailing incomplete sequence instead of failing on it, which is
    // what a sample cut at an arbitrary byte needs; a complete file must end cleanly.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(i), { stream: !complete });
    return true;
  } catch {
    return false;
  }
}
