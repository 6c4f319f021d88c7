import { randomUUID } from 'node:crypto';
import type { SenseOnClient } from '../client';
import type { ActionRequest, ActionType, IocType, Origin, Severity } from '../schemas';
import * as say from '../summaries';
import type { OperationKey } from './catalog';
import { detectionFinding } from './detection-finding';
import { InputReader } from './input';

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
}

export type OperationOutput = Record<string, unknown> & { summary: string };
export type OperationResult = OperationOutput | OperationOutput[];

type Runner = (
  client: SenseOnClient,
  input: InputReader,
  ctx: OperationContext,
) => Promise<OperationResult>;

const withSummary = <T extends object>(record: T, summary: string): OperationOutput => ({
  ...(record as Record<string, unknown>),
  summary,
});

const listLimit = (input: InputReader, ctx: OperationContext) =>
  ctx.returnAll ? undefined : (input.number('limit') ?? 50);

function requestBody(
  input: InputReader,
  ctx: OperationContext,
  type: ActionType,
  target: ActionRequest['target'],
): ActionRequest {
  return {
    type,
    target,
    justification: input.required('justification'),
    origin: ctx.origin ?? 'automation',
    callback_url: ctx.callbackUrl,
    expires_in: input.number('expires_in'),
  };
}

function actionTarget(input: InputReader, type: ActionType): ActionRequest['target'] {
  if (type === 'isolate_device' || type === 'release_device') {
    return { device_id: input.required('target_device_id') };
  }
  if (type === 'disable_user' || type === 'enable_user') {
    return { user_id: input.required('target_user_id') };
  }
  if (type === 'add_ioc') {
    return {
      ioc: { type: input.required('ioc_type') as IocType, value: input.required('ioc_value') },
    };
  }
  return {};
}

