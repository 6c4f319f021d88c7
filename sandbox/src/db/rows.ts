/** Rows keep the API object as JSON in `doc`. */
export interface DocRow {
  doc: string;
  [column: string]: unknown;
}

export function fromDoc<T>(row: DocRow): T {
  return JSON.parse(row.doc) as T;
}

export function maybeFromDoc<T>(row: unknown): T | undefined {
  return row ? fromDoc<T>(row as DocRow) : undefined;
}

/** Epoch milliseconds of an RFC 3339 time, for the sortable columns. */
export function toMs(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${timestamp}`);
  return ms;
}

/** `?, ?, ?` for an IN list. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
