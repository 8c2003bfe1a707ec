import type { RuleDefinition } from '../rule';

export const meterOutage: RuleDefinition = {
  id: 'meter-outage',
  version: '1.1.0',
  title: { zh: '分表计电数据中断', en: 'Sub-meter outage during production or an order' },
  rationale: {
    zh: '生产或治污设施分表在生产期间或重污染预警期间停止上报数据，掩盖了停限产或治污设施运行的真实情况；电度表累计读数的跳变可揭示中断期间的实际用电。',
    en: 'A production or treatment sub-meter stops reporting while the plant produces or during an alert, hiding whether the stop/limit or the treatment was honoured; the jump of the cumulative kWh register reveals the energy used meanwhile.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第5项（破坏数据采集、通讯、供电设施）、第11项（未按规范传输原始数据）；《大气污染防治法》第二十四条（保证监测设备正常运行）',
    en: 'Huanfa [2015] No. 175, tampering items 5 (damaging acquisition, communication or power) and 11 (not transmitting raw data); Air Pollution Prevention and Control Law Art. 24',
  },
  dataNeeded: ['power_readings (with kWh register)', 'devices', 'orders', 'measures', 'CEMS flow'],
  prepared: ['device_state', 'device_profile', 'device_edges', 'outlet_hour'],
  severity: 'low',
  params: [
    {
      name: 'min_missing_minutes',
      type: 'number',
      default: 30,
      unit: 'min',
      min: 1,
      description: { zh: '最短缺失时长', en: 'Minimum missing time' },
    },
    {
      name: 'flow_ratio',
      type: 'number',
      default: 0.3,
      min: 0,
      description: {
        zh: '烟气流量超过典型值的此比例视为 CEMS 显示在生产',
        en: 'Stack flow above this share of typical counts as the CEMS showing production',
      },
    },
  ],
  pitfalls: {
    zh: '网络或供电故障也会造成中断：非预警期间仅报低级别；停产期间的中断（中断前后均停机、CEMS 显示停运、无其他运行证据）不报告；同时统计 CEMS 同期缺失小时以识别全厂性通讯故障；采样周期按每个电表自身计算，不同周期的电表不会误报。',
    en: 'Network or power failures also silence meters: outside orders only low severity; outages while the plant is stopped (off before and after, CEMS stopped, no other evidence) are not reported; CEMS hours missing at the same time are counted to recognise site-wide communication failures; each meter is judged against its own interval.',
  },
  sqlFile: new URL('./meter-outage.sql', import.meta.url),
};
