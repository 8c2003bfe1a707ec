import { crc16Hj212, formatCrc } from './crc';

const encoder = new TextEncoder();

/**
 * Frames a data segment (`QN=...;CP=&&...&&`) as a standard packet: `##`, the 4-digit UTF-8 byte
 * length, the segment, the HJ 212 CRC and CR LF. Used to synthesise logs for tests and benchmarks.
 */
export function formatPacket(segment: string): string {
  const bytes = encoder.encode(segment);
  return `##${String(bytes.length).padStart(4, '0')}${segment}${formatCrc(crc16Hj212(bytes))}\r\n`;
}
