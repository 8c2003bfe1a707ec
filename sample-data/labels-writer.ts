import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoLabel } from './demo-types';
import { csvField, TextFileSink, type WrittenFile } from './text-file-sink';

/** Column order of labels.csv (the DemoLabel fields). */
export const LABEL_COLUMNS: readonly (keyof DemoLabel)[] = [
  'label_id',
  'kind',
  'site_id',
  'outlet_id',
  'device_id',
  'station_id',
  'code',
  'start',
  'end',
  'expected_rule',
  'also_rules',
  'legal_category',
  'description_zh',
  'description_en',
  'related_outlet_id',
  'related_start',
];

export function writeLabelsCsv(dir: string, labels: readonly DemoLabel[]): WrittenFile {
  const sink = new TextFileSink(dir, 'labels.csv', 'utf-8');
  sink.write(`${LABEL_COLUMNS.join(',')}\n`);
  for (const l of labels) sink.row(`${LABEL_COLUMNS.map((c) => csvField(String(l[c]))).join(',')}\n`);
  return sink.close();
}

export function writeLabelsJson(dir: string, labels: readonly DemoLabel[]): WrittenFile {
  const bytes = Buffer.from(`${JSON.stringify(labels, null, 2)}\n`, 'utf8');
  writeFileSync(path.join(dir, 'labels.json'), bytes);
  return {
    path: 'labels.json',
    encoding: 'utf-8',
    rows: labels.length,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
