/**
 * Canonical schema v1 of a case file. Times are local wall-clock TIMESTAMPs (Asia/Shanghai, no zone).
 * Every imported row keeps (source_file_id, source_row) so a value can be traced to its file line.
 *
 * `readings` is the big table: keyed by an integer series_id (dimension `series`) and written sorted
 * by (series_id, ts), which keeps zone maps tight (measured in shared/docs/detectors.md §1).
 */
export const SCHEMA_V1_SQL = `
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

CREATE TABLE schema_migrations (
  version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL, app_version VARCHAR NOT NULL
);

-- 来源文件: every imported file, hashed; the file itself is never modified.
CREATE SEQUENCE source_file_seq START 1;
CREATE TABLE source_files (
  file_id INTEGER PRIMARY KEY DEFAULT nextval('source_file_seq'),
  sha256 VARCHAR NOT NULL UNIQUE,
  name VARCHAR NOT NULL,
  path VARCHAR NOT NULL,
  size_bytes BIGINT NOT NULL,
  format VARCHAR NOT NULL,
  encoding VARCHAR NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  duplicates BIGINT NOT NULL,
  report_json VARCHAR NOT NULL
);

-- Rows that could not be imported, with the reason; kept for review, never silently dropped.
CREATE TABLE quarantine (
  file_id INTEGER NOT NULL, source_row BIGINT NOT NULL, reason VARCHAR NOT NULL, raw VARCHAR
);

-- 企业: enterprises (sites).
CREATE TABLE sites (
  site_id VARCHAR PRIMARY KEY, site_name VARCHAR, county VARCHAR, township VARCHAR, industry VARCHAR,
  grade VARCHAR, om_company VARCHAR, lat DOUBLE, lon DOUBLE, positive_list BOOLEAN,
  source_file_id INTEGER, source_row BIGINT
);

-- 排放口/监测点: outlets, identified by outlet_id and (optionally) the data logger MN.
CREATE TABLE outlets (
  outlet_id VARCHAR PRIMARY KEY, site_id VARCHAR, mn VARCHAR, outlet_name VARCHAR,
  media VARCHAR NOT NULL DEFAULT 'other', o2_ref DOUBLE, source_file_id INTEGER, source_row BIGINT
);

-- 排放限值 on the converted (折算) basis unless basis says otherwise.
CREATE TABLE limits (
  outlet_id VARCHAR NOT NULL, code VARCHAR NOT NULL, limit_value DOUBLE NOT NULL, basis VARCHAR NOT NULL DEFAULT 'zs',
  source_file_id INTEGER, PRIMARY KEY (outlet_id, code, basis)
);

-- A monitoring series: (outlet or MN, code, statistic, interval). Never keyed by code alone.
CREATE SEQUENCE series_seq START 1;
CREATE TABLE series (
  series_id INTEGER PRIMARY KEY DEFAULT nextval('series_seq'),
  outlet_id VARCHAR NOT NULL, code VARCHAR NOT NULL, stat VARCHAR NOT NULL, interval VARCHAR NOT NULL,
  media VARCHAR NOT NULL DEFAULT 'other', unit VARCHAR,
  UNIQUE (outlet_id, code, stat, interval)
);

-- 监测数据: one value per (series, period start). flag is the HJ 212 data flag (N, F, M, S, D, C, T, B).
CREATE TABLE readings (
  series_id INTEGER NOT NULL, ts TIMESTAMP NOT NULL, value DOUBLE, flag VARCHAR,
  source_file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);

-- 分表计电: electricity sub-meter devices and their readings.
CREATE TABLE devices (
  device_id VARCHAR PRIMARY KEY, site_id VARCHAR, device_name VARCHAR, role VARCHAR, line_id VARCHAR,
  rated_kw DOUBLE, source_file_id INTEGER, source_row BIGINT
);
CREATE TABLE power_readings (
  device_id VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, kw DOUBLE, kwh DOUBLE, current_a DOUBLE,
  source_file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);

-- 空气站: ambient air stations and hourly readings (µg/m³, CO mg/m³).
CREATE TABLE stations (
  station_id VARCHAR PRIMARY KEY, station_name VARCHAR, township VARCHAR, county VARCHAR, kind VARCHAR,
  lat DOUBLE, lon DOUBLE, source_file_id INTEGER, source_row BIGINT
);
CREATE TABLE air_readings (
  station_id VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, pm25 DOUBLE, pm10 DOUBLE, so2 DOUBLE, no2 DOUBLE,
  co DOUBLE, o3 DOUBLE, source_file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);

-- 重污染天气应急管控: orders (alerts) and per-enterprise measures (一厂一策).
CREATE TABLE orders (
  order_id VARCHAR PRIMARY KEY, level VARCHAR NOT NULL, start_ts TIMESTAMP NOT NULL, end_ts TIMESTAMP NOT NULL,
  scope VARCHAR, source_file_id INTEGER, source_row BIGINT
);
CREATE TABLE measures (
  site_id VARCHAR NOT NULL, level VARCHAR NOT NULL, line_id VARCHAR, action VARCHAR NOT NULL, limit_pct DOUBLE,
  source_file_id INTEGER, source_row BIGINT
);

-- 门禁: vehicle gate records.
CREATE TABLE gate_records (
  site_id VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, plate VARCHAR, direction VARCHAR, emission_stage VARCHAR,
  fuel VARCHAR, vehicle_type VARCHAR, source_file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);

-- 标记: marks and O&M log entries (停运, 启炉, 停炉, 故障, 校准, 维护 ...).
CREATE TABLE marks (
  outlet_id VARCHAR NOT NULL, start_ts TIMESTAMP NOT NULL, end_ts TIMESTAMP, mark VARCHAR NOT NULL,
  source VARCHAR, reason VARCHAR, source_file_id INTEGER, source_row BIGINT
);

-- 线索/发现: findings of the detection rules, reproducible from rule version, parameters and inputs.
CREATE TABLE findings (
  finding_id VARCHAR PRIMARY KEY, run_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, rule_version VARCHAR NOT NULL,
  params_json VARCHAR NOT NULL, severity VARCHAR NOT NULL, score DOUBLE,
  site_id VARCHAR, outlet_id VARCHAR, device_id VARCHAR, series_id INTEGER, code VARCHAR,
  start_ts TIMESTAMP, end_ts TIMESTAMP, summary_zh VARCHAR NOT NULL, summary_en VARCHAR NOT NULL,
  evidence_json VARCHAR NOT NULL,
  input_hashes_json VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL
);

-- 审计日志: append-only, each entry hashes the previous one.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY, ts TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL,
  details_json VARCHAR NOT NULL, prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL
);
`;
