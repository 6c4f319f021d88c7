import { actionUpdateFeed } from './action-update';
import type { EventType } from '../schemas/webhooks';
import type { EventFeed } from './feed';
import { newCaseFeed } from './new-case';
import { newObservationFeed } from './new-observation';
import { updatedCaseFeed } from './updated-case';

export * from './feed';
export * from './case-change';
export { newCaseFeed, newCaseItem, type NewCaseItem } from './new-case';
export { updatedCaseFeed } from './updated-case';
export { actionUpdateFeed, actionUpdateItem, type ActionUpdateItem } from './action-update';
export { newObservationFeed, newObservationItem, type NewObservationItem } from './new-observation';

/** Every event feed both connectors render as triggers. */
export const FEEDS: readonly EventFeed[] = [
  newCaseFeed,
  updatedCaseFeed,
  actionUpdateFeed,
  newObservationFeed,
];

/** The feed with this key (the n8n triggers' option value), if any. */
export function feedByKey(key: string): EventFeed | undefined {
  return FEEDS.find((feed) => feed.key === key);
}

/** The feed a webhook event type belongs to, if any (`device.updated` belongs to none). */
export function feedForEvent(type: EventType): EventFeed | undefined {
  return FEEDS.find((feed) => feed.events.includes(type));
}
