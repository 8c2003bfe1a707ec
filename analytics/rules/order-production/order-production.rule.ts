import type { RuleDefinition } from '../rule';

export const orderProduction: RuleDefinition = {
  id: 'order-production',
  version: '1.1.0',
  title: {
    zh: '重污染天气应急期间违规生产（停限产违规）',
    en: 'Production during an emergency order (stop / limit violated)',
  },
  rationale: {
    zh: '重污染天气预警期间，一厂一策要求停产的生产线在宽限期后仍运行，或要求限产的企业生产用电（或烟气流量）未按比例下降（水泥厂案例：10-07 18:00 至 10-10 00:00 橙色预警期间回转窑持续运行）。按日统计违规小时数，便于按日连续处罚计数。',
    en: 'During a heavy-pollution alert, a line that its 一厂一策 plan requires to stop keeps running after the grace period, or a site that must cut production does not cut its production energy (or stack flow) accordingly (cement case: the kiln runs through the orange alert of 10-07 18:00 to 10-10 00:00). Violation hours are reported per day for daily penalties.',
  },
  legalCategory: '应急管控违规',
  legalBasis: {
    zh: '《大气污染防治法》第九十六条（重污染天气应急措施）；环办大气函〔2019〕648号（应急减排清单、一厂一策）；《环境保护主管部门实施按日连续处罚办法》第十七至二十条（按日计数）',
    en: 'Air Pollution Prevention and Control Law Art. 96 (heavy-pollution emergency measures); MEE letter Huanban Daqi Han [2019] No. 648 (emission-reduction lists, 一厂一策); MEP Order No. 28 Arts. 17–20 (day counting)',
  },
  dataNeeded: [
    'orders',
    'measures',
    'sites (county, grade)',
    'devices',
    'power_readings',
    'CEMS flow and NOx',
  ],
  prepared: ['device_state', 'outlet_hour'],
  severity: 'high',
  params: [
    {
      name: 'grace_hours',
      type: 'number',
      default: 2,
      unit: 'h',
      min: 0,
      description: { zh: '预警开始后落实停限产措施的宽限时间', en: 'Grace period after the order starts' },
    },
    {
      name: 'min_on_minutes',
      type: 'number',
      default: 30,
      unit: 'min',
      min: 1,
      description: {
        zh: '停产线宽限期后累计运行不少于此时长即违规',
        en: 'A stop line running at least this long in total after the grace period violates the order',
      },
    },
    {
      name: 'flow_ratio',
      type: 'number',
      default: 0.3,
      min: 0,
      description: {
        zh: '无分表数据时，烟气流量超过典型值的此比例视为在生产（如窑尾流量）',
        en: 'Without sub-meter data, stack flow above this share of typical means production (e.g. kiln-tail flow)',
      },
    },
    {
      name: 'nox_mass_ratio',
      type: 'number',
      default: 0.2,
      min: 0,
      description: {
        zh: '无分表数据时，NOx 排放速率超过典型值的此比例视为在生产',
        en: 'Without sub-meter data, a NOx mass rate above this share of typical means production',
      },
    },
    {
      name: 'limit_tolerance',
      type: 'number',
      default: 0.05,
      min: 0,
      description: {
        zh: '限产核查的容差（占基线比例）',
        en: 'Tolerance of the limit check (share of baseline)',
      },
    },
    {
      name: 'variable_share',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: {
        zh: '用电量（或烟气流量）中随产量变化的比例；电机、风机有固定空载部分，限产 x 时允许用电为基线的 (1 − 本值 × x + 容差)；取 1 即按比例核查',
        en: 'Share of energy (or stack flow) that varies with output; drives and fans have a fixed no-load part, so a cut of x allows (1 − this × x + tolerance) of baseline; 1 = the proportional check',
      },
    },
    {
      name: 'baseline_days',
      type: 'integer',
      default: 7,
      unit: 'd',
      min: 1,
      description: {
        zh: '基线取此前若干个无预警日的同时段（中位数）',
        en: 'Baseline: the same clock hours on this many previous days without an order (median)',
      },
    },
    {
      name: 'exempt_grades',
      type: 'string',
      default: 'A,引领性',
      description: {
        zh: '可自主采取减排措施的绩效分级（逗号分隔），其发现仅作低级别线索',
        en: 'Performance grades that decide their own measures (comma separated): their findings are low-severity leads',
      },
    },
  ],
  pitfalls: {
    zh: 'A 级和引领性企业可自主减排（措施为 self 或无措施则不判断）；停产需要降温过程，宽限期后短时超时仅为线索；真实停产时生产用电和烟气流量同时下降；无分表数据时才用 CEMS 流量/NOx 推断，且仅用于覆盖全厂的措施；用电与产量并非正比（固定空载功率），限产按可变比例核查；基线避开预警日并取中位数以降低检修日影响。',
    en: 'A-grade and leading enterprises take self-determined measures (action self or none: not judged); stopping a kiln takes a cool-down, so a short overrun after the grace period is only a lead; a genuine stop drops both power and stack flow; CEMS flow / NOx stand in only where the sub-meters have no data and only for measures covering the whole site; energy is not proportional to output (fixed no-load power), so limits are checked on the variable share; the baseline skips order days and uses medians against maintenance days.',
  },
  sqlFile: new URL('./order-production.sql', import.meta.url),
};
