// GET /telemetry: one page of a tenant's raw telemetry, read hour by hour from the newest (or
// oldest) end, with the list's usual keyset cursor on (time, id). Reading yields to the event
// loop between hours, and a read that scans longer than the query timeout answers the seeds'
// 504: "a database query timed out — try a more specific query".
import type { TelemetryEvent, TelemetryFilters } from '@senseon/client';
import { ApiError } from '../http/errors';
import { valuesAt } from '../hunts/query-match';
import { decodeCursor, encodeCursor, queryFingerprint } from '../pagination/cursor';
import { DEFAULT_LIMIT } from '../pagination/keyset';
import { compareEvents, type TelemetrySource, type TelemetryScope } from './telemetry-source';

export interface TelemetryPageResult {
  items: TelemetryEvent[];
  nextCursor: string | null;
  totalItems: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The filters beyond scope and time; null when there are none (the total is then cheap). */
function eventFilter(filters: TelemetryFilters): ((event: TelemetryEvent) => boolean) | null {
  const tests: ((event: TelemetryEvent) => boolean)[] = [];
  if (filters.class_uid !== undefined) {
    const uid = filters.class_uid;
    tests.push((e) => e.class_uid === uid);
  }
  if (filters.field !== undefined && filters.value !== undefined) {
    const path = filters.field.split('.');
    const wanted = filters.value.toLowerCase();
    tests.push((e) => valuesAt(e.ocsf, path).includes(wanted));
  }
  return tests.length === 0 ? null : (e) => tests.every((test) => test(e));
}

export const QUERY_TIMEOUT_MESSAGE =
  'A database query timed out — try a more specific query (a shorter time range, one device, or a hunt).';

export async function telemetryPage(
  source: TelemetrySource,
  tenantId: string,
  filters: TelemetryFilters,
  timeoutMs: number,
): Promise<TelemetryPageResult> {
  const startedAt = performance.now();
  const direction = filters.sort === 'time' ? 'asc' : 'desc';
  const scope: TelemetryScope = {
    tenantId,
    deviceIds: filters.device_id ? [filters.device_id] : null,
    afterMs: Date.parse(filters.observed_after),
    beforeMs: Date.parse(filters.observed_before),
  };
  const matches = eventFilter(filters);
  const fingerprint = queryFingerprint(`telemetry:${tenantId}`, filters);
  const position = filters.cursor ? decodeCursor(filters.cursor, fingerprint) : undefined;
  const limit = filters.limit ?? DEFAULT_LIMIT;

  // The total is counted once, for the first page, and carried in the cursor like every
  // list's. Unfiltered, it needs only each hour's event times; filtered, every event must be
  // made and tested, so the first page reads the whole range in one pass.
  let totalItems = position?.total ?? (matches ? undefined : source.count(scope));
  const mustCount = totalItems === undefined;
  let counted = 0;

  const after = position
    ? { time: new Date(Number(position.key)).toISOString(), id: String(position.id) }
    : null;
  const items: TelemetryEvent[] = [];
  const from = position ? Number(position.key) : undefined;
  for (const hour of source.byHour(scope, direction, from)) {
    for (const event of hour) {
      if (matches && !matches(event)) continue;
      counted++;
      if (items.length > limit) continue;
      if (after) {
        const order = compareEvents(event, after as TelemetryEvent);
        if (direction === 'asc' ? order <= 0 : order >= 0) continue;
      }
      items.push(event);
    }
    if (items.length > limit && !mustCount) break;
    if (performance.now() - startedAt > timeoutMs) {
      throw new ApiError('GATEWAY_TIMEOUT', QUERY_TIMEOUT_MESSAGE);
    }
    await nextTurn();
  }
  totalItems ??= counted;

  let nextCursor: string | null = null;
  if (items.length > limit) {
    items.length = limit;
    const last = items[limit - 1] as TelemetryEvent;
    nextCursor = encodeCursor(
      { key: Date.parse(last.time), id: last.id, total: totalItems },
      fingerprint,
    );
  }
  return { items, nextCursor, totalItems };
}
