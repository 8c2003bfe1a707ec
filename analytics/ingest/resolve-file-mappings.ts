import path from 'node:path';
import { shapeKey, type ImportMapping } from '../api/import-mapping';
import { AppFailure } from '../api/result';
import { detectDelimitedFormat } from './formats/detect-format';
import type { FileMapping } from './import-files';
import { sniffFile } from './sniff/sniff-format';
import type { TemplateStore } from './template-store';

export interface RequestedMapping {
  readonly path: string;
  readonly mapping?: ImportMapping | undefined;
  readonly template?: string | undefined;
}

/**
 * The mapping each file of an import is read with: the one given, the named template, or, for a
 * CSV/TSV that matches no documented format, the saved template of its shape (so the next file of
 * a shape the analyst already mapped imports without asking again). Documented formats keep being
 * read by header.
 */
export async function resolveFileMappings(
  paths: readonly string[],
  requested: readonly RequestedMapping[],
  templates: TemplateStore | null,
): Promise<Map<string, FileMapping>> {
  const out = new Map<string, FileMapping>();
  for (const r of requested) {
    const key = path.resolve(r.path);
    if (r.mapping) out.set(key, { mapping: r.mapping });
    else if (r.template !== undefined) {
      if (!templates) throw new AppFailure('invalid-request', 'This host has no saved mapping templates.');
      const t = templates.get(r.template);
      out.set(key, { mapping: t.mapping, template: t.name });
    }
  }
  if (!templates || templates.list().length === 0) return out;
  for (const p of paths) {
    const key = path.resolve(p);
    if (out.has(key)) continue;
    const sniff = await sniffFile(key).catch(() => null);
    if (sniff?.format !== 'delimited') continue;
    const headers = sniff.columns.map((c) => (c.label && c.label.trim() !== '' ? c.label : c.name));
    if (detectDelimitedFormat(headers).format !== null) continue;
    const t = templates.forShape(shapeKey(headers));
    if (t) out.set(key, { mapping: t.mapping, template: t.name });
  }
  return out;
}
