import type { RuleDefinition } from '../rule';

export const lastDigit: RuleDefinition = {
  id: 'last-digit',
  version: '1.0.0',
  title: {
    zh: '末位数字分布异常（人工修约或录入）',
    en: 'Last-digit anomaly: hand-rounded or hand-entered values',
  },
  rationale: {
    zh: '仪器测得的数值在波动远大于报告精度时，末位数字接近均匀分布。人工录入或修约（只出现 0 和 5、偏好某些数字）会使末位数字显著偏离均匀。',
    en: 'When the spread of a measured quantity is much larger than its reporting resolution, its last digit is close to uniform. Hand entry or hand rounding (only 0 and 5, favourite digits) makes the last digit clearly non-uniform.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第12项（不合理修约、取舍数据）、第13项（擅自修改数据）；仅为线索',
    en: 'Huanfa [2015] No. 175, tampering items 12 (unreasonable rounding or selection of data) and 13 (modifying data without authorisation); a lead only',
  },
  dataNeeded: [
    'hourly readings as reported (one value per hour)',
    'flags',
    'hourly mass (cou) for the optional pooled Benford test',
  ],
  prepared: ['series_hour', 'series_terms', 'series_digits'],
  severity: 'low',
  params: [
    {
      name: 'precision_share',
      type: 'number',
      default: 0.25,
      min: 0.01,
      max: 1,
      description: {
        zh: '判定报告精度：某位小数非零的数值占比达到该值才算该序列使用这一位',
        en: 'Precision detection: a decimal place counts as used when at least this share of values has a non-zero digit there',
      },
    },
    {
      name: 'min_n',
      type: 'integer',
      default: 100,
      min: 50,
      description: {
        zh: '每个序列月至少需要的数值个数（每个数字期望 ≥ 10）',
        en: 'Minimum values per series-month (expected count ≥ 10 per digit)',
      },
    },
    {
      name: 'min_sd_quanta',
      type: 'number',
      default: 10,
      min: 1,
      description: {
        zh: '标准差至少为报告精度的该倍数才检验（波动接近分辨率时末位天然不均匀）',
        en: 'Test only when the sd is at least this many reporting quanta (near the resolution the last digit is legitimately non-uniform)',
      },
    },
    {
      name: 'chi2_critical',
      type: 'number',
      default: 44.81,
      min: 0,
      description: {
        zh: 'χ²（9 自由度）临界值；44.81 对应 p < 1e-6（多重检验 Bonferroni 校正）',
        en: 'Critical χ² with 9 df; 44.81 is p < 1e-6 (Bonferroni-safe for many series)',
      },
    },
    {
      name: 'medium_max_share',
      type: 'number',
      default: 0.25,
      min: 0.1,
      max: 1,
      description: {
        zh: '效应量：某一数字占比达到该值（均匀为 10%）才给中等级别',
        en: 'Effect size: medium only when one digit reaches this share (uniform is 10%)',
      },
    },
    {
      name: 'benford_pooled',
      type: 'boolean',
      default: false,
      description: {
        zh: '是否对全市各企业日排放量（cou）合并做首位数字本福特检验（不按序列做）',
        en: 'Also run the first-digit Benford test on pooled daily mass (cou) of all sites (never per series)',
      },
    },
    {
      name: 'benford_max_mad',
      type: 'number',
      default: 0.015,
      min: 0,
      description: {
        zh: '本福特检验 MAD 上限（Nigrini：> 0.015 为不符合）',
        en: 'Benford MAD bound (Nigrini: above 0.015 is nonconformity)',
      },
    },
  ],
  pitfalls: {
    zh: '整数序列（流量、累计量）末位小数恒为 0：按序列实际使用的小数位数检验。波动接近分辨率的序列（超低排放颗粒物、折算或单位换算值）末位天然不均匀：只在标准差远大于分辨率时检验。由分钟数据汇总的小时均值没有“报告的末位”：只用每小时一个原始值的数据。样本量大时 χ² 过于灵敏：报告最大数字占比作为效应量，并采用 Bonferroni 临界值。某时段末位几乎全为 0 常是数采仪或平台报告精度降低，只作低级别；批次分析仪一个结果保持多个小时，只按结果计数一次。本福特定律不适用于跨度不足一个数量级的单个 CEMS 序列，仅可选地用于全市合并的日排放量。',
    en: 'Integer series (flow, totals) always end in a 0 decimal: the test uses the decimals each series actually uses. Series whose spread is close to the resolution (ultra-low particulate, converted or unit-converted values) have legitimately non-uniform last digits: tested only when the sd is many quanta. Hourly means rolled up from minute data have no reported last digit: only hours with one original value are used. χ² is over-powered at large N: the max digit share is reported as the effect size and a Bonferroni critical value is used. A period whose last digit is almost always 0 is often a lower reporting precision of the logger or platform, so it is low only; a batch analyser holds one result for hours, so each result is counted once. Benford does not apply to single CEMS series spanning less than a decade; it is only offered on pooled daily mass across all sites.',
  },
  sqlFile: new URL('./last-digit.sql', import.meta.url),
};
