import { TRIGGERS } from '@senseon/client';
import {
  NodeConnectionTypes,
  NodeOperationError,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type IPollFunctions,
} from 'n8n-workflow';
import { toNodeError } from '../SenseOn/errors/node-error';
import { senseOnClient } from '../SenseOn/transport/client';
import { FEEDS } from './feeds';
import { pollFeed, sampleFeed, type PollState } from './poll';

/** Starts a workflow for every new SenseOn case, case update, observation or action update. */
export class SenseOnPollTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SenseOn Poll Trigger',
    name: 'senseOnPollTrigger',
    icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["event"] }}',
    description:
      'Checks SenseOn on a schedule and starts the workflow once for every new case, case update, observation or response action update',
    defaults: { name: 'SenseOn Poll Trigger' },
    polling: true,
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'senseOnApi', required: true }],
    properties: [
      {
        displayName: 'Event',
        name: 'event',
        type: 'options',
        required: true,
        options: TRIGGERS.map((trigger) => ({
          name: trigger.label,
          value: trigger.n8nPoll,
          description: trigger.description,
        })).sort((a, b) => a.name.localeCompare(b.name)),
        default: 'newCase',
        description:
          'What starts the workflow. The first poll after activation starts from now; every later change arrives once, oldest first.',
      },
    ],
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    const event = this.getNodeParameter('event') as string;
    const feed = FEEDS[event];
    if (!feed) {
      throw new NodeOperationError(this.getNode(), `Unknown SenseOn event "${event}"`);
    }
    try {
      const client = await senseOnClient(this);
      const items =
        this.getMode() === 'manual'
          ? await feed((f) => sampleFeed(f, client))
          : await feed((f) =>
              pollFeed(f, event, client, this.getWorkflowStaticData('node') as PollState),
            );
      return items ? [items] : null;
    } catch (error) {
      throw toNodeError(this.getNode(), error);
    }
  }
}
