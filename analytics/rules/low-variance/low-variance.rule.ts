import type { RuleDefinition } from '../rule';

export const lowVariance: RuleDefinition = {
  id: 'low-variance',
  version: '1.0.0',
  title: {
    zh: '波动异常偏小（日波动相对自身历史骤降）',
    en: 'Low variance: a day far quieter than its own history',
  },
  rationale: {
    zh: '真实工况下污染物浓度、氧含量、流量每天都有与负荷相关的波动。某天的日标准差或日极差骤降到该序列自身近 30 天典型值的一小部分，而装置仍在运行，提示数据被平滑、模拟或由他时段的低值替换（恒值异常的变体）。',
    en: 'Real concentrations, O2 and flow fluctuate with load every day. A day whose standard deviation or range collapses to a small fraction of the same series’ typical value over the previous 30 days, while the plant runs, points to smoothed, simulated or substituted data (a variant of the flatline signature F1).',
  },
  legalCategory: '伪造',
  legalBasis: {
    zh: '环发〔2015〕175号 伪造第5项（仪器模拟功能或植入模拟软件生成数据）、篡改第8项；法释〔2016〕29号、法释〔2023〕7号第十一条',
    en: 'Huanfa [2015] No. 175, forgery item 5 (data from a simulation function or software) and tampering item 8; SPC/SPP interpretations [2016] No. 29 and [2023] No. 7 Art. 11',
  },
  dataNeeded: ['readings (hourly or finer)', 'flags', 'flow of the same outlet (optional, running check)'],
  prepared: ['series_terms'],
  severity: 'medium',
  params: [
    {
      name: 'min_day_hours',
      type: 'integer',
      default: 18,
      unit: 'h',
      min: 3,
      max: 24,
      description: {
        zh: '参与计算的一天至少需要的 N 标记运行小时数',
        en: 'Minimum N-flagged running hours for a day to be judged',
      },
    },
    {
      name: 'ref_days',
      type: 'integer',
      default: 30,
      unit: 'd',
      min: 7,
      description: {
        zh: '参考期：此前多少天的同一序列',
        en: 'Reference window: previous days of the same series',
      },
    },
    {
      name: 'min_ref_days',
      type: 'integer',
      default: 10,
      unit: 'd',
      min: 3,
      description: {
        zh: '参考期内至少需要的有效天数（不足则不判定，如数据前 10 天）',
        en: 'Minimum valid days in the reference window (no verdict before that, e.g. the first 10 days)',
      },
    },
    {
      name: 'max_ratio',
      type: 'number',
      default: 0.1,
      min: 0,
      max: 1,
      description: {
        zh: '日标准差或日极差低于参考中位数的该比例即判为异常偏小',
        en: 'A day is quiet when its sd or range is below this fraction of the reference median',
      },
    },
    {
      name: 'level_floor',
      type: 'number',
      default: 3,
      unit: 'mg/m³ or mg/L',
      min: 0,
      description: {
        zh: '日均浓度不高于此值时视为检出限附近的正常平稳（超低排放）',
        en: 'Days with a mean concentration at or below this are detection-limit behaviour (ultra-low emitters)',
      },
    },
    {
      name: 'min_flow_ratio',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: {
        zh: '当日排口流量须达到其典型日流量的该比例，才视为正常运行（排除误标为 N 的停运、低负荷日）',
        en: 'The outlet’s daily flow must reach this fraction of its typical daily flow for the day to count as running (drops stopped or idling days mislabelled N)',
      },
    },
  ],
  pitfalls: {
    zh: '稳定基荷机组（如燃气轮机）本来波动小：基准取同一序列自身历史，只有相对自身骤降才报；前 10 天无参考不判定。误标为 N 的停运或低负荷日确实平稳：用同排口流量核对运行状态。检出限附近的超低排放值天然平稳：低于浓度下限的日子不判。单凭平稳无法区分真假，应结合恒值、复制、氧含量折算核查；只有日标准差与日极差同时骤降才给中等级别，否则为低。',
    en: 'Steady base-load plants (a gas turbine) are quiet by nature: the reference is the series’ own history, so only a collapse relative to itself counts; no verdict in the first 10 days. Stopped or idling days mislabelled N are genuinely quiet: the outlet’s flow must be near its typical level. Ultra-low values at the detection limit are quiet: days below the concentration floor are skipped. Quietness alone cannot tell real from fake — pair it with flatline, copy and O2 checks; medium only when both sd and range collapse, otherwise low.',
  },
  sqlFile: new URL('./low-variance.sql', import.meta.url),
};
