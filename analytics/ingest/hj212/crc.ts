/**
 * CRC16 exactly as HJ 212-2017 Appendix A defines it. It is NOT CRC-16/MODBUS: the standard shifts
 * the register right by 8 before XOR-ing the byte in. Official vector: the 101-byte segment of
 * `##0101QN=20160801085857223;ST=32;CN=1062;...&&1C80` gives 0x1C80 (MODBUS gives 0x0759).
 */
export function crc16Hj212(data: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < data.length; i++) {
    crc = (crc >>> 8) ^ data[i]!;
    for (let bit = 0; bit < 8; bit++) {
      const lsb = crc & 1;
      crc >>>= 1;
      if (lsb) crc ^= 0xa001;
    }
  }
  return crc;
}

/** CRC-16/MODBUS, used by some vendors in place of the HJ 212 CRC (a deviation we report, not reject). */
export function crc16Modbus(data: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < data.length; i++) {
    crc ^= data[i]!;
    for (let bit = 0; bit < 8; bit++) {
      const lsb = crc & 1;
      crc >>>= 1;
      if (lsb) crc ^= 0xa001;
    }
  }
  return crc;
}

/** Four upper-case hex digits, high byte first, as the packet prints them. */
export function formatCrc(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
