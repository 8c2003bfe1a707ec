import type { DemoPeriod } from './demo-period';
import type { DemoLabel, LegalCategory, RuleId } from './demo-types';

export interface LabelInput {
  readonly kind: 'case' | 'lookalike';
  readonly rule: RuleId;
  readonly siteId?: string;
  readonly outletId?: string;
  readonly deviceId?: string;
  readonly stationId?: string;
  readonly code?: string;
  /** Minute offsets in the period, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly also?: readonly RuleId[];
  readonly legal: LegalCategory;
  readonly zh: string;
  readonly en: string;
  readonly relatedOutletId?: string;
  readonly relatedStart?: number;
}

/** Collects labels in generation order; ids are L0001, L0002 … in that order. */
export class LabelBook {
  private readonly labels: DemoLabel[] = [];

  constructor(private readonly period: DemoPeriod) {}

  add(input: LabelInput): void {
    const start = Math.max(0, input.start);
    const end = Math.min(this.period.minutes, input.end);
    if (end <= start) return; // the window fell outside the period
    this.labels.push({
      label_id: `L${String(this.labels.length + 1).padStart(4, '0')}`,
      kind: input.kind,
      site_id: input.siteId ?? '',
      outlet_id: input.outletId ?? '',
      device_id: input.deviceId ?? '',
      station_id: input.stationId ?? '',
      code: input.code ?? '',
      start: this.period.iso(start),
      end: this.period.iso(end),
      expected_rule: input.rule,
      also_rules: (input.also ?? []).join(';'),
      legal_category: input.legal,
      description_zh: input.zh,
      description_en: input.en,
      related_outlet_id: input.relatedOutletId ?? '',
      related_start: input.relatedStart === undefined ? '' : this.period.iso(input.relatedStart),
    });
  }

  all(): readonly DemoLabel[] {
    return this.labels;
  }
}
