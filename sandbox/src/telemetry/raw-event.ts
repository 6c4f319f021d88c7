// What raw telemetry looks like on the wire: the agent's OCSF event without what SenseOn adds
// when it turns an event into an observation (its severity, its message, the case it belongs
// to and everything under `unmapped.senseon`).
import type { Device, OcsfEvent, TelemetryEvent } from '@senseon/client';

export function rawTelemetryEvent(args: {
  id: string;
  time: number;
  ocsf: OcsfEvent;
  device: Pick<Device, 'id' | 'tenant_id'>;
  observationId: string | null;
}): TelemetryEvent {
  const { unmapped: _unmapped, message: _message, ...rest } = args.ocsf;
  const { correlation_uid: _case, ...metadata } = args.ocsf.metadata;
  return {
    id: args.id,
    time: new Date(args.time).toISOString(),
    device_id: args.device.id,
    class_uid: args.ocsf.class_uid,
    observation_id: args.observationId,
    ocsf: {
      ...rest,
      time: args.time,
      // Agents report what happened; how serious it is is SenseOn's judgement, on observations.
      severity_id: 1,
      severity: 'Informational',
      metadata: { ...metadata, uid: args.id },
    },
    tenant_id: args.device.tenant_id,
  };
}

/** `tel_b…` for the estate's everyday events: device, hour and place in the hour. */
export const backgroundEventId = (deviceId: string, bucket: number, index: number): string =>
  `tel_b${deviceId.slice('dev_'.length)}${bucket.toString(36)}${index.toString(36)}`;

/** `tel_o…` for the event an observation was drawn from. */
export const observedEventId = (observationId: string): string =>
  `tel_o${observationId.slice('obs_'.length)}`;
