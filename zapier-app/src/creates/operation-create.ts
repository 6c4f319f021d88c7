import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { defineCreate } from 'zapier-platform-core';
import { copyOf } from '../copy';
import { handled } from '../errors';
import { renderFields, renderInputFields, type FieldOverrides } from '../fields/render';
import { operationFor } from '../operations';
import { runStep, single, type StepRecord } from '../run';

export interface OperationCreateConfig {
  /** The Zapier key the catalog places the operation at. */
  key: string;
  sample: Record<string, unknown>;
  outputFields: PlainOutputField[];
  /** Help or default that Zapier must word differently (a bound only Zapier has). */
  fieldOverrides?: Record<string, FieldOverrides>;
  /** Replaces the plain `runStep` where Zapier adds to the operation (its time limit). */
  perform?: (z: ZObject, bundle: Bundle) => Promise<StepRecord>;
}

/**
 * A Zapier create rendered from its catalog operation: fields from the catalog, words from
 * Zapier's copy table (`copy.ts`), and `runOperation` as the behaviour, so it does what the n8n node does.
 */
export function operationCreate(config: OperationCreateConfig) {
  const op = operationFor(config.key);
  const inputFields = renderInputFields(op.fields, config.fieldOverrides);
  // Every field, conditional ones included, so an error can name any of them.
  const namedFields = renderFields(op.fields, config.fieldOverrides);
  const perform =
    config.perform ??
    (async (z: ZObject, bundle: Bundle) => single(await runStep(z, bundle, op.key)));
  const copy = copyOf(config.key);
  return defineCreate({
    key: config.key,
    noun: copy.noun,
    display: { label: copy.label, description: copy.description },
    operation: {
      inputFields,
      perform: handled(perform, namedFields),
      sample: config.sample,
      outputFields: config.outputFields,
    },
  });
}
