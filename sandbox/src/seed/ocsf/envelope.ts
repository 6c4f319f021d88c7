// What every OCSF event of the seed shares: classification, time, severity, metadata, the
// device it was seen on, its observables, and SenseOn's own fields under `unmapped.senseon`.
import type { Observation, OcsfEvent, Severity } from '@senseon/client';
import type { Host, Tenancy } from '../world';
import {
  OCSF_VERSION,
  SEVERITY_CAPTION,
  SEVERITY_ID,
  type ActivityOf,
  type OcsfClass,
} from './classes';
import { ocsfDevice, type OcsfObject, type Observables } from './objects';

/** The SenseOn platform release that "produced" the events. */
export const PRODUCT_VERSION = '2026.11.2';

export interface EventHeader {
  /** The observation id; also the event's `metadata.uid`. */
  id: string;
  /** Milliseconds since the epoch. */
  time: number;
  caseId: string | null;
  tenancy: Tenancy;
  host: Host | null;
  source: Observation['source'];
  severity: Severity;
  title: string;
  /** OCSF `message`: one sentence an analyst can read in a list. */
  message: string;
  /** Extra SenseOn fields (detection rule, confidence…) for `unmapped.senseon`. */
  senseon?: Record<string, unknown>;
}

export function buildEvent<C extends OcsfClass>(
  cls: C,
  activityId: ActivityOf<C>,
  header: EventHeader,
  observables: Observables,
  body: OcsfObject,
): OcsfEvent {
  const { host } = header;
  if (host) {
    observables
      .add('hostname', 'device.hostname', host.device.hostname)
      .add('ip', 'device.ip', host.device.ip_addresses[0]);
  }
  return {
    class_uid: cls.uid,
    class_name: cls.caption,
    category_uid: cls.categoryUid,
    category_name: cls.categoryCaption,
    activity_id: activityId,
    activity_name: cls.activities[activityId],
    type_uid: cls.uid * 100 + activityId,
    type_name: `${cls.caption}: ${cls.activities[activityId] ?? ''}`,
    time: header.time,
    severity_id: SEVERITY_ID[header.severity],
    severity: SEVERITY_CAPTION[header.severity],
    message: header.message,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'SenseOn', vendor_name: 'SenseOn', version: PRODUCT_VERSION },
      profiles: ['host'],
      uid: header.id,
      tenant_uid: header.tenancy.tenant.id,
      ...(header.caseId !== null && { correlation_uid: header.caseId }),
      log_name: header.source,
    },
    ...(host && { device: ocsfDevice(host) }),
    ...body,
    observables: observables.list(),
    unmapped: {
      senseon: {
        observation_id: header.id,
        tenant_id: header.tenancy.tenant.id,
        device_id: host?.device.id ?? null,
        case_id: header.caseId,
        source: header.source,
        ...(host && { agent_version: host.device.agent_version }),
        ...header.senseon,
      },
    },
  };
}

export function toObservation(header: EventHeader, ocsf: OcsfEvent): Observation {
  const at = new Date(header.time).toISOString();
  return {
    id: header.id,
    observed_at: at,
    // The seed's history arrived on time; live observations are stamped when stored.
    ingested_at: at,
    source: header.source,
    severity: header.severity,
    title: header.title,
    device_id: header.host?.device.id ?? null,
    case_id: header.caseId,
    ocsf,
    tenant_id: header.tenancy.tenant.id,
  };
}
