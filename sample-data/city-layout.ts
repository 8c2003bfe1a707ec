import type { GasPollutantCode, WaterCode } from './pollutant-codes';
import { SECTOR_PROFILES, SECTORS, WATER_LIMITS, type Sector, type SectorProfile } from './sector-profiles';
import { SeededRandom } from './seeded-random';

/**
 * The fictional city 青川市: counties, townships, ambient stations, O&M companies and enterprises
 * with their lines, outlets and sub-metered devices. The first enterprises come from a fixed list
 * (the planted cases) and do not depend on the city size; the rest are clean enterprises drawn from
 * their own seeded streams.
 */

/** 绩效分级 (performance grade). */
export type Grade = 'A' | 'B' | 'B-' | 'C' | 'D' | '引领性';

/** How a gas outlet's hourly data is exported. */
export type GasFormat = 'wide-utf8' | 'wide-gb18030' | 'hj212' | 'xlsx';

export interface Township {
  readonly name: string;
  readonly countyId: string;
  readonly countyName: string;
  readonly lat: number;
  readonly lon: number;
}

export interface County {
  readonly id: string;
  /** Six-digit administrative code (fictional), the prefix of every MN in the county. */
  readonly code: string;
  readonly name: string;
  readonly townships: readonly Township[];
}

export interface Station {
  readonly stationId: string;
  readonly nameZh: string;
  readonly kind: 'national' | 'township';
  readonly township: Township;
  readonly lat: number;
  readonly lon: number;
}

export interface Line {
  readonly lineId: string;
  readonly nameZh: string;
}

export interface Device {
  readonly deviceId: string;
  readonly siteId: string;
  readonly nameZh: string;
  readonly role: 'production' | 'treatment' | 'auxiliary';
  /** '' for site-level auxiliary devices. */
  readonly lineId: string;
  readonly ratedKw: number;
  readonly intervalMinutes: 5 | 15;
  /** What a treatment device cleans. */
  readonly treats: 'gas' | 'water' | null;
}

export interface GasPollutant {
  readonly code: GasPollutantCode;
  readonly limit: number;
  readonly decimals: number;
  /** Converted concentration at full load, mg/m³. */
  readonly base: number;
  readonly relSd: number;
  readonly loadWeight: number;
}

export interface GasOutlet {
  readonly media: 'gas';
  readonly outletId: string;
  readonly mn: string;
  readonly nameZh: string;
  readonly siteId: string;
  readonly lineId: string;
  readonly o2Ref: number | null;
  readonly o2Full: number;
  readonly o2Slope: number;
  readonly pollutants: readonly GasPollutant[];
  /** Standard dry flow at full load, m³/h. */
  readonly flowDesign: number;
  /** Stack cross-section, m² (velocity = actual flow / area). */
  readonly stackArea: number;
  readonly tempOn: number;
  readonly humidityOn: number;
  /** Fixed local hour of the daily automatic zero/span calibration (flag C), or null. */
  readonly calibrationHour: number | null;
  /** Ultra-low emitter whose particulate sits at the analyser's detection limit (0.1 resolution). */
  readonly ultraLowPm: boolean;
  /** NOx held by SNCR/SCR dosing control close to, but not pinned at, the limit. */
  readonly nearLimitNox: boolean;
  readonly format: GasFormat;
}

export interface WaterParameter {
  readonly code: Exclude<WaterCode, 'w01001' | 'w00000'>;
  readonly limit: number;
  readonly base: number;
  readonly decimals: number;
  /** Batch analyser cycle in hours: the reading is held for the whole cycle. */
  readonly cycleHours: number;
  readonly phase: number;
}

export interface WaterOutlet {
  readonly media: 'water';
  readonly outletId: string;
  readonly mn: string;
  readonly nameZh: string;
  readonly siteId: string;
  readonly lineId: string;
  /** Design discharge flow, L/s. */
  readonly flowDesign: number;
  readonly parameters: readonly WaterParameter[];
  readonly phMean: number;
}

export type Outlet = GasOutlet | WaterOutlet;

