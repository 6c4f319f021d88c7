import type { NodeRun } from '../../scripts/n8n/lib/n8n-api';
import { expect } from './report';

export type Json = Record<string, unknown>;
export type RunData = Record<string, NodeRun[]>;

/** What `n8n execute --rawOutput` prints: the finished run. */
export interface RawRun {
  status: string;
  finished: boolean;
  data: { resultData: { runData: RunData; error?: { message: string } } };
}

/** The items a node put on one of its outputs in its last run; throws when it did not run. */
export function items(runData: RunData, node: string, output = 0): Json[] {
  const runs = runData[node];
  expect(runs && runs.length > 0, `node "${node}" did not run`);
  const last = runs[runs.length - 1]!;
  expect(!last.error, `node "${node}" failed: ${last.error?.message}`);
  return (last.data?.main[output] ?? []).map((item) => item.json);
}

/** The single item a node produced. */
export function only(runData: RunData, node: string, output = 0): Json {
  const list = items(runData, node, output);
  expect(list.length === 1, `node "${node}" gave ${list.length} items, expected 1`);
  return list[0]!;
}

/** A field of an item, checked to be a string starting with `prefix`. */
export function idOf(item: Json, prefix: string, field = 'id'): string {
  const value = item[field];
  expect(
    typeof value === 'string' && value.startsWith(prefix),
    `expected ${field} starting with "${prefix}", got ${JSON.stringify(value)}`,
  );
  return value;
}

/** Every node that ran without error, and the run's own error if any. */
export function assertRunSucceeded(run: RawRun): void {
  expect(!run.data.resultData.error, `the run failed: ${run.data.resultData.error?.message}`);
  for (const [node, runs] of Object.entries(run.data.resultData.runData)) {
    const failed = runs.find((r) => r.error);
    expect(!failed, `node "${node}" failed: ${failed?.error?.message}`);
  }
  expect(run.status === 'success', `status ${run.status}, expected success`);
}
