import { describe, expect, it } from 'vitest';
import type { RuleInfo } from '../../../analytics/api';
import { matchesQuery, ruleSearchText } from './match-rule';

const rule: RuleInfo = {
  id: 'flatline',
  version: '1.0.0',
  title: { zh: '恒值异常', en: 'Flatline: constant values' },
  rationale: { zh: '真实分析仪总有波动', en: 'Real analysers always show noise' },
  legalCategory: '伪造',
  legalBasis: { zh: '环发〔2015〕175号', en: 'Huanfa [2015] No. 175' },
  pitfalls: { zh: '停运时段', en: 'Stopped periods' },
  dataNeeded: ['readings (hourly or finer)'],
  severity: 'high',
  params: [
    {
      name: 'min_hours',
      type: 'integer',
      default: 6,
      unit: 'h',
      description: { zh: '最短恒值时长', en: 'Minimum run length' },
    },
  ],
};

describe('rule search', () => {
  const text = ruleSearchText(rule, ['Forgery']);

  it('finds a rule by words of either language, its id, parameters and extra labels', () => {
    expect(matchesQuery(text, '')).toBe(true);
    expect(matchesQuery(text, '恒值')).toBe(true);
    expect(matchesQuery(text, 'FLATLINE')).toBe(true);
    expect(matchesQuery(text, 'min_hours 175')).toBe(true);
    expect(matchesQuery(text, 'forgery')).toBe(true);
  });

  it('needs every term', () => {
    expect(matchesQuery(text, 'flatline exceedance')).toBe(false);
  });
});
