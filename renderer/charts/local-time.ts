/**
 * Chart times are epoch ms of the LOCAL wall time read as UTC (analytics/api/domain.ts), so they
 * are formatted with UTC getters: the analyst sees exactly the time stored in the export, whatever
 * the time zone of the PC.
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD HH:mm:ss' → epoch ms of that wall time read as UTC. */
export function localTimeToMs(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Epoch ms (wall time as UTC) → 'YYYY-MM-DD HH:mm:ss', the contract's LocalTime. */
export function msToLocalTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** Short time for display: seconds only when they are not zero (most exports are whole minutes). */
export function formatWallTime(ms: number): string {
  const full = msToLocalTime(ms);
  return full.endsWith(':00') ? full.slice(0, 16) : full;
}

/** Axis tick label: the date at day boundaries, the clock time elsewhere. */
export function formatAxisTime(ms: number): string {
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (time !== '00:00' || d.getUTCSeconds() !== 0) return time;
  const date = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCMonth() === 0 && d.getUTCDate() === 1 ? `${d.getUTCFullYear()}-${date}` : date;
}

/** A stored LocalTime as the analyst reads it: the same text, without zero seconds; no parsing, no shift. */
export function shortLocalTime(text: string): string {
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}
