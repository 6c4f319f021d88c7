import { EVENT_TYPES } from '@senseon/client';
import {
  NodeConnectionTypes,
  type IHookFunctions,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from 'n8n-workflow';
import { eventOptions } from './event-options';
import { receiveDelivery } from './delivery';
import { createSubscription, deleteSubscription, subscriptionExists } from './subscription';

/** Starts a workflow when SenseOn sends an event, through a signed webhook subscription. */
export class SenseOnTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SenseOn Trigger',
    name: 'senseOnTrigger',
    icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
    group: ['trigger'],
    // 2: events of a feed (new case, case update or comment, response action update, new
    // observation) start the workflow with the feed's item, as the Poll Trigger and Zapier do.
    version: [1, 2],
    defaultVersion: 2,
    subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
    description:
      'Starts the workflow when SenseOn sends an event: new or updated cases, observations, response action decisions and AI summaries',
    defaults: { name: 'SenseOn Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'senseOnApi', required: true }],
    webhooks: [
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        path: 'webhook',
      },
    ],
    properties: [
      {
        displayName: 'Trigger On',
        name: 'events',
        type: 'multiOptions',
        required: true,
        options: eventOptions(EVENT_TYPES),
        default: ['case.created'],
        description:
          'The SenseOn events that start this workflow. Activating the workflow subscribes to them in SenseOn; deactivating it deletes the subscription. Case, case update, response action and observation events give the same items as the SenseOn Poll Trigger.',
      },
    ],
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        return await subscriptionExists(this);
      },
      async create(this: IHookFunctions): Promise<boolean> {
        return await createSubscription(this);
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        return await deleteSubscription(this);
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receiveDelivery(this);
  }
}
