#!/usr/bin/env node
// Generates analytics/model/codes/hj212-codes.ts from the HJ 212 code list of srdgame/lua-HJ212
// (../shared/data/hj212_codes/hj212_pollutant_codes.csv). The generated file is committed so the app
// builds without ../shared; rerun after the CSV or the tables below change:
//
//   node build/gen-hj212-codes.mjs [path/to/hj212_pollutant_codes.csv]
//
// The CSV gives code, Chinese name, HJ/T 212-2005 code, units (in Chinese), data type and remark.
// English short names and unit symbols are ours (domain.md §1.2) and live in the tables below.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const csvPath = path.resolve(
  process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'data', 'hj212_codes', 'hj212_pollutant_codes.csv'),
);
const outPath = path.join(repoRoot, 'analytics', 'model', 'codes', 'hj212-codes.ts');

const SOURCE_COMMIT = 'f7c2e7d39e3e0b5b91b0a94ec04db9d657363ffd';

/** English short names for the codes analysts meet daily (domain.md §1.2 and Appendix B). */
const ENGLISH_NAMES = {
  a00000: 'flue-gas flow',
  a01001: 'temperature',
  a01002: 'humidity',
  a01006: 'air pressure',
  a01007: 'wind speed',
  a01008: 'wind direction',
  a01010: 'Ringelmann blackness',
  a01011: 'flue-gas velocity',
  a01012: 'flue-gas temperature',
  a01013: 'flue-gas pressure',
  a01014: 'flue-gas humidity',
  a01015: 'cooler temperature',
  a01016: 'flue cross-section',
  a01017: 'flue-gas dynamic pressure',
  a01901: 'furnace mean temperature',
  a01902: 'furnace DCS temperature',
  a05001: 'CO2',
  a05002: 'CH4',
  a19001: 'O2',
  a20057: 'Hg and compounds',
  a21001: 'NH3',
  a21002: 'NOx',
  a21003: 'NO',
  a21004: 'NO2',
  a21005: 'CO',
  a21017: 'cyanide',
  a21018: 'fluoride',
  a21022: 'Cl2',
  a21024: 'HCl',
  a21026: 'SO2',
  a21028: 'H2S',
  a24087: 'total hydrocarbons',
  a24088: 'NMHC',
  a25002: 'benzene',
  a25003: 'toluene',
  a25005: 'xylene',
  a31001: 'formaldehyde',
  a34001: 'TSP',
  a34002: 'PM10',
  a34004: 'PM2.5',
  a34005: 'PM1.0',
  a34013: 'particulate',
  w00000: 'wastewater flow',
  w01001: 'pH',
  w01002: 'colour',
  w01009: 'DO',
  w01010: 'water temperature',
  w01012: 'SS',
  w01014: 'conductivity',
  w01017: 'BOD5',
  w01018: 'COD',
  w01019: 'permanganate index',
  w01020: 'TOC',
  w02003: 'faecal coliforms',
  w20111: 'total Hg',
  w20115: 'total Cd',
  w20116: 'total Cr',
  w20117: 'Cr(VI)',
  w20119: 'total As',
  w20120: 'total Pb',
  w20121: 'total Ni',
  w20122: 'total Cu',
  w20123: 'total Zn',
  w21001: 'TN',
  w21003: 'NH3-N',
  w21011: 'TP',
  w21016: 'cyanide',
  w21017: 'fluoride',
  w21019: 'sulfide',
  w22001: 'petroleum',
  w23002: 'volatile phenols',
  i12001: 'instrument state',
  i13006: 'calibration time',
  i13007: 'intercept',
  i13008: 'slope',
  i33200: 'plant current',
  i33201: 'plant cumulative energy',
  i33202: 'plant daily energy',
  i3331x: 'furnace upper temperature',
  i3332x: 'furnace middle temperature',
  i3333x: 'furnace lower temperature',
  i3334x: 'secondary-air injection temperature',
  i33400: 'production load',
};

/** Unit symbols for the Chinese unit names of the CSV. Units not listed stay null (the Chinese is kept). */
const UNIT_SYMBOLS = {
  '毫克/立方米': 'mg/m³',
  '微克/立方米': 'µg/m³',
  '纳克/立方米': 'ng/m³',
  '毫克/升': 'mg/L',
  '微克/升': 'µg/L',
  '纳克/升': 'ng/L',
  '升/秒': 'L/s',
  '立方米/秒': 'm³/s',
  '立方米/小时': 'm³/h',
  摄氏度: '°C',
  千帕: 'kPa',
  帕: 'Pa',
  '%': '%',
  '米/秒': 'm/s',
  米: 'm',
  平方米: 'm²',
  无量纲: '-',
  分贝: 'dB',
  '安[培]': 'A',
  '伏[特]': 'V',
  '毫伏[特]': 'mV',
  '千瓦[特][小]时': 'kWh',
  千克: 'kg',
  克: 'g',
  毫克: 'mg',
  立方米: 'm³',
  '个/升': '1/L',
  '贝可[勒尔]/升': 'Bq/L',
  '[角]度': '°',
  '[色]度': 'colour degree',
  秒: 's',
  分钟: 'min',
  '千克/立方米': 'kg/m³',
  '转/分钟': 'r/min',
  '微西[门子]/厘米': 'µS/cm',
  '吨/平方千米x月': 't/(km²·month)',
};

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

