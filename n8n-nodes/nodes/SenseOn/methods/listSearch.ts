import type {
  ILoadOptionsFunctions,
  INodeListSearchItems,
  INodeListSearchResult,
} from 'n8n-workflow';
import { toNodeError } from '../errors/node-error';
import { senseOnClient } from '../transport/client';

/** One page of a resource locator's list; n8n asks for the next with `paginationToken`. */
const PAGE_SIZE = 50;

function pageOf(
  results: INodeListSearchItems[],
  nextCursor: string | null | undefined,
): INodeListSearchResult {
  return nextCursor ? { results, paginationToken: nextCursor } : { results };
}

function cursorOf(token: unknown): string | undefined {
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Open cases first come newest first; the filter is SenseOn's own text search. */
export async function searchCases(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: unknown,
): Promise<INodeListSearchResult> {
  try {
    const client = await senseOnClient(this);
    const page = await client.cases.list({
      q: filter?.trim() || undefined,
      sort: '-created_at',
      limit: PAGE_SIZE,
      cursor: cursorOf(paginationToken),
    });
    return pageOf(
      page.data.map((c) => ({
        name: `${c.title} (${c.severity}, ${c.status})`,
        value: c.id,
        description: c.id,
      })),
      page.pagination.next_cursor,
    );
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
}

/**
 * Devices whose hostname, IP address or ID contains the search text, filtered by SenseOn (`q`),
 * so a tenant with thousands of devices finds one on any page, and n8n pages on with the cursor.
 */
export async function searchDevices(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: unknown,
): Promise<INodeListSearchResult> {
  try {
    const client = await senseOnClient(this);
    const page = await client.devices.list({
      q: filter?.trim() || undefined,
      limit: PAGE_SIZE,
      cursor: cursorOf(paginationToken),
    });
    return pageOf(
      page.data.map((d) => ({
        name: `${d.hostname} (${d.os.type}, ${d.status})`,
        value: d.id,
        description: d.ip_addresses.join(', ') || d.id,
      })),
      page.pagination.next_cursor,
    );
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
}

/**
 * The newest observations, newest first; the search text is SenseOn's `entity` filter (an IP,
 * hash, domain or user name seen in the observation), answered by SenseOn page by page.
 */
export async function searchObservations(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: unknown,
): Promise<INodeListSearchResult> {
  try {
    const client = await senseOnClient(this);
    const page = await client.observations.list({
      entity: filter?.trim() || undefined,
      limit: PAGE_SIZE,
      cursor: cursorOf(paginationToken),
    });
    return pageOf(
      page.data.map((o) => ({
        name: `${o.title} (${o.severity}, ${o.observed_at})`,
        value: o.id,
        description: o.id,
      })),
      page.pagination.next_cursor,
    );
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
}

/** Response actions waiting for a decision, the only ones that can be approved or rejected. */
export async function searchPendingActions(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: unknown,
): Promise<INodeListSearchResult> {
  try {
    const client = await senseOnClient(this);
    const page = await client.actions.list({
      status: 'pending_approval',
      limit: PAGE_SIZE,
      cursor: cursorOf(paginationToken),
    });
    const needle = filter?.trim().toLowerCase() ?? '';
    const matches = page.data.filter(
      (a) =>
        needle === '' ||
        a.id.toLowerCase().includes(needle) ||
        a.case_id.toLowerCase().includes(needle) ||
        a.type.includes(needle) ||
        a.justification.toLowerCase().includes(needle),
    );
    return pageOf(
      matches.map((a) => ({
        name: `${a.type} on ${a.case_id}: ${a.justification.slice(0, 60)}`,
        value: a.id,
        description: `Requested by ${a.requested_by.principal} (${a.requested_by.origin})`,
      })),
      page.pagination.next_cursor,
    );
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
}
