import type { RuleDefinition } from '../rule';

export const omCompany: RuleDefinition = {
  id: 'om-company',
  version: '1.2.0',
  title: { zh: '运维单位跨企业关联异常', en: 'O&M company patterns across enterprises' },
  rationale: {
    zh: '同一第三方运维单位运维的多家企业之间出现相同数据片段、相同恒定值，或校准/维护/故障标记在同一小时集中出现且远超随机水平，提示运维人员统一操作数据。两高司法解释对参与篡改的运维人员从重处罚，故按运维单位汇总。',
    en: 'Enterprises served by one O&M contractor showing identical data segments, identical constant values, or calibration/maintenance/fault flags in the same hour far beyond chance point to the contractor handling the data. The 2016 and 2023 judicial interpretations punish participating O&M staff more heavily, so findings are made per company.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '法释〔2016〕29号、法释〔2023〕7号（运维人员参与篡改、伪造自动监测数据从重处罚）；环发〔2015〕175号 篡改第8、13项，伪造第5项',
    en: 'SPC/SPP interpretations [2016] No. 29 and [2023] No. 7 (heavier punishment for O&M staff); Huanfa [2015] No. 175, tampering items 8 and 13, forgery item 5',
  },
  dataNeeded: ['sites (om_company)', 'outlets', 'readings (hourly or finer) with flags'],
  prepared: ['series_hour', 'series_terms', 'outlet_hour'],
  severity: 'high',
  params: [
    {
      name: 'min_sites',
      type: 'integer',
      default: 2,
      min: 2,
      description: {
        zh: '运维单位至少运维的企业数',
        en: 'Minimum number of enterprises served by the company',
      },
    },
    {
      name: 'min_range_quanta',
      type: 'integer',
      default: 20,
      min: 1,
      description: {
        zh: '12 小时片段内最大值与最小值之差至少为此数个报告精度单位（至少 0.01；排除平直、停运及低精度平稳片段）',
        en: "A 12-hour window must vary by at least this many steps of the series' reporting precision (0.01 or coarser; flat, stopped, and coarse quiet windows never match)",
      },
    },
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
      name: 'min_distinct',
      type: 'integer',
      default: 6,
      min: 2,
      max: 12,
      description: {
        zh: '信息量要求：12 个值中至少不同值的个数（排除批次式分析仪的少数几个保持值）',
        en: 'Informative windows only: minimum distinct values among the 12 (drops batch analysers with a few held values)',
      },
    },
    {
      name: 'min_flat_hours',
      type: 'integer',
      default: 6,
      unit: 'h',
      min: 2,
      description: {
        zh: '恒值最短时长（批次式水质分析仪取两倍）',
        en: 'Minimum flatline length (doubled for batch water analysers)',
      },
    },
    {
      name: 'level_floor',
      type: 'number',
      default: 3,
      unit: 'mg/m³ or mg/L',
      min: 0,
      description: {
        zh: '不高于此浓度的恒值视为检出限附近的正常现象',
        en: 'Constant concentrations at or below this are detection-limit behaviour',
      },
    },
    {
      name: 'min_cooccur',
      type: 'integer',
      default: 3,
      min: 1,
      description: {
        zh: '多家企业同一小时出现 C/M/D 标记的最少小时数',
        en: 'Minimum number of hours with C/M/D flags at several enterprises',
      },
    },
    {
      name: 'cooccur_ratio',
      type: 'number',
      default: 3,
      min: 1,
      description: {
        zh: '同时标记小时数至少为随机预期的此倍数',
        en: 'Co-occurring hours must be at least this multiple of the number expected by chance',
      },
    },
    {
      name: 'schedule_share',
      type: 'number',
      default: 0.3,
      min: 0,
      max: 1,
      description: {
        zh: '企业在某一固定小时出现标记的天数占比达到此值，视为固定时刻自动校准，不计入同时标记',
        en: 'An enterprise flagging at one hour of day on this share of its days is on a fixed calibration schedule, excluded from co-occurrence',
      },
    },
  ],
  pitfalls: {
    zh: '厂商固件在各地同一时刻自动校准，会造成同一小时的 C 标记：每家企业固定时刻的标记不计入；平直、全零或停运片段容易互相匹配：要求片段内有足够变化；只报告到 1 位小数或整数、低位平稳的序列（如超低排放颗粒物 0.3–0.5）及批次式分析仪的保持值会偶然相同：变化按序列自身报告精度计，并要求足够多的不同值；检出限附近的超低排放值、批次式水质分析仪的保持值不算恒值；同一企业内部的共用 CEMS 或派生值（实测/折算）不参与跨企业比较；同一运维人员的例行巡检可能使维护标记在同一天出现，因此只比较同一小时并要求显著高于随机水平。',
    en: "Vendor firmware calibrating at the same clock time everywhere gives C flags in the same hour: each enterprise's fixed-hour flags are excluded; flat, all-zero or stopped windows match each other easily: windows must vary; quiet series reported at 1 decimal or whole numbers (ultra-low PM at 0.3 to 0.5) and batch-analyser holds agree by chance: the variation is counted in steps of the series' own precision and enough distinct values are required; ultra-low values at the detection limit and batch-analyser holds are not constants; shared CEMS or derived values within one enterprise are never compared; routine rounds by the same technician put maintenance flags on the same day, so only the same hour counts and only well above chance.",
  },
  sqlFile: new URL('./om-company.sql', import.meta.url),
};
