import type { WorkflowFile } from '../../scripts/n8n/lib/workflow-files';
import { BENCH_CREDENTIAL } from './bench-n8n';

export const TRIGGER_NODE = 'SenseOn Trigger';
export const POLL_NODE = 'SenseOn Poll Trigger';

const credentials = { senseOnApi: { id: BENCH_CREDENTIAL.id, name: BENCH_CREDENTIAL.name } };

/** SenseOn Trigger (its default version, 2) on `observation.created`, and nothing after it. */
export const triggerWorkflow: WorkflowFile = {
  name: 'Bench · SenseOn Trigger: New Observation',
  nodes: [
    {
      id: 't1',
      name: TRIGGER_NODE,
      type: 'n8n-nodes-senseon.senseOnTrigger',
      typeVersion: 2,
      position: [0, 0],
      webhookId: '00000000-0000-4000-8000-200000000000',
      parameters: { events: ['observation.created'] },
      credentials,
    },
  ],
  connections: {},
  settings: { executionOrder: 'v1' },
};

/** SenseOn Poll Trigger (version 2) on New Observation at n8n's default, every minute. */
export const pollWorkflow: WorkflowFile = {
  name: 'Bench · SenseOn Poll Trigger: New Observation, every minute',
  nodes: [
    {
      id: 'p1',
      name: POLL_NODE,
      type: 'n8n-nodes-senseon.senseOnPollTrigger',
      typeVersion: 2,
      position: [0, 0],
      parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'newObservation' },
      credentials,
    },
  ],
  connections: {},
  settings: { executionOrder: 'v1' },
};

export const FLOOR_NODE = 'Webhook';
export const FLOOR_PATH = 'bench-event-floor';

/**
 * n8n's own Webhook node, subscribed in SenseOn to the same events: no signature check, no
 * claim. How soon n8n starts any webhook run on this machine, the floor under our trigger.
 */
export const floorWorkflow: WorkflowFile = {
  name: "Bench · n8n's Webhook node: the same deliveries",
  nodes: [
    {
      id: 'w1',
      name: FLOOR_NODE,
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      webhookId: '00000000-0000-4000-8000-210000000000',
      parameters: { httpMethod: 'POST', path: FLOOR_PATH, responseMode: 'onReceived', options: {} },
    },
  ],
  connections: {},
  settings: { executionOrder: 'v1' },
};
