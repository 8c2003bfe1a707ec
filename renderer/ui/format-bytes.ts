const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Binary sizes with SI-looking units, as Windows Explorer shows them to the analysts. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
