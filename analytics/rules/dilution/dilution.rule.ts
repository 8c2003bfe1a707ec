import type { RuleDefinition } from '../rule';

export const dilution: RuleDefinition = {
  id: 'dilution',
  version: '1.0.0',
  title: {
    zh: '稀释/掺风（氧含量升高、实测浓度下降）',
    en: 'Dilution or air ingress (O2 up, measured concentration down)',
  },
  rationale: {
    zh: '负荷和烟气流量不变时，采样点氧含量明显升高而实测浓度同步下降，说明采样管路或烟道掺入了空气，使实测值偏低（若氧含量同时被干扰，折算值也会偏低）。',
    en: 'With load and stack flow unchanged, O2 at the analyser rising sharply while the measured concentration falls means air is being let into the sample line or duct, lowering the measured value (and the converted value too when O2 is also tampered with).',
  },
  legalCategory: '干扰采样',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第4项（稀释排放）、第6项（稀释样品）；法释〔2023〕7号 第十一条（干扰采样）',
    en: 'Huanfa [2015] No. 175, tampering items 4 (dilution) and 6 (diluting samples); SPC/SPP interpretation [2023] No. 7, Art. 11 (interfering with sampling)',
  },
  dataNeeded: [
    'readings: measured and converted SO2/NOx/particulate/NMHC, O2, flow',
    'power (production load, optional)',
  ],
  prepared: ['outlet_hour'],
  severity: 'high',
  params: [
    {
      name: 'o2_rise',
      type: 'number',
      default: 3,
      unit: 'percentage points',
      min: 0,
      description: { zh: '氧含量高于基线中位值的最小升幅', en: 'Minimum O2 rise above the baseline median' },
    },
    {
      name: 'conc_ratio',
      type: 'number',
      default: 0.75,
      min: 0,
      max: 1,
      description: {
        zh: '实测浓度低于基线中位值的该比例才计',
        en: 'Measured concentration must fall below this fraction of its baseline median',
      },
    },
    {
      name: 'min_baseline_hours',
      type: 'integer',
      default: 24,
      unit: 'h',
      min: 1,
      description: {
        zh: '基线（此前 72 个运行小时）内至少有这么多小时',
        en: 'Minimum hours in the baseline (the previous 72 running hours)',
      },
    },
    {
      name: 'load_tol',
      type: 'number',
      default: 0.1,
      min: 0,
      description: {
        zh: '负荷（生产用电）和烟气流量相对基线均值的最大变化，超出视为工况变化',
        en: 'Largest relative change of production power and stack flow against their baseline means (else a load change)',
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 3,
      unit: 'h',
      min: 1,
      description: {
        zh: '最短连续时长；不足两倍者定为中等级',
        en: 'Minimum consecutive hours; episodes shorter than twice this are medium severity',
      },
    },
    {
      name: 'o2_ambient',
      type: 'number',
      default: 20.5,
      unit: '%',
      min: 0,
      max: 21,
      description: {
        zh: '氧含量达到此值视为停运（接近空气）',
        en: 'O2 at or above this is treated as stopped (ambient air)',
      },
    },
    {
      name: 'min_flow_frac',
      type: 'number',
      default: 0.3,
      min: 0,
      description: {
        zh: '烟气流量低于典型运行流量的该比例视为未运行',
        en: 'Flow below this fraction of the typical running flow is treated as not running',
      },
    },
  ],
  pitfalls: {
    zh: '开停机、低负荷时氧含量本就升高、浓度降低：要求负荷和烟气流量相对基线平稳，并排除停运小时；燃气轮机、窑炉等设计上过量空气高：基线取排口自身的历史；未做氧含量折算的排口同样适用（看实测值）。',
    en: 'Start-up, shutdown and low load genuinely raise O2 and lower concentrations: load and stack flow must be steady against the baseline, and stopped hours are excluded; gas turbines and kilns run high excess air by design: the baseline is the outlet’s own history; outlets without O2 correction are judged on measured values like the rest.',
  },
  sqlFile: new URL('./dilution.sql', import.meta.url),
};
