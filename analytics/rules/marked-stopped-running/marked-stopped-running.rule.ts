import type { RuleDefinition } from '../rule';

export const markedStoppedRunning: RuleDefinition = {
  id: 'marked-stopped-running',
  version: '1.0.1',
  title: { zh: '标停未停：标记停运而生产仍在运行', en: 'Marked stopped while production runs' },
  rationale: {
    zh: '排口被标记为停运/停炉（或 CEMS 数据标记 F），标记期间数据不参与超标判定；而分表计电显示对应生产线仍在运行，属以虚假标记逃避监管。',
    en: 'An outlet is marked 停运/停炉 (or its CEMS data flagged F), which takes the data out of exceedance judgement, while sub-metering shows the production feeding it still running: a false mark used to evade supervision.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '生态环境部公告2022年第21号（污染物排放自动监测设备标记规则，标记无效数据不用于超标判定）；环发〔2015〕175号 篡改第8、13项（更改仪器状态、擅自修改数据）；法释〔2023〕7号第十条、第十一条',
    en: 'MEE Announcement 2022 No. 21 (marking rules: invalid-marked data are not judged); Huanfa [2015] No. 175, tampering items 8 and 13; SPC/SPP interpretation [2023] No. 7 Arts. 10–11',
  },
  dataNeeded: ['marks', 'CEMS flags and flow', 'outlets', 'devices', 'power_readings'],
  prepared: ['device_state', 'site_state', 'outlet_hour', 'device_hour'],
  severity: 'high',
  params: [
    {
      name: 'stop_marks',
      type: 'string',
      default: '停运,停炉,停产,停机',
      description: {
        zh: '表示停运的标记类型（逗号分隔）',
        en: 'Mark types meaning "stopped" (comma separated)',
      },
    },
    {
      name: 'min_on_minutes',
      type: 'number',
      default: 30,
      unit: 'min',
      min: 1,
      description: { zh: '标记期间生产运行的最短累计时长', en: 'Minimum production-on time inside the mark' },
    },
    {
      name: 'min_line_corr',
      type: 'number',
      default: 0.3,
      min: -1,
      max: 1,
      description: {
        zh: '多生产线企业中，排口烟气流量与某生产线用电的相关系数达到此值才把该排口归属于该线',
        en: 'On multi-line sites, an outlet is paired with the line whose hourly power correlates with its flow at least this much',
      },
    },
  ],
  pitfalls: {
    zh: '真实停运时生产用电同时降至待机（不报告）；多条生产线的企业一台炉停、另一台运行：排口按流量与各线用电的相关性归属生产线，无法归属时仅在全部生产线都运行时才作为正式发现，否则为低级别线索；启炉前后时钟偏差造成的短暂重叠低于 30 分钟阈值；仅有 F 标记而无人工停运标记时降为中级（F 原意为仪器停运）。',
    en: 'A genuine stop drops production power to standby (not reported); on multi-line sites one furnace may stop while another runs: the outlet is paired with the line whose power follows its flow, and when no line can be paired only a site where every line ran gives a full finding, otherwise a low lead; short overlaps at a restart (clock skew) stay under the 30-minute threshold; F flags without a stop mark give medium (F strictly means the instrument stopped).',
  },
  sqlFile: new URL('./marked-stopped-running.sql', import.meta.url),
};
