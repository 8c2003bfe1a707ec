import type { Grade, Site } from './city-layout';
import type { DemoPeriod } from './demo-period';
import type { Sector } from './sector-profiles';

/**
 * Heavy-pollution emergency orders (重污染天气应急管控) and each enterprise's 一厂一策 measures.
 * Measures depend on the performance grade and the sector (domain.md §6.3): A and 引领性 decide
 * for themselves, waste-to-energy is exempt (public service), coke ovens cannot stop and extend
 * their coking time instead, the rest limit or stop by grade.
 */

export type AlertLevel = 'yellow' | 'orange' | 'red';

export interface ControlOrder {
  readonly orderId: string;
  readonly level: AlertLevel;
  /** Minute offsets in the period. */
  readonly start: number;
  readonly end: number;
  readonly scope: 'all';
}

export interface Measure {
  readonly siteId: string;
  readonly level: AlertLevel;
  /** '' = whole site. */
  readonly lineId: string;
  readonly action: 'stop' | 'limit';
  readonly limitPct: number | null;
}

export function buildOrders(period: DemoPeriod): ControlOrder[] {
  const date = period.iso(period.orderStart).slice(0, 10).replace(/-/g, '');
  return [
    {
      orderId: `QC-${date}-O`,
      level: 'orange',
      start: period.orderStart,
      end: period.orderEnd,
      scope: 'all',
    },
  ];
}

type LevelPlan = readonly [yellow: Plan, orange: Plan, red: Plan];
type Plan = number | 'stop' | null; // limit % | stop | no mandatory measure

function plansFor(sector: Sector, grade: Grade): LevelPlan | null {
  if (grade === 'A' || grade === '引领性' || sector === 'incineration') return null;
  switch (sector) {
    case 'thermal':
      return [10, 20, 30];
    case 'coking':
      return grade === 'B' ? [20, 30, 50] : [30, 50, 50];
    case 'cement':
      return grade === 'B' ? [20, 50, 'stop'] : [50, 'stop', 'stop'];
    case 'steel':
    case 'printing':
    case 'chemical':
      if (grade === 'B') return [20, 30, 50];
      if (grade === 'B-') return [30, 50, 'stop'];
      if (grade === 'C') return [30, 'stop', 'stop'];
      return ['stop', 'stop', 'stop'];
  }
}

const LEVELS: readonly AlertLevel[] = ['yellow', 'orange', 'red'];

export function measuresFor(site: Site): Measure[] {
  const plans = plansFor(site.sector, site.grade);
  if (!plans) return [];
  const out: Measure[] = [];
  LEVELS.forEach((level, i) => {
    const plan = plans[i]!;
    if (plan === null) return;
    if (plan === 'stop') {
      for (const line of site.lines) {
        out.push({ siteId: site.siteId, level, lineId: line.lineId, action: 'stop', limitPct: null });
      }
    } else {
      out.push({ siteId: site.siteId, level, lineId: '', action: 'limit', limitPct: plan });
    }
  });
  return out;
}

/** What a line must do during an order: keep running, cut load by pct, or stop. */
export type LineObligation =
  | { readonly action: 'none' }
  | { readonly action: 'limit'; readonly pct: number }
  | { readonly action: 'stop' };

export function obligationFor(
  measures: readonly Measure[],
  level: AlertLevel,
  lineId: string,
): LineObligation {
  const m =
    measures.find((x) => x.level === level && x.lineId === lineId) ??
    measures.find((x) => x.level === level && x.lineId === '');
  if (!m) return { action: 'none' };
  return m.action === 'stop' ? { action: 'stop' } : { action: 'limit', pct: m.limitPct ?? 0 };
}
