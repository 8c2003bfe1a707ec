import { describe, expect, it } from 'vitest';
import { nextRow } from './row-cursor';

describe('nextRow', () => {
  it('moves by one, by a screen and to the ends, without wrapping', () => {
    expect(nextRow('ArrowDown', 0, 3)).toBe(1);
    expect(nextRow('ArrowDown', 2, 3)).toBe(2);
    expect(nextRow('ArrowUp', 0, 3)).toBe(0);
    expect(nextRow('PageDown', 5, 100)).toBe(25);
    expect(nextRow('PageUp', 5, 100)).toBe(0);
    expect(nextRow('Home', 7, 10)).toBe(0);
    expect(nextRow('End', 0, 10)).toBe(9);
  });

  it('ignores other keys and empty tables', () => {
    expect(nextRow('Enter', 1, 3)).toBeNull();
    expect(nextRow('ArrowDown', 0, 0)).toBeNull();
  });
});
