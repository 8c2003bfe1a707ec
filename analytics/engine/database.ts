import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { decodeRow, type PlainValue } from './decode-value';

export type SqlParams = Record<string, DuckDBValue> | DuckDBValue[];
export type Row = Record<string, PlainValue>;

/** What query code needs: the main Database and a transaction's own connection both provide it. */
export interface SqlRunner {
  all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  run(sql: string, params?: SqlParams): Promise<void>;
}

/** Wrap a bare connection (e.g. one owned by an import transaction) as a SqlRunner. */
export function connectionRunner(connection: DuckDBConnection): SqlRunner {
  return {
    async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
      const t0 = performance.now();
      const reader = await connection.runAndReadAll(sql, params);
      logTiming(sql, t0);
      return reader.getRowObjectsJS().map((r) => decodeRow(r) as T);
    },
    async run(sql: string, params?: SqlParams): Promise<void> {
      const t0 = performance.now();
      await connection.run(sql, params);
      logTiming(sql, t0);
    },
  };
}

/** ANALYST_SQL_TIMING=1 prints the duration of every statement run through a SqlRunner (profiling). */
const timing = process.env['ANALYST_SQL_TIMING'] === '1';
function logTiming(sql: string, t0: number): void {
  if (!timing) return;
  const ms = performance.now() - t0;
  process.stderr.write(`[sql ${ms.toFixed(0).padStart(6)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 120)}\n`);
}

export interface DatabaseOptions {
  readonly memoryLimit?: string;
  readonly threads?: number;
  readonly tempDirectory?: string;
}

/**
 * A DuckDB file (or ':memory:') with a serialised main connection. Settings pinned for an air-gapped
 * workstation: never auto-install extensions (parquet, json and icu are built in), bounded memory,
 * spill to a temp directory next to the case.
 */
export class Database implements SqlRunner {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path: string, options: DatabaseOptions = {}): Promise<Database> {
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      memory_limit: options.memoryLimit ?? process.env['ANALYST_DUCKDB_MEMORY'] ?? '6GB',
    };
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory;
    const instance = await DuckDBInstance.create(path, config);
    const connection = await instance.connect();
    return new Database(path, instance, connection);
  }

  /** Runs statements one at a time on the main connection (DuckDB connections are not re-entrant). */
  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.serialise(async () => {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((r) => decodeRow(r) as T);
    });
  }

  async one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.serialise(async () => {
      await this.connection.run(sql, params);
    });
  }

  /** A second connection for work that must not queue behind the main one (e.g. a long import). */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  interrupt(): void {
    this.connection.interrupt();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** Quote a string literal for SQL text (paths in read_csv, which cannot take a parameter everywhere). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