if (!existsSync(csvPath)) {
  console.error(
    `${csvPath} not found: pass the path of hj212_pollutant_codes.csv (the committed .ts stays valid).`,
  );
  process.exit(1);
}
const rows = parseCsv(readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, ''));
const header = rows.shift();
if (header === undefined || header[0] !== 'ID' || header.length !== 7) {
  throw new Error(`unexpected header in ${csvPath}: ${JSON.stringify(header)}`);
}
const entries = rows.map((r, i) => {
  if (r.length !== 7) throw new Error(`row ${i + 2} has ${r.length} fields: ${JSON.stringify(r)}`);
  return r.map((f) => f.trim());
});

const unknownUnits = new Set();
for (const [, , , unit, emission] of entries) {
  for (const u of [unit, emission]) if (u !== '' && !(u in UNIT_SYMBOLS)) unknownUnits.add(u);
}
const seen = new Map();
const duplicates = [];
for (const [code, name] of entries) {
  if (seen.has(code)) duplicates.push(`${code} (${seen.get(code)} / ${name})`);
  else seen.set(code, name);
}
const missingEnglish = Object.keys(ENGLISH_NAMES).filter((c) => !seen.has(c));
if (missingEnglish.length > 0)
  throw new Error(`English names for codes not in the CSV: ${missingEnglish.join(', ')}`);

const q = (s) => JSON.stringify(s); // prettier turns the quotes into the project style

const source = `// GENERATED by build/gen-hj212-codes.mjs from ../shared/data/hj212_codes/hj212_pollutant_codes.csv.
// Do not edit by hand: change the CSV or the generator's tables and rerun it.
//
// The code list is hj212.csv of srdgame/lua-HJ212, commit ${SOURCE_COMMIT},
// under the MIT License:
//
//   Copyright (c) 2020 Dirk Chang
//
//   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
//   associated documentation files (the "Software"), to deal in the Software without restriction,
//   including without limitation the rights to use, copy, modify, merge, publish, distribute,
//   sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
//   furnished to do so, subject to the following conditions:
//
//   The above copyright notice and this permission notice shall be included in all copies or
//   substantial portions of the Software.
//
//   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
//   NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
//   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
//   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
//   OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
//
// English short names and unit symbols are ours. Units are those of the source table, including its
// ng/m³ for a05002 (CH4) and a34002/a34004 (PM10/PM2.5); check them against Appendix B before a
// report states a unit.${
  duplicates.length > 0
    ? `\n// Codes listed twice in the source (lookups return the first):
//   ${duplicates.join(', ')}.`
    : ''
}

/**
 * Media of a code, from its prefix: a (air) and g (flue-gas process) are gas; w (water) and e
 * (wastewater process) are water; the rest (instrument i, noise L) is other.
 */
export type CodeMedia = 'gas' | 'water' | 'other';

/** Code family, from its prefix. */
export type CodeGroup = 'air' | 'water' | 'flue-gas-process' | 'wastewater-process' | 'instrument' | 'noise' | 'other';

/** 污染物/监测因子编码 (HJ 212-2017 Appendix B). */
export interface Hj212Code {
  /** HJ 212-2017 code; \`xx\` / \`x\` stand for a device number (\`g102xx\` covers g10201, g10202 ...). */
  readonly code: string;
  /** HJ/T 212-2005 code, still sent by older devices and platforms. */
  readonly oldCode: string | null;
  readonly nameZh: string;
  readonly nameEn: string | null;
  /** Concentration (or value) unit as the source writes it, and as a symbol where we know one. */
  readonly unitZh: string | null;
  readonly unit: string | null;
  /** Unit of the period total (-Cou). */
  readonly emissionUnitZh: string | null;
  readonly emissionUnit: string | null;
  /** HJ 212 data type, e.g. N5.2 (5 integer and 2 decimal digits). */
  readonly dataType: string | null;
  readonly remark: string | null;
  readonly media: CodeMedia;
  readonly group: CodeGroup;
}

type Row = readonly [code: string, oldCode: string, nameZh: string, unitZh: string, emissionUnitZh: string, dataType: string, remark: string];

const ROWS: readonly Row[] = [
${entries.map(([code, name, old, unit, emission, type, remark]) => `  [${[code, old, name, unit, emission, type, remark].map(q).join(', ')}],`).join('\n')}
];

