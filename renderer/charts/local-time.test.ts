import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatWallTime, localTimeToMs, msToLocalTime, shortLocalTime } from './local-time';

describe('wall-time formatting', () => {
  it('round-trips a LocalTime without any time-zone shift', () => {
    const ms = localTimeToMs('2021-10-07 18:00:05');
    expect(ms).toBe(Date.UTC(2021, 9, 7, 18, 0, 5));
    expect(msToLocalTime(ms)).toBe('2021-10-07 18:00:05');
    expect(Number.isNaN(localTimeToMs('2021/10/07'))).toBe(true);
  });

  it('drops zero seconds for display and labels day boundaries with the date', () => {
    expect(formatWallTime(Date.UTC(2024, 0, 2, 3, 4, 0))).toBe('2024-01-02 03:04');
    expect(formatAxisTime(Date.UTC(2024, 4, 6, 13, 30))).toBe('13:30');
    expect(formatAxisTime(Date.UTC(2024, 4, 6))).toBe('05-06');
    expect(formatAxisTime(Date.UTC(2024, 0, 1))).toBe('2024-01-01');
  });

  it('shortens a stored time without parsing it', () => {
    expect(shortLocalTime('2024-03-01 19:00:00')).toBe('2024-03-01 19:00');
    expect(shortLocalTime('2024-03-01 19:00:05')).toBe('2024-03-01 19:00:05');
  });
});
