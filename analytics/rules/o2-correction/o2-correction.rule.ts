import type { RuleDefinition } from '../rule';

export const o2Correction: RuleDefinition = {
  id: 'o2-correction',
  version: '1.0.0',
  title: {
    zh: '折算浓度与实测浓度、氧含量不符',
    en: 'Converted value inconsistent with measured value and O2',
  },
  rationale: {
    zh: '折算浓度应等于实测浓度 ×(21−基准氧含量)/(21−实测氧含量)。连续多小时系统性偏离，说明折算未执行、基准氧含量被改动，或折算值与实测值、氧含量脱节（人为设置或模拟数据）。反推的基准氧含量直接说明所用参数。',
    en: 'The converted value must equal measured × (21 − reference O2)/(21 − measured O2). A systematic deviation over consecutive hours means the correction was not applied, the reference O2 was altered, or the converted value no longer follows the measured value and O2 (set or simulated data). The implied reference O2 shows which parameter was used.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（修改仪器参数或数据）、第12项（不合理修约）；HJ 212-2017 附录D 折算公式；法释〔2016〕29号',
    en: 'Huanfa [2015] No. 175, tampering items 8 (altering instrument parameters or data) and 12 (unreasonable rounding); HJ 212-2017 Appendix D conversion formula; SPC/SPP interpretation [2016] No. 29',
  },
  dataNeeded: ['readings: avg and zs_avg of SO2/NOx/particulate/NMHC, O2 avg', 'outlets.o2_ref', 'marks'],
  prepared: ['outlet_hour'],
  severity: 'high',
  params: [
    {
      name: 'tol_hour',
      type: 'number',
      default: 0.05,
      min: 0,
      description: {
        zh: '小时数据：折算值与应得值的相对容差',
        en: 'Relative tolerance between converted and expected value (hourly data)',
      },
    },
    {
      name: 'tol_minute',
      type: 'number',
      default: 0.1,
      min: 0,
      description: {
        zh: '由分钟/实时数据汇总的小时：相对容差（平均顺序效应更大）',
        en: 'Relative tolerance for hours rolled up from minute / real-time data (larger averaging-order effect)',
      },
    },
    {
      name: 'abs_tol',
      type: 'number',
      default: 0.05,
      unit: 'mg/m³',
      min: 0,
      description: {
        zh: '绝对容差（报告精度的修约误差）',
        en: 'Absolute tolerance (rounding at the reported precision)',
      },
    },
    {
      name: 'o2_max',
      type: 'number',
      default: 19,
      unit: '%',
      min: 0,
      max: 21,
      description: {
        zh: '氧含量高于此值的小时不判（接近空气时折算系数失真）',
        en: 'Hours with O2 above this are not judged (the factor explodes near ambient air)',
      },
    },
    {
      name: 'min_conc',
      type: 'number',
      default: 0.5,
      unit: 'mg/m³',
      min: 0,
      description: {
        zh: '实测浓度不高于此值的小时不判',
        en: 'Hours with measured concentration at or below this are not judged',
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 3,
      unit: 'h',
      min: 1,
      description: { zh: '连续不符的最少小时数', en: 'Minimum consecutive mismatching hours' },
    },
    {
      name: 'max_gap_hours',
      type: 'integer',
      default: 2,
      unit: 'h',
      min: 1,
      description: {
        zh: '同一段内相邻不符小时的最大间隔（可跨过一个无效或相符的小时）',
        en: 'Largest step between mismatching hours of one episode (bridges one invalid or matching hour)',
      },
    },
    {
      name: 'strong_hours',
      type: 'integer',
      default: 12,
      unit: 'h',
      min: 1,
      description: {
        zh: '达到此时长才给默认（高）等级，否则为中',
        en: 'Episodes at least this long get the default (high) severity, shorter ones medium',
      },
    },
    {
      name: 'o2ref_match',
      type: 'number',
      default: 0.5,
      unit: '%',
      min: 0,
      description: {
        zh: '反推基准氧含量与实测氧含量相差不超过此值时判为未折算',
        en: 'Implied reference O2 within this of the measured O2 means no correction was applied',
      },
    },
    {
      name: 'exempt_marks',
      type: 'string',
      default: '启炉,停炉,烘炉',
      description: {
        zh: '不判的工况标记（逗号分隔）：开停炉期间氧含量变化剧烈',
        en: 'Marks whose hours are not judged (comma separated): O2 swings during start-up and shutdown',
      },
    },
  ],
  pitfalls: {
    zh: '数采仪常以瞬时折算值的均值作为小时折算值（平均顺序效应），单小时会有小偏差：要求连续多小时且偏差中位数超出容差，分钟数据容差更大；氧含量>19% 时折算系数失真、低浓度时修约误差大、开停炉标记期间、不做折算的排口（无基准氧含量）均不判。',
    en: 'Loggers often average instantaneous converted values (the averaging-order effect), so single hours deviate a little: the rule needs consecutive hours and a median deviation beyond the tolerance, with a larger tolerance for minute data; hours with O2 > 19%, tiny concentrations, start-up/shutdown marks and outlets without a reference O2 are not judged.',
  },
  sqlFile: new URL('./o2-correction.sql', import.meta.url),
};
