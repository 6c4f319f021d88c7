import type { OcsfEvent, Severity } from '../schemas';

/** OCSF severity_id for each SenseOn severity (1 Informational … 5 Critical). */
const SEVERITY_ID: Record<Severity, number> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

const DETECTION_FINDING = 2004;
const FINDINGS_CATEGORY = 2;
const ACTIVITY_CREATE = 1;
const OCSF_VERSION = '1.9.0-dev';

/** A minimal valid OCSF Detection Finding (class 2004) built from a few simple fields. */
export function detectionFinding(args: {
  uid: string;
  title: string;
  description?: string;
  severity: Severity;
  time: number;
}): OcsfEvent {
  return {
    class_uid: DETECTION_FINDING,
    category_uid: FINDINGS_CATEGORY,
    activity_id: ACTIVITY_CREATE,
    type_uid: DETECTION_FINDING * 100 + ACTIVITY_CREATE,
    time: args.time,
    severity_id: SEVERITY_ID[args.severity],
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'SenseOn connectors', vendor_name: 'SenseOn' },
    },
    finding_info: {
      uid: args.uid,
      title: args.title,
      ...(args.description ? { desc: args.description } : {}),
    },
  };
}
