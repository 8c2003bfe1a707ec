import type { RuleDefinition } from '../rule';

export const robustOutlier: RuleDefinition = {
  id: 'robust-outlier',
  version: '1.0.1',
  title: {
    zh: '离群小时值（相对前 24 小时稳健偏离）',
    en: 'Robust outliers against the trailing 24 samples',
  },
  rationale: {
    zh: '运行中的小时值若远离该序列前 24 个运行样本的中位数（以四分位距衡量），可能是仪器故障、干扰采样或人为改数。造假通常压低数值，因此默认只看向下偏离。属数据质量线索，按序列和日合并后排序供核查。',
    en: 'A running hour far from the median of the previous 24 running samples of the same series (measured in IQRs) may be an instrument fault, sampling interference or an edited value. Falsification usually lowers values, so by default only downward deviations are reported. A data-quality lead, merged per series and day and ranked for review.',
  },
  legalCategory: '数据质量',
  legalBasis: {
    zh: 'HJ 75-2017 数据有效性与失控判定；若经核实为人为干扰，适用环发〔2015〕175号 篡改第2、8项',
    en: 'HJ 75-2017 data validity and out-of-control rules; if confirmed as interference, Huanfa [2015] No. 175 tampering items 2 and 8',
  },
  dataNeeded: ['hourly readings', 'flags', 'marks', 'emergency orders'],
  prepared: ['series_terms', 'series_robust'],
  severity: 'low',
  params: [
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
      default: 'low',
      description: {
        zh: '偏离方向：low（只看偏低，造假常见方向）、high（只看偏高）、both（双向）',
        en: 'Direction: low (downward only, the usual direction of falsification), high, or both',
      },
    },
    {
      name: 'rel_floor',
      type: 'number',
      default: 0.01,
      min: 0,
      description: {
        zh: 'σ 的相对下限（中位数的比例），防止量化或平稳数据 IQR = 0',
        en: 'Relative floor of sigma (fraction of the median), for quantised or flat data with IQR = 0',
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
      name: 'max_gap_hours',
      type: 'integer',
      default: 1,
      unit: 'h',
      min: 0,
      description: {
        zh: '前 24 个样本允许跨越的缺测小时数；超过则视为停运或重启后，不判定（开停机过渡是真实的）',
        en: 'Missing hours the trailing 24 samples may span; beyond that the hour follows a stop or restart and is not judged (start-up ramps are real)',
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 1,
      unit: 'h',
      min: 1,
      description: {
        zh: '一个序列日至少多少个离群小时才报告',
        en: 'Minimum outlying hours per series-day to report',
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
    zh: '量化或平稳数据 IQR 为 0：σ 取相对和绝对下限。开停机过渡是真实的：前 24 个样本不连续（刚重启）或 2 小时内将停运的小时不判定，启炉、停炉、故障、维护等标记时段和重污染应急限产时段也不判定。氧含量、流量、流速、温度随负荷变化，默认只判定污染物浓度。真实水平变化后窗口滞后会连续报出多点：按序列日合并为一条。阈值 6 在数千序列上仍会产生大量点：按强度排序，仅为低级别线索。',
    en: 'Quantised or flat data have IQR = 0: sigma has relative and absolute floors. Start-up and shutdown ramps are real: hours whose trailing 24 samples are not contiguous (just restarted) or that precede a stop within 2 h are skipped, and so are hours inside operating marks (start-up, shutdown, fault, maintenance) and emergency production orders. O2, flow, velocity and temperature follow the load, so only pollutant concentrations are judged by default. After a genuine level change the trailing window lags and yields a burst: merged into one finding per series-day. |z| > 6 over thousands of series still yields many points: ranked by strength, low severity only.',
  },
  sqlFile: new URL('./robust-outlier.sql', import.meta.url),
};
