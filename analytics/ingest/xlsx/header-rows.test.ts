import { describe, expect, it } from 'vitest';

import { parseRangeRef } from './cell-range';
import {
  defaultColumnName,
  detectHeaderLayout,
  type HeaderCell,
  isUnitText,
  splitHeaderUnit,
} from './header-rows';

const range = (ref: string) => parseRangeRef(ref)!;

/** The typical Excel export: title, two-row merged header, data. */
const TITLE = '某某电厂1#机组废气小时数据';
const EXPORT: HeaderCell[][] = [
  [TITLE],
  [
    '监测时间',
    '二氧化硫',
    null,
    null,
    null,
    '氮氧化物',
    null,
    null,
    null,
    '氧含量(%)',
    '烟气温度（℃）',
    '工况',
  ],
  [
    null,
    '实测浓度(mg/m3)',
    '折算浓度(mg/m3)',
    '排放量(kg)',
    '标记',
    '实测浓度（mg/m³）',
    '折算浓度（mg/m³）',
    '排放量(kg)',
    '标记',
    null,
    null,
    null,
  ],
  ['2021-10-07 18:00:00', 12.5, 15.1, 1.2, 'N', 30.2, 36.5, 2.9, 'N', 8.1, 85.2, '运行'],
  ['2021-10-07 19:00:00', 12.9, 15.4, 1.3, 'N', 31.0, 37.4, 3.0, 'N', 8.2, 85.0, '运行'],
  ['2021-10-07 20:00:00', null, null, null, 'F', null, null, null, 'F', 20.9, 30.1, '停运'],
];
const EXPORT_MERGES = ['A1:L1', 'A2:A3', 'B2:E2', 'F2:I2', 'J2:J3', 'K2:K3', 'L2:L3'].map(range);

const EXPECTED_TWO_ROW = [
  ['监测时间', null, '监测时间'],
  ['二氧化硫实测浓度', 'mg/m3', '二氧化硫实测浓度(mg/m3)'],
  ['二氧化硫折算浓度', 'mg/m3', '二氧化硫折算浓度(mg/m3)'],
  ['二氧化硫排放量', 'kg', '二氧化硫排放量(kg)'],
  ['二氧化硫标记', null, '二氧化硫标记'],
  ['氮氧化物实测浓度', 'mg/m³', '氮氧化物实测浓度(mg/m³)'],
  ['氮氧化物折算浓度', 'mg/m³', '氮氧化物折算浓度(mg/m³)'],
  ['氮氧化物排放量', 'kg', '氮氧化物排放量(kg)'],
  ['氮氧化物标记', null, '氮氧化物标记'],
  ['氧含量', '%', '氧含量(%)'],
  ['烟气温度', '℃', '烟气温度(℃)'],
  ['工况', null, '工况'],
];

