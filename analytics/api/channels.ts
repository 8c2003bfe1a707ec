import { z } from 'zod';
import {
  AppInfo,
  CaseSummary,
  Finding,
  ImportReport,
  LocalTime,
  RankedEnterprise,
  RuleInfo,
  ScreeningReport,
  SeriesInfo,
  SeriesWindow,
} from './domain';
import { ImportMapping, ImportPreview, MappingTemplate, TemplateName } from './import-mapping';
import { JobId } from './progress';

/**
 * The contract: every channel (`namespace:verb`) with its request and response schema. Every
 * transport (in-process, Electron IPC, loopback HTTP) goes through one dispatcher that validates the
 * request against this map. Channels with `long: true` take a `jobId`, emit progress events and can
 * be cancelled with `jobs:cancel`.
 */
const casePath = z.string().min(1).max(4096);

export const channels = {
  'app:info': {
    request: z.object({}),
    response: AppInfo,
  },
  'case:create': {
    request: z.object({ path: casePath }),
    response: CaseSummary,
  },
  'case:open': {
    request: z.object({ path: casePath }),
    response: CaseSummary,
  },
  /** Opens the bundled demo city, generating it on first use. */
  'case:openDemo': {
    request: z.object({ jobId: JobId }),
    response: CaseSummary,
    long: true,
  },
  'case:close': {
    request: z.object({}),
    response: z.object({ closed: z.boolean() }),
  },
  'case:summary': {
    request: z.object({}),
    response: CaseSummary.nullable(),
  },
  'import:files': {
    request: z.object({
      jobId: JobId,
      paths: z.array(z.string().min(1).max(4096)).min(1).max(1000),
      /**
       * Files to read with a column mapping (given, or a saved template by name). A file without
       * one is read by header as a documented format; if it is none, the saved template of its
       * shape is used when there is one.
       */
      mappings: z
        .array(
          z
            .object({
              path: z.string().min(1).max(4096),
              mapping: ImportMapping.optional(),
              template: TemplateName.optional(),
            })
            .refine((m) => (m.mapping === undefined) !== (m.template === undefined), {
              message: 'give either a mapping or a template name',
            }),
        )
        .max(1000)
        .optional(),
    }),
    response: ImportReport,
    long: true,
  },
  /** How a file would be read: headers, first rows, the documented format or a proposed mapping. */
  'import:preview': {
    request: z.object({ path: z.string().min(1).max(4096) }),
    response: ImportPreview,
  },
  'templates:list': {
    request: z.object({}),
    response: z.array(MappingTemplate),
  },
  'templates:save': {
    request: z.object({ name: TemplateName, shapeKey: z.string().min(1), mapping: ImportMapping }),
    response: MappingTemplate,
  },
  'templates:delete': {
    request: z.object({ name: TemplateName }),
    response: z.object({ deleted: z.boolean() }),
  },
  'series:list': {
    request: z.object({ outletId: z.string().optional(), code: z.string().optional() }),
    response: z.array(SeriesInfo),
  },
  'series:window': {
    request: z.object({
      seriesId: z.number().int(),
      from: LocalTime.optional(),
      to: LocalTime.optional(),
      pixels: z.number().int().min(10).max(8000),
    }),
    response: SeriesWindow,
  },
  'rules:list': {
    request: z.object({}),
    response: z.array(RuleInfo),
  },
  'screening:run': {
    request: z.object({
      jobId: JobId,
      ruleIds: z.array(z.string()).optional(),
      params: z
        .record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])))
        .optional(),
    }),
    response: ScreeningReport,
    long: true,
  },
  'findings:list': {
    request: z.object({
      ruleId: z.string().optional(),
      siteId: z.string().optional(),
      minSeverity: z.enum(['info', 'low', 'medium', 'high', 'critical']).optional(),
      limit: z.number().int().min(1).max(5000).default(500),
      offset: z.number().int().min(0).default(0),
    }),
    response: z.object({ total: z.number(), findings: z.array(Finding) }),
  },
  'ranking:list': {
    request: z.object({ limit: z.number().int().min(1).max(10000).default(100) }),
    response: z.array(RankedEnterprise),
  },
  'jobs:cancel': {
    request: z.object({ jobId: JobId }),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const satisfies Record<
  string,
  { readonly request: z.ZodType; readonly response: z.ZodType; readonly long?: true }
>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export function isLongChannel(name: ChannelName): boolean {
  return 'long' in channels[name];
}
