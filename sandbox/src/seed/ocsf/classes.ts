// The OCSF classes the seed emits, with the uids and captions of the schema kept in
// shared/ocsf-schema (the OCSF test checks every value here against the schema files).
import type { Severity } from '@senseon/client';

/** `metadata.version` of every event: the version of the schema we validate against. */
export const OCSF_VERSION = '1.9.0-dev';

export interface OcsfClass {
  uid: number;
  caption: string;
  categoryUid: number;
  categoryCaption: string;
  activities: Readonly<Record<number, string>>;
}

export const FILE_SYSTEM_ACTIVITY = {
  uid: 1001,
  caption: 'File System Activity',
  categoryUid: 1,
  categoryCaption: 'System Activity',
  activities: { 1: 'Create', 2: 'Read', 3: 'Update', 4: 'Delete', 5: 'Rename', 10: 'Encrypt' },
} as const satisfies OcsfClass;

export const PROCESS_ACTIVITY = {
  uid: 1007,
  caption: 'Process Activity',
  categoryUid: 1,
  categoryCaption: 'System Activity',
  activities: { 1: 'Launch', 2: 'Terminate', 3: 'Open', 4: 'Inject' },
} as const satisfies OcsfClass;

export const DETECTION_FINDING = {
  uid: 2004,
  caption: 'Detection Finding',
  categoryUid: 2,
  categoryCaption: 'Findings',
  activities: { 1: 'Create', 2: 'Update', 3: 'Close' },
} as const satisfies OcsfClass;

export const AUTHENTICATION = {
  uid: 3002,
  caption: 'Authentication',
  categoryUid: 3,
  categoryCaption: 'Identity & Access Management',
  activities: { 1: 'Logon', 2: 'Logoff', 3: 'Authentication Ticket', 4: 'Service Ticket Request' },
} as const satisfies OcsfClass;

export const NETWORK_ACTIVITY = {
  uid: 4001,
  caption: 'Network Activity',
  categoryUid: 4,
  categoryCaption: 'Network Activity',
  activities: { 1: 'Open', 2: 'Close', 4: 'Fail', 5: 'Refuse', 6: 'Traffic' },
} as const satisfies OcsfClass;

export const DNS_ACTIVITY = {
  uid: 4003,
  caption: 'DNS Activity',
  categoryUid: 4,
  categoryCaption: 'Network Activity',
  activities: { 1: 'Query', 2: 'Response' },
} as const satisfies OcsfClass;

export type ActivityOf<C extends OcsfClass> = keyof C['activities'] & number;

/** OCSF `severity_id` for each API severity (1 Informational … 5 Critical). */
export const SEVERITY_ID: Record<Severity, number> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

export const SEVERITY_CAPTION: Record<Severity, string> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