const ENGLISH_NAMES: Readonly<Record<string, string>> = {
${Object.entries(ENGLISH_NAMES)
  .map(([k, v]) => `  ${k}: ${q(v)},`)
  .join('\n')}
};

const UNIT_SYMBOLS: Readonly<Record<string, string>> = {
${Object.entries(UNIT_SYMBOLS)
  .map(([k, v]) => `  ${q(k)}: ${q(v)},`)
  .join('\n')}
};

export function codeGroup(code: string): CodeGroup {
  switch (code.charAt(0)) {
    case 'a':
      return 'air';
    case 'w':
      return 'water';
    case 'g':
      return 'flue-gas-process';
    case 'e':
      return 'wastewater-process';
    case 'i':
    case 'I':
      return 'instrument';
    case 'L':
      return 'noise';
    default:
      return 'other';
  }
}

/** Media from the code prefix; codes outside the dictionary (vendor or 2005 codes) give 'other'. */
export function codeMedia(code: string): CodeMedia {
  const group = codeGroup(code);
  switch (group) {
    case 'air':
    case 'flue-gas-process':
      return 'gas';
    case 'water':
    case 'wastewater-process':
      return 'water';
    case 'instrument':
    case 'noise':
    case 'other':
      return 'other';
    default: {
      const never: never = group;
      return never;
    }
  }
}

function orNull(s: string): string | null {
  return s === '' ? null : s;
}

export const HJ212_CODES: readonly Hj212Code[] = ROWS.map(([code, oldCode, nameZh, unitZh, emissionUnitZh, dataType, remark]) => ({
  code,
  oldCode: orNull(oldCode),
  nameZh,
  nameEn: ENGLISH_NAMES[code] ?? null,
  unitZh: orNull(unitZh),
  unit: UNIT_SYMBOLS[unitZh] ?? null,
  emissionUnitZh: orNull(emissionUnitZh),
  emissionUnit: UNIT_SYMBOLS[emissionUnitZh] ?? null,
  dataType: orNull(dataType),
  remark: orNull(remark),
  media: codeMedia(code),
  group: codeGroup(code),
}));

function firstBy(key: (c: Hj212Code) => string | null): ReadonlyMap<string, Hj212Code> {
  const map = new Map<string, Hj212Code>();
  for (const c of HJ212_CODES) {
    const k = key(c);
    if (k !== null && !map.has(k)) map.set(k, c);
  }
  return map;
}

const BY_CODE = firstBy((c) => c.code);
const BY_CODE_LOWER = firstBy((c) => c.code.toLowerCase());
const BY_OLD_CODE = firstBy((c) => c.oldCode);
const BY_NAME = new Map<string, Hj212Code[]>();
for (const c of HJ212_CODES) {
  const list = BY_NAME.get(c.nameZh);
  if (list === undefined) BY_NAME.set(c.nameZh, [c]);
  else list.push(c);
}

/**
 * The entry of an HJ 212-2017 code. Device-numbered codes resolve to their pattern (g10201 → g102xx,
 * i33312 → i3331x); case is forgiven (I33400 / i33400).
 */
export function hj212CodeByCode(code: string): Hj212Code | undefined {
  const exact = BY_CODE.get(code) ?? BY_CODE_LOWER.get(code.toLowerCase());
  if (exact !== undefined || code.length !== 6) return exact;
  const lower = code.toLowerCase();
  return BY_CODE_LOWER.get(lower.slice(0, 4) + 'xx') ?? BY_CODE_LOWER.get(lower.slice(0, 5) + 'x');
}

/**
 * The entry of an HJ/T 212-2005 code (\`011\` → w01018 COD). Pass the outlet's media: platforms reuse
 * old codes across media (domain.md §1.2 pitfall), so an entry of the other media is not returned.
 */
export function hj212CodeByOldCode(oldCode: string, media?: CodeMedia): Hj212Code | undefined {
  const entry = BY_OLD_CODE.get(oldCode.trim());
  if (entry === undefined || media === undefined) return entry;
  return entry.media === media ? entry : undefined;
}

/** Entries with this Chinese name (several codes share a name, e.g. 氰化物 in air and in water). */
export function hj212CodesByChineseName(nameZh: string): readonly Hj212Code[] {
  return BY_NAME.get(nameZh.trim()) ?? [];
}
`;

const options = (await prettier.resolveConfig(outPath)) ?? {};
const formatted = await prettier.format(source, { ...options, filepath: outPath });
writeFileSync(outPath, formatted);
console.log(`wrote ${path.relative(repoRoot, outPath)}: ${entries.length} codes from ${csvPath}`);
if (duplicates.length > 0) console.log(`duplicate codes (first kept by lookups): ${duplicates.join(', ')}`);
if (unknownUnits.size > 0)
  console.log(`units without a symbol (kept in Chinese): ${[...unknownUnits].join(', ')}`);
