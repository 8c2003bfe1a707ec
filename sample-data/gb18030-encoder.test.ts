import { describe, expect, it } from 'vitest';
import { canEncodeGb18030, encodeGb18030 } from './gb18030-encoder';

const decode = (bytes: Uint8Array): string => new TextDecoder('gb18030').decode(bytes);

describe('encodeGb18030', () => {
  it('passes ASCII through byte for byte', () => {
    const text = 'mn,time,a21026-avg\r\n139901HD0001,2025/9/15 00:00,12.34\n';
    expect(Buffer.from(encodeGb18030(text)).toString('latin1')).toBe(text);
  });

  it('round-trips the header names, units and place names the demo writes', () => {
    const text =
      '监测点编号,监测时间,二氧化硫实测浓度(mg/m3),氮氧化物折算浓度(mg/m3),烟尘排放量(kg),非甲烷总烃标记,' +
      '氧含量(%),烟气流速(m/s),烟气温度(℃),烟气湿度(%),标干流量(m3/s),废气排放量(m3)\r\n' +
      '青川市河西区柳林镇恒盛钢铁有限公司,冀R12345,国六,进,出,停运,启炉,停炉,故障,校准,维护\r\n';
    expect(decode(encodeGb18030(text))).toBe(text);
  });

  it('round-trips every character of the GB2312 hanzi block (lead bytes B0–F7)', () => {
    // Build the block by decoding, then check encode∘decode is the identity on it.
    const bytes: number[] = [];
    for (let lead = 0xb0; lead <= 0xf7; lead++) {
      for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
    }
    const text = decode(Uint8Array.from(bytes));
    expect(text.length).toBe(bytes.length / 2);
    expect(Array.from(encodeGb18030(text))).toEqual(bytes);
  });

  it('encodes exactly what the decoder maps back, for the whole two-byte range', () => {
    let checked = 0;
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead += 7) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length !== 1 || ch === '\uFFFD') continue;
        expect(decode(encodeGb18030(ch))).toBe(ch);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('throws on characters outside the two-byte range, and canEncode says so', () => {
    expect(canEncodeGb18030('烟气温度')).toBe(true);
    expect(canEncodeGb18030('😀')).toBe(false);
    expect(() => encodeGb18030('bad 😀')).toThrow(RangeError);
    expect(() => encodeGb18030('\u0080')).toThrow(/U\+0080/);
  });
});
