import { expect } from 'vitest';
import type { RuleCase } from '../rule-case';
import { site, trucks } from '../treatment-off/operations-fixtures';

const orders = [
  {
    order_id: 'O-1007',
    level: 'orange',
    start_ts: '2025-10-07 18:00:00',
    end_ts: '2025-10-10 00:00:00',
    scope: 'all',
  },
];

/** Normal traffic on the ten days before the order: 30 entries a day, 06:00–22:00, a quarter 国四. */
function normalDays(siteId: string, prefix: string) {
  const out = [];
  for (let d = 27; d <= 30; d++) {
    const day = `2025-09-${d}`;
    out.push(...trucks(siteId, `${day} 06:00:00`, `${day} 22:00:00`, 22, '国五', 'diesel', `${prefix}A${d}`));
    out.push(...trucks(siteId, `${day} 06:30:00`, `${day} 21:30:00`, 8, '国四', 'diesel', `${prefix}B${d}`));
  }
  for (let d = 1; d <= 7; d++) {
    const day = `2025-10-0${d}`;
    out.push(...trucks(siteId, `${day} 06:00:00`, `${day} 22:00:00`, 22, '国五', 'diesel', `${prefix}A${d}`));
    out.push(...trucks(siteId, `${day} 06:30:00`, `${day} 17:30:00`, 8, '国四', 'diesel', `${prefix}B${d}`));
  }
  return out;
}

export const orderTrucksCases: readonly RuleCase[] = [
  {
    name: 'cement plant under a stop order keeps shipping clinker with China IV trucks',
    kind: 'positive',
    note: {
      zh: '水泥厂要求停产，预警期间仍有国四柴油货车进出，进厂总量接近平日',
      en: 'A cement plant that must stop keeps China IV diesel trucks coming; total traffic close to normal',
    },
    data: {
      sites: [site('K1', { industry: '水泥' })],
      orders,
      measures: [{ site_id: 'K1', level: 'orange', line_id: 'K1-L1', action: 'stop', limit_pct: null }],
      gates: [
        ...normalDays('K1', '冀R'),
        ...trucks('K1', '2025-10-08 06:00:00', '2025-10-08 22:00:00', 20, '国五', 'diesel', '冀RC'),
        ...trucks('K1', '2025-10-08 07:00:00', '2025-10-08 21:00:00', 7, '国四', 'diesel', '冀RD'),
        ...trucks('K1', '2025-10-09 06:00:00', '2025-10-09 22:00:00', 20, '国五', 'diesel', '冀RE'),
        ...trucks('K1', '2025-10-09 07:00:00', '2025-10-09 21:00:00', 6, '国三', 'diesel', '冀RF'),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ site_id: 'K1', score: 13, severity: 'high' }),
  },
  {
    name: 'compliant plant with clean trucks only; an A-grade plant without mandatory measures',
    kind: 'negative',
    note: {
      zh: '合规企业预警期间仅国五、国六和电动货车进出；A 级企业无强制措施，不判断',
      en: 'A compliant plant admits only China V/VI and electric trucks; an A-grade plant without mandatory measures is not judged',
    },
    data: {
      sites: [site('C1'), site('A1', { grade: 'A' })],
      orders,
      measures: [{ site_id: 'C1', level: 'orange', line_id: null, action: 'limit', limit_pct: 30 }],
      gates: [
        ...normalDays('C1', '冀A'),
        ...trucks('C1', '2025-10-08 06:00:00', '2025-10-08 22:00:00', 12, '国六', 'diesel', '冀AG'),
        ...trucks('C1', '2025-10-08 06:00:00', '2025-10-08 22:00:00', 6, '电动', 'electric', '冀AD'),
        ...trucks('A1', '2025-10-08 06:00:00', '2025-10-08 22:00:00', 10, '国四', 'diesel', '冀AH'),
      ],
    },
    expectFindings: 0,
  },
  {
    name: 'stage spellings 国Ⅳ, IV and 4; gas-fuelled China IV passes; unknown stages not banned',
    kind: 'edge',
    note: {
      zh: '排放阶段写作“国Ⅳ”“IV”“4”均按国四处理；燃气国四车不受柴油限制；无法识别的阶段不计',
      en: 'Stages written 国Ⅳ, IV and 4 all count as China IV; a gas-fuelled China IV truck passes; unrecognised stages are not banned',
    },
    data: {
      sites: [site('L1')],
      orders,
      measures: [{ site_id: 'L1', level: 'orange', line_id: null, action: 'limit', limit_pct: 30 }],
      gates: [
        ...trucks('L1', '2025-10-08 08:00:00', '2025-10-08 12:00:00', 2, '国Ⅳ', 'diesel', '冀BA'),
        ...trucks('L1', '2025-10-08 12:00:00', '2025-10-08 16:00:00', 2, 'IV', '柴油', '冀BB'),
        ...trucks('L1', '2025-10-08 16:00:00', '2025-10-08 20:00:00', 1, '4', 'diesel', '冀BC'),
        ...trucks('L1', '2025-10-08 08:00:00', '2025-10-08 20:00:00', 3, '国四', 'gas', '冀BD'),
        ...trucks('L1', '2025-10-08 08:00:00', '2025-10-08 20:00:00', 3, '未知', 'diesel', '冀BE'),
        ...trucks('L1', '2025-10-08 08:00:00', '2025-10-08 20:00:00', 3, '国Ⅵ', 'diesel', '冀BF'),
      ],
    },
    expectFindings: 1,
    check: (f) => expect(f[0]).toMatchObject({ site_id: 'L1', score: 5, severity: 'medium' }),
  },
];
