import type { RuleDefinition } from '../rule';

export const treatmentLateStart: RuleDefinition = {
  id: 'treatment-late-start',
  version: '1.1.0',
  title: { zh: '治污后开：治污设施晚于生产设施启动', en: 'Treatment started late after production' },
  rationale: {
    zh: '治污设施应先于或与生产设施同时启动。生产开机后治污设施滞后超过阈值才启动，其间污染物未经处理排放。',
    en: 'Treatment must start before, or together with, production. When it starts well after production, the emissions in between leave untreated.',
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
      name: 'max_delay_minutes',
      type: 'number',
      default: 10,
      unit: 'min',
      min: 0,
      description: { zh: '允许的治污设施启动滞后', en: 'Allowed delay of the treatment start' },
    },
    {
      name: 'gap_factor',
      type: 'number',
      default: 2,
      min: 1,
      description: {
        zh: '两次读数间隔超过采样周期的此倍数视为数据缺失（缺数后的恢复不算开机）',
        en: 'A step longer than this many sampling intervals is missing data (resuming after missing data is not a start)',
      },
    },
  ],
  pitfalls: {
    zh: '只在生产设施由“确认停机”转为运行时判断（数据中断后的恢复不算开机）；电表采样周期不同或时钟偏差 ±2 分钟时按各自时间戳比较，15 分钟数据会低估滞后（保守）；整段生产治污都未启动的由产治不同步规则报告。',
    en: 'Judged only where production goes from known-off to on (resuming after a data gap is not a start); meters with different intervals or ±2 min clock skew are compared on their own timestamps, and 15-minute data under-estimate a delay (conservative); a run with no treatment at all is reported by treatment-off.',
  },
  sqlFile: new URL('./treatment-late-start.sql', import.meta.url),
};
