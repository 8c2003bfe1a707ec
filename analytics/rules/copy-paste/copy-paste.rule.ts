import type { RuleDefinition } from '../rule';

export const copyPaste: RuleDefinition = {
  id: 'copy-paste',
  version: '1.0.0',
  title: {
    zh: '数据复制（片段与他时段、他企业完全相同）',
    en: 'Copy-paste: replayed or copied data segments',
  },
  rationale: {
    zh: '真实监测数据在报告精度上不可能在 24 小时以上逐小时与另一时段完全相同。同一排口不同日期、或不同排口、不同企业之间出现逐时相同的有信息量片段，说明数据被复制粘贴或回放。',
    en: 'Real monitoring data cannot repeat another period hour by hour at the reported precision for 24 hours or more. An informative segment identical to another day of the same outlet, or to another outlet or enterprise, means the data were copied or replayed.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（删除、修改、增加存储、处理、传输的数据）、伪造第5项；法释〔2016〕29号、法释〔2023〕7号（运维人员参与从重）',
    en: 'Huanfa [2015] No. 175, tampering item 8 (deleting, modifying or adding stored, processed or transmitted data) and forgery item 5; SPC/SPP interpretations [2016] No. 29 and [2023] No. 7 (heavier for O&M staff)',
  },
  dataNeeded: ['readings of all series (hourly)', 'flags', 'outlets and sites (O&M company)'],
  prepared: ['series_hour', 'series_terms'],
  severity: 'high',
  params: [
    {
      name: 'precision_share',
      type: 'number',
      default: 0.25,
      min: 0.01,
      max: 1,
      description: {
        zh: '判定报告精度：某位小数非零的数值占比达到该值才算该序列使用这一位',
        en: 'Precision detection: a decimal place counts as used when at least this share of values has a non-zero digit there',
      },
    },
    {
      name: 'max_gap_hours',
      type: 'integer',
      default: 1,
      unit: 'h',
      min: 0,
      description: {
        zh: '24 小时窗口内允许跳过的非 N 小时数（如每日固定时刻校准）',
        en: 'Non-N hours a 24-value window may skip (e.g. a daily calibration at a fixed hour)',
      },
    },
    {
      name: 'min_range_quanta',
      type: 'number',
      default: 20,
      min: 1,
      description: {
        zh: '信息量要求：窗口内极差至少为报告精度的该倍数（排除全零、停运、检出限附近的平坦窗口）',
        en: 'Informative windows only: range of at least this many reporting quanta (drops all-zero, stopped and detection-limit windows)',
      },
    },
    {
      name: 'min_distinct',
      type: 'integer',
      default: 8,
      min: 2,
      max: 24,
      description: {
        zh: '信息量要求：24 个值中至少不同值的个数（排除开关量、批次分析仪的少数几个保持值）',
        en: 'Informative windows only: minimum distinct values among the 24 (drops on/off signals and batch analysers with a few held values)',
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 24,
      unit: 'h',
      min: 24,
      description: { zh: '报告的最短相同片段时长', en: 'Shortest identical segment reported' },
    },
    {
      name: 'duplicate_coverage',
      type: 'number',
      default: 0.8,
      min: 0,
      max: 1,
      description: {
        zh: '同一时刻（或相差 1 小时）相同且覆盖两序列共同时段该比例以上：视为同一数据以不同编号重复导入（低级别）',
        en: 'Matches at the same time (or 1 h apart) covering at least this share of the two series’ common span: the same data imported twice under two ids (low)',
      },
    },
  ],
  pitfalls: {
    zh: '全零、停运、检出限附近的平坦窗口大量重复：只哈希极差和不同值个数足够的窗口。导出文件中的重复行、补传记录在导入和小时汇总时已合并，不构成复制。同一排口实测与折算值同一时刻相同是“未做氧含量折算”（另行报低级别线索，无基准氧含量的排口不报）；同一企业两个排口同一时刻相同可能是分时共用 CEMS；两个排口整段相同（相差不超过 1 小时，如小时起止标注不同）多是同一数据以不同编号重复导入：均为低级别。按运维单位汇总由 om-company 规则完成，证据中列出双方企业和运维单位。',
    en: 'All-zero, stopped and detection-limit windows collide massively: only windows with enough range and distinct values are hashed. Duplicate export rows and re-transmitted history are merged on import and in the hourly roll-up, so they are not copies. Measured equal to converted at the same moment on one outlet means no O2 correction (reported separately as low; not at all for outlets without a reference O2); two outlets of one site equal at the same moment may share a time-shared CEMS, and two outlets equal over the whole span (offset at most 1 h, e.g. hour-ending vs hour-beginning labels) are usually the same data imported twice under two ids: both low. Grouping by O&M company is the om-company rule’s job; both enterprises and their O&M companies are in the evidence.',
  },
  sqlFile: new URL('./copy-paste.sql', import.meta.url),
};
