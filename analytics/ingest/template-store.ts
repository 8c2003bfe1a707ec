import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MappingTemplate, type ImportMapping } from '../api/import-mapping';
import { AppFailure } from '../api/result';

const TemplateFile = z.object({ version: z.literal(1), templates: z.array(MappingTemplate) });

/**
 * Saved column mappings, one JSON file in the app's data directory. They are the analyst's
 * preference, reused across cases, so they do not live in a case file (a case records the mapping
 * each file was actually read with, in its report). Writes go to a temp file renamed over the old
 * one, so a crash never leaves half a file.
 */
export class TemplateStore {
  constructor(readonly file: string) {}

  list(): MappingTemplate[] {
    if (!existsSync(this.file)) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new AppFailure(
        'internal',
        `The mapping templates file ${this.file} is not valid JSON (${String(e)}); fix or remove it.`,
      );
    }
    const r = TemplateFile.safeParse(parsed);
    if (!r.success) {
      throw new AppFailure(
        'internal',
        `The mapping templates file ${this.file} is not in the expected form; fix or remove it.`,
      );
    }
    return r.data.templates;
  }

  get(name: string): MappingTemplate {
    const t = this.list().find((x) => x.name === name.trim());
    if (!t) {
      throw new AppFailure('invalid-request', `No mapping template named "${name}".`, { template: name });
    }
    return t;
  }

  /** The most recently saved template for a file shape. */
  forShape(shapeKey: string): MappingTemplate | null {
    const matching = this.list().filter((t) => t.shapeKey === shapeKey);
    return matching.sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0] ?? null;
  }

  /** Save (or replace, by name) a template. */
  save(name: string, shapeKey: string, mapping: ImportMapping): MappingTemplate {
    const template: MappingTemplate = {
      name: name.trim(),
      shapeKey,
      mapping,
      savedAt: new Date().toISOString(),
    };
    this.write([...this.list().filter((t) => t.name !== template.name), template]);
    return template;
  }

  delete(name: string): boolean {
    const all = this.list();
    const kept = all.filter((t) => t.name !== name.trim());
    if (kept.length === all.length) return false;
    this.write(kept);
    return true;
  }

  private write(templates: readonly MappingTemplate[]): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, templates }, null, 2)}\n`);
    renameSync(temp, this.file);
  }
}
