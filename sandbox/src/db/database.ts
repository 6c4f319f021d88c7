import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';

/**
 * The sandbox's embedded database. `node:sqlite` is synchronous, so a transaction can never
 * interleave with another request's writes as long as no `await` happens inside it.
 */
export class SandboxDatabase {
  readonly sql: DatabaseSync;
  readonly location: string;
  private depth = 0;
  private readonly statements = new Map<string, StatementSync>();

  constructor(location: string) {
    this.location = location;
    this.sql = new DatabaseSync(location);
    if (location !== ':memory:') {
      // WAL: readers never block the writer, and a committed transaction survives a crash.
      this.sql.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    }
    this.sql.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    this.migrate();
  }

  /**
   * A prepared statement, compiled once per SQL text: compiling is most of the cost of a small
   * query. Lists build their SQL from the filters given, so the cache is bounded.
   */
  prepare(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 1000) this.statements.clear();
      statement = this.sql.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private migrate(): void {
    this.sql.exec(SCHEMA_SQL);
    const row = this.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as
      { value: string } | undefined;
    if (!row) {
      this.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)`).run(
        String(SCHEMA_VERSION),
      );
    } else if (Number(row.value) !== SCHEMA_VERSION) {
      throw new Error(
        `The database ${this.location} has schema version ${row.value}; this sandbox needs ${SCHEMA_VERSION}. Start with a new --db file.`,
      );
    }
  }

  /**
   * Runs `work` as one transaction: every write inside it lands, or none does. Nested calls
   * become savepoints, so a service can call another without caring who opened the transaction.
   */
  transaction<T>(work: () => T): T {
    const savepoint = `sp${this.depth}`;
    this.sql.exec(this.depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = work();
      if (result instanceof Promise) {
        throw new Error('transaction: the work must be synchronous (no await inside)');
      }
      this.depth--;
      this.sql.exec(this.depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.depth--;
      this.sql.exec(
        this.depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`,
      );
      throw error;
    }
  }

  getMeta(key: string): string | undefined {
    const row = this.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  close(): void {
    if (!this.sql.isOpen) return;
    // A checkpoint folds the WAL into the main file, so the file alone holds everything.
    if (this.location !== ':memory:') this.sql.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    this.sql.close();
  }
}
