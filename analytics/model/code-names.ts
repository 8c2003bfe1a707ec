/**
 * Display names of the monitoring codes seen most (domain.md §1.2). The full HJ 212 dictionary is
 * generated from the code list into analytics/model/codes/.
 */
const NAMES: Readonly<Record<string, string>> = {
  a21026: '二氧化硫 SO2',
  a21002: '氮氧化物 NOx',
  a34013: '颗粒物 PM',
  a19001: '氧含量 O2',
  a01011: '烟气流速',
  a01012: '烟气温度',
  a01013: '烟气压力',
  a01014: '烟气湿度',
  a00000: '烟气流量',
  a24088: '非甲烷总烃 NMHC',
  w00000: '废水流量',
  w01001: 'pH',
  w01018: '化学需氧量 COD',
  w21003: '氨氮 NH3-N',
  w21011: '总磷 TP',
  w21001: '总氮 TN',
};

export function codeName(code: string): string | null {
  return NAMES[code] ?? null;
}
