import {
  NodeConnectionTypes,
  type IExecuteFunctions,
  type IHookFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from 'n8n-workflow';
import { outputsExpression, senseOnProperties } from './actions/node.description';
import { runNodeOperation } from './actions/router';
import { receiveDecision } from './approval/decision-webhook';
import { searchCases, searchDevices, searchPendingActions } from './methods/listSearch';

/** Work with SenseOn cases, devices, observations, response actions and IOCs. */
export class SenseOn implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SenseOn',
    name: 'senseOn',
    icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
    description:
      'Investigate and respond with SenseOn: cases, AI summaries, devices, OCSF observations, response actions with human approval, and IOCs',
    defaults: { name: 'SenseOn' },
    usableAsTool: {
      replacements: {
        description:
          'Read SenseOn cases, devices and observations, and request response actions. Every response action an AI agent requests waits for a human approval in SenseOn before anything runs.',
      },
    },
    inputs: [NodeConnectionTypes.Main],
    outputs: outputsExpression(),
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
    properties: senseOnProperties(),
  };

  methods = {
    listSearch: { searchCases, searchDevices, searchPendingActions },
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

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await runNodeOperation(this);
  }

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receiveDecision(this);
  }
}
