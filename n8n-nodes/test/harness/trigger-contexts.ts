import type {
  ICredentialDataDecryptedObject,
  IDataObject,
  IHookFunctions,
  INode,
  ILoadOptionsFunctions,
  INodeParameters,
  INodeType,
  INodeExecutionData,
  IPollFunctions,
  ITriggerFunctions,
} from 'n8n-workflow';
import { testNode } from './execute-context';
import { authenticatedRequester } from './http';
import { parameterGetter, resolveParameters } from './parameters';

interface CommonOptions {
  nodeType: INodeType;
  parameters?: INodeParameters;
  credentials: ICredentialDataDecryptedObject;
  /** The node's workflow static data, kept by the test between calls as n8n keeps it. */
  staticData?: IDataObject;
  /** E.g. `{ typeVersion: 2 }`; the harness's node is version 1 otherwise. */
  node?: Partial<INode>;
}

function commonContext(options: CommonOptions) {
  const node = testNode(options.nodeType, options.node);
  const parameters = resolveParameters(options.nodeType.description, options.parameters ?? {});
  node.parameters = parameters;
  const staticData = options.staticData ?? {};
  return {
    getNode: () => node,
    getNodeParameter: parameterGetter(parameters),
    getCredentials: async () => options.credentials,
    getWorkflowStaticData: () => staticData,
    getWorkflow: () => ({ id: 'wf-1', name: 'SenseOn test workflow', active: true }),
    helpers: {
      httpRequestWithAuthentication: authenticatedRequester(node, options.credentials, []),
    },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  };
}

/** What n8n hands `webhookMethods` when it activates or deactivates a workflow. */
export function hookContext(options: CommonOptions & { webhookUrl: string }): IHookFunctions {
  return {
    ...commonContext(options),
    getNodeWebhookUrl: () => options.webhookUrl,
    getWebhookName: () => 'default',
    getMode: () => 'trigger',
    getActivationMode: () => 'activate',
  } as unknown as IHookFunctions;
}

/** What n8n hands `poll()` on every scheduled poll ('trigger'), or for a test fetch ('manual'). */
export function pollContext(
  options: CommonOptions & { mode?: 'trigger' | 'manual' },
): IPollFunctions {
  return {
    ...commonContext(options),
    getMode: () => options.mode ?? 'trigger',
    getActivationMode: () => 'activate',
  } as unknown as IPollFunctions;
}

/** What n8n hands resource locator searches while someone edits the node. */
export function loadOptionsContext(options: CommonOptions): ILoadOptionsFunctions {
  return commonContext(options) as unknown as ILoadOptionsFunctions;
}

/** What a trigger's `trigger()` emitted, as n8n would start executions with it. */
export interface TriggerRecord {
  emitted: INodeExecutionData[][][];
  errors: Error[];
}

/** What n8n hands `trigger()` when it activates a workflow ('trigger') or tests it ('manual'). */
export function triggerContext(options: CommonOptions & { mode?: 'trigger' | 'manual' }): {
  context: ITriggerFunctions;
  record: TriggerRecord;
} {
  const record: TriggerRecord = { emitted: [], errors: [] };
  const common = commonContext(options);
  const context = {
    ...common,
    helpers: {
      ...common.helpers,
      returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
    },
    getMode: () => options.mode ?? 'trigger',
    getActivationMode: () => 'activate',
    emit: (data: INodeExecutionData[][]) => record.emitted.push(data),
    emitError: (error: Error) => record.errors.push(error),
  } as unknown as ITriggerFunctions;
  return { context, record };
}
