import type { Stat } from '../../api/domain';
import { normaliseHeader } from './field-aliases';

/**
 * Column headers of the wide monitoring export (input-formats.md §1): code style
 * (`a21026-avg`, `a21026-ZsAvg`, `a21026-flag`, case-insensitive, `-` or `_`) or Chinese
 * (`二氧化硫实测浓度(mg/m3)`, `二氧化硫折算浓度`, `二氧化硫排放量`, `二氧化硫标记`, `氧含量`, `标干流量` ...).
 */
export type WideColumn =
  | { readonly kind: 'value'; readonly code: string; readonly stat: Stat; readonly unit: string | null }
  | { readonly kind: 'flag'; readonly code: string };

const SUFFIX_STAT: Readonly<Record<string, Stat | 'flag'>> = {
  rtd: 'rtd',
  min: 'min',
  avg: 'avg',
  max: 'max',
  cou: 'cou',
  zsrtd: 'zs_rtd',
  zsmin: 'zs_min',
  zsavg: 'zs_avg',
  zsmax: 'zs_max',
  flag: 'flag',
};

/** Chinese names of the monitoring parameters seen in platform exports -> HJ 212-2017 code. */
const CHINESE_CODES: ReadonlyArray<readonly [string, string]> = [
  ['二氧化硫', 'a21026'],
  ['氮氧化物', 'a21002'],
  ['一氧化氮', 'a21003'],
  ['二氧化氮', 'a21004'],
  ['颗粒物', 'a34013'],
  ['烟尘', 'a34013'],
  ['一氧化碳', 'a21005'],
  ['氯化氢', 'a21024'],
  ['非甲烷总烃', 'a24088'],
  ['总烃', 'a24087'],
  ['氧含量', 'a19001'],
  ['含氧量', 'a19001'],
  ['氧气', 'a19001'],
  ['烟气流速', 'a01011'],
  ['流速', 'a01011'],
  ['烟气温度', 'a01012'],
  ['烟温', 'a01012'],
  ['烟气压力', 'a01013'],
  ['烟气湿度', 'a01014'],
  ['湿度', 'a01014'],
  ['烟气动压', 'a01017'],
  ['标干流量', 'a00000'],
  ['烟气流量', 'a00000'],
  ['废气流量', 'a00000'],
  ['废气', 'a00000'],
  ['化学需氧量', 'w01018'],
  ['cod', 'w01018'],
  ['氨氮', 'w21003'],
  ['总磷', 'w21011'],
  ['总氮', 'w21001'],
  ['ph值', 'w01001'],
  ['ph', 'w01001'],
  ['废水流量', 'w00000'],
  ['污水流量', 'w00000'],
  ['废水', 'w00000'],
  ['污水', 'w00000'],
];

const CHINESE_STAT: ReadonlyArray<readonly [string, Stat | 'flag']> = [
  ['实测浓度', 'avg'],
  ['实测值', 'avg'],
  ['折算浓度', 'zs_avg'],
  ['折算值', 'zs_avg'],
  ['排放量', 'cou'],
  ['累计流量', 'cou'],
  ['最小值', 'min'],
  ['最大值', 'max'],
  ['平均值', 'avg'],
  ['浓度', 'avg'],
  ['标记', 'flag'],
  ['标识', 'flag'],
  ['数据标记', 'flag'],
];

function unitOf(header: string): string | null {
  const m = /[(（[【]\s*([^)）\]】]+?)\s*[)）\]】]/.exec(header);
  return m?.[1] ?? null;
}

export function parseWideHeader(
  header: string,
  codeAliases?: (name: string) => string | null,
): WideColumn | null {
  const h = normaliseHeader(header);
  const codeStyle =
    /^([a-z]\d{5}|[a-z]\d{2}|\d{2,3}|[bs]\d{2})(rtd|min|avg|max|cou|zsrtd|zsmin|zsavg|zsmax|flag)$/.exec(h);
  if (codeStyle) {
    const code = codeStyle[1]!;
    const stat = SUFFIX_STAT[codeStyle[2]!]!;
    return stat === 'flag' ? { kind: 'flag', code } : { kind: 'value', code, stat, unit: unitOf(header) };
  }
  let name = h;
  let stat: Stat | 'flag' = 'avg';
  for (const [word, s] of CHINESE_STAT) {
    if (name.endsWith(word) && name.length > word.length) {
      name = name.slice(0, -word.length);
      stat = s;
      break;
    }
  }
  const code = CHINESE_CODES.find(([n]) => n === name)?.[1] ?? codeAliases?.(name) ?? null;
  if (code === null) return null;
  return stat === 'flag' ? { kind: 'flag', code } : { kind: 'value', code, stat, unit: unitOf(header) };
}
