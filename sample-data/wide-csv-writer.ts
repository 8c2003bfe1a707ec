import type { GasOutlet } from './city-layout';
import { CRLF, LF, utf8 } from './byte-row-writer';
import type { DemoPeriod } from './demo-period';
import type { GasRecords } from './gas-outlet-model';
import {
  FLUE_GAS_NAME_ZH,
  FLUE_GAS_UNIT,
  FLUE_GAS_VOLUME_NAME_ZH,
  GAS_POLLUTANT_NAME_ZH,
  type GasPollutantCode,
} from './pollutant-codes';
import { PartitionedCsv, type WrittenFile } from './text-file-sink';

/**
 * Wide platform export: one row per outlet-hour (input-formats.md §1). Two dialects:
 * - 'code': UTF-8, LF, `mn,time,a21026-avg,a21026-zsavg,a21026-cou,a21026-flag,…`, time
 *   'YYYY-MM-DD HH:mm:ss', the outlet identified by its MN (mapped through the registry);
 * - 'chinese': GB18030, CRLF, `监测点编号,监测时间,二氧化硫实测浓度(mg/m3),二氧化硫折算浓度(mg/m3),
 *   二氧化硫排放量(kg),二氧化硫标记,…,氧含量(%),…,标干流量(m3/s),废气排放量(m3),标干流量标记`, time
 *   'YYYY/M/D HH:mm', the outlet identified by outlet_id — as a Chinese platform's Excel-to-CSV
 *   export looks.
 * a00000-avg is m³/s (HJ 212 unit) and a00000-cou the hour's standard dry volume in m³; pollutant
 * cou is kg.
 */

export type WideDialect = 'code' | 'chinese';

const AUX = ['a01011', 'a01012', 'a01014'] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** 'HH:00:00' (code dialect) and 'HH:00' (Chinese dialect) of each hour of a day. */
const ISO_HOURS = Array.from({ length: 24 }, (_, h) => utf8(`${pad2(h)}:00:00`));
const SLASH_HOURS = Array.from({ length: 24 }, (_, h) => utf8(`${pad2(h)}:00`));

/** Column names of a wide export, in order. */
export function wideHeader(
  dialect: WideDialect,
  pollutantCodes: readonly GasPollutantCode[],
  withConverted: boolean,
): string[] {
  const cols: string[] = [];
  if (dialect === 'code') {
    cols.push('mn', 'time');
    for (const c of pollutantCodes) {
      cols.push(`${c}-avg`);
      if (withConverted) cols.push(`${c}-zsavg`);
      cols.push(`${c}-cou`, `${c}-flag`);
    }
    cols.push('a19001-avg', 'a19001-flag');
    for (const c of AUX) cols.push(`${c}-avg`, `${c}-flag`);
    cols.push('a00000-avg', 'a00000-cou', 'a00000-flag');
  } else {
    cols.push('监测点编号', '监测时间');
    for (const c of pollutantCodes) {
      const n = GAS_POLLUTANT_NAME_ZH[c];
      cols.push(`${n}实测浓度(mg/m3)`);
      if (withConverted) cols.push(`${n}折算浓度(mg/m3)`);
      cols.push(`${n}排放量(kg)`, `${n}标记`);
    }
    cols.push(`${FLUE_GAS_NAME_ZH.a19001}(${FLUE_GAS_UNIT.a19001})`, `${FLUE_GAS_NAME_ZH.a19001}标记`);
    for (const c of AUX)
      cols.push(`${FLUE_GAS_NAME_ZH[c]}(${FLUE_GAS_UNIT[c]})`, `${FLUE_GAS_NAME_ZH[c]}标记`);
    cols.push(
      `${FLUE_GAS_NAME_ZH.a00000}(${FLUE_GAS_UNIT.a00000})`,
      `${FLUE_GAS_VOLUME_NAME_ZH}(m3)`,
      `${FLUE_GAS_NAME_ZH.a00000}标记`,
    );
  }
  return cols;
}

export class WideCsvWriter {
  private readonly file: PartitionedCsv;
  constructor(
    rootDir: string,
    relativePath: string,
    readonly dialect: WideDialect,
    readonly pollutantCodes: readonly GasPollutantCode[],
    readonly withConverted: boolean,
    maxPartBytes: number,
  ) {
    this.file = new PartitionedCsv(
      rootDir,
      relativePath,
      dialect === 'chinese' ? 'gb18030' : 'utf-8',
      this.header() + (dialect === 'chinese' ? '\r\n' : '\n'),
      maxPartBytes,
    );
  }

  header(): string {
    return wideHeader(this.dialect, this.pollutantCodes, this.withConverted).join(',');
  }

  /** Append all present hours of one outlet; returns the rows written. */
  writeOutlet(outlet: GasOutlet, rec: GasRecords, period: DemoPeriod): number {
    const out = this.file.rows;
    const code = this.dialect === 'code';
    const id = utf8(`${code ? outlet.mn : outlet.outletId},`);
    const eol = code ? LF : CRLF;
    const hourText = code ? ISO_HOURS : SLASH_HOURS;
    const ps = this.pollutantCodes.map((c) => {
      const p = rec.pollutants.find((x) => x.code === c);
      if (!p) throw new Error(`${outlet.outletId} has no ${c} for this wide file`);
      return p;
    });
    let rows = 0;
    for (let h = 0; h < rec.hours; h++) {
      if (!rec.present[h]) continue;
      const day = Math.floor(h / 24);
      out.bytes(id).bytes(code ? period.labels.dayPrefixBytes(day) : period.labels.daySlashBytes(day));
      out.bytes(hourText[h - day * 24]!);
      for (const p of ps) {
        out.comma().fixed(p.avg[h]!, p.decimals);
        if (this.withConverted) out.comma().fixed(p.zs![h]!, p.decimals);
        out.comma().fixed(p.cou[h]!, 3).comma().byte(p.flag[h]!);
      }
      const aux = rec.auxFlag[h]!;
      out.comma().fixed(rec.o2[h]!, 2).comma().byte(rec.o2Flag[h]!);
      out.comma().fixed(rec.velocity[h]!, 2).comma().byte(aux);
      out.comma().fixed(rec.temperature[h]!, 1).comma().byte(aux);
      out.comma().fixed(rec.humidity[h]!, 1).comma().byte(aux);
      out.comma().fixed(rec.flowAvg[h]!, 2).comma().fixed(rec.flowCou[h]!, 0).comma().byte(aux);
      out.endRow(eol);
      rows++;
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
