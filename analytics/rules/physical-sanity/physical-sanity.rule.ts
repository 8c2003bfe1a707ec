import type { RuleDefinition } from '../rule';

export const physicalSanity: RuleDefinition = {
  id: 'physical-sanity',
  version: '1.0.0',
  title: { zh: '数据物理合理性', en: 'Physical sanity checks' },
  rationale: {
    zh: '氧含量超出 0–21%、负浓度、小时均值超出最小值–最大值范围、排放量与浓度×流量不符、时间未对齐、重复上报数值不一致等，说明数采仪或数据处理环节有误，或数据被手工改动；本身多为数据质量问题，持续出现的不可能值需核查。',
    en: 'O2 outside 0–21 %, negative concentrations, an hourly Avg outside [Min, Max], Cou not matching concentration × flow, misaligned timestamps or conflicting re-sent values show a faulty logger or data processing, or hand-edited data; mostly data quality, but impossible values that persist for hours need checking.',
  },
  legalCategory: '数据质量',
  legalBasis: {
    zh: 'HJ 212-2017 附录D（排放量计算、数据时间含义）；HJ 75-2017 数据有效性判别；环发〔2015〕175号 篡改第11、13项（未按规范传输原始数据、擅自修改数据）',
    en: 'HJ 212-2017 Appendix D (emission amounts, DataTime semantics); HJ 75-2017 data validity; Huanfa [2015] No. 175, tampering items 11 and 13 (raw data not transmitted per specification, unauthorised data changes)',
  },
  dataNeeded: [
    'readings (avg, min, max, cou, zs_* statistics)',
    'series intervals',
    'quarantine (conflicting duplicates)',
  ],
  prepared: ['series_hour', 'outlet_hour', 'stat_pairs', 'misaligned'],
  severity: 'low',
  params: [
    {
      name: 'neg_tol',
      type: 'number',
      default: 1,
      unit: 'mg/m³ or mg/L',
      min: 0,
      description: {
        zh: '允许的零点漂移负值（超过才计）',
        en: 'Negative values within this zero-drift tolerance are accepted',
      },
    },
    {
      name: 'humidity_max',
      type: 'number',
      default: 40,
      unit: '%',
      min: 0,
      max: 100,
      description: { zh: '非饱和烟气湿度上限', en: 'Upper bound of humidity on a non-saturated stack' },
    },
    {
      name: 'saturated_temp',
      type: 'number',
      default: 60,
      unit: '°C',
      description: {
        zh: '烟温不高于此值视为饱和烟气（湿法脱硫后），不做湿度上限检查',
        en: 'Stacks at or below this temperature are treated as saturated (after wet FGD) and skip the humidity bound',
      },
    },
    {
      name: 'minmax_tol',
      type: 'number',
      default: 0.01,
      min: 0,
      description: {
        zh: '均值超出最小值/最大值的容差（修约）',
        en: 'Tolerance of Avg beyond Min/Max (rounding)',
      },
    },
    {
      name: 'cou_tol',
      type: 'number',
      default: 0.05,
      min: 0,
      description: {
        zh: '排放量与浓度×流量的相对容差',
        en: 'Relative tolerance between Cou and Avg × volume',
      },
    },
    {
      name: 'cou_abs_tol',
      type: 'number',
      default: 0.002,
      unit: 'kg',
      min: 0,
      description: {
        zh: '排放量绝对容差（0.001 kg 修约的两倍）',
        en: 'Absolute tolerance of Cou (twice the 0.001 kg reporting step)',
      },
    },
    {
      name: 'sustained_hours',
      type: 'integer',
      default: 3,
      unit: 'h',
      min: 1,
      description: {
        zh: '不可能值连续达到此小时数定为中等级',
        en: 'Impossible values lasting this many consecutive hours are medium severity',
      },
    },
  ],
  pitfalls: {
    zh: '零点漂移使低浓度略为负：设容差；湿法脱硫后饱和烟气的湿度仪读数不可靠：低温烟道不查湿度上限；排放量只在有小时废气量（a00000/w00000 的 Cou）时核对，避免 m³/s 与 m³/h 单位混用造成误报；绝大多数项目为数据质量问题，只把持续数小时的不可能值定为中等级。',
    en: 'Zero drift makes low concentrations slightly negative: a tolerance applies; humidity analysers on saturated stacks after wet FGD misread: cool stacks skip the humidity bound; Cou is only checked against a reported hourly volume (a00000/w00000 Cou) to avoid m³/s vs m³/h unit mix-ups; most items are data quality, only impossible values lasting hours are medium.',
  },
  sqlFile: new URL('./physical-sanity.sql', import.meta.url),
};
