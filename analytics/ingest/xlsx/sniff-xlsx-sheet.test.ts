import { describe, expect, it } from 'vitest';

import { openXlsx } from './open-xlsx';
import { sniffXlsxSheet } from './sniff-xlsx-sheet';
import { writeXlsx, xlsxDate } from './xlsx-writer';

describe('sniffXlsxSheet', () => {
  it('describes a typical export sheet', async () => {
    const data = Array.from({ length: 48 }, (_, h) => [
      xlsxDate(`2021-10-0${7 + Math.floor(h / 24)} ${String(h % 24).padStart(2, '0')}:00:00`),
      10 + (h % 5),
      h % 7 === 0 ? '--' : 12 + (h % 5),
      h % 7 === 0 ? 'F' : 'N',
      8.1,
    ]);
    const bytes = writeXlsx([
      {
        name: '1#排口',
        rows: [
          ['某某热电有限公司1#排口小时数据'],
          ['监测时间', '二氧化硫', null, null, '氧含量(%)'],
          [null, '实测浓度(mg/m3)', '折算浓度(mg/m3)', '标记', null],
          ...data,
        ],
        merges: ['A1:E1', 'A2:A3', 'B2:D2', 'E2:E3'],
      },
    ]);
    const sniff = await sniffXlsxSheet(await openXlsx(bytes), '1#排口');
    expect(sniff).toMatchObject({ header: 'two-row', headerRow: 1, firstDataRow: 3 });
    expect(sniff.columns.map((c) => [c.name, c.unit, c.type.kind])).toEqual([
      ['监测时间', null, 'timestamp'],
      ['二氧化硫实测浓度', 'mg/m3', 'integer'],
      ['二氧化硫折算浓度', 'mg/m3', 'integer'],
      ['二氧化硫标记', null, 'text'],
      ['氧含量', '%', 'number'],
    ]);
    expect(sniff.columns[2]!.missingInSample).toBe(7);
    expect(sniff.sampleRows[0]).toEqual(['2021-10-07 00:00:00', 10, '--', 'F', 8.1]);
    expect(sniff.merges).toHaveLength(4);
  });
});
