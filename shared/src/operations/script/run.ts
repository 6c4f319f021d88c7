import { InvalidInputError } from '../../errors/client-errors';
import * as say from '../../summaries';
import { F } from '../fields';
import { commaList, present } from '../input';
import { defineOperation, withSummary, ZAPIER_HAS_13 } from '../operation';
import { responseActionRequest } from '../response-action-request';
import { SCRIPT_FIELDS } from './fields';

/** The Parameters field's JSON object; anything else is the user's to fix, named. */
function parametersOf(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidInputError('this step', [
      { field: 'parameters', issue: 'is not valid JSON; write an object such as {"pid": 4242}' },
    ]);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidInputError('this step', [
      { field: 'parameters', issue: 'must be a JSON object of parameter names and values' },
    ]);
  }
  return parsed as Record<string, unknown>;
}

export const runScript = defineOperation({
  key: 'script.run',
  version: 1,
  label: 'Run Script',
  description:
    'Run a remote script on devices as a response action. Containment scripts (kill, quarantine, block, log off), and any script an AI agent asks for, wait for a human approval; the result holds each device’s exit code and output.',
  fields: [
    F.caseId,
    SCRIPT_FIELDS.scriptId,
    SCRIPT_FIELDS.deviceIds,
    SCRIPT_FIELDS.parameters,
    F.justification,
    F.expiresIn,
    SCRIPT_FIELDS.resultTimeout,
  ],
  zapier: { absent: `${ZAPIER_HAS_13}; remote scripts are not among them` },
  n8n: { resource: 'script', operation: 'run' },
  requestsAction: true,
  approvalGated: true,
  async run(client, input, ctx) {
    const target = {
      script_id: input.script_id,
      device_ids: present(commaList(input.device_ids), SCRIPT_FIELDS.deviceIds),
      parameters: parametersOf(input.parameters),
    };
    const requested = await client.actions.request(
      input.case_id,
      responseActionRequest(input, ctx, 'run_script', target),
    );
    // Pending approval answers at once (the connector may wait for the decision); an approved
    // run is waited on for its per-device result, within the step's own limit.
    const action = await client.actions.waitForResult(requested, {
      timeoutMs: Math.max(0, input.result_timeout_seconds) * 1000,
    });
    return withSummary(action, say.summarizeAction(action));
  },
});
