import {
  decisionOf,
  summarizeAction,
  summarizeDecision,
  WebhookVerificationError,
  type Action,
} from '@senseon/client';
import type {
  Bundle,
  InputField,
  PlainInputField,
  PlainOutputField,
  ZObject,
} from 'zapier-platform-core';
import { defineCreate } from 'zapier-platform-core';
import { copyOf } from '../copy';
import { handled } from '../errors';
import { renderFields, renderInputFields } from '../fields/render';
import { operationFor } from '../operations';
import { runStep, single } from '../run';
import { ACTION } from '../samples/records';
import { ACTION_FIELDS } from '../samples/output-fields';
import { verifiedEvent } from '../webhooks/signed-request';
import { openSeal, sealSecret } from './callback-seal';

/** Zapier-only (see ZAPIER_FIELD_DIFFERENCES): pause the Zap until a human decides. */
export const WAIT_FOR_DECISION_FIELD: PlainInputField = {
  key: 'wait_for_decision',
  label: 'Wait for the Human Decision',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText:
    '**Yes**: the Zap pauses at this step until an approver approves or rejects the action in SenseOn (or it expires), then continues with the decision. **No**: the Zap continues at once with the pending request.',
};

const OUTPUT_FIELDS: PlainOutputField[] = [
  ...ACTION_FIELDS,
  { key: 'waiting_for_decision', label: 'Waiting for the Decision', type: 'boolean' },
  // The same name and values as n8n's output: approved, not_required, rejected, expired,
  // cancelled, failed (approved, then the action failed: not an approval to go on with).
  { key: 'decision', label: 'Decision', type: 'string' },
  // The old name, kept while saved Zaps may map it; `decision` replaces it.
  { key: 'decision_event', label: 'Decision Event (old name: use Decision)', type: 'string' },
];

const SEAL_KEY = 'callback_seal';

/** Zapier sends booleans as true/false or as the texts "true"/"false"/"yes"/"no". */
function yes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim()));
}

function tokenOf(bundle: Bundle): string {
  return bundle.authData.token?.trim() ?? '';
}

/** The action as the user sees it: never the callback secret in clear. */
function visible(action: Record<string, unknown>): Record<string, unknown> {
  const { callback_secret: _secret, [SEAL_KEY]: _seal, ...rest } = action;
  return rest;
}

async function perform(z: ZObject, bundle: Bundle, opKey: Parameters<typeof runStep>[2]) {
  const wait = yes(bundle.inputData.wait_for_decision);
  const input = { ...bundle.inputData };
  delete input.wait_for_decision;
  const callbackUrl = wait ? z.generateCallbackUrl() : undefined;
  const action = single(await runStep(z, bundle, opKey, input, { callbackUrl }));
  if (!wait) {
    return {
      ...visible(action),
      waiting_for_decision: false,
      decision: decisionOf(action as unknown as Action),
      decision_event: null,
    };
  }
  const secret = action.callback_secret;
  if (typeof secret !== 'string') {
    throw new z.errors.Error(
      'SenseOn accepted the request but returned no callback secret, so its decision could not be verified. The action was requested; follow it with the Response Action Update trigger.',
      'NO_CALLBACK_SECRET',
      502,
    );
  }
  return {
    ...visible(action),
    waiting_for_decision: true,
    decision: null,
    decision_event: null,
    [SEAL_KEY]: sealSecret(secret, tokenOf(bundle)),
    summary: `${action.summary} The Zap waits for the decision.`,
  };
}

/**
 * The callback: SenseOn POSTs the signed decision event. Only a delivery signed with this
 * request's callback secret is believed; anything else fails the step.
 */
async function performResume(_z: ZObject, bundle: Bundle) {
  const requested = (bundle.outputData ?? {}) as Record<string, unknown>;
  const seal = requested[SEAL_KEY];
  const secret = typeof seal === 'string' ? openSeal(seal, tokenOf(bundle)) : null;
  if (!secret) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'The sealed callback secret of this request could not be opened (was the connection changed to another token?), so the decision cannot be verified. Check the action in SenseOn.',
    );
  }
  const event = verifiedEvent(bundle, secret);
  const action = event.data as unknown as Action;
  const decision = decisionOf(action);
  return {
    ...visible(requested),
    ...visible(action as unknown as Record<string, unknown>),
    waiting_for_decision: false,
    decision,
    decision_event: event.type,
    summary: decision ? summarizeDecision(action, decision) : summarizeAction(action),
  };
}

/** A response action create that can pause the Zap until the approval decision arrives. */
export function approvalCreate(config: { key: string }) {
  const op = operationFor(config.key);
  // Request Response Action shows only the target fields of the chosen type (dynamic fields).
  const inputFields: InputField[] = [...renderInputFields(op.fields), WAIT_FOR_DECISION_FIELD];
  const namedFields = [...renderFields(op.fields), WAIT_FOR_DECISION_FIELD];
  const copy = copyOf(config.key);
  return defineCreate({
    key: config.key,
    noun: copy.noun,
    display: { label: copy.label, description: copy.description },
    operation: {
      inputFields,
      perform: handled((z: ZObject, bundle: Bundle) => perform(z, bundle, op.key), namedFields),
      performResume: handled(performResume, namedFields),
      // What the step gives when it does not wait, the common case: a pending request, so
      // "Decided By" and the like are mapped knowing they fill in only after a decision.
      sample: {
        ...ACTION,
        waiting_for_decision: false,
        decision: decisionOf(ACTION as unknown as Action),
        decision_event: null,
        summary: summarizeAction(ACTION as unknown as Action),
      },
      outputFields: OUTPUT_FIELDS,
    },
  });
}
