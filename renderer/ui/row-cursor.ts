/** Rows one PageUp/PageDown moves: about one screen of a dense table. */
const PAGE_ROWS = 20;

/**
 * Where the keyboard cursor of a table goes for a key: ↑/↓ by one row, PageUp/PageDown by a screen,
 * Home/End to the ends; null for keys that do not move it. No wrap-around: at the last finding ↓
 * staying put is clearer than jumping to the top.
 */
export function nextRow(key: string, cursor: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.max(0, Math.min(last, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(cursor + 1);
    case 'ArrowUp':
      return clamp(cursor - 1);
    case 'PageDown':
      return clamp(cursor + PAGE_ROWS);
    case 'PageUp':
      return clamp(cursor - PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
