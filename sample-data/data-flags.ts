/** HJ 212-2017 data flags (Table 8) as char codes, stored in Uint8Arrays per hour. */
export const FLAG_N = 78; // 'N' normal
export const FLAG_F = 70; // 'F' instrument stopped (停运)
export const FLAG_C = 67; // 'C' calibration
export const FLAG_M = 77; // 'M' maintenance
export const FLAG_D = 68; // 'D' fault

/** Char code → the one-letter flag printed in exports. */
export const FLAG_CHAR: Readonly<Record<number, string>> = { 78: 'N', 70: 'F', 67: 'C', 77: 'M', 68: 'D' };
