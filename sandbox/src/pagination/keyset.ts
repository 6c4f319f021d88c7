import type { SQLInputValue } from 'node:sqlite';
import type { SandboxDatabase } from '../db/database';
import { decodeCursor, encodeCursor, queryFingerprint } from './cursor';

export const DEFAULT_LIMIT = 100;

export interface KeysetList {
  /** Names the list in the cursor fingerprint (`cases`, `comments:case_…`). */
  list: string;
  /** The filters as the client gave them; part of the fingerprint. */
  filters: Record<string, unknown>;
  from: string;
  where: string[];
  params: SQLInputValue[];
  /** A column holding an integer or text sort key; `id` breaks ties. */
  sortColumn: string;
  /** The unique column that breaks ties between equal sort keys (default `id`). */
  idColumn?: string;
  direction: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
  /** The columns to read; must include the sort column and `id`. */
  select?: string;
}

export interface KeysetPage<Row> {
  rows: Row[];
  nextCursor: string | null;
  /** Items matching the filters when the first page was read (see keysetPage). */
  totalItems: number;
}

/**
 * A page of a list ordered by (sort key, id). A cursor names the last item seen, never an
 * offset, so rows inserted or deleted elsewhere in the list cannot shift what comes next:
 * no item is skipped and none is returned twice while a client pages.
 *
 * Every page costs the same at any depth: the cursor is one row-value comparison,
 * `(key, id) > (?, ?)`, which SQLite answers by seeking in an index on (scope, key, id) (each
 * list has one, see schema.ts) rather than by scanning from the start of the list. The total is
 * counted once, for the first page, and carried in the cursor: counting the whole list on every
 * page made a full walk cost the square of its length.
 */
export function keysetPage<Row extends Record<string, unknown>>(
  db: SandboxDatabase,
  query: KeysetList,
): KeysetPage<Row> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const fingerprint = queryFingerprint(query.list, query.filters);
  const where = [...query.where];
  const params = [...query.params];
  const idColumn = query.idColumn ?? 'id';
  const position = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
  const totalItems = position?.total ?? countOf(db, query);

  if (position) {
    const op = query.direction === 'desc' ? '<' : '>';
    if (query.sortColumn === idColumn) {
      where.push(`${idColumn} ${op} ?`);
      params.push(position.id);
    } else {
      where.push(`(${query.sortColumn}, ${idColumn}) ${op} (?, ?)`);
      params.push(position.key, position.id);
    }
  }
  const pageWhere = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const dir = query.direction.toUpperCase();
  const order =
    query.sortColumn === idColumn
      ? `${idColumn} ${dir}`
      : `${query.sortColumn} ${dir}, ${idColumn} ${dir}`;
  const rows = db
    .prepare(
      `SELECT ${query.select ?? '*'} FROM ${query.from} ${pageWhere} ORDER BY ${order} LIMIT ?`,
    )
    .all(...params, limit + 1) as Row[];

  let nextCursor: string | null = null;
  if (rows.length > limit) {
    rows.length = limit;
    const last = rows[limit - 1] as Row;
    nextCursor = encodeCursor(
      {
        key: last[sortKeyName(query.sortColumn)] as number | string,
        id: last[sortKeyName(idColumn)] as string,
        total: totalItems,
      },
      fingerprint,
    );
  }
  return { rows, nextCursor, totalItems };
}

/**
 * Counts of first pages, kept while the database has not changed: a client polling the first
 * page of a long list would otherwise count the whole list on every request. `total_changes()`
 * counts every row this connection (the sandbox's only writer) has inserted, updated or deleted,
 * so an unchanged value means an unchanged count. Bounded; cleared when full.
 */
const countsOf = new WeakMap<SandboxDatabase, Map<string, { changes: number; n: number }>>();
const MAX_COUNTS = 256;

function countOf(db: SandboxDatabase, query: KeysetList): number {
  const where = query.where.length > 0 ? `WHERE ${query.where.join(' AND ')}` : '';
  const sql = `SELECT COUNT(*) AS n FROM ${query.from} ${where}`;
  const key = `${sql}\n${JSON.stringify(query.params)}`;
  let counts = countsOf.get(db);
  if (!counts) countsOf.set(db, (counts = new Map()));
  const { changes } = db.prepare('SELECT total_changes() AS changes').get() as { changes: number };
  const cached = counts.get(key);
  if (cached && cached.changes === changes) return cached.n;
  const { n } = db.prepare(sql).get(...query.params) as { n: number };
  if (counts.size >= MAX_COUNTS) counts.clear();
  counts.set(key, { changes, n });
  return n;
}

/** `c.created_ms` is read back as `created_ms`. */
function sortKeyName(column: string): string {
  const dot = column.lastIndexOf('.');
  return dot === -1 ? column : column.slice(dot + 1);
}

/** Select the stored JSON as bytes: no UTF-8 decoding on the way out of SQLite. */
export const DOC_BYTES = 'CAST(doc AS BLOB) AS doc';

const decoder = new TextDecoder();

export interface DocBytesRow {
  doc: Uint8Array;
  [column: string]: unknown;
}

/**
 * A page of stored API objects kept as the UTF-8 JSON they are stored in. Lists answer those
 * bytes as they are: decoding, parsing and re-serialising large OCSF events would cost far
 * more than the query.
 */
export class DocPage<T> {
  constructor(
    readonly docs: Uint8Array[],
    readonly nextCursor: string | null,
    readonly totalItems: number,
  ) {}

  static of<T>(page: KeysetPage<DocBytesRow>): DocPage<T> {
    return new DocPage<T>(
      page.rows.map((row) => row.doc),
      page.nextCursor,
      page.totalItems,
    );
  }

  get items(): T[] {
    return this.docs.map((doc) => JSON.parse(decoder.decode(doc)) as T);
  }
}
