import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './use-shortcut';

const press = (over: Partial<Parameters<typeof matchesShortcut>[0]>) => ({
  key: '',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  defaultPrevented: false,
  ...over,
});

describe('matchesShortcut', () => {
  it('needs exactly the modifiers asked for', () => {
    expect(matchesShortcut(press({ key: 'Enter', ctrlKey: true }), { key: 'Enter', mod: true })).toBe(true);
    expect(matchesShortcut(press({ key: 'Enter', metaKey: true }), { key: 'Enter', mod: true })).toBe(true);
    expect(matchesShortcut(press({ key: 'Enter' }), { key: 'Enter', mod: true })).toBe(false);
    expect(matchesShortcut(press({ key: 'i', ctrlKey: true, altKey: true }), { key: 'i', mod: true })).toBe(
      false,
    );
    expect(matchesShortcut(press({ key: 'Escape', defaultPrevented: true }), { key: 'Escape' })).toBe(false);
  });

  it('matches Alt+digit by the physical key too (macOS types ¡ for Alt+1)', () => {
    expect(matchesShortcut(press({ key: '1', code: 'Digit1', altKey: true }), { key: '1', alt: true })).toBe(
      true,
    );
    expect(matchesShortcut(press({ key: '¡', code: 'Digit1', altKey: true }), { key: '1', alt: true })).toBe(
      true,
    );
    expect(matchesShortcut(press({ key: '1', code: 'Digit1' }), { key: '1', alt: true })).toBe(false);
    expect(matchesShortcut(press({ key: '2', code: 'Digit2', altKey: true }), { key: '1', alt: true })).toBe(
      false,
    );
  });
});
