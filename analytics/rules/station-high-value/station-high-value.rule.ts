import type { RuleDefinition } from '../rule';

export const stationHighValue: RuleDefinition = {
  id: 'station-high-value',
  version: '1.0.0',
  title: { zh: '空气站高值预警（局地污染）', en: 'Ambient station high-value alert (local source)' },
  rationale: {
    zh: '乡镇空气站 PM2.5 或 PM10 小时浓度连续数小时同时超过绝对阈值和同县其他站点同期中位数的 1.5 倍，提示附近存在局地污染源（散煤、露天焚烧、企业无组织排放），需要溯源到周边企业。',
    en: "A township station's hourly PM2.5 or PM10 above both an absolute threshold and 1.5× the median of the other stations of its county for consecutive hours points to a local source (loose coal, open burning, fugitive industrial emissions) to trace among nearby enterprises.",
  },
  legalCategory: '数据质量',
  legalBasis: {
    zh: 'GB 3095 与 HJ 633（空气质量标准与 AQI 分级）；乡镇空气质量排名与高值预警为地方管理实践（domain.md §5.4）',
    en: 'GB 3095 and HJ 633 (ambient standards and AQI bands); township rankings and high-value alerts are local practice (domain.md §5.4)',
  },
  dataNeeded: ['stations (county)', 'air_readings (hourly PM2.5, PM10)'],
  prepared: [],
  severity: 'medium',
  params: [
    {
      name: 'pm25_abs',
      type: 'number',
      default: 115,
      unit: 'µg/m³',
      min: 0,
      description: {
        zh: 'PM2.5 绝对阈值（2012 版 IAQI 150）',
        en: 'PM2.5 absolute threshold (IAQI 150 under the 2012 regime)',
      },
    },
    {
      name: 'pm10_abs',
      type: 'number',
      default: 250,
      unit: 'µg/m³',
      min: 0,
      description: { zh: 'PM10 绝对阈值', en: 'PM10 absolute threshold' },
    },
    {
      name: 'peer_ratio',
      type: 'number',
      default: 1.5,
      min: 1,
      description: {
        zh: '超过同县其他站同期中位数的倍数',
        en: "Multiple of the simultaneous median of the county's other stations",
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 2,
      unit: 'h',
      min: 1,
      description: { zh: '最少连续小时数', en: 'Minimum consecutive hours' },
    },
    {
      name: 'max_county_share',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: {
        zh: '同一小时超过此比例的站点预警或超过绝对阈值时视为区域性污染过程，予以抑制',
        en: "Hours when more than this share of the county's stations alert, or exceed the absolute threshold, are a regional episode and suppressed",
      },
    },
    {
      name: 'min_peers',
      type: 'integer',
      default: 2,
      min: 1,
      description: {
        zh: '同县同小时至少需要的其他站点数',
        en: 'Minimum number of other county stations with data in the hour',
      },
    },
    {
      name: 'strong_ratio',
      type: 'number',
      default: 2.5,
      min: 1,
      description: {
        zh: '峰值达到同县中位数此倍数才作为中级预警，否则为低级线索（微站噪声可达约 2 倍）',
        en: 'Alerts peaking at this multiple of the county median or more are medium; weaker ones are low leads (micro-station noise reaches ~2×)',
      },
    },
  ],
  pitfalls: {
    zh: '区域性重污染过程所有站点同步升高：以同县其他站（不含自身）的中位数为参照，并在多数站点同时预警或超过绝对阈值时抑制；微站噪声和站点位置差异可使单站短时达到 1.5–2 倍：弱预警降为低级；站点缺测或同县站点过少时不判断。',
    en: "A regional episode lifts every station together: the reference is the median of the county's other stations, and hours when most stations alert or exceed the absolute threshold are suppressed; micro-station noise and siting give single stations 1.5–2× for a few hours: weak alerts are low; stations without enough county peers are not judged.",
  },
  sqlFile: new URL('./station-high-value.sql', import.meta.url),
};
