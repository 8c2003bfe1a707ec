import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

import { detectFileEncoding, textDecoderLabel, type TextEncodingName } from './detect-encoding';

export interface TranscodeOptions {
  /** Source encoding; detected from the first 64 KiB when absent. */
  readonly encoding?: TextEncodingName;
  readonly signal?: AbortSignal;
  /** Called after each chunk with the source bytes consumed so far. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Read size; 1 MiB keeps the decoder busy without holding much memory. */
  readonly chunkBytes?: number;
}

export interface TranscodeResult {
  readonly encoding: TextEncodingName;
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /**
   * U+FFFD characters in the output: one per undecodable byte sequence of the source (plus any
   * U+FFFD the source itself contained). Non-zero means the import report should warn.
   */
  readonly replacementCount: number;
  /** 1-based line numbers of the first lines holding a U+FFFD (at most 20), for the report. */
  readonly replacementLines: readonly number[];
}

const MAX_REPLACEMENT_LINES = 20;

/**
 * Streams a text file into a UTF-8 file without BOM so DuckDB `read_csv` can read it (DuckDB has no
 * GB18030 decoder offline). Memory stays at one chunk whatever the file size. On failure or abort
 * the partial target file is removed.
 */
export async function transcodeToUtf8(
  sourcePath: string,
  targetPath: string,
  options: TranscodeOptions = {},
): Promise<TranscodeResult> {
  options.signal?.throwIfAborted();
  const encoding = options.encoding ?? (await detectFileEncoding(sourcePath)).encoding;
  const totalBytes = (await stat(sourcePath)).size;
  // fatal:false turns undecodable bytes into U+FFFD (counted below) instead of failing the import;
  // ignoreBOM:false makes the decoder drop the BOM, so the output never starts with one.
  const decoder = new TextDecoder(textDecoderLabel(encoding), { fatal: false, ignoreBOM: false });

  let bytesRead = 0;
  let bytesWritten = 0;
  let replacementCount = 0;
  const replacementLines: number[] = [];
  let lineNumber = 1;

  const account = (text: string): void => {
    let at = text.indexOf('\uFFFD');
    if (at >= 0 && replacementLines.length < MAX_REPLACEMENT_LINES) {
      // Only chunks with a replacement pay for line counting up to it.
      let line = lineNumber;
      let from = 0;
      while (at >= 0) {
        replacementCount++;
        line += countNewlines(text, from, at);
        from = at;
        if (replacementLines.length < MAX_REPLACEMENT_LINES && replacementLines.at(-1) !== line) {
          replacementLines.push(line);
        }
        at = text.indexOf('\uFFFD', at + 1);
      }
    } else {
      while (at >= 0) {
        replacementCount++;
        at = text.indexOf('\uFFFD', at + 1);
      }
    }
    if (replacementLines.length < MAX_REPLACEMENT_LINES) lineNumber += countNewlines(text, 0, text.length);
  };

  async function* decode(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) {
        account(text);
        const out = Buffer.from(text, 'utf8');
        bytesWritten += out.length;
        yield out;
      }
      options.onProgress?.(bytesRead, totalBytes);
    }
    // Flush: an incomplete sequence at the very end becomes one U+FFFD.
    const tail = decoder.decode();
    if (tail.length > 0) {
      account(tail);
      const out = Buffer.from(tail, 'utf8');
      bytesWritten += out.length;
      yield out;
    }
  }

  try {
    await pipeline(
      createReadStream(sourcePath, { highWaterMark: options.chunkBytes ?? 1024 * 1024 }),
      decode,
      createWriteStream(targetPath),
      options.signal ? { signal: options.signal } : {},
    );
  } catch (error) {
    await rm(targetPath, { force: true });
    throw error;
  }
  return { encoding, bytesRead, bytesWritten, replacementCount, replacementLines };
}

/** LF characters in text[from, to). Line numbers for the report only, so lone-CR files are not special-cased. */
function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at >= 0 && at < to) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}
