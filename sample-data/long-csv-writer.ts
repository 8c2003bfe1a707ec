import type { WaterOutlet } from './city-layout';
import { LF, utf8 } from './byte-row-writer';
import type { DemoPeriod } from './demo-period';
import { PartitionedCsv, type WrittenFile } from './text-file-sink';
import type { WaterRecords } from './water-outlet-model';

/**
 * Long export (`outlet_id,code,time,value,flag,stat`, input-formats.md §1), UTF-8, LF, compact
 * timestamps `YYYYMMDDHHmmss`: one row per outlet, code, statistic (avg or cou) and hour.
 */

/** 'HH0000' of each hour of a day. */
const COMPACT_HOURS = Array.from({ length: 24 }, (_, h) => utf8(`${String(h).padStart(2, '0')}0000`));

export const LONG_HEADER = 'outlet_id,code,time,value,flag,stat';

export class LongCsvWriter {
  private readonly file: PartitionedCsv;

  constructor(rootDir: string, relativePath: string, maxPartBytes: number) {
    this.file = new PartitionedCsv(rootDir, relativePath, 'utf-8', `${LONG_HEADER}\n`, maxPartBytes);
  }

  writeOutlet(outlet: WaterOutlet, rec: WaterRecords, period: DemoPeriod): number {
    const out = this.file.rows;
    const heads = rec.parameters.map((p) => utf8(`${outlet.outletId},${p.code},`));
    const avgTail = utf8(',avg');
    const couTail = utf8(',cou');
    let rows = 0;
    for (let h = 0; h < rec.hours; h++) {
      const day = Math.floor(h / 24);
      const date = period.labels.dayCompactBytes(day);
      const hh = COMPACT_HOURS[h - day * 24]!;
      rec.parameters.forEach((p, i) => {
        const flag = p.flag[h]!;
        out.bytes(heads[i]!).bytes(date).bytes(hh).comma().fixed(p.avg[h]!, p.decimals).comma().byte(flag);
        out.bytes(avgTail).endRow(LF);
        rows++;
        if (p.cou) {
          out
            .bytes(heads[i]!)
            .bytes(date)
            .bytes(hh)
            .comma()
            .fixed(p.cou[h]!, p.code === 'w00000' ? 2 : 3);
          out.comma().byte(flag).bytes(couTail).endRow(LF);
          rows++;
        }
      });
    }
    this.file.boundary();
    return rows;
  }

  close(): readonly WrittenFile[] {
    return this.file.close();
  }

  abandon(): void {
    this.file.abandon();
  }
}
