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

/** Names a field path the way the user sees it: its label in the operation ("IOC Value"). */
export type FieldNamer = (path: string) => string;

const asIs: FieldNamer = (path) => path || 'input';

/** "IOC Value: must be a domain; Case: is required and was empty". */
function describeFields(fields: FieldProblem[], name: FieldNamer): string {
  return fields.map(({ field, issue }) => `${name(field)}: ${issue}`).join('; ');
}

/**
 * The request as the core names it (`POST /cases/case_1/actions`) is the API's business, not
 * the user's: an n8n user knows the node and its fields, so the message says "the request".
 */
function withoutApiPaths(text: string): string {
  return text.replace(/\b(?:GET|POST|PUT|PATCH|DELETE) \/[^\s:),]*/g, 'the request');
}

/**
 * What happened, in the user's words: the fields at fault by their labels when the core names
 * fields, else the core's problem without API paths. Said once; the fix is the description's.
 */
function whatHappened(error: SenseOnError, name: FieldNamer): string {
  const fields = fieldProblems(error);
  if (fields.length > 0) return describeFields(fields, name);
  return withoutApiPaths(error.problem).replace(/\.$/, '');
}

/**
 * n8n shows an error as a message and a description. The message is what happened, with the
 * item that failed (`[item 2]`, as n8n's own nodes write it) and the request id to quote to
 * support; the description is how to fix it: the core's advice, shown once (this package writes
 * none of its own).
 */
function title(error: SenseOnError, name: FieldNamer, itemIndex: number | undefined): string {
  const item = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
  const request = error.requestId ? ` [request ${error.requestId}]` : '';
  return `${whatHappened(error, name)}${item}${request}`;
}

function description(error: SenseOnError): string | undefined {
  return error.advice ?? undefined;
}

/**
 * The part of an error that is safe to show: no request, no headers, so never the token. n8n
 * lists the body's `message` among the error's messages, so it is what happened alone.
 */
function publicBody(error: SenseOnError, name: FieldNamer): JsonObject {
  const body: JsonObject = {
    message: whatHappened(error, name),
    code: error.code,
    status: error.status,
    requestId: error.requestId,
  };
  const fields = fieldProblems(error);
  if (fields.length > 0) {
    body.fields = fields.map(({ field, issue }) => ({ field: name(field), issue }));
  }
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
    return new NodeOperationError(node, title(error, name, itemIndex), {
      itemIndex,
      description: description(error),
    });
  }
  if (error instanceof SenseOnError) {
    return new NodeApiError(node, publicBody(error, name), {
      itemIndex,
      message: title(error, name, itemIndex),
      description: description(error),
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
      error: whatHappened(error, name),
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