export interface Site {
  readonly index: number;
  readonly siteId: string;
  readonly nameZh: string;
  readonly sector: Sector;
  readonly profile: SectorProfile;
  readonly county: County;
  readonly township: Township;
  readonly grade: Grade;
  readonly omCompany: string;
  readonly lat: number;
  readonly lon: number;
  readonly positiveList: boolean;
  readonly lines: readonly Line[];
  readonly gasOutlets: readonly GasOutlet[];
  readonly waterOutlets: readonly WaterOutlet[];
  readonly devices: readonly Device[];
  readonly trucksPerDay: number;
  /** True for the planted-case enterprises: no random stops or maintenance, so cases stay clean. */
  readonly scripted: boolean;
}

export interface CityLayout {
  readonly nameZh: string;
  readonly counties: readonly County[];
  readonly stations: readonly Station[];
  readonly omCompanies: readonly string[];
  readonly sites: readonly Site[];
}

/** What the planted-case list fixes about an enterprise; everything else is drawn from its stream. */
export interface FixedSiteSpec {
  readonly sector: Sector;
  readonly grade: Grade;
  readonly omCompany: number;
  readonly county: number;
  readonly township: number;
  readonly formats: readonly GasFormat[];
  readonly water: boolean;
  readonly deviceIntervalMinutes: 5 | 15;
  readonly auxiliary: boolean;
  readonly calibrationHours: readonly (number | null)[];
  readonly ultraLowPm?: readonly boolean[];
  readonly nearLimitNox?: readonly boolean[];
  /** Per-outlet overrides of the typical level, as a fraction of the limit. */
  readonly baseFractions?: Readonly<Partial<Record<GasPollutantCode, number>>>;
}

const COUNTY_NAMES = [
  '河西区',
  '临溪县',
  '北塘县',
  '石门县',
  '云岗县',
  '望川县',
  '松林县',
  '新桥区',
  '白马县',
  '金台区',
  '龙门县',
  '长乐县',
  '梅岭县',
  '东丰县',
  '南岭县',
  '青山区',
];

const TOWNSHIP_FIRST = '柳石白马杨李高新东西南北青金龙凤桃松梅兰安平永太福长双三五建';
const TOWNSHIP_SECOND = '林桥沙坊庄村营河岗泉湾店集口屯寨';
const TOWNSHIP_SUFFIX = ['镇', '乡', '镇', '街道'];

const OM_COMPANIES = [
  '青川绿源环境运维有限公司',
  '恒清环境技术服务有限公司',
  '蓝天环境监测运维有限公司',
  '正信环保科技有限公司',
  '华北环境设施运营有限公司',
  '德润环保工程有限公司',
];

const BRANDS = [
  '恒盛',
  '永兴',
  '金石',
  '瑞丰',
  '泰和',
  '建新',
  '鼎盛',
  '新晨',
  '博远',
  '嘉禾',
  '正阳',
  '广利',
  '天宝',
  '富源',
  '兴业',
  '昌盛',
  '振华',
  '东方',
  '宏达',
  '鑫源',
  '隆泰',
  '中兴',
  '华信',
  '联众',
  '通达',
  '润丰',
  '安泰',
  '晨光',
  '海川',
  '冀中',
];

export const CITY_NAME_ZH = '青川市';

const CITY_LAT = 38.05;
const CITY_LON = 114.5;
const TOWNSHIPS_PER_COUNTY = 4;

function countyCount(enterprises: number): number {
  return Math.min(COUNTY_NAMES.length, Math.max(4, Math.ceil(enterprises / 40)));
}

function townshipNames(count: number): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let k = 0; names.length < count; k++) {
    const first = TOWNSHIP_FIRST[k % TOWNSHIP_FIRST.length]!;
    const second = TOWNSHIP_SECOND[(k * 7 + Math.floor(k / TOWNSHIP_FIRST.length)) % TOWNSHIP_SECOND.length]!;
    const name = `${first}${second}${TOWNSHIP_SUFFIX[k % TOWNSHIP_SUFFIX.length]!}`;
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names;
}

