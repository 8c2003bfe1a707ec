import { describe, expect, it } from 'vitest';
import { formatPacket } from './format-packet';
import { formatHj212Time } from './format-hj212-time';
import { dataKindForCn, intervalForCn, packetRecords } from './packet-records';
import { parsePacket, type ParsedPacket } from './parse-packet';

function parsed(segment: string): ParsedPacket {
  const r = parsePacket(formatPacket(segment));
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('packetRecords', () => {
  it('flattens an hourly packet into one reading per code and statistic, with the code flag', () => {
    const p = parsed(
      'QN=20241008180005123;ST=31;CN=2061;PW=123456;MN=MN1;Flag=4;CP=&&DataTime=20241008170000;' +
        'a21026-Avg=18.32,a21026-ZsAvg=21.98,a21026-Min=15.10,a21026-Max=22.40,a21026-Cou=1.466,a21026-Flag=N;' +
        'a19001-Avg=8.50,a19001-Flag=D,a19001-EFlag=E01;a00000-Avg=,a00000-ValidNum=12&&',
    );
    const { readings, facilityStates } = packetRecords(p);
    expect(facilityStates).toEqual([]);
    expect(readings.map((r) => [r.code, r.stat, r.value, r.flag, r.eflag])).toEqual([
      ['a21026', 'avg', 18.32, 'N', null],
      ['a21026', 'zs_avg', 21.98, 'N', null],
      ['a21026', 'min', 15.1, 'N', null],
      ['a21026', 'max', 22.4, 'N', null],
      ['a21026', 'cou', 1.466, 'N', null],
      ['a19001', 'avg', 8.5, 'D', 'E01'],
      ['a00000', 'avg', null, null, null],
    ]);
    expect(readings[0]).toEqual({
      mn: 'MN1',
      st: '31',
      cn: '2061',
      interval: 'hour',
      dataTime: '2024-10-08 17:00:00',
      code: 'a21026',
      stat: 'avg',
      value: 18.32,
      flag: 'N',
      eflag: null,
      sampleTime: null,
    });
  });

  it('maps every measure suffix to its stat and applies a flag sent before the values', () => {
    const p = parsed(
      'QN=1;ST=32;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20160801085857;w01018-Flag=T,w01018-SampleTime=20160801070000,' +
        '01018-Rtd=2.2,w01018-ZsRtd=1,w01018-ZsMin=2,w01018-ZsMax=3,w01018-ZsAvg=4&&',
    );
    const { readings } = packetRecords(p);
    expect(readings.map((r) => [r.code, r.stat, r.flag, r.sampleTime, r.interval])).toEqual([
      ['w01018', 'rtd', 'T', '2016-08-01 07:00:00', 'rtd'],
      ['w01018', 'zs_rtd', 'T', '2016-08-01 07:00:00', 'rtd'],
      ['w01018', 'zs_min', 'T', '2016-08-01 07:00:00', 'rtd'],
      ['w01018', 'zs_max', 'T', '2016-08-01 07:00:00', 'rtd'],
      ['w01018', 'zs_avg', 'T', '2016-08-01 07:00:00', 'rtd'],
    ]);
  });

  it('turns SBx-RS and SBx-RT into facility state records', () => {
    const rs = packetRecords(
      parsed('QN=1;ST=32;CN=2021;PW=1;MN=M;Flag=5;CP=&&DataTime=20160801085857;SB1-RS=1;SB2-RS=0&&'),
    );
    expect(rs.readings).toEqual([]);
    expect(rs.facilityStates).toEqual([
      {
        mn: 'M',
        st: '32',
        cn: '2021',
        interval: 'rtd',
        dataTime: '2016-08-01 08:58:57',
        facility: 'SB1',
        kind: 'running-state',
        value: 1,
        text: '1',
      },
      {
        mn: 'M',
        st: '32',
        cn: '2021',
        interval: 'rtd',
        dataTime: '2016-08-01 08:58:57',
        facility: 'SB2',
        kind: 'running-state',
        value: 0,
        text: '0',
      },
    ]);
    const rt = packetRecords(
      parsed('QN=1;ST=32;CN=2041;PW=1;MN=M;Flag=5;CP=&&DataTime=20160801000000;SB1-RT=1.1&&'),
    );
    expect(rt.facilityStates).toMatchObject([{ interval: 'day', kind: 'running-time', value: 1.1 }]);
  });

  it('leaves dataTime null when the packet has none or an invalid one', () => {
    const p = parsed('QN=1;ST=39;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=2024112320423050;a01001-Rtd=19.3&&');
    expect(packetRecords(p).readings).toMatchObject([{ dataTime: null, value: 19.3 }]);
  });
});

describe('intervalForCn / dataKindForCn', () => {
  it.each([
    ['2011', 'rtd', 'readings'],
    ['2051', 'min', 'readings'],
    ['2061', 'hour', 'readings'],
    ['2031', 'day', 'readings'],
    ['2021', 'rtd', 'facility-state'],
    ['2041', 'day', 'facility-state'],
    ['9014', null, 'other'],
    [null, null, 'other'],
  ] as const)('CN %s → %s, %s', (cn, interval, kind) => {
    expect(intervalForCn(cn)).toBe(interval);
    expect(dataKindForCn(cn)).toBe(kind);
  });
});

describe('formatHj212Time', () => {
  it.each([
    ['20160801085857', '2016-08-01 08:58:57'],
    ['20210305003817000', '2021-03-05 00:38:17'],
    ['202101071400', '2021-01-07 14:00:00'],
    ['20240229', '2024-02-29 00:00:00'],
    ['20230229000000', null],
    ['20241301000000', null],
    ['20240101240000', null],
    ['2024112320423050', null],
    ['2024-01-01 00:00', null],
    ['', null],
  ] as const)('%j → %j', (raw, expected) => {
    expect(formatHj212Time(raw)).toBe(expected);
  });
});