const RUNNERS: Record<OperationKey, Runner> = {
  'case.get': async (client, input) => {
    const found = await client.cases.retrieve(input.required('case_id'));
    return withSummary(found, say.summarizeCaseDetail(found));
  },
  'case.getMany': async (client, input, ctx) => {
    const cases = await client.cases
      .list({
        status: input.list('status') as never,
        min_severity: input.text('min_severity') as Severity | undefined,
        q: input.text('q'),
      })
      .collect({ limit: listLimit(input, ctx) });
    return cases.map((c) => withSummary(c, say.summarizeCase(c)));
  },
  'case.update': async (client, input) => {
    const updated = await client.cases.update(input.required('case_id'), {
      status: input.text('status') as never,
      severity: input.text('severity') as never,
      assignee: input.text('assignee'),
      tags: input.list('tags'),
    });
    return withSummary(updated, say.summarizeCase(updated));
  },
  'case.addComment': async (client, input) => {
    const comment = await client.cases.addComment(input.required('case_id'), {
      body: input.required('body'),
    });
    return withSummary(comment, say.summarizeComment(comment));
  },
  'case.getComments': async (client, input, ctx) => {
    const comments = await client.cases
      .listComments(input.required('case_id'))
      .collect({ limit: listLimit(input, ctx) });
    return comments.map((c) => withSummary(c, say.summarizeComment(c)));
  },
  'case.generateSummary': async (client, input, ctx) => {
    const timeoutSeconds = input.number('timeout_seconds') ?? 120;
    const { maxTimeoutMs = Infinity, onTimeout } = ctx.summaryWait ?? {};
    const summary = await client.cases.generateSummaryAndWait(input.required('case_id'), {
      timeoutMs: Math.min(timeoutSeconds * 1000, maxTimeoutMs),
      onTimeout,
    });
    return withSummary(summary, say.summarizeSummary(summary));
  },
  'case.getSummary': async (client, input) => {
    const summary = await client.cases.retrieveSummary(input.required('case_id'));
    return withSummary(summary, say.summarizeSummary(summary));
  },
  'case.getDecisionTrace': async (client, input) => {
    const caseId = input.required('case_id');
    const { entries, verification } = await client.cases.verifyTrace(caseId);
    return withSummary(
      { case_id: caseId, verified: verification.valid, verification, entries },
      say.summarizeTrace(entries, verification),
    );
  },
  'device.get': async (client, input) => {
    const device = await client.devices.retrieve(input.required('device_id'));
    return withSummary(device, say.summarizeDevice(device));
  },
  'device.getMany': async (client, input, ctx) => {
    const devices = await client.devices
      .list({
        hostname: input.text('hostname'),
        ip: input.text('ip'),
        os_type: input.text('os_type') as never,
        status: input.text('status') as never,
      })
      .collect({ limit: listLimit(input, ctx) });
    return devices.map((d) => withSummary(d, say.summarizeDevice(d)));
  },
  'device.isolate': async (client, input, ctx) => {
    const target = { device_id: input.required('device_id') };
    const action = await client.actions.request(
      input.required('case_id'),
      requestBody(input, ctx, 'isolate_device', target),
    );
    return withSummary(action, say.summarizeAction(action));
  },
  'device.release': async (client, input, ctx) => {
    const target = { device_id: input.required('device_id') };
    const action = await client.actions.request(
      input.required('case_id'),
      requestBody(input, ctx, 'release_device', target),
    );
    return withSummary(action, say.summarizeAction(action));
  },
  'observation.get': async (client, input) => {
    const observation = await client.observations.retrieve(input.required('observation_id'));
    return withSummary(observation, say.summarizeObservation(observation));
  },
  'observation.getMany': async (client, input, ctx) => {
    const observations = await client.observations
      .list({
        case_id: input.text('case_id'),
        device_id: input.text('device_id'),
        source: input.text('source') as never,
        min_severity: input.text('min_severity') as never,
        entity: input.text('entity'),
        observed_after: input.text('observed_after'),
      })
      .collect({ limit: listLimit(input, ctx) });
    return observations.map((o) => withSummary(o, say.summarizeObservation(o)));
  },
  'observation.create': async (client, input) => {
    const severity = input.required('severity') as Severity;
    const title = input.required('title');
    const observation = await client.observations.create({
      source: 'endpoint',
      severity,
      title,
      device_id: input.text('device_id'),
      case_id: input.text('case_id'),
      ocsf: detectionFinding({
        uid: randomUUID(),
        title,
        description: input.text('description'),
        severity,
        time: Date.now(),
      }),
    });
    return withSummary(observation, say.summarizeObservation(observation));
  },
  'action.request': async (client, input, ctx) => {
    const type = input.required('type') as ActionType;
    const action = await client.actions.request(
      input.required('case_id'),
      requestBody(input, ctx, type, actionTarget(input, type)),
    );
    return withSummary(action, say.summarizeAction(action));
  },
  'action.get': async (client, input) => {
    const action = await client.actions.retrieve(input.required('action_id'));
    return withSummary(action, say.summarizeAction(action));
  },
  'action.getMany': async (client, input, ctx) => {
    const actions = await client.actions
      .list({ status: input.text('status') as never })
      .collect({ limit: listLimit(input, ctx) });
    return actions.map((a) => withSummary(a, say.summarizeAction(a)));
  },
  'action.approve': async (client, input) => {
    const action = await client.actions.approve(input.required('action_id'), {
      approver: input.text('approver'),
      comment: input.text('comment'),
    });
    return withSummary(action, say.summarizeAction(action));
  },
  'action.reject': async (client, input) => {
    const action = await client.actions.reject(input.required('action_id'), {
      approver: input.text('approver'),
      reason: input.required('reason'),
    });
    return withSummary(action, say.summarizeAction(action));
  },
  'ioc.add': async (client, input, ctx) => {
    const ioc = { type: input.required('ioc_type') as IocType, value: input.required('ioc_value') };
    const action = await client.actions.request(
      input.required('case_id'),
      requestBody(input, ctx, 'add_ioc', { ioc }),
    );
    return withSummary(action, say.summarizeAction(action));
  },
};

/**
 * Runs one catalog operation with platform-neutral input (field names as in the catalog).
 * Both connectors call this, so an operation behaves the same in Zapier and n8n.
 */
export function runOperation(
  key: OperationKey,
  client: SenseOnClient,
  input: Record<string, unknown>,
  ctx: OperationContext = {},
): Promise<OperationResult> {
  return RUNNERS[key](client, new InputReader(input), ctx);
}
