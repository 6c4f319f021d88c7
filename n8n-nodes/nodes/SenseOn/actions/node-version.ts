import type { CatalogVersion } from '@senseon/client';
import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type IHookFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeBaseDescription,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
  type UsableAsToolDescription,
} from 'n8n-workflow';
import { receiveDecision } from '../approval/decision-webhook';
import {
  searchCases,
  searchDevices,
  searchObservations,
  searchPendingActions,
} from '../methods/listSearch';
import { outputsExpression, senseOnProperties } from './node.description';
import { runNodeOperation } from './router';

/**
 * What the `senseOnTool` variant (the node as an AI agent's tool) shows instead of the node's
 * own description and properties: no approve or reject (a decision is a person's) and no wait.
 * n8n-workflow types `replacements` as the base description only, but n8n (2.40.7,
 * `buildSyntheticToolDescription` and `createAiTools`) spreads it over the whole description the
 * editor gets, properties included. At execution n8n builds the tool from the node's own
 * properties; the router refuses a decision there too, and SenseOn refuses one declared `agent`.
 */
function toolReplacements(version: CatalogVersion): UsableAsToolDescription['replacements'] {
  const replacements: Partial<INodeTypeDescription> = {
    description:
      'Read SenseOn cases, devices and observations, and request response actions. Every response action an AI agent requests waits for a human approval in SenseOn before anything runs; an agent cannot approve or reject.',
    properties: senseOnProperties(version, 'tool'),
  };
  return replacements as UsableAsToolDescription['replacements'];
}

/**
 * One version of the `SenseOn` node: the description and behaviour of catalog version N. n8n
 * keeps a saved workflow on the version it was built with (its node's typeVersion).
 */
export class SenseOnVersion implements INodeType {
  description: INodeTypeDescription;

  /** n8n calls this with the execution as `this`, so the version is closed over, not read. */
  execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

  /** `base` is what every version shares: the `SenseOn` node's own description. */
  constructor(catalogVersion: CatalogVersion, base: INodeTypeBaseDescription) {
    this.execute = async function (this: IExecuteFunctions) {
      return await runNodeOperation(this, catalogVersion);
    };
    this.description = {
      ...base,
      version: catalogVersion,
      subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
      defaults: { name: 'SenseOn' },
      usableAsTool: { replacements: toolReplacements(catalogVersion) },
      inputs: [NodeConnectionTypes.Main],
      outputs: outputsExpression(catalogVersion),
      credentials: [{ name: 'senseOnApi', required: true }],
      // The resume URL of a waiting execution: SenseOn POSTs the signed decision here.
      webhooks: [
        {
          name: 'default',
          httpMethod: 'POST',
          responseMode: 'onReceived',
          path: '',
          restartWebhook: true,
        },
      ],
      properties: senseOnProperties(catalogVersion),
    };
  }

  methods = {
    listSearch: { searchCases, searchDevices, searchObservations, searchPendingActions },
  };

  /**
   * The node's only webhook is the resume URL of a waiting execution (`restartWebhook`), which
   * n8n serves per execution; there is nothing to register with SenseOn when a workflow is
   * activated. Each action's callback URL is sent with the request itself.
   */
  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return true;
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receiveDecision(this);
  }
}
