import type { RuleDefinition } from '../rule';

export const calibrationBehaviour: RuleDefinition = {
  id: 'calibration-behaviour',
  version: '1.0.0',
  title: { zh: '校准行为异常', en: 'Abnormal calibration behaviour' },
  rationale: {
    zh: '校准前后负荷不变，实测浓度却骤降并保持，说明校准时量程或斜率被调低；校准次数远超质控要求，说明借校准改动仪器或使数据失效。',
    en: 'A measured level that drops sharply across a calibration and stays low while load is unchanged means the span or slope was set low during the calibration; calibrations far more frequent than the QA regime suggest calibrations used to alter the instrument or void data.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（改动仪器状态、使用试剂或标样干扰仪器）；HJ 75-2017 第11章 校准要求；法释〔2023〕7号 第十一条',
    en: 'Huanfa [2015] No. 175, tampering item 8 (altering instrument state, interfering with reagents or standards); HJ 75-2017 §11 calibration regime; SPC/SPP interpretation [2023] No. 7, Art. 11',
  },
  dataNeeded: ['readings with C flags', 'marks (校准)', 'power (production load) or flow'],
  prepared: ['outlet_hour'],
  severity: 'medium',
  params: [
    {
      name: 'drop',
      type: 'number',
      default: 0.2,
      min: 0,
      max: 1,
      description: {
        zh: '校准后均值比校准前至少下降的比例',
        en: 'Minimum relative drop of the mean after the calibration against before',
      },
    },
    {
      name: 'pre_hours',
      type: 'integer',
      default: 2,
      unit: 'h',
      min: 1,
      max: 24,
      description: { zh: '校准前、后比较的小时数', en: 'Hours compared before and after the calibration' },
    },
    {
      name: 'load_tol',
      type: 'number',
      default: 0.05,
      min: 0,
      description: {
        zh: '校准前后负荷（生产用电或烟气流量）允许的相对变化',
        en: 'Largest relative change of load (production power, else flow) across the calibration',
      },
    },
    {
      name: 'persist_days',
      type: 'integer',
      default: 3,
      unit: 'd',
      min: 1,
      description: {
        zh: '持续性检验：比较校准日前后各若干天的日均值',
        en: 'Persistence: daily means over this many days before and after the event day are compared',
      },
    },
    {
      name: 'z_min',
      type: 'number',
      default: 4,
      min: 0,
      description: {
        zh: '排口校准≥10 次时，日均值比须为自身分布中的离群值（标准分≤−z_min）',
        en: 'With >= 10 calibrations, the day-level ratio must be an outlier of the outlet’s own distribution (z <= -z_min)',
      },
    },
    {
      name: 'settle_hours',
      type: 'integer',
      default: 12,
      unit: 'h',
      min: 0,
      description: {
        zh: '校准前若干小时内有停运（F）则不判（开机后浓度自然回落）',
        en: 'Events with a stop (F) in this many hours before them are not judged (start-up levels decay)',
      },
    },
    {
      name: 'min_conc',
      type: 'number',
      default: 0.5,
      unit: 'mg/m³',
      min: 0,
      description: {
        zh: '校准前均值不高于此值不判（检出限附近）',
        en: 'Levels at or below this before the calibration are not judged (detection limit)',
      },
    },
    {
      name: 'repeat_min',
      type: 'integer',
      default: 2,
      min: 1,
      description: {
        zh: '持续性下降达到此次数才定为中等级',
        en: 'Number of persistent steps at which the severity becomes medium',
      },
    },
    {
      name: 'repeat_days',
      type: 'integer',
      default: 30,
      unit: 'd',
      min: 1,
      description: {
        zh: '统计重复次数的时间窗口（前后各）',
        en: 'Window (either side) for counting repeated steps',
      },
    },
    {
      name: 'max_events_week',
      type: 'integer',
      default: 14,
      min: 1,
      description: {
        zh: '每周校准事件数上限（自动校准每日一次，两倍为限）',
        en: 'Largest number of calibration events per week (auto-calibration is daily; twice that)',
      },
    },
  ],
  pitfalls: {
    zh: '故障后重新校准、更换分析仪也会造成真实的台阶变化：单次下降只定为低等级，重复出现的持续性下降才为中等级；每日定时自动校准前后的随机波动：要求此后数天持续且负荷不变，并在排口自身全部校准的日均值比分布中为离群值；停运后开机阶段的浓度回落：校准前 12 小时内或比较的日期内有停运不判；负荷变化引起的浓度变化：前后负荷变化须<5%。',
    en: 'A genuine re-calibration after a fault or a replaced analyser also steps the level: a single drop is low severity, only repeated persistent drops are medium; random noise around a daily automatic calibration: the drop must persist over the following days with unchanged load and be an outlier among the outlet’s own calibrations; start-up decay: events within 12 h after a stop, or with a stop inside the compared days, are not judged; load-driven changes: load must change by less than 5 % across the event.',
  },
  sqlFile: new URL('./calibration-behaviour.sql', import.meta.url),
};
