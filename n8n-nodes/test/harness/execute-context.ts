import {
  type ICredentialDataDecryptedObject,
  type IDataObject,
  type IExecuteData,
  type IExecuteFunctions,
  type INode,
  type INodeExecutionData,
  type INodeParameters,
  type INodeType,
} from 'n8n-workflow';
import { authenticatedRequester, type SentRequest } from './http';
import { parameterGetter, resolveParameters } from './parameters';

/**
 * What n8n keeps of one execution of one node between its run and a resume: the node's
 * context (`getContext('node')`, saved with a waiting execution) and whether and until when it
 * was put to wait.
 */
export interface ExecutionRecord {
  id: string;
  resumeUrl: string;
  nodeContext: IDataObject;
  waitTill?: Date;
  /**
   * The node's entry on n8n's execution stack (`getExecuteData()`): its input data, and the
   * metadata `setMetadata` merges in. n8n saves it with a waiting execution and, when a wait's
   * time runs out, passes its data on without running the node again.
   */
  executeData?: IExecuteData;
}

export function newExecution(
  id: string,
  resumeBaseUrl = 'http://127.0.0.1:9/webhook-waiting',
): ExecutionRecord {
  return { id, resumeUrl: `${resumeBaseUrl}/${id}`, nodeContext: {} };
}

export interface ExecuteOptions {
  nodeType: INodeType;
  parameters: INodeParameters;
  /** Per-item values, as expressions like `{{ $json.id }}` give each item its own. */
  itemParameters?: INodeParameters[];
  credentials: ICredentialDataDecryptedObject;
  items?: INodeExecutionData[];
  /** The node as n8n runs it; an AI agent's tool call uses the `…Tool` type. */
  node?: Partial<INode>;
  continueOnFail?: boolean;
  execution?: ExecutionRecord;
  timezone?: string;
  /** The node's workflow static data, shared between runs as n8n keeps it for production runs. */
  staticData?: IDataObject;
}

export interface ExecuteRun {
  output: INodeExecutionData[][];
  execution: ExecutionRecord;
  sent: SentRequest[];
}

export function testNode(nodeType: INodeType, overrides: Partial<INode> = {}): INode {
  return {
    id: 'node-1',
    name: nodeType.description.defaults.name ?? nodeType.description.displayName,
    type: `n8n-nodes-senseon.${nodeType.description.name}`,
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
    ...overrides,
  };
}

/**
 * Runs a node's `execute()` the way n8n would for one run, with real HTTP to the sandbox:
 * parameters resolved against the node's description, items, the credential, continueOnFail,
 * expressions for `$execution.resumeUrl`, and `putExecutionToWait`.
 */
export async function runExecute(options: ExecuteOptions): Promise<ExecuteRun> {
  const node = testNode(options.nodeType, options.node);
  const parameters = resolveParameters(options.nodeType.description, options.parameters);
  node.parameters = parameters;
  const perItem = (options.itemParameters ?? []).map((values) =>
    parameterGetter(
      resolveParameters(options.nodeType.description, { ...options.parameters, ...values }),
    ),
  );
  const getParameter = parameterGetter(parameters);
  const items = options.items ?? [{ json: {} }];
  const execution = options.execution ?? newExecution('exec-1');
  const sent: SentRequest[] = [];
  execution.executeData = { node, data: { main: [items] }, source: null };
  const executeData = execution.executeData;
  const context = {
    getExecuteData: () => executeData,
    setMetadata: (metadata: IDataObject) => {
      executeData.metadata = { ...executeData.metadata, ...metadata };
    },
    getNode: () => node,
    getInputData: () => items,
    getNodeParameter: (
      name: string,
      itemIndex = 0,
      ...rest: [unknown?, { extractValue?: boolean }?]
    ) => (perItem[itemIndex] ?? getParameter)(name, itemIndex, ...rest),
    getCredentials: async () => options.credentials,
    continueOnFail: () => options.continueOnFail === true,
    getTimezone: () => options.timezone ?? 'UTC',
    getMode: () => 'manual',
    getExecutionId: () => execution.id,
    isToolExecution: () => false,
    getWorkflowStaticData: (type: string) => {
      if (type !== 'node') throw new Error(`harness: only node static data is kept, not ${type}`);
      return options.staticData ?? {};
    },
    getContext: (type: string) => {
      if (type !== 'node') throw new Error(`harness: only the node context is kept, not ${type}`);
      return execution.nodeContext;
    },
    evaluateExpression: (expression: string) => {
      if (/^\{\{\s*\$execution\.resumeUrl\s*\}\}$/.test(expression)) return execution.resumeUrl;
      throw new Error(`harness: cannot evaluate ${expression}`);
    },
    putExecutionToWait: async (waitTill: Date) => {
      execution.waitTill = waitTill;
    },
    helpers: {
      httpRequestWithAuthentication: authenticatedRequester(node, options.credentials, sent),
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  } as unknown as IExecuteFunctions;
  const output = await options.nodeType.execute!.call(context);
  return { output: output as INodeExecutionData[][], execution, sent };
}
