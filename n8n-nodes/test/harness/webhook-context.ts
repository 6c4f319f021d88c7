import type {
  ICredentialDataDecryptedObject,
  IDataObject,
  INode,
  INodeExecutionData,
  INodeParameters,
  INodeType,
  IWebhookFunctions,
} from 'n8n-workflow';
import { authenticatedRequester } from './http';
import { parameterGetter, resolveParameters } from './parameters';
import type { ReceivedRequest, ReceiverAnswer } from './receiver';
import { testNode } from './execute-context';

export interface WebhookOptions {
  nodeType: INodeType;
  request: ReceivedRequest;
  parameters?: INodeParameters;
  credentials: ICredentialDataDecryptedObject;
  /** The node's workflow static data (the webhook trigger's subscription lives there). */
  staticData?: IDataObject;
  /**
   * The waiting execution's saved node context. n8n 2.40 reaches it in a webhook only through
   * the expression `$node["<name>"].context`; newer n8n also offers `getContext` (`withGetContext`).
   */
  nodeContext?: IDataObject;
  withGetContext?: boolean;
  node?: Partial<INode>;
}

export interface WebhookRun extends ReceiverAnswer {
  /** What the webhook started or resumed with; undefined when it started nothing. */
  workflowData?: INodeExecutionData[][];
}

const CONTEXT_EXPRESSION =
  /^\{\{\s*\$node\[("(?:[^"\\]|\\.)*")\]\.context\[("(?:[^"\\]|\\.)*")\]\s*\}\}$/;

/**
 * Calls a node's `webhook()` the way n8n does for a delivery: the request with its raw body,
 * a response object the node may answer on, static data and (for a resumed execution) the
 * saved node context. Returns what the caller of the URL gets, and what the node emitted.
 */
export async function runWebhook(options: WebhookOptions): Promise<WebhookRun> {
  return await startWebhook(options).done;
}

/**
 * `runWebhook`, with what the caller of the URL gets as soon as the node sends it: a node may
 * answer the delivery first and go on working (Run Script's wait for its result) before it
 * hands n8n the items to resume with, and n8n answers the caller at once.
 */
export function startWebhook(options: WebhookOptions): {
  answered: Promise<ReceiverAnswer>;
  done: Promise<WebhookRun>;
} {
  let sent: (answer: ReceiverAnswer) => void = () => {};
  const early = new Promise<ReceiverAnswer>((resolve) => (sent = resolve));
  const done = callWebhook(options, (answer) => sent(answer));
  const answered = Promise.race([early, done.then(({ status, body }) => ({ status, body }))]);
  // A webhook that throws rejects both; a caller of `runWebhook` awaits only `done`.
  answered.catch(() => {});
  return { answered, done };
}

async function callWebhook(
  options: WebhookOptions,
  onAnswer: (answer: ReceiverAnswer) => void,
): Promise<WebhookRun> {
  const node = testNode(options.nodeType, options.node);
  const parameters = resolveParameters(options.nodeType.description, options.parameters ?? {});
  node.parameters = parameters;
  const nodeContext = options.nodeContext ?? {};
  let answered: ReceiverAnswer | undefined;
  const response = {
    status(code: number) {
      return {
        json(body: unknown) {
          answered = { status: code, body };
          onAnswer(answered);
        },
      };
    },
  };
  const request = { rawBody: options.request.rawBody, headers: options.request.headers };
  const context = {
    getNode: () => node,
    // Each path stands for its own workflow, as each trigger in n8n has its own URL.
    getWorkflow: () => ({ id: options.request.path, name: options.request.path }),
    getNodeParameter: parameterGetter(parameters),
    getCredentials: async () => options.credentials,
    getWorkflowStaticData: () => options.staticData ?? {},
    getRequestObject: () => request,
    getResponseObject: () => response,
    getHeaderData: () => options.request.headers,
    getBodyData: () => JSON.parse(options.request.rawBody.toString('utf8') || '{}'),
    getMode: () => 'webhook',
    evaluateExpression: (expression: string) => {
      const match = CONTEXT_EXPRESSION.exec(expression);
      if (!match) throw new Error(`harness: cannot evaluate ${expression}`);
      const [nodeName, key] = [JSON.parse(match[1]!), JSON.parse(match[2]!)] as [string, string];
      if (nodeName !== node.name) return undefined;
      return nodeContext[key];
    },
    ...(options.withGetContext ? { getContext: () => nodeContext } : {}),
    helpers: {
      httpRequestWithAuthentication: authenticatedRequester(node, options.credentials, []),
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  } as unknown as IWebhookFunctions;
  const result = await options.nodeType.webhook!.call(context);
  if (result.noWebhookResponse) {
    if (!answered) throw new Error('harness: the node took over the response but sent none');
    return { ...answered, workflowData: result.workflowData };
  }
  return { status: 200, body: result.webhookResponse ?? {}, workflowData: result.workflowData };
}
