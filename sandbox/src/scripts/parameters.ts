// The file itself: ajv has no `exports` map, so an ESM import must name the file.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ApiError } from '../http/errors';
import type { CatalogScript } from './catalog';

// allErrors: the refusal names every parameter at fault, not only the first.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

function validatorOf(script: CatalogScript): ValidateFunction {
  let check = compiled.get(script.id);
  if (!check) {
    // The catalog's schema carries `description`s ajv does not know in strict mode.
    check = ajv.compile({ ...script.parameters });
    compiled.set(script.id, check);
  }
  return check;
}

/** `target.parameters.max_size_mb`, and what is wrong with it, from one ajv error. */
function detailOf(error: ErrorObject): { field: string; issue: string } {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const name =
    params.missingProperty ??
    params.additionalProperty ??
    error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = name ? `target.parameters.${name}` : 'target.parameters';
  const issue =
    error.keyword === 'required'
      ? 'is required by the script'
      : error.keyword === 'additionalProperties'
        ? 'is not a parameter of the script'
        : (error.message ?? 'is not valid');
  return { field, issue };
}

/**
 * Checks a run's parameters against the script's JSON Schema: 400 `INVALID_SCRIPT_INPUT`
 * naming each parameter at fault, before anything is created.
 */
export function checkScriptParameters(
  script: CatalogScript,
  parameters: Record<string, unknown>,
): void {
  const check = validatorOf(script);
  if (check(parameters)) return;
  const details = (check.errors ?? []).map(detailOf);
  const named = details.map((d) => `${d.field} ${d.issue}`).join('; ');
  throw new ApiError(
    'INVALID_SCRIPT_INPUT',
    `The parameters do not fit script ${script.id} (${script.name}): ${named}.`,
    details,
  );
}
