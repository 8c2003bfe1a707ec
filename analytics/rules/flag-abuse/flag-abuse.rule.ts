import type { RuleDefinition } from '../rule';

export const flagAbuse: RuleDefinition = {
  id: 'flag-abuse',
  version: '1.0.0',
  title: { zh: '数据标记滥用', en: 'Flag and mark abuse' },
  rationale: {
    zh: '按标记规则，标记为无效的数据不参与超标判定。维护、故障、校准标记集中出现在高值或高负荷时段、S（人工输入）标记出现在主要污染物上、校准过于频繁或过长、非 N 标记占比过高，都是利用标记使超标数据失效的迹象。',
    en: 'Under the marking rules, data marked invalid is not used to judge exceedances. Maintenance, fault and calibration flags bunching where values or load are high, S (manually entered) flags on the main pollutants, over-frequent or over-long calibrations and a high share of non-N flags are signs of flags used to void exceedances.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '生态环境部公告2022年第21号（污染物排放自动监测设备标记规则）；环发〔2015〕175号 篡改第8、13项；HJ 212-2017 表8 数据标记',
    en: 'MEE Announcement 2022 No. 21 (marking rules for automatic monitoring equipment); Huanfa [2015] No. 175, tampering items 8 and 13; HJ 212-2017 Table 8 data flags',
  },
  dataNeeded: ['readings with HJ 212 flags', 'limits', 'marks (校准)', 'power (production load, optional)'],
  prepared: ['outlet_hour', 'flag_context'],
  severity: 'medium',
  params: [
    {
      name: 'share_max',
      type: 'number',
      default: 0.1,
      min: 0,
      max: 1,
      description: {
        zh: '月内非 N 标记小时占运行小时的比例上限',
        en: 'Largest share of running hours with a non-N flag in a month',
      },
    },
    {
      name: 'min_month_hours',
      type: 'integer',
      default: 72,
      unit: 'h',
      min: 1,
      description: {
        zh: '月内至少有这么多运行小时才计算占比',
        en: 'Minimum running hours in a month for the share',
      },
    },
    {
      name: 'high_frac',
      type: 'number',
      default: 0.8,
      min: 0,
      description: {
        zh: '邻近有效小时达到限值的该比例视为高值时段',
        en: 'A neighbouring valid hour at this fraction of the limit makes a high-value neighbourhood',
      },
    },
    {
      name: 'load_quantile',
      type: 'number',
      default: 0.9,
      min: 0,
      max: 1,
      description: {
        zh: '生产用电达到企业自身该分位数视为高负荷',
        en: 'Production power at or above the site’s own quantile counts as high load',
      },
    },
    {
      name: 'odds_min',
      type: 'number',
      default: 3,
      min: 1,
      description: {
        zh: '高值/高负荷时段标记概率与其他时段之比的下限',
        en: 'Minimum ratio of the flag probability in high-value/high-load neighbourhoods to elsewhere',
      },
    },
    {
      name: 'min_flagged_hours',
      type: 'integer',
      default: 5,
      unit: 'h',
      min: 1,
      description: {
        zh: '高值/高负荷时段内被标记的最少小时数',
        en: 'Minimum flagged hours inside high-value/high-load neighbourhoods',
      },
    },
    {
      name: 'min_events',
      type: 'integer',
      default: 3,
      min: 1,
      description: {
        zh: '高值/高负荷时段内被标记的最少独立事件数（一次多小时检修算一次）',
        en: 'Minimum separate flagged events there (one multi-hour repair counts once)',
      },
    },
    {
      name: 'p_max',
      type: 'number',
      default: 0.001,
      min: 0,
      max: 1,
      description: {
        zh: '标记事件按高值/高负荷时段占比随机落入的二项概率上限（该值平方以下为高等级）',
        en: 'Largest binomial chance probability of that many events landing in high-value/high-load hours (below its square: high)',
      },
    },
    {
      name: 'sched_share',
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      description: {
        zh: '某个钟点在至少该比例的天数出现 C 标记，视为定时自动校准',
        en: 'An hour of day carrying C on at least this share of days is a scheduled auto-calibration',
      },
    },
    {
      name: 'max_c_per_day',
      type: 'integer',
      default: 2,
      min: 1,
      description: { zh: '每日校准事件数上限', en: 'Largest number of calibration events per day' },
    },
    {
      name: 'max_c_minutes',
      type: 'integer',
      default: 60,
      unit: 'min',
      min: 1,
      description: { zh: '单次校准（校准标记）时长上限', en: 'Longest calibration (校准 mark)' },
    },
    {
      name: 'long_c_hours',
      type: 'integer',
      default: 3,
      unit: 'h',
      min: 2,
      description: {
        zh: '连续 C 标记小时数达到此值视为超过 60 分钟（小时数据按≥75% 规则标记）',
        en: 'Consecutive C hours at or above this mean more than 60 min (hourly flags follow the 75 % rule)',
      },
    },
    {
      name: 'repeat_days',
      type: 'integer',
      default: 3,
      unit: 'd',
      min: 1,
      description: {
        zh: '同月校准异常天数达到此值定为中等级',
        en: 'Calibration-anomaly days in a month at which the severity becomes medium',
      },
    },
  ],
  pitfalls: {
    zh: '每天固定钟点的自动零点/量程校准是正常质控：该钟点的 C 标记视为定时校准，不计入概率比，且每天一次短时校准不触发校准检查；检修本就常在高负荷时发生：要求多次独立事件（多数小时在高值/高负荷时段）、最少小时数，且按这些时段占比随机出现的二项概率足够小；长时间真实检修、寒冷天气故障使非 N 占比升高：占比项只定为低等级；F（停运）标记另由“标停未停”规则核查。',
    en: 'A daily automatic zero/span check at a fixed hour is normal QA: C flags at that hour count as scheduled, never in the odds, and one short calibration a day never reaches the calibration check; repairs genuinely happen at high load: several separate events (mostly inside high-value/high-load hours), a minimum of hours and a small binomial chance probability given the share of such hours are required; long genuine repairs and cold-weather faults raise the non-N share: that item is low severity only; F (stopped) flags are checked by the marked-stopped-running rule.',
  },
  sqlFile: new URL('./flag-abuse.sql', import.meta.url),
};
