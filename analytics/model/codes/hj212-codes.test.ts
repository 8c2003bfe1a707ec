import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedData } from '../../../tests/support/shared-data';
import {
  codeMedia,
  HJ212_CODES,
  hj212CodeByCode,
  hj212CodeByOldCode,
  hj212CodesByChineseName,
} from './hj212-codes';

describe('HJ 212 code dictionary', () => {
  it('has the 379 codes of the source table', () => {
    expect(HJ212_CODES).toHaveLength(379);
  });

  it.each([
    ['a21026', 'SO2', '02', 'mg/m³', 'kg', 'gas'],
    ['a21002', 'NOx', '03', 'mg/m³', 'kg', 'gas'],
    ['a21003', 'NO', null, 'mg/m³', 'kg', 'gas'],
    ['a21004', 'NO2', null, 'mg/m³', 'kg', 'gas'],
    ['a34013', 'particulate', '01', 'mg/m³', 'kg', 'gas'],
    ['a19001', 'O2', 'S01', '%', null, 'gas'],
    ['a01011', 'flue-gas velocity', 'S02', 'm/s', null, 'gas'],
    ['a01012', 'flue-gas temperature', 'S03', '°C', null, 'gas'],
    ['a01013', 'flue-gas pressure', 'S08', 'kPa', null, 'gas'],
    ['a01014', 'flue-gas humidity', 'S05', '%', null, 'gas'],
    ['a01017', 'flue-gas dynamic pressure', 'S04', 'kPa', null, 'gas'],
    ['a00000', 'flue-gas flow', 'B02', 'm³/s', 'm³', 'gas'],
    ['a21005', 'CO', '04', 'mg/m³', 'kg', 'gas'],
    ['a21024', 'HCl', '08', 'mg/m³', 'kg', 'gas'],
    ['a24088', 'NMHC', null, 'mg/m³', 'kg', 'gas'],
    ['a24087', 'total hydrocarbons', '25', 'mg/m³', 'kg', 'gas'],
    ['a25003', 'toluene', '17', 'mg/m³', 'kg', 'gas'],
    ['w00000', 'wastewater flow', 'B01', 'L/s', 'm³', 'water'],
    ['w01001', 'pH', '001', '-', null, 'water'],
    ['w01018', 'COD', '011', 'mg/L', 'kg', 'water'],
    ['w21003', 'NH3-N', '060', 'mg/L', 'kg', 'water'],
    ['w21011', 'TP', '101', 'mg/L', 'kg', 'water'],
    ['w21001', 'TN', '065', 'mg/L', 'kg', 'water'],
  ] as const)('%s is %s (old %s, %s, %s, %s)', (code, nameEn, oldCode, unit, emissionUnit, media) => {
    expect(hj212CodeByCode(code)).toMatchObject({ code, nameEn, oldCode, unit, emissionUnit, media });
  });

  it('keeps the Chinese name and units of the source', () => {
    expect(hj212CodeByCode('a21026')).toMatchObject({
      nameZh: '二氧化硫',
      unitZh: '毫克/立方米',
      emissionUnitZh: '千克',
      dataType: 'N5.2',
      remark: null,
      group: 'air',
    });
  });

  it('looks up 2005 codes, refusing an entry of the other media', () => {
    expect(hj212CodeByOldCode('011')?.code).toBe('w01018');
    expect(hj212CodeByOldCode('011', 'water')?.code).toBe('w01018');
    expect(hj212CodeByOldCode('011', 'gas')).toBeUndefined();
    expect(hj212CodeByOldCode('B02', 'gas')?.code).toBe('a00000');
    expect(hj212CodeByOldCode('01')?.code).toBe('a34013');
    expect(hj212CodeByOldCode('999')).toBeUndefined();
  });

  it('looks up Chinese names, which are not unique', () => {
    expect(hj212CodesByChineseName('化学需氧量').map((c) => c.code)).toEqual(['w01018']);
    expect(hj212CodesByChineseName('氰化物').map((c) => c.code)).toEqual(['w21016', 'a21017']);
    expect(hj212CodesByChineseName('不存在')).toEqual([]);
  });

  it('resolves device-numbered codes to their pattern and forgives case', () => {
    expect(hj212CodeByCode('g10201')?.code).toBe('g102xx');
    expect(hj212CodeByCode('i33312')?.code).toBe('i3331x');
    expect(hj212CodeByCode('W01018')?.code).toBe('w01018');
    expect(hj212CodeByCode('a99999')).toBeUndefined();
  });

  it('derives media and group from the prefix', () => {
    expect(codeMedia('e10101')).toBe('water');
    expect(codeMedia('g10201')).toBe('gas');
    expect(codeMedia('i12001')).toBe('other');
    expect(codeMedia('011')).toBe('other');
    expect(hj212CodeByCode('e101xx')).toMatchObject({ media: 'water', group: 'wastewater-process' });
    expect(hj212CodeByCode('LA')).toMatchObject({ media: 'other', group: 'noise', unit: 'dB' });
  });
});

describe.skipIf(!hasSharedData)(
  'the generated dictionary matches the CSV (rerun build/gen-hj212-codes.mjs)',
  () => {
    it('has every row of hj212_pollutant_codes.csv in order', () => {
      const rows = parseCsv(
        readFileSync(sharedData('hj212_codes', 'hj212_pollutant_codes.csv'), 'utf8'),
      ).slice(1);
      const orEmpty = (s: string | null): string => s ?? '';
      expect(
        HJ212_CODES.map((c) => [
          c.code,
          c.nameZh,
          orEmpty(c.oldCode),
          orEmpty(c.unitZh),
          orEmpty(c.emissionUnitZh),
          orEmpty(c.dataType),
          orEmpty(c.remark),
        ]),
      ).toEqual(rows.map((r) => r.map((f) => f.trim())));
    });
  },
);

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}
