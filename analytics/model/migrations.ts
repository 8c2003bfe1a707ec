import { SCHEMA_V1_SQL } from './schema-v1';
import { SCHEMA_V2_SQL } from './schema-v2';

/**
 * Versioned migrations of the case schema. A case records every applied migration; opening a case
 * applies the missing ones in one transaction, and refuses a case whose version is newer than ours.
 * Append new migrations; never edit an applied one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'canonical schema v1', sql: SCHEMA_V1_SQL },
  { version: 2, name: 'treatment-facility states (HJ 212 SBx-RS/RT)', sql: SCHEMA_V2_SQL },
];

export const CURRENT_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
