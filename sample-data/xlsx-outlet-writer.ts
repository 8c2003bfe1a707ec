import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeXlsx, xlsxDate, type XlsxWriteCell } from '../analytics/ingest/xlsx/xlsx-writer';
import type { GasOutlet } from './city-layout';
import { FLAG_CHAR } from './data-flags';
import type { DemoPeriod } from './demo-period';
import type { GasRecords } from './gas-outlet-model';
import type { WrittenFile } from './text-file-sink';
import { wideHeader } from './wide-csv-writer';

/**
 * One outlet as an Excel workbook, as analysts receive it from a platform's "export to Excel":
 * one sheet named after the outlet, the Chinese wide header in row 1, monitoring time as real Excel
 * date cells, numbers as numbers and flags as text. Built with the shared xlsx writer (fixed ZIP
 * timestamps, so the bytes are deterministic).
 */
export function writeXlsxOutlet(
  rootDir: string,
  relativePath: string,
  outlet: GasOutlet,
  rec: GasRecords,
  period: DemoPeriod,
): WrittenFile {
  const codes = rec.pollutants.map((p) => p.code);
  const withConverted = rec.pollutants.every((p) => p.zs !== null);
  const rows: XlsxWriteCell[][] = [wideHeader('chinese', codes, withConverted)];
  for (let h = 0; h < rec.hours; h++) {
    if (!rec.present[h]) continue;
    const row: XlsxWriteCell[] = [outlet.outletId, xlsxDate(period.labels.iso(h * 60))];
    for (const p of rec.pollutants) {
      row.push(p.avg[h]!);
      if (withConverted) row.push(p.zs![h]!);
      row.push(p.cou[h]!, FLAG_CHAR[p.flag[h]!]!);
    }
    const aux = FLAG_CHAR[rec.auxFlag[h]!]!;
    row.push(rec.o2[h]!, FLAG_CHAR[rec.o2Flag[h]!]!);
    row.push(rec.velocity[h]!, aux, rec.temperature[h]!, aux, rec.humidity[h]!, aux);
    row.push(rec.flowAvg[h]!, rec.flowCou[h]!, aux);
    rows.push(row);
  }
  const bytes = writeXlsx([{ name: outlet.outletId, rows, columnWidths: [16, 20] }], {
    dateFormat: 'yyyy-mm-dd hh:mm:ss',
    // The pure-JS deflate dominates at level 6; level 1 is several times faster and a little larger.
    compressionLevel: 1,
  });
  const abs = path.join(rootDir, relativePath);
  writeFileSync(abs, bytes);
  return {
    path: relativePath.split(path.sep).join('/'),
    encoding: 'utf-8',
    rows: rows.length - 1,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
