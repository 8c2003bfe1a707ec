import type { RuleDefinition } from '../rule';

export const treatmentEarlyStop: RuleDefinition = {
  id: 'treatment-early-stop',
  version: '1.1.0',
  title: { zh: '治污先停：治污设施先于生产设施停机', en: 'Treatment stopped before production' },
  rationale: {
    zh: '治污设施应在生产设施停机之后才停。生产仍在运行而治污设施提前停机超过阈值，其间污染物未经处理排放。',
    en: 'Treatment must stop after production. When it stops well before production does, the emissions in between leave untreated.',
  },
  legalCategory: '未按规定运行治污设施',
  legalBasis: {
    zh: '《大气污染防治法》第二十条；环发〔2015〕175号 篡改第3项；《环境保护主管部门实施按日连续处罚办法》第五条第二项',
    en: 'Air Pollution Prevention and Control Law Art. 20; Huanfa [2015] No. 175, tampering item 3; MEP Order No. 28 Art. 5 item 2',
  },
  dataNeeded: ['devices (role, line_id)', 'power_readings'],
  prepared: ['device_state', 'device_profile', 'device_edges', 'line_units', 'line_members'],
  severity: 'medium',
  params: [
    {
      name: 'max_lead_minutes',
      type: 'number',
      default: 10,
      unit: 'min',
      min: 0,
      description: {
        zh: '允许治污设施先于生产停机的时长',
        en: 'Allowed lead of the treatment stop over the production stop',
      },
    },
    {
      name: 'gap_factor',
      type: 'number',
      default: 2,
      min: 1,
      description: {
        zh: '两次读数间隔超过采样周期的此倍数视为数据缺失（数据中断不算停机）',
        en: 'A step longer than this many sampling intervals is missing data (a data gap is not a stop)',
      },
    },
  ],
  pitfalls: {
    zh: '只在生产设施由运行转为“确认停机”时判断；治污设施停机后仍有未知（缺数）时段时保守处理；电表时钟偏差 ±2 分钟不影响 10 分钟阈值；整段生产治污都未运行的由产治不同步规则报告。',
    en: 'Judged only where production goes from on to known-off; unknown (missing) stretches are never counted as off; ±2 min meter clock skew does not reach the 10-minute threshold; a run with no treatment at all is reported by treatment-off.',
  },
  sqlFile: new URL('./treatment-early-stop.sql', import.meta.url),
};
