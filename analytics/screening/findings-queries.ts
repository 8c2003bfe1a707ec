import type { Finding } from '../api/domain';
import type { SqlRunner } from '../engine/database';
import { SEVERITY_ORDER, type Severity } from '../rules/rule';

export interface FindingsFilter {
  readonly ruleId?: string | undefined;
  readonly siteId?: string | undefined;
  readonly minSeverity?: Severity | undefined;
  readonly limit: number;
  readonly offset: number;
}

interface FindingRow {
  finding_id: string;
  run_id: string;
  rule_id: string;
  rule_version: string;
  params_json: string;
  severity: string;
  score: number | null;
  site_id: string | null;
  site_name: string | null;
  outlet_id: string | null;
  device_id: string | null;
  series_id: number | null;
  code: string | null;
  start_ts: string | null;
  end_ts: string | null;
  summary_zh: string;
  summary_en: string;
  evidence_json: string;
  input_hashes_json: string;
}

/** Findings, most severe and strongest first, paged. */
export async function listFindings(
  db: SqlRunner,
  filter: FindingsFilter,
): Promise<{ total: number; findings: Finding[] }> {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.ruleId !== undefined) {
    where.push('f.rule_id = $rule');
    params['rule'] = filter.ruleId;
  }
  if (filter.siteId !== undefined) {
    where.push('f.site_id = $site');
    params['site'] = filter.siteId;
  }
  if (filter.minSeverity !== undefined) {
    where.push(`list_position(${sevList}, f.severity) >= $sev`);
    params['sev'] = SEVERITY_ORDER.indexOf(filter.minSeverity) + 1;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [total] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM findings f ${clause}`, params);
  const rows = await db.all<FindingRow & Record<string, string | number | null>>(
    `SELECT f.*, s.site_name FROM findings f LEFT JOIN sites s USING (site_id) ${clause}
     ORDER BY list_position(${sevList}, f.severity) DESC, f.score DESC NULLS LAST, f.start_ts, f.finding_id
     LIMIT ${filter.limit} OFFSET ${filter.offset}`,
    params,
  );
  return { total: total?.n ?? 0, findings: rows.map(toFinding) };
}

const sevList = `[${SEVERITY_ORDER.map((s) => `'${s}'`).join(', ')}]`;

function toFinding(r: FindingRow): Finding {
  return {
    findingId: r.finding_id,
    runId: r.run_id,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    params: JSON.parse(r.params_json) as Finding['params'],
    severity: r.severity,
    score: r.score,
    siteId: r.site_id,
    siteName: r.site_name,
    outletId: r.outlet_id,
    deviceId: r.device_id,
    seriesId: r.series_id,
    code: r.code,
    start: r.start_ts,
    end: r.end_ts,
    summaryZh: r.summary_zh,
    summaryEn: r.summary_en,
    evidence: JSON.parse(r.evidence_json) as Record<string, unknown>,
    inputHashes: JSON.parse(r.input_hashes_json) as string[],
  };
}
