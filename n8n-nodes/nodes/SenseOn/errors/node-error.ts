import {
  ApiError,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SenseOnError,
  StepUpRequiredError,
  ValidationError,
  WebhookVerificationError,
} from '@senseon/client';
import {
  NodeApiError,
  NodeOperationError,
  type IDataObject,
  type INode,
  type JsonObject,
} from 'n8n-workflow';

/** A field the user got wrong, in the words of the node's properties (which are API names). */
interface FieldProblem {
  field: string;
  issue: string;
}

function fieldProblems(error: unknown): FieldProblem[] {
  if (error instanceof InvalidInputError) return error.fields;
  if (error instanceof ValidationError) return error.fields;
  return [];
}

/** Names a field path the way the user sees it, e.g. "IOC Value (target.ioc.value)". */
export type FieldNamer = (path: string) => string;

const asIs: FieldNamer = (path) => path || 'input';

function describeFields(fields: FieldProblem[], name: FieldNamer): string {
  return fields.map(({ field, issue }) => `${name(field)}: ${issue}`).join('\n');
}

/** What to do next, for the errors where n8n's generic text would not say. */
function hintFor(error: SenseOnError): string | undefined {
  if (error instanceof StepUpRequiredError) {
    return 'Approve it in the SenseOn console after step-up authentication, or use a token with the actions:approve_critical scope.';
  }
  if (error instanceof RateLimitError) {
    return error.retryAfterSeconds === null
      ? 'Retry after a short wait, or spread the items out.'
      : `Retry in ${error.retryAfterSeconds} s, or spread the items out.`;
  }
  if (error instanceof PermissionError && error.missingScope) {
    return `Give the personal access token the "${error.missingScope}" scope.`;
  }
  if (error instanceof ConflictError) {
    return 'Get the response action to see its current status: it was probably decided already.';
  }
  if (error instanceof NotFoundError) {
    return 'Check the id, and that it belongs to the tenant of the credential.';
  }
  return undefined;
}

/** The part of an error that is safe to show: no request, no headers, so never the token. */
function publicBody(error: SenseOnError): JsonObject {
  const body: JsonObject = {
    message: error.message,
    code: error.code,
    status: error.status,
    requestId: error.requestId,
  };
  const fields = fieldProblems(error);
  if (fields.length > 0) body.fields = fields.map(({ field, issue }) => ({ field, issue }));
  return body;
}

/**
 * One place that turns what the client core throws into n8n's errors: the API's message, the
 * failing fields, and what to do. `itemIndex` points n8n at the item that failed.
 */
export function toNodeError(
  node: INode,
  error: unknown,
  itemIndex?: number,
  name: FieldNamer = asIs,
): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
  if (error instanceof InvalidInputError || error instanceof WebhookVerificationError) {
    // Found before anything was sent: a mistake in the node's settings, not an API failure.
    const fields = fieldProblems(error);
    return new NodeOperationError(node, error.message, {
      itemIndex,
      description: fields.length > 0 ? describeFields(fields, name) : undefined,
    });
  }
  if (error instanceof SenseOnError) {
    const fields = fieldProblems(error);
    const details = [fields.length > 0 ? describeFields(fields, name) : undefined, hintFor(error)]
      .filter(Boolean)
      .join('\n');
    return new NodeApiError(node, publicBody(error), {
      itemIndex,
      message: error.message,
      description: details || undefined,
      httpCode: error instanceof ApiError ? String(error.status) : undefined,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NodeOperationError(node, message, { itemIndex });
}

/** The item a failed input item becomes when the node continues on fail: what, and why. */
export function errorItemJson(error: unknown, name: FieldNamer = asIs): IDataObject {
  if (error instanceof SenseOnError) {
    const fields = fieldProblems(error);
    return {
      error: error.message,
      code: error.code,
      status: error.status,
      request_id: error.requestId,
      ...(fields.length > 0
        ? { fields: fields.map(({ field, issue }) => ({ field: name(field), issue })) }
        : {}),
    };
  }
  return { error: error instanceof Error ? error.message : String(error) };
}
