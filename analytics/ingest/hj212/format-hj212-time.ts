/**
 * HJ 212 timestamps (`DataTime`, `SampleTime`, `QN`) are local wall-clock digits: YYYYMMDDhhmmss,
 * sometimes with milliseconds appended (17 digits, seen in `DataTime=20210305003817000`). Returns
 * 'YYYY-MM-DD HH:mm:ss' or null when the digits do not form a real calendar time. Milliseconds are
 * dropped on purpose: readings are keyed by period start to the second.
 */
export function formatHj212Time(raw: string): string | null {
  const n = raw.length;
  // 14 = standard; 17 = with milliseconds; 12 = minutes only and 8 = date only, both seen in
  // hand-written packets and harmless to accept.
  if (n !== 14 && n !== 17 && n !== 12 && n !== 8) return null;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const year = twoDigits(raw, 0) * 100 + twoDigits(raw, 2);
  const month = twoDigits(raw, 4);
  const day = twoDigits(raw, 6);
  const hour = n >= 12 ? twoDigits(raw, 8) : 0;
  const minute = n >= 12 ? twoDigits(raw, 10) : 0;
  const second = n >= 14 ? twoDigits(raw, 12) : 0;
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  if (n === 8) return `${date} 00:00:00`;
  const seconds = n >= 14 ? raw.slice(12, 14) : '00';
  return `${date} ${raw.slice(8, 10)}:${raw.slice(10, 12)}:${seconds}`;
}

function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
