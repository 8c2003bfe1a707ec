import type { RuleDefinition } from '../rule';

export const limitHugging: RuleDefinition = {
  id: 'limit-hugging',
  version: '1.0.0',
  title: {
    zh: '贴限排放（削峰，折算浓度堆积在限值下方）',
    en: 'Limit hugging: values pile up just under the limit',
  },
  rationale: {
    zh: '正常排放的小时折算浓度分布在限值附近是连续的。若某时段大量小时落在 [0.9L, L)、上尾消失、日最大值连续多日贴在限值之下，而参考期分布正常，提示超限数据被截断或改写（削峰）。',
    en: 'Hourly converted concentrations are continuous around the limit. When, in one period, hours pile up in [0.9L, L), the upper tail vanishes and daily maxima sit just under L for days on end, unlike the reference period, exceedances are probably being cut or rewritten (peak shaving).',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（修改数据）、第12项（不合理修约、取舍数据）；仅为线索，须结合稀释、氧含量折算、产治同步、负荷跟踪等证据',
    en: 'Huanfa [2015] No. 175, tampering items 8 (modifying data) and 12 (unreasonable rounding or selection of data); a lead only, to be corroborated by dilution, O2 correction, treatment and load evidence',
  },
  dataNeeded: ['converted hourly readings', 'limits (basis zs)', 'flags'],
  prepared: ['series_hour', 'series_terms'],
  severity: 'low',
  params: [
    {
      name: 'hug_low',
      type: 'number',
      default: 0.9,
      unit: '× limit',
      min: 0.5,
      max: 0.99,
      description: {
        zh: '贴限区间下界（限值的倍数）',
        en: 'Lower edge of the hugging band, as a fraction of the limit',
      },
    },
    {
      name: 'pin_low',
      type: 'number',
      default: 0.95,
      unit: '× limit',
      min: 0.5,
      max: 0.99,
      description: {
        zh: '日最大值“贴限”区间 [pin_low·L, L) 的下界；限值两侧同宽的区间用于断崖检验',
        en: 'Lower edge of the pinned band [pin_low·L, L) for daily maxima; the same width on each side of L is used for the discontinuity test',
      },
    },
    {
      name: 'min_day_hours',
      type: 'integer',
      default: 12,
      unit: 'h',
      min: 1,
      max: 24,
      description: {
        zh: '一天至少多少个 N 小时，其最大值才参与“贴限日”判定',
        en: 'Minimum N-flagged hours for a day’s maximum to count as pinned',
      },
    },
    {
      name: 'block_days',
      type: 'integer',
      default: 14,
      unit: 'd',
      min: 7,
      description: {
        zh: '检验期：按日历切分的固定时段长度（不按数值挑选）',
        en: 'Test periods: fixed calendar blocks of this many days (not chosen by value)',
      },
    },
    {
      name: 'min_block_hours',
      type: 'integer',
      default: 100,
      unit: 'h',
      min: 24,
      description: { zh: '检验期至少需要的有效小时数', en: 'Minimum valid hours in a test block' },
    },
    {
      name: 'min_hug_share',
      type: 'number',
      default: 0.3,
      min: 0,
      max: 1,
      description: {
        zh: 'F2：落在 [hug_low·L, L) 的小时占比下限',
        en: 'F2: minimum share of hours in [hug_low·L, L)',
      },
    },
    {
      name: 'max_above_share',
      type: 'number',
      default: 0.01,
      min: 0,
      max: 1,
      description: { zh: 'F2：不低于限值的小时占比上限', en: 'F2: maximum share of hours at or above L' },
    },
    {
      name: 'min_density_ratio',
      type: 'number',
      default: 3,
      min: 1,
      description: {
        zh: 'F2：[hug_low·L, L) 与 [0.8L, hug_low·L) 小时数之比下限',
        en: 'F2: minimum ratio of hours in [hug_low·L, L) to hours in [0.8L, hug_low·L)',
      },
    },
    {
      name: 'pinned_days',
      type: 'integer',
      default: 7,
      unit: 'd',
      min: 2,
      description: {
        zh: '日最大值连续落在 [pin_low·L, L) 的最少天数',
        en: 'Minimum consecutive days with the daily maximum in [pin_low·L, L)',
      },
    },
    {
      name: 'min_ref_hours',
      type: 'integer',
      default: 200,
      unit: 'h',
      min: 24,
      description: {
        zh: '参考期（同一序列检验期以外）至少需要的有效小时数',
        en: 'Minimum valid hours in the reference period (the rest of the same series)',
      },
    },
    {
      name: 'min_near',
      type: 'integer',
      default: 20,
      min: 5,
      description: {
        zh: '断崖检验：限值两侧窄带内至少需要的小时数',
        en: 'Discontinuity test: minimum hours in the narrow bands either side of L',
      },
    },
    {
      name: 'max_z_disc',
      type: 'number',
      default: -3,
      max: 0,
      description: {
        zh: '断崖检验 z 值上限（越负表示限值上方缺失越显著）',
        en: 'Discontinuity z must be below this (more negative = fewer hours just above L than the reference predicts)',
      },
    },
  ],
  pitfalls: {
    zh: '脱硝喷氨、脱硫 pH 等自动控制把浓度稳定在略低于限值处，也会造成贴限：本规则只作线索（默认低），只有限值处断崖（z < −3）与日最大值连续贴限同时成立才为中等；检验期按日历固定切分并与同一序列其余时段比较，若参考期同样贴限（正常设定值）则不报。负荷低时接近限值的小时很少，断崖检验需要足够样本。分析仪量程上限（T 标记）造成的堆积不在排放限值处。',
    en: 'Automatic control (SCR/SNCR ammonia dosing, FGD pH) holding the value just under the limit also hugs: the rule is a lead (low by default) and is medium only when the discontinuity at L (z < −3) and pinned daily maxima coincide; test blocks are fixed calendar periods compared with the rest of the same series, and nothing is reported when the reference hugs as much (a normal setpoint). At low load few hours come near the limit, so the discontinuity test needs enough samples. Analyser range caps (flag T) pile up at the range, not at the limit.',
  },
  sqlFile: new URL('./limit-hugging.sql', import.meta.url),
};
