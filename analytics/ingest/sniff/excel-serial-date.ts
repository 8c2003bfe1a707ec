import { daysFromCivil, formatEpochSecondsLocal } from './local-datetime';

/** 9999-12-31, the largest date Excel can hold. */
export const EXCEL_MAX_SERIAL = 2958465;

const EPOCH_1899_12_30 = daysFromCivil(1899, 12, 30);
const EPOCH_1899_12_31 = daysFromCivil(1899, 12, 31);
const EPOCH_1904_01_01 = daysFromCivil(1904, 1, 1);

/**
 * Seconds since 1970-01-01 (naive local) of an Excel serial date, rounded to the second (serials
 * are binary fractions of a day, so 18:00 may be stored as 0.74999999999). Null when the serial is
 * not a date Excel can show.
 *
 * 1900 date system: serial 1 is 1900-01-01, and Excel (copying Lotus 1-2-3) counts a fictitious
 * 1900-02-29 as serial 60. So serials below 60 count from 1899-12-31, serial 60 has no real date
 * (null), and serials from 61 count from 1899-12-30. 1904 system: serial 0 is 1904-01-01.
 */
export function excelSerialToEpochSeconds(serial: number, date1904: boolean): number | null {
  if (!Number.isFinite(serial)) return null;
  const totalSeconds = Math.round(serial * 86400);
  const wholeDays = Math.floor(totalSeconds / 86400);
  if (wholeDays > EXCEL_MAX_SERIAL) return null;
  if (date1904) {
    if (totalSeconds < 0) return null;
    return EPOCH_1904_01_01 * 86400 + totalSeconds;
  }
  if (wholeDays < 1 || wholeDays === 60) return null;
  return (wholeDays < 60 ? EPOCH_1899_12_31 : EPOCH_1899_12_30) * 86400 + totalSeconds;
}

/** An Excel serial date as 'YYYY-MM-DD HH:mm:ss' (see {@link excelSerialToEpochSeconds}). */
export function excelSerialToLocal(serial: number, date1904 = false): string | null {
  const seconds = excelSerialToEpochSeconds(serial, date1904);
  return seconds === null ? null : formatEpochSecondsLocal(seconds);
}
