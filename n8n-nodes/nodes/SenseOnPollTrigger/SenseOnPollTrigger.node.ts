import { feedByKey, FEEDS } from '@senseon/client';
import {
  NodeConnectionTypes,
  NodeOperationError,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
  type IPollFunctions,
} from 'n8n-workflow';
import { n8nDescription } from '../SenseOn/actions/n8n-copy';
import { toNodeError } from '../SenseOn/errors/node-error';
import { senseOnClient } from '../SenseOn/transport/client';
import { pollableFeed } from './feed-adapter';
import { FEEDS as V1_FEEDS, type FeedRunner } from './feeds';
import { pollFeed, sampleFeed, type PollState } from './poll';

/**
 * The feed behind the `event` option. Version 2 emits the core feed's items (the same as
 * Zapier's triggers and the SenseOn Trigger); version 1, which saved workflows keep, its own.
 */
function feedFor(event: string, version: number): FeedRunner | undefined {
  if (version < 2) return V1_FEEDS[event];
  const feed = feedByKey(event);
  return feed && ((use) => use(pollableFeed(feed)));
}

/** Starts a workflow for every new SenseOn case, case update, observation or action update. */
export class SenseOnPollTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'SenseOn Poll Trigger',
    name: 'senseOnPollTrigger',
    icon: { light: 'file:senseon.svg', dark: 'file:senseon.dark.svg' },
    group: ['trigger'],
    // 2: the core feeds' items (an Updated Case item says what changed; an action update's `id`
    // is the action and its status, `action_id` the action).
    version: [1, 2],
    defaultVersion: 2,
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
        displayName: 'Trigger On',
        name: 'event',
        type: 'options',
        required: true,
        options: FEEDS.map((feed) => ({
          name: feed.label,
          value: feed.key,
          description: n8nDescription(feed.description),
        })).sort((a, b) => a.name.localeCompare(b.name)),
        default: 'newCase',
        description:
          'What starts the workflow. The first poll after activation starts from now; every later change arrives once, oldest first.',
      },
    ],
  };

  async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
    const event = this.getNodeParameter('event') as string;
    const version = this.getNode().typeVersion;
    const feed = feedFor(event, version);
    // Versions key their cursors differently: a cursor of the other version starts afresh.
    const cursorFeed = version < 2 ? event : `${event}.v2`;
    if (!feed) {
      throw new NodeOperationError(this.getNode(), `Unknown SenseOn event "${event}"`);
    }
    try {
      const client = await senseOnClient(this);
      const items =
        this.getMode() === 'manual'
          ? await feed((f) => sampleFeed(f, client))
          : await feed((f) =>
              pollFeed(f, cursorFeed, client, this.getWorkflowStaticData('node') as PollState),
            );
      return items ? [items] : null;
    } catch (error) {
      throw toNodeError(this.getNode(), error);
    }
  }
}
