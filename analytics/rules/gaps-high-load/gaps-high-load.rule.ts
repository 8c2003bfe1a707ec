import type { RuleDefinition } from '../rule';

export const gapsHighLoad: RuleDefinition = {
  id: 'gaps-high-load',
  version: '1.0.0',
  title: { zh: '高负荷、高值时段选择性缺失', en: 'Selective gaps at high load and high values' },
  rationale: {
    zh: '数据缺失集中在高负荷时段，或反复出现“缺失前接近限值、恢复后骤降”，说明超标时段的数据被删除或传输被人为中断。同县大量排口同时缺失属基础设施故障，不计。',
    en: 'Gaps that concentrate in high-load hours, or that repeatedly follow a value near the limit and end with a much lower one, show the exceeding hours being deleted or their transmission cut. Hours that many outlets of the same county miss together are infrastructure outages and do not count.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第5项（破坏通讯线路、数采设备）、第8项（删除数据）、第11项（未按规范传输原始数据）；法释〔2016〕29号',
    en: 'Huanfa [2015] No. 175, tampering items 5 (damaging communication lines or data-acquisition equipment), 8 (deleting data) and 11 (raw data not transmitted per specification); SPC/SPP interpretation [2016] No. 29',
  },
  dataNeeded: [
    'readings (hourly record, B flags)',
    'limits',
    'marks (通讯)',
    'sites.county',
    'power (production load)',
  ],
  prepared: ['outlet_hour', 'site_state'],
  severity: 'medium',
  params: [
    {
      name: 'load_quantile',
      type: 'number',
      default: 0.75,
      min: 0,
      max: 1,
      description: {
        zh: '生产用电达到企业自身该分位数视为高负荷（默认前四分之一）',
        en: 'Production power at or above the site’s own quantile is high load (default: top quartile)',
      },
    },
    {
      name: 'rate_ratio',
      type: 'number',
      default: 2,
      min: 1,
      description: {
        zh: '高负荷缺失率须至少为其他运行小时缺失率的倍数',
        en: 'The high-load gap rate must be at least this multiple of the other running hours’ rate',
      },
    },
    {
      name: 'min_top_gap_hours',
      type: 'integer',
      default: 6,
      unit: 'h',
      min: 1,
      description: { zh: '高负荷缺失小时数下限', en: 'Minimum missing high-load hours' },
    },
    {
      name: 'before_frac',
      type: 'number',
      default: 0.8,
      min: 0,
      description: {
        zh: '缺失前最后有效值须达到限值的比例',
        en: 'Last valid value before the gap, as a fraction of the limit',
      },
    },
    {
      name: 'after_frac',
      type: 'number',
      default: 0.5,
      min: 0,
      description: {
        zh: '恢复后首个有效值不高于限值的比例',
        en: 'First valid value after the gap at most this fraction of the limit',
      },
    },
    {
      name: 'min_repeats',
      type: 'integer',
      default: 3,
      min: 1,
      description: {
        zh: '“高前低后”缺失在窗口内的最少次数',
        en: 'Minimum high-before/low-after gaps within the window',
      },
    },
    {
      name: 'window_days',
      type: 'integer',
      default: 30,
      unit: 'd',
      min: 1,
      description: {
        zh: '重复次数的统计窗口（约一个月）',
        en: 'Window for counting repeats (about a month)',
      },
    },
    {
      name: 'regional_share',
      type: 'number',
      default: 0.3,
      min: 0,
      max: 1,
      description: {
        zh: '同县超过该比例的排口同一小时缺失视为基础设施故障',
        en: 'More than this share of a county’s outlets missing the same hour means an infrastructure outage',
      },
    },
  ],
  pitfalls: {
    zh: '通讯网络或电力故障会使同一区域多家企业同时缺失：始终做同县同时缺失检查，超过 30% 的排口同时缺失的小时视为基础设施故障；停运期间的数据为 F 标记而非缺失，不计；计划检修、真实断网有记录可查：高负荷缺失率只统计生产运行小时，并要求最少缺失小时数。',
    en: 'Network or power outages hit many plants of one area at once: the county simultaneity check always runs and hours missed by more than 30 % of the county’s outlets are infrastructure; stopped plants report F-flagged rows, not gaps; scheduled maintenance and genuine outages leave records: the high-load rate only counts running hours and needs a minimum of missing hours.',
  },
  sqlFile: new URL('./gaps-high-load.sql', import.meta.url),
};
