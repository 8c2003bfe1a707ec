import type { RuleDefinition } from '../rule';

export const treatmentLowPower: RuleDefinition = {
  id: 'treatment-low-power',
  version: '1.1.0',
  title: { zh: '治污设施低功率运行', en: 'Treatment running at low power' },
  rationale: {
    zh: '生产满负荷而治污设施仅以远低于其正常运行功率的水平运行（如曝气风机、浆液循环泵少开），处理效果下降，属不正常运行治污设施。',
    en: 'Production at full load while a treatment device draws far below its typical running power (fewer slurry pumps, aeration blower throttled): treatment performance drops, an abnormal operation of the facility.',
  },
  legalCategory: '未按规定运行治污设施',
  legalBasis: {
    zh: '《大气污染防治法》第二十条；《水污染防治法》第三十九条（不正常运行水污染防治设施）；环发〔2015〕175号 篡改第3项',
    en: 'Air Pollution Prevention and Control Law Art. 20; Water Pollution Prevention and Control Law Art. 39; Huanfa [2015] No. 175, tampering item 3',
  },
  dataNeeded: ['devices (role, line_id)', 'power_readings'],
  prepared: ['device_state', 'device_profile'],
  severity: 'medium',
  params: [
    {
      name: 'low_ratio',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: {
        zh: '治污设施功率低于其正常运行功率（运行样本中位数）的此比例视为低功率',
        en: 'Treatment below this share of its typical on-power (median of its on-state samples) is low',
      },
    },
    {
      name: 'prod_ratio',
      type: 'number',
      default: 0.8,
      min: 0,
      description: {
        zh: '同期生产功率不低于其正常运行功率的此比例才判断',
        en: 'Judged only while production is at least this share of its typical on-power',
      },
    },
    {
      name: 'min_minutes',
      type: 'number',
      default: 30,
      unit: 'min',
      min: 1,
      description: { zh: '最短持续时长', en: 'Minimum duration' },
    },
    {
      name: 'min_on_samples',
      type: 'integer',
      default: 96,
      min: 1,
      description: {
        zh: '计算正常运行功率所需的最少运行样本数',
        en: 'Minimum number of on-state samples before a typical on-power is trusted',
      },
    },
  ],
  pitfalls: {
    zh: '变频风机随生产负荷降速属正常：仅在生产接近正常负荷时判断；正常运行功率取全部运行样本的中位数，低功率时段过长（超过一半）会拉低基准；低硫燃料等工况变化可能合理减少泵的台数，需结合出口浓度核实。',
    en: 'Variable-frequency drives legitimately slow down with production: judged only while production is near its typical level; the typical power is the median of all on-state samples, so a low-power stretch longer than half the data lowers it; a genuine change (e.g. low-sulphur fuel needing fewer pumps) must be checked against outlet concentrations.',
  },
  sqlFile: new URL('./treatment-low-power.sql', import.meta.url),
};
