import type { SenseOnClient } from '../client';
import type { ActionType, Origin } from '../schemas';
import type { TraceWitnessStore } from '../trace/trace-witness';
import type { FieldSpec } from './fields';
import type { InputOf } from './input';

/** Where an operation lives in the Zapier app, or why it is not there. */
export type ZapierPlacement = { kind: 'create' | 'search'; key: string } | { absent: string };

/** Where an operation lives in the n8n `SenseOn` node, or why it is not there. */
export type N8nPlacement = { resource: string; operation: string } | { absent: string };

/** What only the platform knows: who is asking, and where to call back with the decision. */
export interface OperationContext {
  origin?: Origin;
  callbackUrl?: string;
  /** `undefined` limit on a list means every page (n8n's Return All). */
  returnAll?: boolean;
  /**
   * How Generate AI Case Summary waits on this platform: at most `maxTimeoutMs`, whatever the
   * input asks (Zapier stops a step after 30 s), and whether a summary still generating then
   * fails the step (the default) or is returned as it stands (`onTimeout: 'return'`).
   */
  summaryWait?: { maxTimeoutMs?: number; onTimeout?: 'throw' | 'return' };
  /**
   * Where Get Decision Trace remembers the last checkpoint it verified (n8n: workflow static
   * data; Zapier: `z.cache` per connection). Without it, each run checks only itself.
   */
  traceWitness?: TraceWitnessStore;
}

export type OperationOutput = Record<string, unknown> & { summary: string };
export type OperationResult = OperationOutput | OperationOutput[];

/**
 * One operation, described once and rendered by both connectors: its words, its fields, where
 * each connector places it, and what it does with the fields' typed values.
 */
export interface OperationSpec<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  key: string;
  /**
   * Bumped when a field is renamed, removed or changes how it shows: saved n8n workflows keep
   * the version they were built with (the node's typeVersion), and Zapier's field keys of an
   * earlier version must stay (zapier-app/test/input-keys.test.ts).
   */
  version: number;
  label: string;
  /** Shown as help in both connectors and as the AI-agent tool description in n8n. */
  description: string;
  fields: Fields;
  zapier: ZapierPlacement;
  n8n: N8nPlacement;
  /** Needs a human approval before anything runs (so connectors offer "wait for the decision"). */
  approvalGated?: boolean;
  /**
   * Asks SenseOn for a response action. The policy may let an automation's request run at once,
   * but an AI agent's always waits for a human, so agent-facing text says so.
   */
  requestsAction?: boolean;
  /**
   * The one action type an operation requests (Isolate Device: `isolate_device`); absent when the
   * user chooses it. Containment types always wait for a human, others as the policy says.
   */
  actionType?: ActionType;
  /** Approves or rejects: a person's decision, never offered to an AI agent. */
  decidesApproval?: boolean;
  // Method syntax: a list of operations holds each with its own input type.
  run(
    client: SenseOnClient,
    input: InputOf<Fields>,
    ctx: OperationContext,
  ): Promise<OperationResult>;
}

/** Declares an operation; `run` gets its input typed from `fields`. */
export function defineOperation<
  const Fields extends readonly FieldSpec[],
  const Key extends string,
>(spec: OperationSpec<Fields> & { key: Key }): OperationSpec<Fields> & { key: Key } {
  return spec;
}

export const withSummary = <T extends object>(record: T, summary: string): OperationOutput => ({
  ...record,
  summary,
});

/** How many items a list returns: every page under Return All, else the Limit field. */
export const listLimit = (limit: number, ctx: OperationContext): number | undefined =>
  ctx.returnAll ? undefined : limit;

/** The most items the API answers in one page. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The page size to ask for: as many as will be used, up to the API's 1,000, so Return All over
 * 100,000 observations takes 100 requests, not 1,000 at the API's default of 100.
 */
export const listPageSize = (limit: number, ctx: OperationContext): number =>
  ctx.returnAll ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit)));

/** The 13 Zapier actions are SenseOn's published set; n8n gets them and the rest of the API. */
export const ZAPIER_HAS_13 = "Zapier's app keeps SenseOn's published 3 triggers and 13 actions";

/**
 * The origin a decision (approve, reject) declares: `agent` when an AI agent is calling, so
 * SenseOn refuses it (decisions are a person's), else none, which SenseOn takes as the person
 * whose token it is.
 */
export const decisionOrigin = (ctx: OperationContext): 'agent' | undefined =>
  ctx.origin === 'agent' ? 'agent' : undefined;
