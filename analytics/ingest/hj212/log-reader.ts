import { open } from 'node:fs/promises';
import { Hj212LogScanner, type LogPacket, type LogScannerOptions, type LogSummary } from './log-scanner';

export type { CrcCounts, LogNoise, LogPacket, LogScannerOptions, LogSummary } from './log-scanner';
export type { NoiseReason } from './classify-noise';

const CHUNK_BYTES = 64 * 1024;

export interface LogReadProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface ReadHj212LogOptions extends LogScannerOptions {
  /** Aborting stops the read; the iterator then throws the signal's reason (an AbortError). */
  readonly signal?: AbortSignal;
  /** Called after every read. */
  readonly onProgress?: (progress: LogReadProgress) => void;
  /** Bytes per read, and per batch of packets. Default 64 KiB. */
  readonly chunkBytes?: number;
}

/**
 * Streams an HJ 212 receiver log in batches: reads `path` in 64 KiB chunks (memory stays flat for
 * multi-GB logs) and yields the packets of each chunk, each with its 1-based line; split uploads
 * come out reassembled. The generator's return value is the summary (counts of lines, packets, CRC
 * verdicts, noise by reason, CNs, MNs). Batches are the fast path: one await per 70 hourly
 * packets instead of one per packet (measured 20% of the CPU time per packet otherwise).
 */
export async function* readHj212LogBatches(
  path: string,
  options: ReadHj212LogOptions = {},
): AsyncGenerator<readonly LogPacket[], LogSummary, undefined> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const size = Math.max(1, options.chunkBytes ?? CHUNK_BYTES);
  const handle = await open(path, 'r');
  let pending: Promise<{ bytesRead: number }> | null = null;
  try {
    const totalBytes = (await handle.stat()).size;
    const scanner = new Hj212LogScanner(options);
    // Two buffers, reused: the next chunk is read into one while the other is scanned, and no
    // buffer is allocated per read. Reusing is safe because the scanner copies what it keeps
    // (the tail of a line) and packets hold decoded strings, never the bytes.
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const;
    let current = 0;
    let position = 0;
    pending = handle.read(buffers[0], 0, size, 0);
    for (;;) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) break;
      const buf = buffers[current]!;
      position += bytesRead;
      current ^= 1;
      pending = handle.read(buffers[current]!, 0, size, position);
      // Scanned in chunks of 64 KiB and yielded before the next: the packets of a chunk are alive
      // together until yielded, and the 1,100 hourly packets of 1 MiB outlive the young generation,
      // which tripled the CPU time per packet in the benchmark (garbage collection).
      const packets = scanner.push(buf.subarray(0, bytesRead));
      onProgress?.({ bytesRead: position, totalBytes });
      if (packets.length > 0) yield packets;
      signal?.throwIfAborted();
    }
    const last = scanner.end();
    if (last.length > 0) yield last;
    return scanner.summary();
  } finally {
    // A read still in flight (abort, or the consumer stopped early) must not reject unobserved.
    if (pending !== null) await pending.catch(() => undefined);
    await handle.close();
  }
}

/** The same as `readHj212LogBatches`, one packet at a time. */
export async function* readHj212Log(
  path: string,
  options: ReadHj212LogOptions = {},
): AsyncGenerator<LogPacket, LogSummary, undefined> {
  const batches = readHj212LogBatches(path, options);
  for (;;) {
    const next = await batches.next();
    if (next.done === true) return next.value;
    for (const p of next.value) {
      yield p;
      options.signal?.throwIfAborted();
    }
  }
}

/**
 * Reads a log and calls `onPacket` for each packet, awaiting it only when it returns a promise (so
 * a slow database append applies back-pressure on the file read). Resolves to the summary.
 */
export async function scanHj212Log(
  path: string,
  onPacket: (packet: LogPacket) => void | Promise<void>,
  options: ReadHj212LogOptions = {},
): Promise<LogSummary> {
  const batches = readHj212LogBatches(path, options);
  for (;;) {
    const next = await batches.next();
    if (next.done === true) return next.value;
    for (const p of next.value) {
      const pending = onPacket(p);
      if (pending !== undefined) await pending;
      options.signal?.throwIfAborted();
    }
  }
}
