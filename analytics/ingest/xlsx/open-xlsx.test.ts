import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { openXlsx, type XlsxCell, type XlsxWorkbook } from './open-xlsx';
import { writeXlsx } from './xlsx-writer';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A package written by hand, to exercise what Excel and other exporters produce. */
function handWrittenWorkbook(
  parts: { readonly prefix?: string; readonly date1904?: boolean } = {},
): Uint8Array {
  const p = parts.prefix ?? '';
  const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
  const files = {
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:rel="${REL}">` +
      `<${p}workbookPr${parts.date1904 ? ' date1904="true"' : ''}/><${p}sheets>` +
      `<${p}sheet name="R&amp;D 数据" sheetId="1" rel:id="rId1"/>` +
      `<${p}sheet name="Chart" sheetId="2" rel:id="rId2"/>` +
      `<${p}sheet name="隐藏" sheetId="3" state="veryHidden" rel:id="rId3"/>` +
      `</${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/data.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/worksheet" Target="./worksheets/../worksheets/hidden.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/sharedStrings" Target="strings.xml"/>` +
      `<Relationship Id="rId5" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId6" Type="${REL}/hyperlink" Target="http://example.com" TargetMode="External"/>` +
      '</Relationships>',
    'xl/strings.xml':
      `<${p}sst ${ns} count="6" uniqueCount="6">` +
      `<${p}si><${p}t>监测时间</${p}t></${p}si>` +
      `<${p}si><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>二氧化硫</${p}t></${p}r><${p}r><${p}t xml:space="preserve"> (mg/m3)</${p}t></${p}r></${p}si>` +
      `<${p}si><${p}t>a &lt; b &amp; c</${p}t><${p}rPh sb="0" eb="1"><${p}t>ルビ</${p}t></${p}rPh></${p}si>` +
      `<${p}si><${p}t>line1_x000D_&#10;line2 _x005F_x0041_</${p}t></${p}si>` +
      `<${p}si><${p}t/></${p}si>` +
      `<${p}si><${p}t>标记</${p}t></${p}si>` +
      `</${p}sst>`,
    'xl/styles.xml':
      `<${p}styleSheet ${ns}><${p}numFmts count="3">` +
      `<${p}numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/>` +
      `<${p}numFmt numFmtId="165" formatCode="0.00&quot;mg/m3&quot;"/>` +
      `<${p}numFmt numFmtId="166" formatCode="[h]:mm:ss"/>` +
      `</${p}numFmts>` +
      `<${p}cellStyleXfs count="1"><${p}xf numFmtId="14"/></${p}cellStyleXfs>` +
      `<${p}cellXfs count="7"><${p}xf numFmtId="0"/><${p}xf numFmtId="14" applyNumberFormat="1"/>` +
      `<${p}xf numFmtId="164"><${p}alignment horizontal="center"/></${p}xf><${p}xf numFmtId="165"/>` +
      `<${p}xf numFmtId="20"/><${p}xf numFmtId="166"/><${p}xf numFmtId="22"/></${p}cellXfs></${p}styleSheet>`,
    'xl/worksheets/data.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns}>` +
      `<${p}dimension ref="A1:F6"/><${p}sheetData>` +
      `<${p}row r="1" spans="1:6"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c>` +
      `<${p}c r="D1" t="s"><${p}v>5</${p}v></${p}c></${p}row>` +
      `<${p}row r="2"><${p}c r="A2" s="2"><${p}v>44476.75</${p}v></${p}c><${p}c r="B2" s="3"><${p}v>12.5</${p}v></${p}c>` +
      `<${p}c r="C2" t="b"><${p}v>1</${p}v></${p}c><${p}c r="D2" t="str"><${p}f>"N"</${p}f><${p}v>N</${p}v></${p}c>` +
      `<${p}c r="E2" t="e"><${p}v>#DIV/0!</${p}v></${p}c><${p}c r="F2" s="4"><${p}v>0.75</${p}v></${p}c></${p}row>` +
      `<${p}row r="4"><${p}c s="1"><${p}v>44477</${p}v></${p}c><${p}c t="inlineStr"><${p}is><${p}t>内联 &amp; 文本</${p}t></${p}is></${p}c>` +
      `<${p}c r="D4" s="1"/><${p}c r="E4" s="5"><${p}v>1.5</${p}v></${p}c><${p}c r="F4" t="d"><${p}v>2021-10-07T18:00:00</${p}v></${p}c></${p}row>` +
      `<${p}row r="5"/>` +
      `<${p}row r="6"><${p}c r="A6" s="6"><${p}v>44476.791666666664</${p}v></${p}c><${p}c r="B6"><${p}v></${p}v></${p}c>` +
      `<${p}c r="C6" t="s"><${p}v>2</${p}v></${p}c><${p}c r="D6" t="s"><${p}v>3</${p}v></${p}c><${p}c r="E6" t="s"><${p}v>4</${p}v></${p}c>` +
      `<${p}c r="F6"><${p}f>SUM(B2:B4)</${p}f></${p}c></${p}row>` +
      `</${p}sheetData><${p}mergeCells count="2"><${p}mergeCell ref="B1:C1"/><${p}mergeCell ref="A1:A2"/></${p}mergeCells>` +
      `<${p}pageMargins left="0.7"/></${p}worksheet>`,
    'xl/worksheets/hidden.xml': `<${p}worksheet ${ns}><${p}sheetData/><${p}mergeCells><${p}mergeCell ref="A1:B1"/></${p}mergeCells></${p}worksheet>`,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, strToU8(xml)])));
}

