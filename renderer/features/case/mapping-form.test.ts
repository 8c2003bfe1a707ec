import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../analytics/api';
import { columnUses, draftProblems } from '../../../analytics/api';
import {
  formFromPreview,
  formFromTemplate,
  parseScale,
  setColumnUse,
  setTarget,
  toDraft,
} from './mapping-form';

const preview: ImportPreview = {
  file: '/tmp/h.csv',
  container: 'delimited',
  encoding: 'utf-8',
  delimiter: ',',
  headers: ['datetime', 'Global_active_power', 'Sub_metering_1'],
  rows: [['2006-12-16 17:00:00', '152.024', '0.0']],
  shapeKey: 'datetime|global_active_power|sub_metering_1',
  documentedFormat: null,
  columns: [
    { header: 'datetime', use: 'time' },
    { header: 'Global_active_power', use: 'value' },
    { header: 'Sub_metering_1', use: 'unused' },
  ],
  template: null,
  draft: {
    target: 'monitoring-long',
    time: { column: 'datetime' },
    value: { column: 'Global_active_power' },
  },
  problems: [],
};

describe('mapping form', () => {
  it('reads scales as numbers or fractions and refuses the rest', () => {
    expect(parseScale('1/60')).toBeCloseTo(1 / 60, 12);
    expect(parseScale('0.001')).toBe(0.001);
    expect(parseScale('0')).toBeNull();
    expect(parseScale('abc')).toBeNull();
  });

  it('a long draft without outlet and code is reported; typed constants complete it', () => {
    const form = formFromPreview(preview);
    const { draft } = toDraft(form, preview.headers);
    expect(draftProblems(draft!, preview.headers).map((p) => p.field)).toEqual(['outlet', 'code']);
    const filled = toDraft({ ...form, outlet: ' P1 ', code: 'w21003', scale: '1/60' }, preview.headers);
    expect(filled.draft).toEqual({
      target: 'monitoring-long',
      time: { column: 'datetime' },
      value: { column: 'Global_active_power', scale: 1 / 60 },
      outlet: { constant: 'P1' },
      code: { constant: 'w21003' },
    });
  });

  it('switching to power by column turns chosen columns into devices with their scale', () => {
    let form = setTarget(formFromPreview(preview), 'power-wide');
    expect(form.uses).toEqual(['time', 'unused', 'unused']);
    form = setColumnUse(form, preview.headers, 1, 'device');
    form = setColumnUse(form, preview.headers, 2, 'device');
    form = {
      ...form,
      devices: { ...form.devices, 2: { device: 'kitchen', quantity: 'kw', scale: '0.001' } },
    };
    expect(toDraft(form, preview.headers).draft).toEqual({
      target: 'power-wide',
      time: { column: 'datetime' },
      columns: [
        { column: 'Global_active_power', device: 'Global_active_power', quantity: 'kw', scale: 1 },
        { column: 'Sub_metering_1', device: 'kitchen', quantity: 'kw', scale: 0.001 },
      ],
    });
    // A second "time" column takes the role from the first.
    const moved = setColumnUse(form, preview.headers, 1, 'time');
    expect(moved.uses).toEqual(['unused', 'time', 'device']);
  });

  it('applies a saved template of another shape by column name, leaving the name to save empty', () => {
    const template = {
      name: 'household',
      shapeKey: 'datetime|sub_metering_1',
      savedAt: '2026-12-01 10:00:00',
      mapping: {
        target: 'power-wide' as const,
        time: { column: 'DateTime' },
        columns: [{ column: 'sub_metering_1', device: 'kitchen', quantity: 'kwh' as const, scale: 0.001 }],
      },
    };
    const form = formFromTemplate(preview, template);
    expect(form).toMatchObject({
      target: 'power-wide',
      uses: ['time', 'unused', 'device'],
      templateName: '',
    });
    expect(form.devices[2]).toEqual({ device: 'kitchen', quantity: 'kwh', scale: '0.001' });
    const { draft } = toDraft(form, preview.headers);
    expect(draft && draftProblems(draft, preview.headers)).toEqual([]);
  });

  it('power one per row: form and draft round trip, with the device from a column or typed', () => {
    const headers = ['表计编号', '采集时刻', '有功功率(W)', '备注'];
    const draft = {
      target: 'power-long' as const,
      device: { column: '表计编号' },
      time: { column: '采集时刻' },
      value: { column: '有功功率(W)', quantity: 'kw' as const, scale: 0.001 },
      site: 'S-钢铁',
    };
    const meters: ImportPreview = {
      ...preview,
      headers,
      rows: [['M-01', '2024-03-01 08:00:00', '1500', '']],
      shapeKey: '表计编号|采集时刻|有功功率(w)|备注',
      columns: columnUses(draft, headers),
      draft,
    };
    const form = formFromPreview(meters);
    expect(form).toMatchObject({
      target: 'power-long',
      uses: ['device_id', 'time', 'value', 'unused'],
      scale: '0.001',
      quantity: 'kw',
      site: 'S-钢铁',
      device: '',
    });
    expect(toDraft(form, headers)).toEqual({ draft, problems: [] });

    // No device column: the typed device is the constant; without it the contract says what to do.
    const typed = setColumnUse(form, headers, 0, 'unused');
    const { draft: untyped } = toDraft(typed, headers);
    expect(draftProblems(untyped!, headers).map((p) => [p.code, p.field])).toEqual([
      ['missing-field', 'device'],
    ]);
    expect(toDraft({ ...typed, device: ' 总表 ', quantity: 'kwh', scale: '1' }, headers).draft).toEqual({
      target: 'power-long',
      device: { constant: '总表' },
      time: { column: '采集时刻' },
      value: { column: '有功功率(W)', quantity: 'kwh', scale: 1 },
      site: 'S-钢铁',
    });
    // Only one column names the device; the reading column is required.
    expect(setColumnUse(form, headers, 3, 'device_id').uses).toEqual([
      'unused',
      'time',
      'value',
      'device_id',
    ]);
    expect(toDraft(setColumnUse(form, headers, 2, 'unused'), headers).problems).toEqual(['no-reading']);
  });

  it('switching between the long targets keeps the time and value columns', () => {
    const form = setTarget(formFromPreview(preview), 'power-long');
    expect(form.uses).toEqual(['time', 'value', 'unused']);
    expect(toDraft({ ...form, device: 'main' }, preview.headers).draft).toEqual({
      target: 'power-long',
      device: { constant: 'main' },
      time: { column: 'datetime' },
      value: { column: 'Global_active_power', quantity: 'kw', scale: 1 },
    });
    const back = setTarget(setColumnUse(form, preview.headers, 2, 'device_id'), 'power-wide');
    expect(back.uses).toEqual(['time', 'unused', 'unused']);
  });
});
