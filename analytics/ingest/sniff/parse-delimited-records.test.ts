import { describe, expect, it } from 'vitest';

import { parseDelimitedRecords } from './parse-delimited-records';

const fieldsOf = (text: string, delimiter = ',', complete = true) =>
  parseDelimitedRecords(text, delimiter, { complete }).map((r) => r.fields);

describe('parseDelimitedRecords', () => {
  it('splits plain records with any line ending', () => {
    expect(fieldsOf('a,b\n1,2\r\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('handles quotes, escaped quotes and line breaks inside quotes', () => {
    const records = parseDelimitedRecords('"No","note"\n1,"say ""hi"", twice"\n2,"two\nlines"\n3,x"y\n', ',');
    expect(records.map((r) => r.fields)).toEqual([
      ['No', 'note'],
      ['1', 'say "hi", twice'],
      ['2', 'two\nlines'],
      ['3', 'x"y'],
    ]);
    expect(records.map((r) => r.line)).toEqual([0, 1, 2, 4]);
  });

  it('keeps empty fields, skips blank lines but counts them', () => {
    const records = parseDelimitedRecords('a;b;c\n\n1;;3\n;;\n', ';');
    expect(records.map((r) => r.fields)).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['', '', ''],
    ]);
    expect(records.map((r) => r.line)).toEqual([0, 2, 3]);
  });

  it('drops the cut-off last record of a sample', () => {
    expect(fieldsOf('a,b\n1,2\n3,', ',', false)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\n1,"open\n', ',', false)).toEqual([['a', 'b']]);
    expect(fieldsOf('a,b\n1,2', ',', true)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('splits on tabs and stops at maxRecords', () => {
    expect(parseDelimitedRecords('a\tb\n1\t2\n3\t4\n', '\t', { maxRecords: 2 }).map((r) => r.fields)).toEqual(
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    );
  });
});
