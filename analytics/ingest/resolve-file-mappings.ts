import path from 'node:path';
import type { ImportMapping } from '../api/import-mapping';
import { AppFailure } from '../api/result';
import type { FileMapping } from './import-files';
import type { TemplateStore } from './template-store';

export interface RequestedMapping {
  readonly path: string;
  readonly mapping?: ImportMapping | undefined;
  readonly template?: string | undefined;
}

/**
 * The mapping each file of an import is read with, where the request names one: the mapping given
 * or the named template. Files it does not name are read by header, or with the saved template of
 * their shape (`templateLookup`, used by importFiles after staging).
 */
export function resolveFileMappings(
  requested: readonly RequestedMapping[],
  templates: TemplateStore | null,
): Map<string, FileMapping> {
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
  return out;
}

/** The saved template of a header shape, as importFiles asks for it. */
export function templateLookup(
  templates: TemplateStore | null,
): ((shapeKey: string) => FileMapping | undefined) | undefined {
  if (!templates) return undefined;
  return (shapeKey) => {
    const t = templates.forShape(shapeKey);
    return t ? { mapping: t.mapping, template: t.name } : undefined;
  };
}