function buildCounties(seed: number, enterprises: number): County[] {
  const n = countyCount(enterprises);
  const names = townshipNames(n * TOWNSHIPS_PER_COUNTY);
  const counties: County[] = [];
  for (let c = 0; c < n; c++) {
    const rng = new SeededRandom(seed, `county:${c}`);
    // Counties spiral out from the city centre (golden angle), so adding counties for a bigger city
    // never moves the existing ones; townships scatter within ~8 km.
    const angle = c * 2.39996;
    const radius = c === 0 ? 0 : 0.16 + 0.05 * Math.sqrt(c);
    const cLat = CITY_LAT + radius * Math.sin(angle);
    const cLon = CITY_LON + radius * 1.25 * Math.cos(angle);
    const id = `C${String(c + 1).padStart(2, '0')}`;
    const name = COUNTY_NAMES[c]!;
    const townships: Township[] = [];
    for (let t = 0; t < TOWNSHIPS_PER_COUNTY; t++) {
      townships.push({
        name: names[c * TOWNSHIPS_PER_COUNTY + t]!,
        countyId: id,
        countyName: name,
        lat: round6(cLat + rng.uniform(-0.07, 0.07)),
        lon: round6(cLon + rng.uniform(-0.09, 0.09)),
      });
    }
    counties.push({ id, code: `1399${String(c + 1).padStart(2, '0')}`, name, townships });
  }
  return counties;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function buildStations(counties: readonly County[]): Station[] {
  const stations: Station[] = [];
  // Two national stations in the central district, then one township (micro) station per township.
  const centre = counties[0]!.townships;
  stations.push({
    stationId: 'NS01',
    nameZh: `${CITY_NAME_ZH}环境监测站`,
    kind: 'national',
    township: centre[0]!,
    lat: round6(centre[0]!.lat + 0.004),
    lon: round6(centre[0]!.lon - 0.003),
  });
  stations.push({
    stationId: 'NS02',
    nameZh: `${CITY_NAME_ZH}开发区`,
    kind: 'national',
    township: centre[1]!,
    lat: round6(centre[1]!.lat - 0.005),
    lon: round6(centre[1]!.lon + 0.004),
  });
  counties.forEach((county, c) => {
    county.townships.forEach((t, i) => {
      stations.push({
        stationId: `ST${String(c + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`,
        nameZh: `${t.name}站`,
        kind: 'township',
        township: t,
        lat: t.lat,
        lon: t.lon,
      });
    });
  });
  return stations;
}

const GRADES: readonly Grade[] = ['引领性', 'A', 'B', 'B-', 'C', 'D'];
const GRADE_WEIGHTS = [3, 12, 30, 20, 25, 10];
const SECTOR_WEIGHTS: Readonly<Record<Sector, number>> = {
  steel: 12,
  coking: 8,
  cement: 12,
  printing: 20,
  incineration: 6,
  thermal: 15,
  chemical: 27,
};
const GAS_FORMATS: readonly GasFormat[] = ['wide-utf8', 'wide-gb18030', 'hj212'];
const GAS_FORMAT_WEIGHTS = [55, 37, 8];

/** A clean enterprise's fixed traits, drawn from its own stream. */
function cleanSpec(seed: number, index: number, counties: number): FixedSiteSpec {
  const rng = new SeededRandom(seed, `site-spec:${index}`);
  const sector = rng.weighted(
    SECTORS,
    SECTORS.map((s) => SECTOR_WEIGHTS[s]),
  );
  const profile = SECTOR_PROFILES[sector];
  const lines = rng.int(profile.lines[0], profile.lines[1]);
  const formats: GasFormat[] = [];
  const calibrationHours: (number | null)[] = [];
  const ultraLowPm: boolean[] = [];
  const nearLimitNox: boolean[] = [];
  const hasNox = profile.pollutants.some((p) => p.code === 'a21002');
  for (let l = 0; l < lines; l++) {
    formats.push(rng.weighted(GAS_FORMATS, GAS_FORMAT_WEIGHTS));
    calibrationHours.push(sector !== 'printing' && rng.chance(0.35) ? rng.pick([1, 2, 3, 4, 23]) : null);
    ultraLowPm.push(sector === 'thermal' && rng.chance(0.4));
    nearLimitNox.push(hasNox && rng.chance(0.1));
  }
  return {
    sector,
    grade: rng.weighted(GRADES, GRADE_WEIGHTS),
    omCompany: rng.int(0, OM_COMPANIES.length - 1),
    county: index % counties,
    township: rng.int(0, TOWNSHIPS_PER_COUNTY - 1),
    formats,
    water: profile.water !== null,
    deviceIntervalMinutes: sector === 'printing' && rng.chance(0.15) ? 5 : 15,
    auxiliary: rng.chance(0.15),
    calibrationHours,
    ultraLowPm,
    nearLimitNox,
  };
}

function buildSite(
  seed: number,
  index: number,
  spec: FixedSiteSpec,
  counties: readonly County[],
  usedNames: Set<string>,
  scripted: boolean,
): Site {
  const siteId = `E${String(index + 1).padStart(4, '0')}`;
  const rng = new SeededRandom(seed, `site:${siteId}`);
  const profile = SECTOR_PROFILES[spec.sector];
  const county = counties[spec.county]!;
  const township = county.townships[spec.township]!;
  const stem = `${township.name.replace(/(镇|乡|街道)$/, '')}${BRANDS[(index * 7 + spec.county) % BRANDS.length]!}`;
  let nameZh = `${stem}${profile.nameSuffixZh}`;
  for (let k = 2; usedNames.has(nameZh); k++) nameZh = `${stem}${k}号${profile.nameSuffixZh}`;
  usedNames.add(nameZh);

  const lines: Line[] = spec.formats.map((_, l) => ({
    lineId: `${siteId}-L${l + 1}`,
    nameZh: `${l + 1}#${profile.lineNameZh}`,
  }));

  const gasOutlets: GasOutlet[] = lines.map((line, l) => {
    const orng = rng.fork(`gas:${l}`);
    const flowDesign = Math.round(orng.uniform(profile.flowDesign[0], profile.flowDesign[1]) / 1000) * 1000;
    const tempOn = orng.uniform(profile.tempOn[0], profile.tempOn[1]);
    const humidityOn = orng.uniform(profile.humidityOn[0], profile.humidityOn[1]);
    // Size the stack for 11–17 m/s at full load, as designers do.
    const actualFlow = (flowDesign * (273 + tempOn)) / 273 / (1 - humidityOn / 100);
    const stackArea = actualFlow / 3600 / orng.uniform(11, 17);
    const ultraLowPm = spec.ultraLowPm?.[l] ?? false;
    const pollutants: GasPollutant[] = profile.pollutants.map((p) => {
      let fraction = spec.baseFractions?.[p.code] ?? orng.uniform(p.baseFraction[0], p.baseFraction[1]);
      let decimals = p.decimals;
      let relSd = p.relSd;
      if (p.code === 'a34013' && ultraLowPm) {
        fraction = 0.035; // ~0.35 mg/m³: at the 0.1 mg/m³ resolution of the analyser
        decimals = 1;
        relSd = 0.12;
      }
      return {
        code: p.code,
        limit: p.limit,
        decimals,
        base: p.limit * fraction,
        relSd,
        loadWeight: p.loadWeight,
      };
    });
    return {
      media: 'gas',
      outletId: `${siteId}-G${l + 1}`,
      mn: `${county.code}HD${String(index + 1).padStart(12, '0')}${String(l + 1).padStart(4, '0')}`,
      nameZh: `${l + 1}#${profile.outletNameZh}`,
      siteId,
      lineId: line.lineId,
      o2Ref: profile.o2Ref,
      o2Full: profile.o2Full + orng.uniform(-0.4, 0.4),
      o2Slope: profile.o2Slope,
      pollutants,
      flowDesign,
      stackArea: Math.round(stackArea * 100) / 100,
      tempOn,
      humidityOn,
      calibrationHour: spec.calibrationHours[l] ?? null,
      ultraLowPm,
      nearLimitNox: spec.nearLimitNox?.[l] ?? false,
      format: spec.formats[l]!,
    };
  });

  const waterOutlets: WaterOutlet[] = [];
  if (spec.water && profile.water) {
    const wrng = rng.fork('water');
    const parameters: WaterParameter[] = (Object.keys(WATER_LIMITS) as (keyof typeof WATER_LIMITS)[]).map(
      (code) => {
        const w = WATER_LIMITS[code];
        // COD and TP analysers digest for 1–2 h, NH3-N is fast, TN digests longest.
        const cycleHours = code === 'w21003' ? 1 : code === 'w21001' ? 4 : wrng.pick([1, 2, 2]);
        return {
          code,
          limit: w.limit,
          base: w.limit * wrng.uniform(w.baseFraction[0], w.baseFraction[1]),
          decimals: w.decimals,
          cycleHours,
          phase: wrng.int(0, cycleHours - 1),
        };
      },
    );
    waterOutlets.push({
      media: 'water',
      outletId: `${siteId}-W1`,
      mn: `${county.code}WS${String(index + 1).padStart(12, '0')}0001`,
      nameZh: '污水总排口',
      siteId,
      lineId: lines[0]!.lineId,
      flowDesign:
        Math.round(wrng.uniform(profile.water.flowDesign[0], profile.water.flowDesign[1]) * 10) / 10,
      parameters,
      phMean: wrng.uniform(7.0, 7.8),
    });
  }

  const devices: Device[] = [];
  const drng = rng.fork('devices');
  const ratedOf = (range: readonly [number, number]): number =>
    Math.round(drng.uniform(range[0], range[1]) / 5) * 5;
  lines.forEach((line, l) => {
    devices.push({
      deviceId: `${siteId}-P${l + 1}`,
      siteId,
      nameZh: `${l + 1}#${profile.production.nameZh}`,
      role: 'production',
      lineId: line.lineId,
      ratedKw: ratedOf(profile.production.ratedKw),
      intervalMinutes: spec.deviceIntervalMinutes,
      treats: null,
    });
  });
  lines.forEach((line, l) => {
    devices.push({
      deviceId: `${siteId}-T${l + 1}`,
      siteId,
      nameZh: `${l + 1}#${profile.treatment.nameZh}`,
      role: 'treatment',
      lineId: line.lineId,
      ratedKw: ratedOf(profile.treatment.ratedKw),
      intervalMinutes: spec.deviceIntervalMinutes,
      treats: 'gas',
    });
  });
  if (waterOutlets.length > 0 && profile.water) {
    devices.push({
      deviceId: `${siteId}-T${lines.length + 1}`,
      siteId,
      nameZh: profile.water.treatment.nameZh,
      role: 'treatment',
      lineId: lines[0]!.lineId,
      ratedKw: ratedOf(profile.water.treatment.ratedKw),
      intervalMinutes: spec.deviceIntervalMinutes,
      treats: 'water',
    });
  }
  if (spec.auxiliary) {
    devices.push({
      deviceId: `${siteId}-X1`,
      siteId,
      nameZh: '空压站',
      role: 'auxiliary',
      lineId: '',
      ratedKw: ratedOf([90, 250]),
      intervalMinutes: spec.deviceIntervalMinutes,
      treats: null,
    });
  }

  const trucksPerDay =
    profile.trucksPerDay[1] === 0 ? 0 : rng.int(profile.trucksPerDay[0], profile.trucksPerDay[1]);
  return {
    index,
    siteId,
    nameZh,
    sector: spec.sector,
    profile,
    county,
    township,
    grade: spec.grade,
    omCompany: OM_COMPANIES[spec.omCompany % OM_COMPANIES.length]!,
    lat: round6(township.lat + rng.uniform(-0.02, 0.02)),
    lon: round6(township.lon + rng.uniform(-0.025, 0.025)),
    positiveList: spec.grade === 'A' || spec.grade === '引领性',
    lines,
    gasOutlets,
    waterOutlets,
    devices,
    trucksPerDay,
    scripted,
  };
}

export function buildCityLayout(
  seed: number,
  enterprises: number,
  fixedSites: readonly FixedSiteSpec[],
): CityLayout {
  if (!Number.isInteger(enterprises) || enterprises < fixedSites.length) {
    throw new RangeError(
      `enterprises must be an integer >= ${fixedSites.length} (the planted case set), got ${enterprises}`,
    );
  }
  const counties = buildCounties(seed, enterprises);
  const usedNames = new Set<string>();
  const sites: Site[] = [];
  for (let i = 0; i < enterprises; i++) {
    const scripted = i < fixedSites.length;
    const spec = scripted ? fixedSites[i]! : cleanSpec(seed, i, counties.length);
    sites.push(buildSite(seed, i, spec, counties, usedNames, scripted));
  }
  return {
    nameZh: CITY_NAME_ZH,
    counties,
    stations: buildStations(counties),
    omCompanies: OM_COMPANIES,
    sites,
  };
}
