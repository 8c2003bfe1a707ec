import { describe, expect, it } from 'vitest';

import {
  attributeValue,
  decodeCellText,
  decodeXmlEntities,
  forEachElement,
  rootPrefix,
  stringItemText,
} from './xml-scanner';

describe('xml scanner', () => {
  it('decodes entities and OOXML escapes', () => {
    expect(decodeXmlEntities('a &lt;b&gt; &amp;&quot;&apos; &#20108;&#x6C27; &unknown;')).toBe(
      `a <b> &"' 二氧 &unknown;`,
    );
    expect(decodeCellText('x_x000D_y _x005F_x0041_')).toBe('x\ry _x0041_');
  });

  it('reads attributes by exact name, with either quote', () => {
    const tag = `<c r="B2" s='3' t="s" xr:uid="1" ref="no">`;
    expect(attributeValue(tag, 0, tag.length, 'r')).toBe('B2');
    expect(attributeValue(tag, 0, tag.length, 's')).toBe('3');
    expect(attributeValue(tag, 0, tag.length, 't')).toBe('s');
    expect(attributeValue(tag, 0, tag.length, 'uid')).toBeNull();
    expect(attributeValue(tag, 0, tag.length, 'xr:uid')).toBe('1');
    expect(attributeValue(tag, 0, tag.length, 'x')).toBeNull();
  });

  it('visits elements, self-closing or not, and can stop', () => {
    const xml = '<rows><row r="1"><c/></row><rowBreaks/><row r="2"/><row r="3">x</row></rows>';
    const seen: string[] = [];
    const consumed = forEachElement(xml, 'row', (span) => {
      seen.push(xml.slice(span.start, span.end));
      return seen.length < 2;
    });
    expect(seen).toEqual(['<row r="1"><c/></row>', '<row r="2"/>']);
    expect(xml.slice(0, consumed).endsWith('<row r="2"/>')).toBe(true);
    // An element cut off at the end of a chunk is left for the next one.
    expect(forEachElement('<row r="1"></row><row r="2"><c', 'row', () => {})).toBe(
      '<row r="1"></row>'.length,
    );
  });

  it('finds the namespace prefix and the text of string items', () => {
    expect(rootPrefix('<?xml version="1.0"?><x:worksheet xmlns:x="…">', 'worksheet')).toBe('x:');
    expect(rootPrefix('<worksheet xmlns="…">', 'worksheet')).toBe('');
    const si = '<r><t>二氧</t></r><r><rPr/><t xml:space="preserve">化硫 </t></r><rPh><t>ニ</t></rPh><t/>';
    expect(stringItemText(si, 0, si.length, '')).toBe('二氧化硫 ');
  });
});
