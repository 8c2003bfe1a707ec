import type { RuleDefinition } from '../rule';

export const exceedance: RuleDefinition = {
  id: 'exceedance',
  version: '1.0.0',
  title: { zh: '小时浓度超标（扣除豁免）', en: 'Hourly exceedance after exemptions' },
  rationale: {
    zh: '折算浓度小时均值超过排放限值即超标排放；标记为启炉、停炉、故障等豁免时段及开停机过渡时段不计。',
    en: 'Converted hourly means above the emission limit are exceedances; hours inside exempt marks (start-up, shutdown, fault...) and start-up/shutdown transitions are not counted.',
  },
  legalCategory: '超标排放',
  legalBasis: {
    zh: '《大气污染防治法》第九十九条；生态环境部公告2022年第21号（标记规则）；HJ 75-2017',
    en: 'Air Pollution Prevention and Control Law Art. 99; MEE Announcement 2022 No. 21 (marking rules); HJ 75-2017',
  },
  dataNeeded: ['readings (converted or measured)', 'limits', 'marks', 'flags'],
  prepared: ['series_hour', 'outlet_hour'],
  severity: 'high',
  params: [
    {
      name: 'startup_hours',
      type: 'integer',
      default: 4,
      unit: 'h',
      min: 0,
      description: {
        zh: '停运（F）结束后视为启动过渡的小时数',
        en: 'Hours after a stopped (F) hour treated as start-up',
      },
    },
    {
      name: 'shutdown_hours',
      type: 'integer',
      default: 2,
      unit: 'h',
      min: 0,
      description: {
        zh: '停运（F）开始前视为停机过渡的小时数',
        en: 'Hours before a stopped (F) hour treated as shutdown',
      },
    },
    {
      name: 'exempt_marks',
      type: 'string',
      default: '启炉,停炉,烘炉,故障,事故,停运',
      description: {
        zh: '豁免的标记类型（逗号分隔）',
        en: 'Mark types that exempt an hour (comma separated)',
      },
    },
  ],
  pitfalls: {
    zh: '运营方可能滥用 F 标记延长豁免：豁免小时数写入证据，由“标记滥用”规则另行核查；停运时 O2→21% 使折算值失真，因此只评判 N 标记小时。',
    en: 'Operators may mislabel F to stretch exemptions: exempt hours are kept in the evidence and checked by the flag-abuse rule; converted values explode as O2 tends to 21% when stopped, so only N-flagged hours are judged.',
  },
  sqlFile: new URL('./exceedance.sql', import.meta.url),
};
