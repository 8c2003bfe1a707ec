import os from 'node:os';
import { version as duckdbVersion } from '@duckdb/node-api';
import type { ChannelName, ParsedRequestOf, ResponseOf } from './api/channels';
import type { ProgressEvent } from './api/progress';
import { AppFailure } from './api/result';
import { closeCase, createCase, openCase, type OpenCase } from './engine/case-file';
import { seriesWindow } from './engine/series-window';
import { JobRegistry } from './host/job-registry';
import { importFiles } from './ingest/import-files';
import { resolveFileMappings, templateLookup } from './ingest/resolve-file-mappings';
import { previewFile } from './ingest/preview-file';
import { TemplateStore } from './ingest/template-store';
import { caseSummary, listSeries } from './model/case-queries';
import { CURRENT_SCHEMA_VERSION } from './model/migrations';
import { catalog } from './rules/catalog';
import { listFindings } from './screening/findings-queries';
import { rankEnterprises } from './screening/rank-enterprises';
import { runScreening } from './screening/run-screening';
import packageJson from '../package.json' with { type: 'json' };

/** What a handler gets besides its request: cancellation and progress for long work. */
export interface HandlerContext {
  readonly signal: AbortSignal;
  readonly jobId: string | null;
  emitProgress(event: ProgressEvent): void;
}

export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
  ctx: HandlerContext,
) => Promise<ResponseOf<C>>;

/** Exactly one handler per contract channel: the type makes a missing or extra one a compile error. */
export type Handlers = { readonly [C in ChannelName]: Handler<C> };

export interface AnalyticsOptions {
  readonly mode: 'desktop' | 'browser' | 'cli' | 'test';
  /** Who acts, for the audit log. */
  readonly actor?: string;
  /**
   * Prepares the demo case (generate + import on first use) and returns its path; absent where the
   * host has no demo (tests).
   */
  readonly demoCase?: (ctx: HandlerContext) => Promise<string>;
  /** JSON file of the saved mapping templates (in the app's data directory); absent: none can be saved. */
  readonly templatesFile?: string;
}

export interface Analytics {
  readonly handlers: Handlers;
  readonly jobs: JobRegistry;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  emitProgress(event: ProgressEvent): void;
  dispose(): Promise<void>;
}

const appVersion: string = packageJson.version;

/** The single object that implements the contract, whatever the transport. */
export function createAnalytics(options: AnalyticsOptions): Analytics {
  const actor = options.actor ?? os.userInfo().username;
  const ctx = { appVersion, actor };
  const jobs = new JobRegistry();
  const listeners = new Set<(event: ProgressEvent) => void>();
  let current: OpenCase | null = null;
  const templates = options.templatesFile ? new TemplateStore(options.templatesFile) : null;
  const requireTemplates = (): TemplateStore => {
    if (!templates) {
      throw new AppFailure(
        'internal',
        'This host has no data directory, so mapping templates cannot be saved.',
      );
    }
    return templates;
  };

  const requireCase = (): OpenCase => {
    if (!current) throw new AppFailure('no-case-open', 'No case is open. Create or open a case first.');
    return current;
  };
  const closeCurrent = async (): Promise<boolean> => {
    if (!current) return false;
    const c = current;
    current = null;
    await closeCase(c);
    return true;
  };
  const switchTo = async (open: () => Promise<OpenCase>) => {
    await closeCurrent();
    current = await open();
    return caseSummary(current.db, current.path);
  };

  const handlers: Handlers = {
    'app:info': async () => ({
      version: appVersion,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      duckdbVersion: duckdbVersion(),
      mode: options.mode,
      demoCasePath: null,
    }),
    'case:create': (req) => switchTo(() => createCase(req.path, ctx)),
    'case:open': (req) => switchTo(() => openCase(req.path, ctx)),
    'case:openDemo': async (_req, hctx) => {
      if (!options.demoCase) throw new AppFailure('case-not-found', 'This host has no demo case.');
      const demoPath = await options.demoCase(hctx);
      if (current?.path === demoPath) return caseSummary(current.db, current.path);
      return switchTo(() => openCase(demoPath, ctx));
    },
    'case:close': async () => ({ closed: await closeCurrent() }),
    'case:summary': async () => (current ? caseSummary(current.db, current.path) : null),
    'import:files': async (req, hctx) => {
      const c = requireCase();
      const mappings = resolveFileMappings(req.mappings ?? [], templates);
      const templateForShape = templateLookup(templates);
      return importFiles(c.db, req.paths, {
        mappings,
        ...(templateForShape ? { templateForShape } : {}),
        jobId: req.jobId,
        actor,
        signal: hctx.signal,
        onProgress: (e) => hctx.emitProgress(e),
      });
    },
    'import:preview': async (req) => previewFile(req.path, templates),
    'templates:list': async () => templates?.list() ?? [],
    'templates:save': async (req) => requireTemplates().save(req.name, req.shapeKey, req.mapping),
    'templates:delete': async (req) => ({ deleted: requireTemplates().delete(req.name) }),
    'series:list': async (req) => listSeries(requireCase().db, req),
    'series:window': async (req) => seriesWindow(requireCase().db, req),
    'rules:list': async () =>
      catalog.map((r) => ({
        id: r.id,
        version: r.version,
        title: r.title,
        rationale: r.rationale,
        legalCategory: r.legalCategory,
        legalBasis: r.legalBasis,
        pitfalls: r.pitfalls,
        dataNeeded: [...r.dataNeeded],
        severity: r.severity,
        params: r.params.map((p) => ({ ...p })),
      })),
    'screening:run': async (req, hctx) =>
      runScreening(requireCase().db, {
        jobId: req.jobId,
        actor,
        ...(req.ruleIds ? { ruleIds: req.ruleIds } : {}),
        ...(req.params ? { params: req.params } : {}),
        signal: hctx.signal,
        onProgress: (e) => hctx.emitProgress(e),
      }),
    'findings:list': async (req) => listFindings(requireCase().db, req),
    'ranking:list': async (req) =>
      (await rankEnterprises(requireCase().db, req.limit)).map((r) => ({
        ...r,
        sources: [...r.sources],
        reasons: r.reasons.map((x) => ({ ...x })),
      })),
    'jobs:cancel': async (req) => ({ cancelled: jobs.cancel(req.jobId) }),
  };

  return {
    handlers,
    jobs,
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitProgress(event) {
      for (const l of listeners) l(event);
    },
    async dispose() {
      jobs.cancelAll();
      await closeCurrent();
    },
  };
}
