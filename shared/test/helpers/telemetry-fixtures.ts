import { Hunt, TelemetryEvent } from '../../src';

const at = '2026-11-23T18:00:00.000Z';

export const aTelemetryEvent = (over: Partial<TelemetryEvent> = {}): TelemetryEvent =>
  TelemetryEvent.parse({
    id: 'tel_b1',
    time: at,
    device_id: 'dev_4',
    class_uid: 1007,
    observation_id: null,
    ocsf: {
      class_uid: 1007,
      category_uid: 1,
      activity_id: 1,
      type_uid: 100701,
      time: Date.parse(at),
      severity_id: 1,
      metadata: { version: '1.9.0-dev', product: { name: 'SenseOn', vendor_name: 'SenseOn' } },
      process: { name: 'cmd.exe', pid: 4242 },
    },
    tenant_id: 'ten_acme',
    ...over,
  });

export const aHunt = (over: Partial<Hunt> = {}): Hunt =>
  Hunt.parse({
    id: 'hunt_1',
    query: 'process.name = "cmd.exe"',
    observed_after: '2026-11-23T00:00:00.000Z',
    observed_before: '2026-11-24T00:00:00.000Z',
    device_ids: null,
    status: 'queued',
    scanned_count: 0,
    result_count: 0,
    truncated: false,
    error: null,
    requested_by: { principal: 'n8n', origin: 'automation' },
    created_at: at,
    started_at: null,
    finished_at: null,
    tenant_id: 'ten_acme',
    ...over,
  });
