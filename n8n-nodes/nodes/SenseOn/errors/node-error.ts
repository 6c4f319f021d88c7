import {
  ApiError,
  InvalidInputError,
  NotFoundError,
  PermissionError,
  SenseOnError,
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

/**
 * n8n shows an error as a title and a description. The title is what went wrong (with the
 * request id to quote to support); the description the fields at fault, by their labels, and
 * the core's advice. The advice is the core's, shown once: this package writes none of its own.
 */
function title(error: SenseOnError): string {
  return error.requestId ? `${error.problem} [request ${error.requestId}]` : error.problem;
}

function description(error: SenseOnError, name: FieldNamer): string | undefined {
  const fields = fieldProblems(error);
  const parts = [fields.length > 0 ? describeFields(fields, name) : null, error.advice];
  return parts.filter((part): part is string => !!part).join('\n') || undefined;
}

/**
 * The part of an error that is safe to show: no request, no headers, so never the token. n8n
 * lists the body's `message` among the error's messages, so it is the problem alone.
 */
function publicBody(error: SenseOnError): JsonObject {
  const body: JsonObject = {
    message: error.problem,
    code: error.code,
    status: error.status,
    requestId: error.requestId,
  };
  const fields = fieldProblems(error);
  if (fields.length > 0) body.fields = fields.map(({ field, issue }) => ({ field, issue }));
  return body;
}

/**
 * One place that turns what the client core throws into n8n's errors, from the error's own
 * fields. `itemIndex` points n8n at the item that failed.
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
    return new NodeOperationError(node, title(error), {
      itemIndex,
      description: description(error, name),
    });
  }
  if (error instanceof SenseOnError) {
    return new NodeApiError(node, publicBody(error), {
      itemIndex,
      message: title(error),
      description: description(error, name),
      httpCode: error instanceof ApiError ? String(error.status) : undefined,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NodeOperationError(node, message, { itemIndex });
}

/**
 * The item a failed input item becomes when the node continues on fail: the error's fields, so
 * a workflow can branch on them (`status`, `code`, `resource_id`, `missing_scope`).
 */
export function errorItemJson(error: unknown, name: FieldNamer = asIs): IDataObject {
  if (error instanceof SenseOnError) {
    const fields = fieldProblems(error);
    return {
      error: error.problem,
      advice: error.advice,
      code: error.code,
      status: error.status,
      request_id: error.requestId,
      ...(error instanceof NotFoundError ? { resource_id: error.resourceId } : {}),
      ...(error instanceof PermissionError ? { missing_scope: error.missingScope } : {}),
      ...(fields.length > 0
        ? { fields: fields.map(({ field, issue }) => ({ field: name(field), issue })) }
        : {}),
    };
  }
  return { error: error instanceof Error ? error.message : String(error) };
}
