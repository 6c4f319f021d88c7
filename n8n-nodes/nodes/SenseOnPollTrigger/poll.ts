import type { FeedClient } from '@senseon/client';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { startCursor, takeNew, windowStart, type FeedRecord, type PollCursor } from './cursor';
import type { Feed } from './feeds';

/** What the poll trigger keeps in workflow static data. */
export interface PollState {
  cursor?: PollCursor;
}

function recordsOf<T extends object>(feed: Feed<T>, items: T[]): FeedRecord<T>[] {
  return items.map((item) => feed.toRecord(item)).filter((r): r is FeedRecord<T> => r !== null);
}

function toItem<T extends object>(feed: Feed<T>, record: FeedRecord<T>): INodeExecutionData {
  return { json: { ...(record.record as IDataObject), summary: feed.summary(record.record) } };
}

/**
 * One poll of one feed. The first poll only notes where the feed is now; later polls return
 * every change since, oldest first, following every page. The cursor in `state` moves only
 * when the whole poll succeeded, so a failed poll is simply repeated.
 */
export async function pollFeed<T extends object>(
  feed: Feed<T>,
  feedKey: string,
  client: FeedClient,
  state: PollState,
): Promise<INodeExecutionData[] | null> {
  const cursor = state.cursor;
  if (!cursor || cursor.feed !== feedKey) {
    state.cursor = startCursor(feedKey, recordsOf(feed, await feed.newest(client)));
    return null;
  }
  const candidates: FeedRecord<T>[] = [];
  for await (const item of feed.since(client, windowStart(cursor, feed.lookbackMs))) {
    const record = feed.toRecord(item);
    if (record) candidates.push(record);
  }
  const { fresh, next } = takeNew(cursor, candidates, feed.lookbackMs);
  state.cursor = next;
  return fresh.length > 0 ? fresh.map((record) => toItem(feed, record)) : null;
}

/** For "Fetch Test Event": the newest record, without touching the cursor. */
export async function sampleFeed<T extends object>(
  feed: Feed<T>,
  client: FeedClient,
): Promise<INodeExecutionData[] | null> {
  const records = recordsOf(feed, await feed.newest(client)).sort((a, b) => b.at - a.at);
  return records[0] ? [toItem(feed, records[0])] : null;
}