describe('detectHeaderLayout', () => {
  it('flattens a two-row merged header under a title', () => {
    const layout = detectHeaderLayout(EXPORT, { merges: EXPORT_MERGES });
    expect(layout).toMatchObject({ kind: 'two-row', headerRow: 1, firstDataRow: 3 });
    expect(layout.columns.map((c) => [c.name, c.unit, c.label])).toEqual(EXPECTED_TWO_ROW);
    expect(layout.columns[1]!.sourceTexts).toEqual(['二氧化硫', '实测浓度(mg/m3)']);
  });

  it('infers the spans from blank cells when there are no merges (CSV)', () => {
    const layout = detectHeaderLayout(EXPORT);
    expect(layout.kind).toBe('two-row');
    expect(layout.columns.map((c) => [c.name, c.unit, c.label])).toEqual(EXPECTED_TWO_ROW);
  });

  it('recognises a repeated (unmerged) top row by its sub-header words', () => {
    const rows: HeaderCell[][] = [
      ['时间', 'a21026', 'a21026', 'a21026', 'a21002', 'a21002'],
      ['时间', 'avg', 'zsavg', 'flag', 'avg', 'zsavg'],
      ['2021-10-07 18:00', 1, 2, 'N', 3, 4],
      ['2021-10-07 19:00', 1, 2, 'N', 3, 4],
    ];
    const layout = detectHeaderLayout(rows);
    expect(layout.kind).toBe('two-row');
    expect(layout.columns.map((c) => c.name)).toEqual([
      '时间',
      'a21026-avg',
      'a21026-zsavg',
      'a21026-flag',
      'a21002-avg',
      'a21002-zsavg',
    ]);
  });

  it('finds a single header below preamble rows', () => {
    const rows: HeaderCell[][] = [
      ['企业名称：某某化工'],
      ['导出时间：2021-10-08', null, null],
      [],
      ['monitorTime', 'monitorAvgValue', 'flag'],
      ['2021-01-02 02:00:00', '1.34', 'N'],
      ['2021-01-02 03:00:00', '', 'N'],
      ['2021-01-02 04:00:00', '1.30', 'N'],
    ];
    const layout = detectHeaderLayout(rows);
    expect(layout).toMatchObject({ kind: 'single', headerRow: 3, firstDataRow: 4 });
    expect(layout.columns.map((c) => c.name)).toEqual(['monitorTime', 'monitorAvgValue', 'flag']);
  });

  it('sees when there is no header at all', () => {
    const rows: HeaderCell[][] = [
      ['4.5878', '1018.7', '83.675'],
      ['4.2932', '1018.3', '84.235'],
      ['3.9045', '1018.4', '84.858'],
    ];
    const layout = detectHeaderLayout(rows);
    expect(layout).toMatchObject({ kind: 'none', firstDataRow: 0 });
    expect(layout.columns.map((c) => c.name)).toEqual(['column0', 'column1', 'column2']);
  });

  it('takes the first full row as the header of a mostly-text table', () => {
    const rows: HeaderCell[][] = [
      ['site_id', 'site_name', 'county', 'grade'],
      ['S001', '某化工', '某县', 'A'],
      ['S002', '某钢铁', '某县', 'B'],
      ['S003', '某水泥', '某区', 'C'],
      ['S004', '某焦化', '某区', 'D'],
    ];
    expect(detectHeaderLayout(rows)).toMatchObject({ kind: 'single', headerRow: 0, firstDataRow: 1 });
  });

  it('names blank and duplicate header cells', () => {
    const rows: HeaderCell[][] = [
      ['time', '', 'value', 'value'],
      ['2021-10-07', 1, 2, 3],
      ['2021-10-08', 1, 2, 3],
      ['2021-10-09', 1, 2, 3],
    ];
    expect(detectHeaderLayout(rows).columns.map((c) => c.name)).toEqual([
      'time',
      'column1',
      'value',
      'value_2',
    ]);
  });

  it('copes with nothing', () => {
    expect(detectHeaderLayout([])).toEqual({ kind: 'none', firstDataRow: 0, columns: [] });
  });
});

describe('units', () => {
  it('splits units in all bracket styles', () => {
    expect(splitHeaderUnit('二氧化硫实测浓度(mg/m3)')).toEqual({ name: '二氧化硫实测浓度', unit: 'mg/m3' });
    expect(splitHeaderUnit('二氧化硫实测浓度（mg/m³）')).toEqual({ name: '二氧化硫实测浓度', unit: 'mg/m³' });
    expect(splitHeaderUnit('氧含量[%]')).toEqual({ name: '氧含量', unit: '%' });
    expect(splitHeaderUnit('标干流量【万m3/h】')).toEqual({ name: '标干流量', unit: '万m3/h' });
    expect(splitHeaderUnit('有功电量 (kW·h)')).toEqual({ name: '有功电量', unit: 'kW·h' });
    expect(splitHeaderUnit('流量(升/秒)')).toEqual({ name: '流量', unit: '升/秒' });
  });

  it('leaves non-unit parentheses in the name', () => {
    expect(splitHeaderUnit('氮氧化物(以NO2计)')).toEqual({ name: '氮氧化物(以NO2计)', unit: null });
    expect(splitHeaderUnit('颗粒物(烟尘)')).toEqual({ name: '颗粒物(烟尘)', unit: null });
    expect(splitHeaderUnit('二氧化硫(SO2)')).toEqual({ name: '二氧化硫(SO2)', unit: null });
    expect(splitHeaderUnit('(mg/m3)')).toEqual({ name: '(mg/m3)', unit: null });
    expect(splitHeaderUnit('二氧化硫(SO2)(mg/m3)')).toEqual({ name: '二氧化硫(SO2)', unit: 'mg/m3' });
  });

  it('knows unit texts', () => {
    for (const u of [
      'mg/m3',
      'mg/Nm3',
      'μg/m³',
      'm/s',
      '℃',
      'kPa',
      '无量纲',
      'm3/h',
      'kg/h',
      't/d',
      'mg/L',
    ]) {
      expect(isUnitText(u), u).toBe(true);
    }
    for (const u of ['SO2', '以NO2计', '烟尘', '干基', '']) expect(isUnitText(u), u).toBe(false);
  });
});

describe('defaultColumnName', () => {
  it('pads like DuckDB', () => {
    expect(defaultColumnName(3, 5)).toBe('column3');
    expect(defaultColumnName(3, 11)).toBe('column03');
    expect(defaultColumnName(10, 11)).toBe('column10');
  });
});
