import { FEEDS } from '../feeds';
import { addCaseComment } from './case/add-comment';
import { generateCaseSummary } from './case/generate-summary';
import { getCase } from './case/get';
import { getCaseComments } from './case/get-comments';
import { getDecisionTrace } from './case/get-decision-trace';
import { getManyCases } from './case/get-many';
import { getCaseSummary } from './case/get-summary';
import { updateCase, updateCaseV1 } from './case/update';
import { getDevice } from './device/get';
import { getManyDevices } from './device/get-many';
import { getDeviceObservations } from './device/get-observations';
import { isolateDevice, isolateDeviceV1 } from './device/isolate';
import { releaseDevice, releaseDeviceV1 } from './device/release';
import { cancelHunt } from './hunt/cancel';
import { getHuntStatus } from './hunt/get';
import { getHuntResults } from './hunt/get-results';
import { runHunt } from './hunt/run';
import { addIoc } from './ioc/add';
import { createObservation, createObservationV1 } from './observation/create';
import { getObservation, getObservationV1 } from './observation/get';
import { findObservations } from './observation/get-many';
import type { OperationSpec } from './operation';
import { approveResponseAction } from './response-action/approve';
import { getResponseAction } from './response-action/get';
import { getManyResponseActions } from './response-action/get-many';
import { rejectResponseAction } from './response-action/reject';
import {
  requestResponseAction,
  requestResponseActionV1,
  requestResponseActionV2,
} from './response-action/request';
import { getManyScripts } from './script/get-many';
import { runScript } from './script/run';
import { getManyTelemetryEvents } from './telemetry/get-many';

/**
 * Every operation, newest version of each: what the Zapier app and the newest n8n node render.
 * An operation is one file (`<resource>/<operation>.ts`) with its fields and its typed `run`.
 */
export const OPERATIONS = [
  getCase,
  getManyCases,
  updateCase,
  addCaseComment,
  getCaseComments,
  generateCaseSummary,
  getCaseSummary,
  getDecisionTrace,
  getDevice,
  getManyDevices,
  isolateDevice,
  releaseDevice,
  getDeviceObservations,
  getObservation,
  findObservations,
  createObservation,
  requestResponseAction,
  getResponseAction,
  getManyResponseActions,
  approveResponseAction,
  rejectResponseAction,
  addIoc,
  getManyTelemetryEvents,
  runHunt,
  getHuntStatus,
  getHuntResults,
  cancelHunt,
  getManyScripts,
  runScript,
] as const satisfies readonly OperationSpec[];

export type OperationKey = (typeof OPERATIONS)[number]['key'];

/** The operations as catalog versions 2 and 3 had them (before version 4's defaults). */
const OPERATIONS_V3 = [
  getCase,
  getManyCases,
  updateCaseV1,
  addCaseComment,
  getCaseComments,
  generateCaseSummary,
  getCaseSummary,
  getDecisionTrace,
  getDevice,
  getManyDevices,
  isolateDeviceV1,
  releaseDeviceV1,
  getDeviceObservations,
  getObservationV1,
  findObservations,
  createObservationV1,
  requestResponseActionV2,
  getResponseAction,
  getManyResponseActions,
  approveResponseAction,
  rejectResponseAction,
  addIoc,
] as const satisfies readonly OperationSpec[];

/**
 * The operations as each catalog version had them. n8n's `SenseOn` node version N renders
 * `CATALOG_VERSIONS[N]`, so a workflow saved with version 1 keeps its parameters after a field
 * is renamed, removed or made conditional in a newer version. Never edit a released version:
 * add one.
 */
export const CATALOG_VERSIONS = {
  /** Request Response Action shows every target field; no Get Device's Observations. */
  1: [
    getCase,
    getManyCases,
    updateCaseV1,
    addCaseComment,
    getCaseComments,
    generateCaseSummary,
    getCaseSummary,
    getDecisionTrace,
    getDevice,
    getManyDevices,
    isolateDeviceV1,
    releaseDeviceV1,
    getObservationV1,
    findObservations,
    createObservationV1,
    requestResponseActionV1,
    getResponseAction,
    getManyResponseActions,
    approveResponseAction,
    rejectResponseAction,
    addIoc,
  ],
  /** Request Response Action shows the target fields of the chosen type only. */
  2: OPERATIONS_V3,
  /**
   * The operations of 2; n8n's node 3 adds Simplify (on by default) to wide outputs, which
   * changes what a saved version-2 workflow would output, so it is a version of its own.
   */
  3: OPERATIONS_V3,
  /**
   * Real defaults (Approval Expires After 3,600, Add IOC, Medium), Observation → Get's picker,
   * Observation → Create's Source,
   * Case → Update's Unassign and Remove All Tags, Device → Release's expiry and wait; n8n's node
   * 4 puts optional fields in collections (Update Fields, Filters, Options).
   */
  4: OPERATIONS,
} as const satisfies Record<number, readonly OperationSpec[]>;

export type CatalogVersion = keyof typeof CATALOG_VERSIONS;
export const LATEST_CATALOG_VERSION = 4 satisfies CatalogVersion;

export interface TriggerSpec {
  key: string;
  label: string;
  description: string;
  /** Webhook events that feed it. */
  events: readonly string[];
  zapier: { key: string } | { absent: string };
  /** The n8n poll trigger's event option; the webhook trigger offers every event. */
  n8nPoll: string;
}

/**
 * The triggers, as the event feeds declare them once (`src/feeds/`); this view keeps the
 * catalog's readers (the parity tests) working.
 */
export const TRIGGERS: readonly TriggerSpec[] = FEEDS.map((feed) => ({
  key: feed.key,
  label: feed.label,
  description: feed.description,
  events: feed.events,
  zapier: feed.zapier,
  n8nPoll: feed.key,
}));
