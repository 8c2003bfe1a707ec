import type { GasPollutantCode } from './pollutant-codes';

/**
 * Per-sector physics and bookkeeping of the demo city. Limits are on the converted basis at the
 * sector's reference O2 (domain.md §2.2; ultra-low emission values where they exist); typical levels
 * are fractions of the limit so clean plants stay well below it.
 */

export type Sector = 'steel' | 'coking' | 'cement' | 'printing' | 'incineration' | 'thermal' | 'chemical';

export const SECTORS: readonly Sector[] = [
  'steel',
  'coking',
  'cement',
  'printing',
  'incineration',
  'thermal',
  'chemical',
];

/** How production is scheduled: round the clock, day shifts (Mon–Sat), or following grid demand. */
export type OperationPattern = 'continuous' | 'day-shift' | 'load-following';

export interface PollutantProfile {
  readonly code: GasPollutantCode;
  readonly limit: number;
  /** Typical converted concentration at full load, as a fraction of the limit (range over plants). */
  readonly baseFraction: readonly [number, number];
  /** Hour-to-hour relative variability (sd of the log). */
  readonly relSd: number;
  /** How strongly the concentration follows load (0 = not at all). */
  readonly loadWeight: number;
  readonly decimals: number;
}

export interface DeviceProfile {
  readonly nameZh: string;
  readonly ratedKw: readonly [number, number];
}

export interface WaterProfile {
  /** Design discharge flow in L/s. */
  readonly flowDesign: readonly [number, number];
  readonly treatment: DeviceProfile;
}

export interface SectorProfile {
  readonly sector: Sector;
  readonly industryZh: string;
  readonly nameSuffixZh: string;
  readonly lineNameZh: string;
  readonly outletNameZh: string;
  /** Reference O2 in %, or null when the standard applies no O2 correction. */
  readonly o2Ref: number | null;
  /** O2 at full load and its rise per unit of load reduction (excess air at part load). */
  readonly o2Full: number;
  readonly o2Slope: number;
  readonly pollutants: readonly PollutantProfile[];
  /** Standard dry flow at full load, m³/h. */
  readonly flowDesign: readonly [number, number];
  readonly tempOn: readonly [number, number];
  readonly humidityOn: readonly [number, number];
  readonly operation: OperationPattern;
  /** Production lines (one gas outlet each). */
  readonly lines: readonly [number, number];
  /** Unplanned/maintenance stops per 30 days and their duration in hours. */
  readonly stopsPer30Days: number;
  readonly stopHours: readonly [number, number];
  /** Hours after a restart with elevated emissions. */
  readonly startupHours: number;
  /** Marks written for stops: 停炉/启炉 under the waste-to-energy and thermal-power rules, else 停运. */
  readonly stopMark: '停炉' | '停运';
  readonly startMark: '启炉' | null;
  readonly production: DeviceProfile;
  readonly treatment: DeviceProfile;
  readonly water: WaterProfile | null;
  /** Heavy trucks per day (HJ 1321 gate records); 0 = no gate system. */
  readonly trucksPerDay: readonly [number, number];
  readonly truckTypeZh: string;
}

const SO2 = (limit: number, base: readonly [number, number], decimals = 2): PollutantProfile => ({
  code: 'a21026',
  limit,
  baseFraction: base,
  relSd: 0.12,
  loadWeight: 0.5,
  decimals,
});
const NOX = (limit: number, base: readonly [number, number], decimals = 2): PollutantProfile => ({
  code: 'a21002',
  limit,
  baseFraction: base,
  relSd: 0.08,
  loadWeight: 0.6,
  decimals,
});
const PM = (limit: number, base: readonly [number, number], decimals = 2): PollutantProfile => ({
  code: 'a34013',
  limit,
  baseFraction: base,
  relSd: 0.15,
  loadWeight: 0.4,
  decimals,
});

