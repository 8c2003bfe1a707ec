/**
 * HJ 212-2017 codes the demo writes, with the Chinese header names the importer recognises: the
 * NAME column of shared/data/hj212_codes/hj212_pollutant_codes.csv for pollutants, and the
 * documented platform names (氧含量, 烟气流速, 烟气温度, 烟气湿度, 标干流量) for flue-gas parameters
 * (input-formats.md §1).
 */

export type GasPollutantCode = 'a21026' | 'a21002' | 'a34013' | 'a24088';
export type FlueGasCode = 'a19001' | 'a01011' | 'a01012' | 'a01014' | 'a00000';
export type WaterCode = 'w01018' | 'w21003' | 'w21011' | 'w21001' | 'w01001' | 'w00000';

export const GAS_POLLUTANT_NAME_ZH: Readonly<Record<GasPollutantCode, string>> = {
  a21026: '二氧化硫',
  a21002: '氮氧化物',
  a34013: '烟尘',
  a24088: '非甲烷总烃',
};

export const FLUE_GAS_NAME_ZH: Readonly<Record<FlueGasCode, string>> = {
  a19001: '氧含量',
  a01011: '烟气流速',
  a01012: '烟气温度',
  a01014: '烟气湿度',
  a00000: '标干流量',
};

/** a00000-cou (hourly standard dry volume) is the 排放量 of 废气, the dictionary name of a00000. */
export const FLUE_GAS_VOLUME_NAME_ZH = '废气排放量';

export const FLUE_GAS_UNIT: Readonly<Record<FlueGasCode, string>> = {
  a19001: '%',
  a01011: 'm/s',
  a01012: '℃',
  a01014: '%',
  a00000: 'm3/s',
};

export const GAS_POLLUTANT_NAME_EN: Readonly<Record<GasPollutantCode, string>> = {
  a21026: 'SO2',
  a21002: 'NOx',
  a34013: 'particulate',
  a24088: 'NMHC',
};

export const WATER_NAME_EN: Readonly<Record<WaterCode, string>> = {
  w01018: 'COD',
  w21003: 'NH3-N',
  w21011: 'TP',
  w21001: 'TN',
  w01001: 'pH',
  w00000: 'flow',
};

export const WATER_NAME_ZH: Readonly<Record<WaterCode, string>> = {
  w01018: '化学需氧量',
  w21003: '氨氮',
  w21011: '总磷',
  w21001: '总氮',
  w01001: 'pH值',
  w00000: '污水',
};
