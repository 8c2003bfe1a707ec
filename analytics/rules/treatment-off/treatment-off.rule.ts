import type { RuleDefinition } from '../rule';

export const treatmentOff: RuleDefinition = {
  id: 'treatment-off',
  version: '1.1.1',
  title: { zh: '产治不同步：生产运行而治污设施停运', en: 'Production running while treatment is off' },
  rationale: {
    zh: '分表计电显示生产设施运行，而同一生产线关联的全部治污设施均处于停机状态，废气/废水未经处理直接排放（印刷厂案例：14:00–16:00 印刷机运行，VOCs 治理风机功率为 0）。',
    en: 'Sub-metering shows a production line running while every treatment device linked to it is off, so the exhaust or effluent leaves untreated (printing-plant case: press on 14:00–16:00 with the VOC fan at 0 kW).',
  },
  legalCategory: '未按规定运行治污设施',
  legalBasis: {
    zh: '《大气污染防治法》第二十条（不正常运行大气污染防治设施）；环发〔2015〕175号 篡改第3项（干预生产工况或治污设施使监测数据不能反映实际）；《环境保护主管部门实施按日连续处罚办法》第五条第二项（不正常运行防治污染设施）',
    en: 'Air Pollution Prevention and Control Law Art. 20 (abnormal operation of treatment facilities); Huanfa [2015] No. 175, tampering item 3 (manipulating production conditions or treatment facilities); MEP Order No. 28 (daily continuous penalties) Art. 5 item 2',
  },
  dataNeeded: ['devices (role, line_id)', 'power_readings'],
  prepared: ['device_state', 'device_profile', 'device_edges', 'line_units', 'line_members'],
  severity: 'high',
  params: [
    {
      name: 'min_minutes',
      type: 'number',
      default: 15,
      unit: 'min',
      min: 1,
      description: {
        zh: '最短不同步时长（合并后累计）',
        en: 'Minimum production-on / treatment-off time (after merging)',
      },
    },
    {
      name: 'merge_gap_minutes',
      type: 'integer',
      default: 30,
      unit: 'min',
      min: 0,
      description: {
        zh: '间隔不超过此值的相邻片段合并为一次',
        en: 'Episodes separated by at most this are merged',
      },
    },
    {
      name: 'gap_factor',
      type: 'number',
      default: 2,
      min: 1,
      description: {
        zh: '两次读数间隔超过采样周期的此倍数视为数据缺失（缺失不等于停机）',
        en: 'A step longer than this many sampling intervals is missing data (missing is never "off")',
      },
    },
    {
      name: 'clock_tolerance_minutes',
      type: 'integer',
      default: 2,
      unit: 'min',
      min: 0,
      description: {
        zh: '电表时钟偏差容忍度，用于判断片段是否紧贴开机/停机时刻',
        en: 'Meter clock tolerance when deciding whether an episode touches a production start or stop',
      },
    },
    {
      name: 'batch_cycles_per_day',
      type: 'number',
      default: 2,
      min: 0,
      description: {
        zh: '治污设施平均每个生产日停机次数达到此值视为间歇（批次）运行，如带调节池的污水处理',
        en: 'Treatment stopping this many times per production day on average runs intermittently by design (e.g. wastewater with an equalisation tank)',
      },
    },
    {
      name: 'batch_max_off_minutes',
      type: 'integer',
      default: 240,
      unit: 'min',
      min: 0,
      description: {
        zh: '间歇运行的治污设施单次停机不超过此时长不报告，更长的仅作低级别线索',
        en: 'Intermittent treatment: stops up to this long are not reported, longer ones only as low-severity leads',
      },
    },
  ],
  pitfalls: {
    zh: '一套治污设施服务多条生产线或一条线有多台风机：按 line_id 关联，要求全部关联治污设施停机；变频风机低速运行仍高于治污“开”阈值（p95 的 10%）；缺数不等于停机；电表时钟偏差（±2 分钟）按各自时间戳比较，不强制对齐网格；开机滞后和停机提前分别由治污后开、治污先停规则报告；带调节池的批次污水处理每天多次周期性停机，其常规停机不报告。',
    en: 'One treatment unit serving several lines, or several fans per line: linkage by line_id and ALL linked treatment must be off; a variable-frequency fan at low speed stays above the treatment on-threshold (10 % of p95); missing data is unknown, not off; meter clock skew (±2 min) is harmless because meters are compared on their own timestamps; gaps only at a start or stop are left to the late-start / early-stop rules; batch wastewater treatment cycling off several times a day (equalisation tank) is not reported for its usual stops.',
  },
  sqlFile: new URL('./treatment-off.sql', import.meta.url),
};
