import type { RuleDefinition } from '../rule';

export const flowConsistency: RuleDefinition = {
  id: 'flow-consistency',
  version: '1.0.0',
  title: { zh: '烟气流量、温度与工况不符', en: 'Flow and temperature inconsistent with operation' },
  rationale: {
    zh: '标干流量由流速、温度、压力、湿度计算，并随生产负荷变化。流量长时间几乎恒定而负荷或流速在变，或流量与流速推算值的比例突变，说明流量被人为设定（排放量随之被固定或压低）；生产运行时烟温接近环境温度，说明温度数据或运行状态不实。',
    en: 'Standard flow is computed from velocity, temperature, pressure and humidity and follows production load. Flow held almost constant while load or velocity moves, or a sudden change in the flow-to-velocity ratio, means the flow is being set by hand (fixing or lowering the emission totals); a stack at ambient temperature while production runs means the temperature or the operating state is false.',
  },
  legalCategory: '篡改',
  legalBasis: {
    zh: '环发〔2015〕175号 篡改第8项（修改仪器参数或数据）；HJ 212-2017 附录D 流量计算公式；HJ 75-2017',
    en: 'Huanfa [2015] No. 175, tampering item 8 (altering instrument parameters or data); HJ 212-2017 Appendix D flow formulas; HJ 75-2017',
  },
  dataNeeded: [
    'readings: flow (a00000), velocity (a01011), temperature (a01012), humidity (a01014)',
    'power (production load), devices.line_id',
    'outlets.o2_ref',
  ],
  prepared: ['outlet_hour'],
  severity: 'medium',
  params: [
    {
      name: 'flow_cv_max',
      type: 'number',
      default: 0.01,
      min: 0,
      description: {
        zh: '日内流量变异系数低于此值视为“几乎恒定”',
        en: 'Daily flow coefficient of variation below this counts as almost constant',
      },
    },
    {
      name: 'load_cv_min',
      type: 'number',
      default: 0.1,
      min: 0,
      description: {
        zh: '同日生产负荷（生产用电）变异系数需高于此值',
        en: 'The same day’s production-load (power) CV must exceed this',
      },
    },
    {
      name: 'cv_factor',
      type: 'number',
      default: 3,
      min: 1,
      description: {
        zh: '流速推算流量的变异系数须至少为流量变异系数的该倍数',
        en: 'The velocity-implied flow CV must be at least this multiple of the flow CV',
      },
    },
    {
      name: 'min_day_hours',
      type: 'integer',
      default: 12,
      unit: 'h',
      min: 2,
      description: {
        zh: '一天中参与计算的最少运行小时数',
        en: 'Minimum running hours for a day to be judged',
      },
    },
    {
      name: 'ratio_tol',
      type: 'number',
      default: 0.1,
      min: 0,
      description: {
        zh: '流量/流速推算流量之比偏离自身中位值的相对容差',
        en: 'Relative tolerance of the flow / velocity-implied flow ratio around its own median',
      },
    },
    {
      name: 'min_hours',
      type: 'integer',
      default: 3,
      unit: 'h',
      min: 1,
      description: {
        zh: '比例偏离、低烟温的最短连续小时数',
        en: 'Minimum consecutive hours of a ratio deviation or a cold stack',
      },
    },
    {
      name: 'temp_min',
      type: 'number',
      default: 40,
      unit: '°C',
      description: {
        zh: '燃烧源运行时烟温低于此值视为异常',
        en: 'Stack temperature below this while a combustion source runs is abnormal',
      },
    },
    {
      name: 'min_flow_frac',
      type: 'number',
      default: 0.3,
      min: 0,
      description: {
        zh: '流量不低于典型运行流量的该比例才视为运行',
        en: 'Flow must reach this fraction of the typical running flow for the hour to count as running',
      },
    },
  ],
  pitfalls: {
    zh: '烟道截面积和速度场系数未知：流量与流速推算值之比在排口自身数据上标定，只看偏离；连续运行、负荷平稳的装置流量本就稳定：负荷检查要求负荷变异系数>10%，且只用于单产线企业的燃烧源（VOCs 排口流量随治理风机、多产线企业总负荷随其他产线变化），流速检查要求推算流量确有波动；湿法脱硫后饱和烟气约 45–55℃，低于 40℃ 才计；多产线企业某条线停运时以排口自身的 F 标记和流量判断运行；压力和单位混用（m³/s 与 m³/h）只影响比值的水平，不影响偏离判断。',
    en: 'Stack area and Kv are unknown: the flow / velocity-implied flow ratio is calibrated on the outlet’s own data and only deviations count; continuous plants at steady load genuinely have steady flow: the load check needs a load CV above 10 % and only applies to combustion outlets of single-line sites (a VOC stack follows its fan, a multi-line site’s total load moves with the other lines), and the velocity check needs a genuinely varying implied flow; saturated stacks after wet FGD sit at 45–55 °C, so only < 40 °C counts; on multi-line sites a stopped line is recognised by its own F flags and flow; pressure and unit mix-ups (m³/s vs m³/h) shift the ratio level, not its deviations.',
  },
  sqlFile: new URL('./flow-consistency.sql', import.meta.url),
};
