import { describe, expect, it } from 'vitest';

import { encodeGb18030 } from './encode-gb18030';

describe('encodeGb18030', () => {
  it('writes the GBK bytes of common characters', () => {
    // 监测时间 in GBK (checked against iconv).
    expect(Buffer.from(encodeGb18030('监测时间')).toString('hex')).toBe('bce0b2e2cab1bce4');
    expect(Buffer.from(encodeGb18030('a,1\n')).toString('hex')).toBe('612c310a');
  });

  it('round-trips through the GB18030 decoder, four-byte codes included', () => {
    const text = '监测时间,二氧化硫实测浓度(mg/m³),氧含量（%）,温度℃,µg/m³,€,标干流量';
    expect(new TextDecoder('gb18030').decode(encodeGb18030(text))).toBe(text);
  });

  it('refuses characters outside the BMP', () => {
    expect(() => encodeGb18030('𠀀')).toThrow(/cannot encode/);
  });
});
