import {
  NodeHelpers,
  type INodeParameterResourceLocator,
  type INodeParameters,
  type INodeTypeDescription,
  type NodeParameterValueType,
} from 'n8n-workflow';

/**
 * The node's parameters as n8n resolves them: defaults filled in, and parameters that their
 * `displayOptions` hide for this resource and operation left out, exactly what
 * `getNodeParameter` then sees.
 */
export function resolveParameters(
  description: INodeTypeDescription,
  given: INodeParameters,
): INodeParameters {
  const resolved = NodeHelpers.getNodeParameters(
    description.properties,
    given,
    true,
    false,
    { typeVersion: 1 },
    description,
  );
  if (!resolved) throw new Error('harness: n8n resolved no parameters');
  return resolved;
}

function isResourceLocator(value: unknown): value is INodeParameterResourceLocator {
  return typeof value === 'object' && value !== null && '__rl' in value;
}

/** A resource locator value, as the editor stores one picked "By ID". */
export function byId(value: string): INodeParameterResourceLocator {
  return { __rl: true, mode: 'id', value };
}

/**
 * `getNodeParameter(name, itemIndex, fallback, { extractValue })`: like n8n, a parameter that
 * is not there gives the fallback, and without one it is an error.
 */
export function parameterGetter(parameters: INodeParameters) {
  return (
    name: string,
    _itemIndex?: number,
    fallback?: unknown,
    options?: { extractValue?: boolean },
  ): NodeParameterValueType | object => {
    const value = parameters[name];
    if (value === undefined) {
      if (fallback === undefined) throw new Error(`harness: could not get parameter "${name}"`);
      return fallback as NodeParameterValueType;
    }
    if (options?.extractValue && isResourceLocator(value)) return value.value;
    return value;
  };
}
