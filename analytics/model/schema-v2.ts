/**
 * Schema v2: 污染治理设施运行状态 from HJ 212 logs, stored as sent. `SBx-RS` (CN 2021) is the running
 * state (0 off, 1 running, 2 calibrating, 3 maintenance, 4 alarm, 5 back-blow), `SBx-RT` (CN 2041)
 * the running hours of a day. Keyed like a series: by outlet (or the MN where no outlet has it), the
 * facility as sent (`SB1`) and the kind; the first value of a (key, time) wins, as for readings.
 */
export const SCHEMA_V2_SQL = `
CREATE TABLE facility_states (
  outlet_id VARCHAR NOT NULL, facility VARCHAR NOT NULL, kind VARCHAR NOT NULL, ts TIMESTAMP NOT NULL,
  value DOUBLE, source_file_id INTEGER NOT NULL, source_row BIGINT NOT NULL
);
`;
