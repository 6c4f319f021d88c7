import type { CatalogVersion } from '@senseon/client';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { NodeOperation } from './operations';

/**
 * n8n's Simplify: an output wider than 10 fields comes out as its 10 most used fields unless
 * the user asks for the raw record. Records are told apart by their ID prefix, the API's own.
 */
const SIMPLE_FIELDS: Record<string, readonly string[]> = {
  case: [
    'id',
    'title',
    'severity',
    'status',
    'assignee',
    'tags',
    'observation_count',
    'updated_at',
    'url',
    'summary',
  ],
  act: [
    'id',
    'case_id',
    'type',
    'target',
    'status',
    'requested_by',
    'decided_by',
    'expires_at',
    'url',
    'summary',
  ],
  dev: [
    'id',
    'hostname',
    'ip_addresses',
    'os',
    'status',
    'criticality',
    'risk_score',
    'last_seen_at',
    'url',
    'summary',
  ],
  obs: [
    'id',
    'title',
    'severity',
    'source',
    'observed_at',
    'device_id',
    'case_id',
    'ocsf_class',
    'url',
    'summary',
  ],
};

/** Operations whose items are cases, devices, observations or response actions. */
const WIDE_OUTPUTS = new Set([
  'case.get',
  'case.getMany',
  'case.update',
  'device.get',
  'device.getMany',
  'device.isolate',
  'device.release',
  'device.getObservations',
  'observation.get',
  'observation.getMany',
  'observation.create',
  'action.request',
  'action.get',
  'action.getMany',
  'action.approve',
  'action.reject',
  'ioc.add',
]);

/** Node version 3 and later; earlier versions keep their full output (saved workflows map it). */
export function hasSimplify(op: NodeOperation, version: CatalogVersion): boolean {
  return version >= 3 && WIDE_OUTPUTS.has(op.spec.key);
}

export function simplifyProperty(show: { resource: string[]; operation: string[] }) {
  return {
    displayName: 'Simplify',
    name: 'simplify',
    type: 'boolean',
    default: true,
    description: 'Whether to return a simplified version of the response instead of the raw data',
    displayOptions: { show },
  } satisfies INodeProperties;
}

/** The simplified record; anything that is not a known record passes through unchanged. */
export function simplifyRecord(record: IDataObject): IDataObject {
  const prefix = /^([a-z]+)_/.exec(String(record.id ?? ''))?.[1];
  const fields = prefix ? SIMPLE_FIELDS[prefix] : undefined;
  if (!fields) return record;
  const source: IDataObject = { ...record };
  // The OCSF event is the widest part of an observation: its class names what happened.
  const ocsf = record.ocsf as IDataObject | undefined;
  if (prefix === 'obs' && ocsf && typeof ocsf === 'object') source.ocsf_class = ocsf.class_name;
  const simple: IDataObject = {};
  for (const field of fields) if (field in source) simple[field] = source[field];
  return simple;
}