export const SECTOR_PROFILES: Readonly<Record<Sector, SectorProfile>> = {
  steel: {
    sector: 'steel',
    industryZh: '钢铁',
    nameSuffixZh: '钢铁有限公司',
    lineNameZh: '烧结机',
    outletNameZh: '烧结机机头排放口',
    o2Ref: 16,
    o2Full: 14.6,
    o2Slope: 2.2,
    pollutants: [SO2(35, [0.25, 0.45]), NOX(50, [0.45, 0.62]), PM(10, [0.25, 0.45])],
    flowDesign: [600_000, 1_100_000],
    tempOn: [95, 130],
    humidityOn: [6, 10],
    operation: 'continuous',
    lines: [1, 1],
    stopsPer30Days: 1,
    stopHours: [8, 20],
    startupHours: 2,
    stopMark: '停运',
    startMark: null,
    production: { nameZh: '烧结主抽风机', ratedKw: [4000, 7000] },
    treatment: { nameZh: '烧结烟气脱硫脱硝系统', ratedKw: [600, 1200] },
    water: null,
    trucksPerDay: [30, 60],
    truckTypeZh: '重型半挂牵引车',
  },
  coking: {
    sector: 'coking',
    industryZh: '焦化',
    nameSuffixZh: '焦化有限公司',
    lineNameZh: '焦炉',
    outletNameZh: '焦炉烟囱排放口',
    o2Ref: 8,
    o2Full: 9.4,
    o2Slope: 1.5,
    pollutants: [SO2(30, [0.25, 0.45]), NOX(150, [0.45, 0.62]), PM(10, [0.25, 0.4])],
    flowDesign: [150_000, 300_000],
    tempOn: [150, 190],
    humidityOn: [5, 8],
    operation: 'continuous',
    lines: [1, 1],
    stopsPer30Days: 0,
    stopHours: [0, 0],
    startupHours: 0,
    stopMark: '停运',
    startMark: null,
    production: { nameZh: '焦炉煤气鼓风机', ratedKw: [600, 1200] },
    treatment: { nameZh: '焦炉烟气脱硫脱硝引风机', ratedKw: [400, 800] },
    water: { flowDesign: [8, 20], treatment: { nameZh: '酚氰废水处理鼓风机', ratedKw: [90, 180] } },
    trucksPerDay: [15, 30],
    truckTypeZh: '重型自卸货车',
  },
  cement: {
    sector: 'cement',
    industryZh: '水泥',
    nameSuffixZh: '水泥有限公司',
    lineNameZh: '熟料生产线',
    outletNameZh: '窑尾排放口',
    o2Ref: 10,
    o2Full: 7.8,
    o2Slope: 2.5,
    pollutants: [SO2(35, [0.2, 0.4]), NOX(100, [0.5, 0.66]), PM(10, [0.25, 0.4])],
    flowDesign: [400_000, 750_000],
    tempOn: [95, 125],
    humidityOn: [6, 9],
    operation: 'continuous',
    lines: [1, 1],
    stopsPer30Days: 0.4,
    stopHours: [24, 60],
    startupHours: 3,
    stopMark: '停运',
    startMark: null,
    production: { nameZh: '回转窑主传动电机', ratedKw: [350, 700] },
    treatment: { nameZh: '窑尾脱硝及袋除尘风机', ratedKw: [900, 1600] },
    water: null,
    trucksPerDay: [30, 60],
    truckTypeZh: '重型罐式货车',
  },
  printing: {
    sector: 'printing',
    industryZh: '印刷',
    nameSuffixZh: '印刷有限公司',
    lineNameZh: '凹版印刷线',
    outletNameZh: 'VOCs治理设施排放口',
    o2Ref: null,
    o2Full: 20.3,
    o2Slope: 0,
    pollutants: [
      { code: 'a24088', limit: 50, baseFraction: [0.12, 0.3], relSd: 0.18, loadWeight: 0.7, decimals: 2 },
    ],
    flowDesign: [25_000, 70_000],
    tempOn: [30, 40],
    humidityOn: [1.5, 3],
    operation: 'day-shift',
    lines: [1, 1],
    stopsPer30Days: 0,
    stopHours: [0, 0],
    startupHours: 0,
    stopMark: '停运',
    startMark: null,
    production: { nameZh: '凹版印刷机', ratedKw: [120, 320] },
    treatment: { nameZh: '活性炭吸附脱附风机', ratedKw: [45, 110] },
    water: null,
    trucksPerDay: [0, 0],
    truckTypeZh: '',
  },
  incineration: {
    sector: 'incineration',
    industryZh: '垃圾焚烧发电',
    nameSuffixZh: '环保能源有限公司',
    lineNameZh: '焚烧炉',
    outletNameZh: '焚烧炉烟气排放口',
    o2Ref: 11,
    o2Full: 8.2,
    o2Slope: 1.5,
    pollutants: [SO2(100, [0.2, 0.4]), NOX(250, [0.55, 0.7]), PM(30, [0.08, 0.2])],
    flowDesign: [70_000, 140_000],
    tempOn: [135, 160],
    humidityOn: [14, 20],
    operation: 'continuous',
    lines: [2, 2],
    stopsPer30Days: 0.25,
    stopHours: [30, 60],
    startupHours: 6,
    stopMark: '停炉',
    startMark: '启炉',
    production: { nameZh: '焚烧炉一次风机', ratedKw: [250, 450] },
    treatment: { nameZh: '烟气净化系统', ratedKw: [120, 260] },
    water: null,
    trucksPerDay: [25, 50],
    truckTypeZh: '垃圾运输车',
  },
  thermal: {
    sector: 'thermal',
    industryZh: '火电',
    nameSuffixZh: '热电有限公司',
    lineNameZh: '机组',
    outletNameZh: '锅炉烟气排放口',
    o2Ref: 6,
    o2Full: 5.2,
    o2Slope: 3.2,
    pollutants: [SO2(35, [0.3, 0.55]), NOX(50, [0.5, 0.68]), PM(10, [0.2, 0.45])],
    flowDesign: [700_000, 1_600_000],
    tempOn: [46, 55],
    humidityOn: [10, 14],
    operation: 'load-following',
    lines: [1, 2],
    stopsPer30Days: 0.2,
    stopHours: [24, 48],
    startupHours: 4,
    stopMark: '停炉',
    startMark: '启炉',
    production: { nameZh: '锅炉引风机', ratedKw: [1500, 3200] },
    treatment: { nameZh: '脱硫浆液循环泵', ratedKw: [900, 1800] },
    water: null,
    trucksPerDay: [20, 40],
    truckTypeZh: '重型自卸货车',
  },
  chemical: {
    sector: 'chemical',
    industryZh: '化工',
    nameSuffixZh: '化工有限公司',
    lineNameZh: '生产装置',
    outletNameZh: '导热油炉排放口',
    o2Ref: 3.5,
    o2Full: 3.8,
    o2Slope: 3,
    pollutants: [SO2(50, [0.05, 0.15]), NOX(50, [0.45, 0.62]), PM(5, [0.3, 0.5])],
    flowDesign: [15_000, 50_000],
    tempOn: [85, 120],
    humidityOn: [9, 13],
    operation: 'continuous',
    lines: [1, 1],
    stopsPer30Days: 0.6,
    stopHours: [8, 24],
    startupHours: 2,
    stopMark: '停运',
    startMark: null,
    production: { nameZh: '反应及精馏装置', ratedKw: [600, 1500] },
    treatment: { nameZh: '低氮燃烧及脱硝装置', ratedKw: [60, 150] },
    water: { flowDesign: [5, 15], treatment: { nameZh: '污水处理曝气风机', ratedKw: [75, 200] } },
    trucksPerDay: [8, 20],
    truckTypeZh: '危险货物运输车',
  },
};

/** Water limits (direct discharge) and typical fractions of them. */
export const WATER_LIMITS = {
  w01018: { limit: 60, baseFraction: [0.35, 0.55], decimals: 1 },
  w21003: { limit: 8, baseFraction: [0.08, 0.2], decimals: 2 },
  w21011: { limit: 0.5, baseFraction: [0.2, 0.45], decimals: 2 },
  w21001: { limit: 20, baseFraction: [0.4, 0.65], decimals: 2 },
} as const;