async function allRows(book: XlsxWorkbook, sheet: string): Promise<Map<number, XlsxCell[]>> {
  const rows = new Map<number, XlsxCell[]>();
  await book.readSheet(sheet, (index, cells) => {
    rows.set(index, cells);
  });
  return rows;
}

describe('openXlsx', () => {
  for (const prefix of ['', 'x:']) {
    it(`reads every cell type${prefix ? ' with a namespace prefix' : ''}`, async () => {
      const book = await openXlsx(handWrittenWorkbook({ prefix }));
      expect(book.sheets).toEqual([
        { name: 'R&D 数据', hidden: false },
        { name: '隐藏', hidden: true },
      ]);
      expect(book.date1904).toBe(false);
      const rows = await allRows(book, 'R&D 数据');
      expect([...rows.keys()]).toEqual([0, 1, 3, 4, 5]);
      expect(rows.get(0)).toEqual(['监测时间', '二氧化硫 (mg/m3)', null, '标记']);
      expect(rows.get(1)).toEqual(['2021-10-07 18:00:00', 12.5, true, 'N', null, '18:00:00']);
      expect(rows.get(3)).toEqual([
        '2021-10-08 00:00:00',
        '内联 & 文本',
        null,
        null,
        1.5,
        '2021-10-07 18:00:00',
      ]);
      expect(rows.get(4)).toEqual([]);
      expect(rows.get(5)).toEqual([
        '2021-10-07 19:00:00',
        null,
        'a < b & c',
        'line1\r\nline2 _x0041_',
        '',
        null,
      ]);
    });
  }

  it('reports merges, errors and the dimension', async () => {
    const book = await openXlsx(handWrittenWorkbook());
    const summary = await book.readSheet('R&D 数据', () => {});
    expect(summary).toMatchObject({ rowsRead: 5, maxColumnCount: 6, errorCells: 1, stoppedEarly: false });
    expect(summary.dimension).toEqual({ firstRow: 0, firstColumn: 0, lastRow: 5, lastColumn: 5 });
    const expected = [
      { firstRow: 0, firstColumn: 1, lastRow: 0, lastColumn: 2 },
      { firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0 },
    ];
    expect(summary.merges).toEqual(expected);
    expect(await book.readMergedCells('R&D 数据')).toEqual(expected);
    expect(await book.readMergedCells('隐藏')).toEqual([
      { firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 1 },
    ]);
    expect((await book.readSheet('隐藏', () => {})).rowsRead).toBe(0);
  });

  it('honours the 1904 date system', async () => {
    const book = await openXlsx(handWrittenWorkbook({ date1904: true }));
    expect(book.date1904).toBe(true);
    const rows = await allRows(book, 'R&D 数据');
    expect(rows.get(1)![0]).toBe('2025-10-08 18:00:00'); // 44476.75 days after 1904-01-01
  });

  it('stops when the handler returns false, and on abort', async () => {
    const book = await openXlsx(handWrittenWorkbook());
    const seen: number[] = [];
    const summary = await book.readSheet('R&D 数据', (index) => {
      seen.push(index);
      return index < 1;
    });
    expect(seen).toEqual([0, 1]);
    expect(summary).toMatchObject({ stoppedEarly: true, rowsRead: 2, merges: [] });

    const controller = new AbortController();
    controller.abort();
    await expect(book.readSheet('R&D 数据', () => {}, { signal: controller.signal })).rejects.toThrow(
      /abort/i,
    );
    await expect(book.readSheet('nope', () => {})).rejects.toThrow(/no worksheet/);
  });

  it('streams a large sheet across many chunks, compressed and stored', async () => {
    const rowCount = 15_000;
    const rows = Array.from({ length: rowCount }, (_, i) => [
      i,
      `站点${i % 97}`,
      i % 3 === 0 ? null : i / 4,
      i % 2 === 0,
    ]);
    for (const compressionLevel of [6, 0] as const) {
      const book = await openXlsx(writeXlsx([{ name: 'big', rows }], { compressionLevel }));
      const read: XlsxCell[][] = [];
      let progressCalls = 0;
      await book.readSheet(
        'big',
        (index, cells) => {
          read[index] = cells;
        },
        { onProgress: () => progressCalls++ },
      );
      expect(read).toEqual(rows);
      expect(progressCalls).toBeGreaterThan(compressionLevel === 0 ? 2 : 0);
    }
  });

  it('rejects files that are not workbooks', async () => {
    await expect(openXlsx(zipSync({ 'a.txt': strToU8('x') }))).rejects.toThrow(/workbook/);
    await expect(openXlsx(strToU8('not a zip at all'))).rejects.toThrow(/ZIP/);
  });
});
