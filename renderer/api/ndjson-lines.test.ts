import { describe, expect, it } from 'vitest';
import { NdjsonLines } from './ndjson-lines';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('NdjsonLines', () => {
  it('joins lines cut across chunks, including a multi-byte character', () => {
    const lines = new NdjsonLines();
    const all = bytes('{"a":"二氧化硫"}\n{"type":"ping"}\n{"b"');
    const cut = 5; // inside the first Chinese character
    expect(lines.push(all.slice(0, cut))).toEqual([]);
    expect(lines.push(all.slice(cut))).toEqual(['{"a":"二氧化硫"}', '{"type":"ping"}']);
    expect(lines.push(bytes(':1}\n\n'))).toEqual(['{"b":1}']);
  });
});
