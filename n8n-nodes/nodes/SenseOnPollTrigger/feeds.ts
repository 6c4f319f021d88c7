import {
  summarizeAction,
  summarizeCase,
  summarizeObservation,
  type Action,
  type Case,
  type FeedClient,
  type Observation,
} from '@senseon/client';
import type { FeedRecord } from './cursor';

/** Items per request while catching up; a poll follows every page. */
export const PAGE_SIZE = 100;

/*
 * Version 1 of the poll trigger: saved workflows keep these items (the record itself, the
 * action's own id) and these cursor keys. Version 2 reads the core's event feeds
 * (`feed-adapter.ts`), whose items and dedupe keys both connectors share.
 */

/**
 * One thing the poll trigger can watch: how to read everything from a time on, how to find
 * where "now" is, and what identifies one change. Every feed orders by a server timestamp.
 */
export interface Feed<T> {
  /** Late records are still caught up to this far behind the newest one emitted. */
  lookbackMs: number;
  /** Every record of the feed at or after `sinceMs`, in any order. */
  since(client: FeedClient, sinceMs: number): AsyncIterable<T>;
  /** The newest records, to start from "now" without emitting what already exists. */
  newest(client: FeedClient): Promise<T[]>;
  /** The record as one change of this feed, or null when it is not one (a creation is no update). */
  toRecord(item: T): FeedRecord<T> | null;
  summary(item: T): string;
}

const ms = (iso: string) => Date.parse(iso);

/** The API's `*_after` filters are exclusive; one millisecond less includes `sinceMs` itself. */
function after(sinceMs: number): string | undefined {
  return sinceMs > 0 ? new Date(sinceMs - 1).toISOString() : undefined;
}

const newCase: Feed<Case> = {
  lookbackMs: 0,
  since: (client, sinceMs) =>
    client.cases.list({ created_after: after(sinceMs), sort: 'created_at', limit: PAGE_SIZE }),
  newest: async (client) =>
    (await client.cases.list({ sort: '-created_at', limit: PAGE_SIZE })).data,
  toRecord: (c) => ({ key: c.id, at: ms(c.created_at), record: c }),
  summary: summarizeCase,
};

const updatedCase: Feed<Case> = {
  lookbackMs: 0,
  since: (client, sinceMs) =>
    client.cases.list({ updated_after: after(sinceMs), sort: 'updated_at', limit: PAGE_SIZE }),
  newest: async (client) =>
    (await client.cases.list({ sort: '-updated_at', limit: PAGE_SIZE })).data,
  // A case that was never changed after it was opened is the New Case feed's.
  toRecord: (c) =>
    c.updated_at === c.created_at
      ? null
      : { key: `${c.id}@${c.updated_at}`, at: ms(c.updated_at), record: c },
  summary: summarizeCase,
};

/**
 * Observations are ordered by when they were observed, and a sensor may deliver one a little
 * late; the lookback catches those (the remembered keys keep them from coming twice).
 */
const newObservation: Feed<Observation> = {
  lookbackMs: 10 * 60_000,
  since: (client, sinceMs) =>
    client.observations.list({ observed_after: after(sinceMs), limit: PAGE_SIZE }),
  newest: async (client) => (await client.observations.list({ limit: PAGE_SIZE })).data,
  toRecord: (o) => ({ key: o.id, at: ms(o.observed_at), record: o }),
  summary: summarizeObservation,
};

/**
 * The action list cannot be filtered by update time and comes newest-created first. An action
 * changes only while it lives: pending at most 7 days (the longest approval window), then it
 * runs at once. So actions created more than 8 days before the window cannot have changed.
 */
const ACTION_LIFETIME_MS = 8 * 24 * 3600_000;

async function* actionsChangedSince(client: FeedClient, sinceMs: number) {
  for await (const action of client.actions.list({ limit: 1000 })) {
    if (ms(action.created_at) < sinceMs - ACTION_LIFETIME_MS) return;
    if (ms(action.updated_at) >= sinceMs) yield action;
  }
}

const actionUpdate: Feed<Action> = {
  lookbackMs: 0,
  since: actionsChangedSince,
  newest: async (client) => (await client.actions.list({ limit: 1000 })).data,
  toRecord: (a) => ({ key: `${a.id}@${a.updated_at}`, at: ms(a.updated_at), record: a }),
  summary: summarizeAction,
};

/** A feed of any record type, behind one function, so feeds can sit in one table. */
export type FeedRunner = <R>(use: <T extends object>(feed: Feed<T>) => R) => R;

const runner =
  <T extends object>(feed: Feed<T>): FeedRunner =>
  (use) =>
    use(feed);

/** Version 1's feeds, by the core feed's key (the `event` option). */
export const FEEDS: Record<string, FeedRunner> = {
  newCase: runner(newCase),
  updatedCase: runner(updatedCase),
  newObservation: runner(newObservation),
  actionUpdate: runner(actionUpdate),
};
