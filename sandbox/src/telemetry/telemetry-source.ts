// Raw telemetry of a tenant, read in time order one hour at a time: the estate's everyday
// events (made on demand, see seed/telemetry.ts) merged with the events the tenant's
// observations were drawn from (read from the observations table), so that every observation
// of an agent's event appears in telemetry at the same time, on the same device.
import type { Device, Observation, TelemetryEvent } from '@senseon/client';
import type { SandboxClock } from '../clock';
import type { SandboxDatabase } from '../db/database';
import { estateNoise, type EstateNoise } from '../seed';
import { HOUR } from '../seed/clock';
import { backgroundEventId, observedEventId, rawTelemetryEvent } from './raw-event';

/** What a read covers: a tenant, some or all of its devices, a time range (both ends exclusive). */
export interface TelemetryScope {
  tenantId: string;
  deviceIds: readonly string[] | null;
  afterMs: number;
  beforeMs: number;
}

export type Direction = 'asc' | 'desc';

/** Orders events by (time, id), the list's keyset. */
export function compareEvents(a: TelemetryEvent, b: TelemetryEvent): number {
  const byTime = Date.parse(a.time) - Date.parse(b.time);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Reporter {
  device: Device;
  /** The agent's last report: an offline device's `last_seen_at`, else now. */
  untilMs: number;
}

const FINDING_CLASS = 2004;

export class TelemetrySource {
  private noise: EstateNoise | null = null;
  private startMs: number | null = null;

  constructor(
    private readonly db: SandboxDatabase,
    private readonly clock: SandboxClock,
  ) {}

  /** Built on first use, not at start-up: a sandbox nobody asks for telemetry never pays. */
  private estate(): EstateNoise {
    if (!this.noise) this.noise = estateNoise(Number(this.db.getMeta('seed') ?? 0));
    return this.noise;
  }

  /** Everyday telemetry begins where the seeded history does: the first observation's hour. */
  private backgroundStartMs(): number {
    if (this.startMs === null) {
      const row = this.db.prepare('SELECT MIN(observed_ms) AS first FROM observations').get() as {
        first: number | null;
      };
      const first = row.first ?? this.clock.now();
      this.startMs = Math.floor(first / HOUR) * HOUR;
    }
    return this.startMs;
  }

  private reporters(scope: TelemetryScope): Reporter[] {
    const rows = this.db
      .prepare('SELECT doc FROM devices WHERE tenant_id = ? ORDER BY id')
      .all(scope.tenantId) as { doc: string }[];
    const wanted = scope.deviceIds ? new Set(scope.deviceIds) : null;
    const now = this.clock.now();
    return rows
      .map((row) => JSON.parse(row.doc) as Device)
      .filter((device) => !wanted || wanted.has(device.id))
      .map((device) => ({
        device,
        untilMs: device.status === 'offline' ? Date.parse(device.last_seen_at) : now,
      }));
  }

  /** The hours to read, in the order asked, starting at the hour of `fromMs` when given. */
  private *hours(scope: TelemetryScope, direction: Direction, fromMs?: number) {
    const first = Math.floor((scope.afterMs + 1) / HOUR);
    const last = Math.floor((scope.beforeMs - 1) / HOUR);
    if (direction === 'asc') {
      const start = fromMs === undefined ? first : Math.max(first, Math.floor(fromMs / HOUR));
      for (let h = start; h <= last; h++) yield h;
    } else {
      const start = fromMs === undefined ? last : Math.min(last, Math.floor(fromMs / HOUR));
      for (let h = start; h >= first; h--) yield h;
    }
  }

  /**
   * The scope's events hour by hour, each hour's events sorted in `direction`. Reading stops
   * whenever the caller stops iterating, so a page costs the hours it needs, not the range.
   */
  *byHour(
    scope: TelemetryScope,
    direction: Direction,
    fromMs?: number,
  ): Generator<TelemetryEvent[]> {
    const reporters = this.reporters(scope);
    for (const hour of this.hours(scope, direction, fromMs)) {
      const events = [
        ...this.backgroundIn(reporters, hour, scope),
        ...this.observedIn(scope, reporters, hour),
      ];
      events.sort(direction === 'asc' ? compareEvents : (a, b) => compareEvents(b, a));
      yield events;
    }
  }

  /** How many events the scope holds, without making them (the unfiltered list's total). */
  count(scope: TelemetryScope): number {
    const reporters = this.reporters(scope);
    const estate = this.estate();
    const start = this.backgroundStartMs();
    let total = 0;
    for (const hour of this.hours(scope, 'asc')) {
      for (const { device, untilMs } of reporters) {
        for (const time of estate.timesIn(device.id, hour)) {
          if (inScope(time, scope) && time >= start && time <= untilMs) total++;
        }
      }
    }
    const ids = reporters.map((r) => r.device.id);
    if (ids.length === 0) return total;
    const row = this.db
      .prepare(
        `SELECT COUNT(*) AS n FROM observations WHERE tenant_id = ? AND observed_ms > ? AND observed_ms < ?
         AND class_uid != ${FINDING_CLASS} AND device_id IN (${ids.map(() => '?').join(',')})`,
      )
      .get(scope.tenantId, scope.afterMs, scope.beforeMs, ...ids) as { n: number };
    return total + row.n;
  }

  private backgroundIn(
    reporters: Reporter[],
    hour: number,
    scope: TelemetryScope,
  ): TelemetryEvent[] {
    const estate = this.estate();
    const start = this.backgroundStartMs();
    const out: TelemetryEvent[] = [];
    for (const { device, untilMs } of reporters) {
      if (hour * HOUR > untilMs || (hour + 1) * HOUR <= start) continue;
      for (const raw of estate.eventsIn(device.id, hour)) {
        if (!inScope(raw.time, scope) || raw.time < start || raw.time > untilMs) continue;
        out.push(
          rawTelemetryEvent({
            id: backgroundEventId(device.id, hour, raw.index),
            time: raw.time,
            ocsf: raw.ocsf,
            device,
            observationId: null,
          }),
        );
      }
    }
    return out;
  }

  private observedIn(scope: TelemetryScope, reporters: Reporter[], hour: number): TelemetryEvent[] {
    if (reporters.length === 0) return [];
    const devices = new Map(reporters.map((r) => [r.device.id, r.device]));
    const from = Math.max(hour * HOUR, scope.afterMs + 1);
    const to = Math.min((hour + 1) * HOUR, scope.beforeMs);
    const rows = this.db
      .prepare(
        `SELECT id, device_id, observed_ms, doc FROM observations
         WHERE tenant_id = ? AND observed_ms >= ? AND observed_ms < ? AND class_uid != ${FINDING_CLASS}
         AND device_id IS NOT NULL`,
      )
      .all(scope.tenantId, from, to) as {
      id: string;
      device_id: string;
      observed_ms: number;
      doc: string;
    }[];
    const out: TelemetryEvent[] = [];
    for (const row of rows) {
      const device = devices.get(row.device_id);
      if (!device) continue;
      const observation = JSON.parse(row.doc) as Observation;
      out.push(
        rawTelemetryEvent({
          id: observedEventId(row.id),
          time: row.observed_ms,
          ocsf: observation.ocsf,
          device,
          observationId: row.id,
        }),
      );
    }
    return out;
  }
}

const inScope = (time: number, scope: TelemetryScope): boolean =>
  time > scope.afterMs && time < scope.beforeMs;
