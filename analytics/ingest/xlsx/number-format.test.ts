import { describe, expect, it } from 'vitest';

import { classifyFormatCode, classifyNumberFormat } from './number-format';

describe('number formats', () => {
  it('classifies built-in ids, the Chinese-locale ones included', () => {
    expect(classifyNumberFormat(14, undefined)).toBe('date');
    expect(classifyNumberFormat(22, undefined)).toBe('date');
    expect(classifyNumberFormat(31, undefined)).toBe('date'); // yyyy"年"m"月"d"日"
    expect(classifyNumberFormat(57, undefined)).toBe('date');
    expect(classifyNumberFormat(20, undefined)).toBe('time');
    expect(classifyNumberFormat(32, undefined)).toBe('time'); // h"时"mm"分"
    expect(classifyNumberFormat(0, undefined)).toBe('number');
    expect(classifyNumberFormat(2, undefined)).toBe('number');
    expect(classifyNumberFormat(14, '0.00')).toBe('number'); // a custom code wins
  });

  it('classifies custom codes', () => {
    for (const code of [
      'yyyy-mm-dd hh:mm:ss',
      'yyyy"年"m"月"d"日"',
      '[$-804]yyyy/m/d',
      'mmm-yy',
      'd/m/yyyy;@',
      'e"年"m"月"',
    ]) {
      expect(classifyFormatCode(code), code).toBe('date');
    }
    for (const code of ['hh:mm', 'h:mm AM/PM', 'mm:ss', 'h"时"mm"分"'])
      expect(classifyFormatCode(code), code).toBe('time');
    for (const code of [
      'General',
      '0.00',
      '#,##0.00_);[Red](#,##0.00)',
      '0.00"mg/m3"',
      '0.00E+00',
      '[h]:mm:ss',
      '0.0\\d',
      '@',
    ]) {
      expect(classifyFormatCode(code), code).toBe('number');
    }
  });
});
