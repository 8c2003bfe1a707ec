import type { RuleDefinition } from '../rule';

export const hourOfDayBaseline: RuleDefinition = {
  id: 'hour-of-day-baseline',
  version: '1.0.1',
  title: {
    zh: '时段基线偏离（相对同月同时段典型值）',
    en: 'Hour-of-day baseline: hours off the series’ own daily pattern',
  },
  rationale: {
    zh: '许多工况有固定的日内节律。某天若干小时明显偏离该序列同月同一时段的典型值（中位数与 MAD），例如夜间浓度异常降低，提示夜间稀释、夜间停运治污后改数等，需要结合其他证据核查。',
    en: 'Many processes follow a daily rhythm. A day with several hours far from the same series’ typical value for that hour of day in that month (median and MAD) — e.g. unusually low values at night — may point to night-time dilution or edited night data, to be checked with other evidence.',
  },
  legalCategory: '数据质量',
  legalBasis: {
    zh: 'HJ 75-2017 数据有效性审核；若经核实为稀释或改数，适用环发〔2015〕175号 篡改第4、8项',
    en: 'HJ 75-2017 data validity review; if confirmed as dilution or edited data, Huanfa [2015] No. 175 tampering items 4 and 8',
  },
  dataNeeded: ['hourly readings', 'flags', 'marks', 'emergency orders'],
  prepared: ['series_terms', 'series_hod'],
  severity: 'low',
  params: [
    {
      name: 'min_baseline',
      type: 'integer',
      default: 10,
      min: 3,
      description: {
        zh: '每个（序列，时段，月份）基线至少需要的样本数',
        en: 'Minimum samples in each (series, hour of day, month) baseline',
      },
    },
    {
      name: 'z_threshold',
      type: 'number',
      default: 6,
      min: 1,
      description: { zh: '稳健 z 值阈值', en: 'Robust z threshold' },
    },
    {
      name: 'side',
      type: 'string',
      default: 'both',
      description: {
        zh: '偏离方向：low（只看偏低）、high（只看偏高）、both（双向）',
        en: 'Direction: low, high or both',
      },
    },
    {
      name: 'rel_floor',
      type: 'number',
      default: 0.01,
      min: 0,
      description: {
        zh: 'σ 的相对下限（基线中位数的比例）',
        en: 'Relative floor of sigma (fraction of the baseline median)',
      },
    },
    {
      name: 'abs_floor',
      type: 'number',
      default: 0.05,
      unit: 'unit of the series',
      min: 0,
      description: { zh: 'σ 的绝对下限', en: 'Absolute floor of sigma' },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 2,
      unit: 'h',
      min: 1,
      max: 24,
      description: {
        zh: '一个序列日至少多少个偏离小时才报告（单点离群由 robust-outlier 处理）',
        en: 'Minimum deviating hours per series-day (single points are robust-outlier’s job)',
      },
    },
    {
      name: 'include_process',
      type: 'boolean',
      default: false,
      description: {
        zh: '是否也判定氧含量、流量、流速、温度、湿度、压力等工况参数（默认只判定污染物浓度）',
        en: 'Also judge process parameters (O2, flow, velocity, temperature, humidity, pressure); by default only pollutant concentrations',
      },
    },
  ],
  pitfalls: {
    zh: '固定时刻的自动校准、维护标记为 C/M，不参与计算；否则按时段的检验会把每日校准全部报出。季节性滚动窗口很慢，采用按（序列，时段，月份）分组的基线。MAD = 0 的量化数据使用下限。启炉、停炉等标记时段和重污染应急限产时段自然偏离日内节律，不判定；氧含量、流量、流速、温度跟随生产排班，默认只判定污染物浓度。仅为低级别线索，按序列日汇总。',
    en: 'Automatic calibration and maintenance at fixed hours are flagged C/M and excluded; otherwise an hour-of-day test flags every daily calibration. Seasonal rolling windows are slow; the baseline is a GROUP BY over (series, hour of day, month). Quantised data with MAD = 0 use the floors. Start-up and shutdown marks and emergency production orders leave the daily rhythm naturally and are not judged; O2, flow, velocity and temperature follow the production schedule, so only pollutant concentrations are judged by default. Low-severity lead only, aggregated per series-day.',
  },
  sqlFile: new URL('./hour-of-day-baseline.sql', import.meta.url),
};
