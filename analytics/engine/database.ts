import os from 'node:os';
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
      const t0 = startTiming();
      const reader = await connection.runAndReadAll(sql, params);
      logTiming(sql, t0);
      return reader.getRowObjectsJS().map((r) => decodeRow(r) as T);
    },
    async run(sql: string, params?: SqlParams): Promise<void> {
      const t0 = startTiming();
      if (explain?.test(sql)) {
        // EXPLAIN ANALYZE runs the statement (an insert inserts) and returns its profiled plan.
        const reader = await connection.runAndReadAll(`EXPLAIN ANALYZE ${sql}`, params);
        process.stderr.write(`${String(reader.getRows()[0]?.[1] ?? '')}\n`);
      } else await connection.run(sql, params);
      logTiming(sql, t0);
    },
  };
}

/**
 * ANALYST_SQL_TIMING=1 prints the wall and CPU time (all DuckDB threads) of every statement run
 * through a SqlRunner (profiling; CPU time is the honest figure on a busy machine).
 */
const timing = process.env['ANALYST_SQL_TIMING'] === '1';
/**
 * ANALYST_SQL_EXPLAIN=<regex>: a statement run through a transaction's connection (connectionRunner)
 * whose text matches is run as EXPLAIN ANALYZE and its profiled plan printed (profiling only).
 */
const explainPattern = process.env['ANALYST_SQL_EXPLAIN'];
const explain = explainPattern ? new RegExp(explainPattern) : null;
interface TimingStart {
  readonly wall: number;
  readonly cpu: NodeJS.CpuUsage;
}
function startTiming(): TimingStart | null {
  return timing ? { wall: performance.now(), cpu: process.cpuUsage() } : null;
}
function logTiming(sql: string, t0: TimingStart | null): void {
  if (!t0) return;
  const ms = performance.now() - t0.wall;
  const cpu = process.cpuUsage(t0.cpu);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write(
    `[sql ${ms.toFixed(0).padStart(6)} ms, cpu ${cpuMs.toFixed(0).padStart(6)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 110)}\n`,
  );
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
  private writers: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** The memory_limit the instance was opened with; a temporary budget is restored to it. */
    readonly memoryLimit: string,
  ) {}

  static async open(path: string, options: DatabaseOptions = {}): Promise<Database> {
    const memoryLimit = options.memoryLimit ?? process.env['ANALYST_DUCKDB_MEMORY'] ?? defaultMemoryLimit();
    const config: Record<string, string> = {
      autoinstall_known_extensions: 'false',
      memory_limit: memoryLimit,
      // Give freed memory back to the system sooner (DuckDB's allocator otherwise keeps it resident):
      // the 500-enterprise screening peaked at 3.2 GB RSS instead of 3.6-3.8 GB, at the same speed.
      allocator_background_threads: 'true',
      allocator_flush_threshold: '32MB',
      allocator_bulk_deallocation_flush_threshold: '64MB',
    };
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory;
    const instance = await DuckDBInstance.create(path, config);
    const connection = await instance.connect();
    return new Database(path, instance, connection, memoryLimit);
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

  /**
   * Runs write jobs on the case one after another (an import file's transaction, a screening run):
   * two at once would both append to the hash-chained audit log and one would fail on commit. Reads
   * on the main connection do not wait.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writers.then(work, work);
    this.writers = next.catch(() => undefined);
    return next;
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

/**
 * 40% of the machine's RAM, between 1 and 6 GB. DuckDB's own default (80%) would leave too little
 * for the renderer, Electron and other programs on an analyst's laptop; beyond 6 GB the detectors
 * gain little (they scan sorted series). Sorts and joins spill to the temp directory past the limit.
 * Imports run with a smaller budget of their own (import-files.ts).
 */
function defaultMemoryLimit(): string {
  const mb = Math.floor((os.totalmem() * 0.4) / 2 ** 20);
  return `${Math.min(Math.max(mb, 1024), 6144)}MB`;
}

/**
 * Set DuckDB's memory_limit to `budget` for one job (an import, a screening run) and return the
 * function that puts back `configured`, the limit the instance was opened with (`Database.memoryLimit`):
 * not the value current now, which a job running beside this one may have set, and not
 * current_setting's rounded text. The limit is instance-wide, so work running beside the job spills
 * earlier or later for that time too (slower or faster, never wrong). When DuckDB refuses the budget
 * (others already hold more memory than it), the job runs with the current limit.
 */
export async function limitMemory(
  db: SqlRunner,
  budget: string,
  configured: string,
): Promise<() => Promise<void>> {
  try {
    await db.run(`SET memory_limit = ${sqlString(budget)}`);
  } catch {
    return async () => undefined;
  }
  return async () => {
    await db.run(`SET memory_limit = ${sqlString(configured)}`).catch(() => undefined);
  };
}

/** Quote a string literal for SQL text (paths in read_csv, which cannot take a parameter everywhere). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
