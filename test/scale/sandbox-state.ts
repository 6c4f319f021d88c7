import type { Page } from '../e2e/sandbox-api';
import type { SandboxApi } from './context';

export interface Delivery {
  id: string;
  event_id: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
}

/** Every delivery of a subscription, page by page. */
export async function deliveriesOf(analyst: SandboxApi, webhookId: string): Promise<Delivery[]> {
  const all: Delivery[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<Delivery> = await analyst.get<Page<Delivery>>(
      `/webhooks/${webhookId}/deliveries?limit=100${query}`,
    );
    all.push(...page.data);
    cursor = page.pagination.next_cursor;
  } while (cursor);
  return all;
}

/** Runs `task` over `inputs` with at most `width` at a time; results in input order. */
export async function inParallel<T, R>(
  inputs: readonly T[],
  width: number,
  task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, inputs.length) }, lane));
  return results;
}
