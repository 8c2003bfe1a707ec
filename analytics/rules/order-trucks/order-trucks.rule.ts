import type { RuleDefinition } from '../rule';

export const orderTrucks: RuleDefinition = {
  id: 'order-trucks',
  version: '1.0.0',
  title: { zh: '应急期间国四及以下重型货车进出', en: 'Banned trucks during an emergency order' },
  rationale: {
    zh: '重污染预警期间，一厂一策要求停用国四及以下排放标准的柴油重型货车运输。门禁记录显示此类车辆仍进出厂区，且进厂车次接近平日水平，说明运输和生产并未按要求削减。',
    en: 'During a heavy-pollution alert the 一厂一策 plan bans diesel heavy trucks of China IV or older. Gate records showing such trucks entering, with traffic close to normal, show that transport and production were not cut.',
  },
  legalCategory: '应急管控违规',
  legalBasis: {
    zh: '《大气污染防治法》第九十六条；HJ 1321-2023《重点行业移动源监管与核查技术指南》（门禁系统记录车牌、排放阶段、进出时间）；环办大气函〔2019〕648号',
    en: 'Air Pollution Prevention and Control Law Art. 96; HJ 1321-2023 (gate systems record plate, emission stage and times); MEE letter [2019] No. 648',
  },
  dataNeeded: ['gate_records', 'orders', 'measures', 'sites'],
  prepared: [],
  severity: 'medium',
  params: [
    {
      name: 'max_banned_stage',
      type: 'integer',
      default: 4,
      min: 0,
      max: 6,
      description: {
        zh: '排放阶段不高于此值（国四 = 4）的车辆在应急期间禁止进出；电动、新能源车始终允许',
        en: 'Vehicles of this emission stage or older (China IV = 4) are banned during orders; electric vehicles always allowed',
      },
    },
    {
      name: 'banned_fuels',
      type: 'string',
      default: 'diesel,柴油',
      description: {
        zh: '受限的燃料类型（逗号分隔；空 = 所有燃料；燃料缺失按受限处理）',
        en: 'Fuels the ban applies to (comma separated; empty = any fuel; a missing fuel counts as banned)',
      },
    },
    {
      name: 'min_banned_entries',
      type: 'integer',
      default: 3,
      min: 1,
      description: {
        zh: '受限车辆进厂车次达到此值才报告（少量可能为保民生等豁免车辆）',
        en: 'Report from this many banned entries (a few may be exempt vehicles such as livelihood supplies)',
      },
    },
    {
      name: 'baseline_days',
      type: 'integer',
      default: 7,
      unit: 'd',
      min: 1,
      description: {
        zh: '车流基线取此前若干个无预警日的同时段',
        en: 'Traffic baseline: the same hours on this many previous days without an order',
      },
    },
    {
      name: 'high_traffic_ratio',
      type: 'number',
      default: 0.5,
      min: 0,
      description: {
        zh: '要求停产的企业进厂总车次达到基线的此比例时升为高级（车流显示未停产）',
        en: 'For a site that must stop, total entries at this share of baseline or more raise the severity to high (traffic shows no stop)',
      },
    },
  ],
  pitfalls: {
    zh: '排放阶段写法多样（国四、国IV、国Ⅳ、IV、4）：统一归一化，无法识别的不计为受限；电动和燃气车辆按参数放行；A 级企业无强制措施时不判断；进出同一车辆分别计数但车牌去重列示。',
    en: 'Emission stages are spelt many ways (国四, 国IV, 国Ⅳ, IV, 4): normalised, and unrecognised ones never count as banned; electric and (by default) gas trucks pass; A-grade enterprises without mandatory measures are not judged; entries and exits are counted separately, plates listed once.',
  },
  sqlFile: new URL('./order-trucks.sql', import.meta.url),
};
