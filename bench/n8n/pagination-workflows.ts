import type { WorkflowFile, WorkflowNode } from '../../scripts/n8n/lib/workflow-files';
import { BENCH_CREDENTIAL } from './bench-n8n';

/** The two list endpoints benchmark 4 walks, by the SenseOn node's resource name. */
export const RESOURCES = { observation: 'observations', case: 'cases' } as const;
export type Resource = keyof typeof RESOURCES;

/**
 * `ours`: the SenseOn node; `http`: the HTTP Request node then Split Out (one item per record,
 * as ours gives); `httpPages`: the HTTP Request node alone (one item per page of 1,000).
 */
export type Side = 'ours' | 'http' | 'httpPages';

const SIDE_DIGIT: Record<Side, string> = { ours: '0', http: '1', httpPages: '2' };

export const webhookPath = (side: Side, resource: Resource) => `bench-${side}-${resource}`;

const credentials = { senseOnApi: { id: BENCH_CREDENTIAL.id, name: BENCH_CREDENTIAL.name } };

const start = (side: Side, resource: Resource): WorkflowNode => ({
  name: 'Walk Requested',
  type: 'n8n-nodes-base.webhook',
  typeVersion: 2,
  position: [0, 0],
  webhookId: `00000000-0000-4000-8000-${SIDE_DIGIT[side]}${resource === 'case' ? '1' : '0'}0000000000`,
  // Answers with the last node's first item once the run ends: the wall time is the run's.
  parameters: {
    httpMethod: 'POST',
    path: webhookPath(side, resource),
    responseMode: 'lastNode',
    responseData: 'firstEntryJson',
    options: {},
  },
});

/**
 * What the Count node counts: records by their `id`, or (for `httpPages`) pages by their
 * `pagination` object. Its one item, `{ count_<field>: n }`, is the run's answer: small however
 * many items were walked.
 */
export const countedField = (side: Side) => (side === 'httpPages' ? 'pagination' : 'id');

const count = (side: Side): WorkflowNode => ({
  name: 'Count',
  type: 'n8n-nodes-base.summarize',
  typeVersion: 1.1,
  position: [660, 0],
  parameters: {
    fieldsToSummarize: { values: [{ aggregation: 'count', field: countedField(side) }] },
    options: {},
  },
});

/** Our node, Get Many with Return All (node version 4), whole records as the API gives them. */
function oursNodes(resource: Resource): WorkflowNode[] {
  return [
    {
      name: 'Get Many',
      type: 'n8n-nodes-senseon.senseOn',
      typeVersion: 4,
      position: [220, 0],
      parameters: { resource, operation: 'getMany', returnAll: true, simplify: false },
      credentials,
    },
  ];
}

/**
 * n8n's HTTP Request node with its pagination option, set up as its documentation says for a
 * cursor API: 1,000 a page, the next page's `cursor` from the last answer's
 * `pagination.next_cursor`, done when that is null; then Split Out so that it, too, gives one
 * item per record. It authenticates with our credential type (predefined credential).
 */
function httpNodes(resource: Resource, sandboxUrl: string, split: boolean): WorkflowNode[] {
  const nodes: WorkflowNode[] = [
    {
      name: 'HTTP Request',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      position: [220, 0],
      parameters: {
        method: 'GET',
        url: `${sandboxUrl}/${RESOURCES[resource]}`,
        authentication: 'predefinedCredentialType',
        nodeCredentialType: 'senseOnApi',
        sendQuery: true,
        queryParameters: { parameters: [{ name: 'limit', value: '1000' }] },
        options: {
          pagination: {
            pagination: {
              paginationMode: 'updateAParameterInEachRequest',
              parameters: {
                parameters: [
                  {
                    type: 'qs',
                    name: 'cursor',
                    value: '={{ $response.body.pagination.next_cursor }}',
                  },
                ],
              },
              paginationCompleteWhen: 'other',
              completeExpression: '={{ !$response.body.pagination?.next_cursor }}',
            },
          },
        },
      },
      credentials,
    },
  ];
  if (split) {
    nodes.push({
      name: 'Split Out',
      type: 'n8n-nodes-base.splitOut',
      typeVersion: 1,
      position: [440, 0],
      parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
    });
  }
  return nodes;
}

/** One workflow per side and resource: webhook → walk → count, answering with the count. */
export function paginationWorkflow(
  side: Side,
  resource: Resource,
  sandboxUrl: string,
): WorkflowFile {
  const middle =
    side === 'ours' ? oursNodes(resource) : httpNodes(resource, sandboxUrl, side === 'http');
  const nodes = [start(side, resource), ...middle, count(side)];
  const connections: Record<string, unknown> = {};
  for (let i = 0; i < nodes.length - 1; i++) {
    connections[nodes[i]!.name] = {
      main: [[{ node: nodes[i + 1]!.name, type: 'main', index: 0 }]],
    };
  }
  return {
    name: `Bench · ${side}: every ${resource}`,
    nodes: nodes.map((node, i) => ({ ...node, id: `n${i}`, position: [i * 220, 0] })),
    connections,
    // A run of 100,000 items is not written to n8n's database: the same for both sides, and
    // what a SOC sets for a bulk walk. Failed runs are kept, to read why.
    settings: {
      executionOrder: 'v1',
      saveDataSuccessExecution: 'none',
      saveManualExecutions: false,
    },
  };
}
