import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { detectHeaderLayout } from './header-rows';
import { openXlsx, type XlsxCell } from './open-xlsx';
import { dateSerial, writeXlsx, xlsxDate } from './xlsx-writer';

async function readAll(bytes: Uint8Array, sheet: string): Promise<XlsxCell[][]> {
  const book = await openXlsx(bytes);
  const rows: XlsxCell[][] = [];
  await book.readSheet(sheet, (index, cells) => {
    rows[index] = cells;
  });
  return rows;
}

describe('writeXlsx', () => {
  it('round-trips strings, numbers, booleans and dates through the reader', async () => {
    const rows = [
      ['站点', '时间', '值', '有效', '备注'],
      ['S1', xlsxDate('2021-10-07 18:00:00'), 12.5, true, '  前后空格 '],
      ['S1', xlsxDate('2021-10-07 19:00'), -0.25, false, 'a<b & "c" _x0041_'],
      ['S2', xlsxDate('1900-01-01'), 1e-7, null, '换行\n和\t制表\u0001'],
    ];
    for (const strings of ['shared', 'inline'] as const) {
      const back = await readAll(writeXlsx([{ name: 'data', rows }], { strings }), 'data');
      expect(back).toEqual([
        rows[0],
        ['S1', '2021-10-07 18:00:00', 12.5, true, '  前后空格 '],
        ['S1', '2021-10-07 19:00:00', -0.25, false, 'a<b & "c" _x0041_'],
        ['S2', '1900-01-01 00:00:00', 1e-7, null, '换行\n和\t制表\u0001'],
      ]);
    }
  });

  it('writes several sheets, merged cells and the 1904 date system', async () => {
    const bytes = writeXlsx(
      [
        {
          name: '1#排口',
          rows: [
            ['监测时间', '二氧化硫', null, '氧含量(%)'],
            [null, '实测浓度(mg/m3)', '折算浓度(mg/m3)', null],
            [xlsxDate('2021-10-07 18:00:00'), 12.5, 15.0, 8.1],
            [xlsxDate('2021-10-07 19:00:00'), 12.7, 15.3, 8.2],
            [xlsxDate('2021-10-07 20:00:00'), 12.1, 14.8, 8.0],
          ],
          merges: ['A1:A2', 'B1:C1', { firstRow: 0, firstColumn: 3, lastRow: 1, lastColumn: 3 }],
          columnWidths: [20, 12, 12, 10],
        },
        { name: '说明', rows: [['导出自某平台']], hidden: true },
      ],
      { date1904: true },
    );
    const book = await openXlsx(bytes);
    expect(book.sheets).toEqual([
      { name: '1#排口', hidden: false },
      { name: '说明', hidden: true },
    ]);
    expect(book.date1904).toBe(true);
    const rows: XlsxCell[][] = [];
    const summary = await book.readSheet('1#排口', (i, cells) => {
      rows[i] = cells;
    });
    expect(rows[2]![0]).toBe('2021-10-07 18:00:00');
    const layout = detectHeaderLayout(rows, { merges: summary.merges });
    expect(layout).toMatchObject({ kind: 'two-row', headerRow: 0, firstDataRow: 2 });
    expect(layout.columns.map((c) => c.label)).toEqual([
      '监测时间',
      '二氧化硫实测浓度(mg/m3)',
      '二氧化硫折算浓度(mg/m3)',
      '氧含量(%)',
    ]);
    expect(await readAll(bytes, '说明')).toEqual([['导出自某平台']]);
  });

  it('writes the parts Excel expects, byte-identically from run to run', () => {
    const sheets = [{ name: 'a', rows: [['x', 1]] }];
    const bytes = writeXlsx(sheets);
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(writeXlsx(sheets)).toEqual(bytes);
  });

  it('rejects invalid sheet names and dates', () => {
    expect(() => writeXlsx([])).toThrow(/at least one/);
    expect(() => writeXlsx([{ name: 'a/b', rows: [] }])).toThrow(/invalid sheet name/);
    expect(() => writeXlsx([{ name: 'x'.repeat(32), rows: [] }])).toThrow(/invalid sheet name/);
    expect(() =>
      writeXlsx([
        { name: 'A', rows: [] },
        { name: 'a', rows: [] },
      ]),
    ).toThrow(/duplicate/);
    expect(() => writeXlsx([{ name: 'a', rows: [[xlsxDate('2021-02-30')]] }])).toThrow(/invalid date/);
  });
});

describe('dateSerial', () => {
  it('inverts the reader, 1900 leap-year bug included', () => {
    expect(dateSerial('2021-10-07 18:00:00')).toBe(44476.75);
    expect(dateSerial('1900-01-01')).toBe(1);
    expect(dateSerial('1900-02-28')).toBe(59);
    expect(dateSerial('1900-03-01')).toBe(61);
    expect(dateSerial('1904-01-01', true)).toBe(0);
  });
});
