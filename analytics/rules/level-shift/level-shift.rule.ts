import type { RuleDefinition } from '../rule';

export const levelShift: RuleDefinition = {
  id: 'level-shift',
  version: '1.0.0',
  title: {
    zh: '水平突变（浓度骤降而工况不变）',
    en: 'Level shift: concentration drops while the process does not',
  },
  rationale: {
    zh: '污染物浓度的日中位数在某日前后 7 天之间发生远超该序列自身正常波动的跳变。若浓度大幅下降而同排口流量、氧含量和企业生产用电不变，提示量程被调低、分析仪被干扰或数据被改写（如收到检查通知后）。',
    en: 'The daily median of a series jumps between the 7 days before and the 7 days after a day, far beyond its own usual variation. A large fall of a pollutant while the outlet’s flow and O2 and the site’s production power stay the same points to a lowered span, interference with the analyser or rewritten data (e.g. after an inspection notice).',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（改变仪器参数、状态或数据）；2024 年两高一部典型案例（修改 CEMS 参数）；无工况佐证时仅为线索',
    en: 'Huanfa [2015] No. 175, tampering item 8 (altering instrument parameters, state or data); 2024 joint typical cases (modified CEMS parameters); a lead only without process corroboration',
  },
  dataNeeded: ['hourly readings', 'flags', 'flow and O2 of the same outlet', 'production power (optional)'],
  prepared: ['series_terms', 'site_state'],
  severity: 'low',
  params: [
    {
      name: 'min_day_hours',
      type: 'integer',
      default: 18,
      unit: 'h',
      min: 1,
      max: 24,
      description: { zh: '日中位数至少需要的 N 小时数', en: 'Minimum N-flagged hours for a daily median' },
    },
    {
      name: 'window_days',
      type: 'integer',
      default: 7,
      unit: 'd',
      min: 3,
      description: { zh: '前后比较窗口长度', en: 'Length of the before and after windows' },
    },
    {
      name: 'min_window_days',
      type: 'integer',
      default: 5,
      unit: 'd',
      min: 2,
      description: { zh: '每个窗口至少需要的有效日数', en: 'Minimum valid days in each window' },
    },
    {
      name: 'iqr_factor',
      type: 'number',
      default: 6,
      min: 0,
      description: {
        zh: 'ADTK 阈值：|Δ| 超过该序列 |Δ| 的 Q3 + c·IQR',
        en: 'ADTK threshold: |Δ| above Q3 + c·IQR of the series’ own |Δ|',
      },
    },
    {
      name: 'min_rel_change',
      type: 'number',
      default: 0.2,
      min: 0,
      description: {
        zh: '相对变化下限（|Δ| / 前窗口中位数），避免极平稳序列的微小跳变',
        en: 'Minimum relative change |Δ| / median before, to ignore tiny steps of very steady series',
      },
    },
    {
      name: 'min_drop',
      type: 'number',
      default: 0.4,
      min: 0,
      max: 1,
      description: {
        zh: '中等级别需要的降幅（0.4 = 下降 40% 以上）',
        en: 'Fall needed for medium severity (0.4 = at least 40% lower)',
      },
    },
    {
      name: 'process_tolerance',
      type: 'number',
      default: 0.15,
      min: 0,
      description: {
        zh: '工况不变：流量与生产用电前后窗口中位数的相对变化不超过该值',
        en: 'Process unchanged: flow and production power medians change by at most this fraction',
      },
    },
    {
      name: 'o2_tolerance',
      type: 'number',
      default: 1.5,
      unit: '% O2',
      min: 0,
      description: {
        zh: '工况不变：氧含量前后窗口中位数变化不超过该值（百分点）',
        en: 'Process unchanged: O2 medians change by at most this many percentage points',
      },
    },
  ],
  pitfalls: {
    zh: '技改、燃料切换、新治理设施、分析仪更换或重新校准都会造成真实的水平变化：只有污染物大幅下降且同期流量、生产用电、氧含量均不变时才为中等，其他一律为低。只用 N 标记运行小时的日中位数，停运日不计入。24 小时窗口受日间负荷波动影响几乎无效，采用日中位数 7|7；只保留局部峰值，一次变化只报一次。季节性燃料变化可能造成缓慢变化，阈值相对序列自身的日间波动。',
    en: 'Retrofits, fuel switches, new abatement, analyser replacement or recalibration cause genuine level changes: medium only for a large pollutant fall while flow, production power and O2 stay unchanged; anything else is low. Daily medians of N-flagged running hours only, so stopped days do not count. A 24 h window is swamped by daily load swings; daily medians 7|7 are used and only local peaks are kept, one finding per change. Seasonal fuel quality drifts slowly; the threshold is relative to the series’ own day-to-day variation.',
  },
  sqlFile: new URL('./level-shift.sql', import.meta.url),
};
