import { randomUUID } from 'node:crypto';
import { connectionRunner, limitMemory, type Database } from '../engine/database';
import { appendAudit, canonicalJson, nowLocal } from '../evidence/audit-log';
import { AppFailure } from '../api/result';
import type { ProgressEvent } from '../api/progress';
import type { ScreeningReport } from '../api/domain';
import { catalog, ruleById } from '../rules/catalog';
import type { ParamValues, RuleDefinition } from '../rules/rule';
import { evaluateRule, resolveParams } from './evaluate-rule';
import { prepareInputs, sourceHashes, type PassOutcome } from './prepare-inputs';

export interface ScreeningOptions {
  readonly jobId: string;
  readonly actor: string;
  /** Rule ids to run (default: the whole catalog). */
  readonly ruleIds?: readonly string[];
  readonly params?: Readonly<Record<string, ParamValues>>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (e: ProgressEvent) => void;
  /**
   * DuckDB memory_limit for the run (default ANALYST_SCREENING_MEMORY, else 2GB); the previous
   * setting is restored afterwards. The shared passes and rules spill to the case's temp directory
   * beyond it, so a city-year screens within a bounded process RSS.
   */
  readonly memoryLimit?: string;
}

type RuleRunReport = ScreeningReport['rules'][number];

/**
 * A finding's id, over `rule_out r` joined to `outlets o` and `devices dv`: a hash of the rule, its
 * version and parameters ($id, $version, $params) and what the finding points at (site, outlet,
 * device, series, code, period). A finding that points at no site, outlet, device or series (an O&M
 * company's pattern) is told apart by its summary, which names its subject: two companies' findings
 * over the same period would otherwise share an id.
 */
export const FINDING_ID_SQL = `left(sha256(concat_ws('|', $id, $version, $params, coalesce(o.site_id, dv.site_id, r.site_id),
  r.outlet_id, r.device_id, r.series_id, r.code, r.start_ts, r.end_ts,
  CASE WHEN coalesce(o.site_id, dv.site_id, r.site_id, r.outlet_id, r.device_id, r.series_id::VARCHAR) IS NULL
       THEN r.summary_en END)), 24)`;

/**
 * Screen the case with the catalog. One transaction: the findings of each rule that ran replace that
 * rule's earlier findings, and a cancel leaves the earlier findings as they were. A finding's id is
 * a hash of rule, version, parameters and what it points at, so re-running with the same inputs and
 * parameters reproduces the same findings (same ids, same content). A run waits for an import (or
 * another run) writing to the case to finish first (`Database.exclusive`).
 */
export function runScreening(db: Database, options: ScreeningOptions): Promise<ScreeningReport> {
  return db.exclusive(() => screenCase(db, options));
}

async function screenCase(db: Database, options: ScreeningOptions): Promise<ScreeningReport> {
  const started = performance.now();
  const rules: RuleDefinition[] = options.ruleIds ? options.ruleIds.map((id) => ruleById(id)) : [...catalog];
  const resolved = rules.map((r) => ({ rule: r, params: resolveParams(r, options.params?.[r.id]) }));
  const runId = randomUUID();
  const connection = await db.connect();
  const tx = connectionRunner(connection);
  const onAbort = () => connection.interrupt();
  options.signal?.addEventListener('abort', onAbort);
  const total = rules.length + 1;
  const t0 = performance.now();
  const progress = (phase: string, done: number, item?: string) => {
    const elapsed = (performance.now() - t0) / 1000;
    const rate = elapsed > 0 ? done / elapsed : null;
    const base = {
      jobId: options.jobId,
      phase,
      done,
      total,
      unit: 'rules' as const,
      rate,
      etaSeconds: rate ? (total - done) / rate : null,
    };
    options.onProgress?.(item === undefined ? base : { ...base, item });
  };
  const reports: RuleRunReport[] = [];
  let inputHashes: string[];
  let passes: PassOutcome[];
  const restoreMemory = await limitMemory(
    tx,
    options.memoryLimit ?? process.env['ANALYST_SCREENING_MEMORY'] ?? '2GB',
    db.memoryLimit,
  );
  try {
    // The shared passes are kept in the case (prepare-inputs.ts) and rebuilt only when the data
    // changed, each in its own transaction before the run's: tables created inside the run's
    // transaction have no statistics yet, and several rules then chose join orders many times
    // slower. The passes read one committed state of the case; if an import commits before the run's
    // transaction starts (the source files differ), the stale passes are rebuilt inside it, so
    // findings always come from the inputs they name.
    progress('prepare', 0);
    const prepare = (inTransaction: boolean) =>
      prepareInputs(
        tx,
        rules.flatMap((r) => r.prepared),
        { onStep: (input) => progress('prepare', 0, input), inTransaction },
      );
    const prepared = await sourceHashes(tx);
    passes = await prepare(false);
    await tx.run('BEGIN TRANSACTION');
    inputHashes = await sourceHashes(tx);
    if (inputHashes.join() !== prepared.join()) passes = await prepare(true);
    for (const [i, { rule, params }] of resolved.entries()) {
      if (options.signal?.aborted) throw new AppFailure('cancelled', 'Screening cancelled.');
      progress('rule', i + 1, rule.id);
      const r0 = performance.now();
      await evaluateRule(tx, rule, params);
      const paramsJson = canonicalJson(params);
      await tx.run('DELETE FROM findings WHERE rule_id = $id', { id: rule.id });
      await tx.run(
        `INSERT INTO findings
         SELECT ${FINDING_ID_SQL} AS finding_id,
                $run, $id, $version, $params, coalesce(r.severity, $severity), r.score,
                coalesce(r.site_id, o.site_id, dv.site_id), r.outlet_id, r.device_id, r.series_id, r.code,
                r.start_ts, r.end_ts, coalesce(r.summary_zh, ''), coalesce(r.summary_en, ''),
                coalesce(to_json(r.evidence)::VARCHAR, '{}'), $inputs, $now::TIMESTAMP
         FROM rule_out r
         LEFT JOIN outlets o ON o.outlet_id = r.outlet_id
         LEFT JOIN devices dv ON dv.device_id = r.device_id
         ORDER BY r.start_ts, r.outlet_id, r.device_id`,
        {
          id: rule.id,
          version: rule.version,
          params: paramsJson,
          run: runId,
          severity: rule.severity,
          inputs: JSON.stringify(inputHashes),
          now: nowLocal(),
        },
      );
      const [n] = await tx.all<{ n: number }>('SELECT count(*) AS n FROM rule_out');
      reports.push({
        ruleId: rule.id,
        version: rule.version,
        findings: n?.n ?? 0,
        seconds: (performance.now() - r0) / 1000,
      });
    }
    await appendAudit(tx, options.actor, 'screening.run', {
      runId,
      rules: resolved.map(({ rule, params }) => ({ id: rule.id, version: rule.version, params })),
      inputHashes,
      findings: reports.map((r) => [r.ruleId, r.findings]),
    });
    await tx.run('COMMIT');
  } catch (e) {
    await tx.run('ROLLBACK').catch(() => undefined);
    if (options.signal?.aborted)
      throw new AppFailure('cancelled', 'Screening cancelled; earlier findings are unchanged.');
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await restoreMemory();
    connection.closeSync();
  }
  progress('done', total);
  return {
    runId,
    inputHashes,
    rules: reports,
    passes,
    findings: reports.reduce((s, r) => s + r.findings, 0),
    seconds: (performance.now() - started) / 1000,
  };
}
