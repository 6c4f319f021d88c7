/**
 * The few calls we make to a running n8n: set up its owner, log in the way the editor does, mint
 * an API key, then use n8n's public API (publish/unpublish workflows, read executions).
 */
export interface N8nOwner {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

/** The editor binds its session cookie to a browser id it sends as a header; we send a fixed one. */
const BROWSER_ID = 'senseon-e2e-browser';

/** A workflow as n8n's public API returns it: what the checks read. */
export interface N8nWorkflowState {
  id: string;
  active: boolean;
  name: string;
  /** Workflow static data as n8n last saved it (`node:<name>` per node). */
  staticData?: Record<string, unknown> | null;
}

export class N8nApi {
  private cookie = '';
  private apiKey = '';

  constructor(readonly url: string) {}

  /** `POST /rest/owner/setup` on a fresh n8n: creates the owner and logs in as them. */
  async setupOwner(owner: N8nOwner): Promise<void> {
    const response = await this.rest('POST', '/rest/owner/setup', owner);
    this.keepCookie(response);
  }

  /** `POST /rest/login`, for an n8n whose owner exists already. */
  async login(owner: N8nOwner): Promise<void> {
    const response = await this.rest('POST', '/rest/login', {
      emailOrLdapLoginId: owner.email,
      password: owner.password,
    });
    this.keepCookie(response);
  }

  /** Mints a public-API key with every scope the owner may have; kept in memory only. */
  async createApiKey(label: string): Promise<void> {
    const scopesResponse = await this.rest('GET', '/rest/api-keys/scopes');
    const scopes = ((await scopesResponse.json()) as { data: string[] }).data;
    const created = await this.rest('POST', '/rest/api-keys', { label, scopes, expiresAt: null });
    this.apiKey = ((await created.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
  }

  publish(workflowId: string): Promise<unknown> {
    return this.publicApi('POST', `/workflows/${workflowId}/publish`, {});
  }

  unpublish(workflowId: string): Promise<unknown> {
    return this.publicApi('POST', `/workflows/${workflowId}/unpublish`, {});
  }

  async workflow(workflowId: string): Promise<N8nWorkflowState> {
    return (await this.publicApi('GET', `/workflows/${workflowId}`)) as N8nWorkflowState;
  }

  /** The newest executions of a workflow, with their data. */
  async executions(workflowId: string, status?: string): Promise<N8nExecution[]> {
    const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '50' });
    if (status) query.set('status', status);
    const page = (await this.publicApi('GET', `/executions?${query}`)) as { data: N8nExecution[] };
    return page.data;
  }

  /** Every execution of a workflow, with its data, page by page (the public API's cursor). */
  /** Every execution of a workflow; without `includeData`, only their records (cheap to poll). */
  /**
   * Every execution of a workflow. n8n's public API leaves out of a plain listing the executions
   * its main process is running (in queue mode, also those queued or running on a worker while
   * main waits for them) unless asked for status `running` alone: both listings, merged, so a
   * caller that waits for every execution to settle sees the ones still running. `status` asks
   * for that listing alone.
   */
  async allExecutions(
    workflowId: string,
    includeData = true,
    status?: 'running',
  ): Promise<N8nExecution[]> {
    if (status) return await this.listExecutions(workflowId, includeData, status);
    const listed = await this.listExecutions(workflowId, includeData);
    const seen = new Set(listed.map((e) => e.id));
    const running = await this.listExecutions(workflowId, includeData, 'running');
    return [...listed, ...running.filter((e) => !seen.has(e.id))];
  }

  private async listExecutions(
    workflowId: string,
    includeData: boolean,
    status?: 'running',
  ): Promise<N8nExecution[]> {
    const all: N8nExecution[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({
        workflowId,
        includeData: String(includeData),
        limit: '100',
        ...(status ? { status } : {}),
      });
      if (cursor) query.set('cursor', cursor);
      const page = (await this.publicApi('GET', `/executions?${query}`)) as {
        data: N8nExecution[];
        nextCursor?: string | null;
      };
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  async execution(id: string): Promise<N8nExecution> {
    return (await this.publicApi('GET', `/executions/${id}?includeData=true`)) as N8nExecution;
  }

  /**
   * Every node type as the editor gets it (`/types/nodes.json`, behind the login), the tool
   * variants n8n derives from `usableAsTool` nodes (`<name>Tool`) included.
   */
  async nodeTypes(): Promise<N8nNodeType[]> {
    return (await (await this.rest('GET', '/types/nodes.json')).json()) as N8nNodeType[];
  }

  /** The session cookie, for a browser that should start logged in. */
  sessionCookie(): { name: string; value: string } | undefined {
    const [name, value] = this.cookie.split('=', 2);
    return name && value ? { name, value } : undefined;
  }

  get browserId(): string {
    return BROWSER_ID;
  }

  private keepCookie(response: Response): void {
    const auth = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
    if (!auth) throw new Error('n8n set no n8n-auth cookie');
    this.cookie = auth.split(';', 1)[0] ?? '';
  }

  private async rest(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'browser-id': BROWSER_ID,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      throw new Error(
        `n8n ${method} ${path}: ${response.status} ${(await response.text()).slice(0, 300)}`,
      );
    }
    return response;
  }

  private async publicApi(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!this.apiKey) throw new Error('no n8n API key: call createApiKey first');
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKey },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`n8n ${method} /api/v1${path}: ${response.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}

/** The parts of a node type description the checks read. */
export interface N8nNodeType {
  name: string;
  version: number | number[];
  properties: {
    name: string;
    displayOptions?: { show?: Record<string, unknown[]> };
    options?: { name?: string; value?: unknown }[];
  }[];
}

export interface N8nExecution {
  id: string;
  workflowId: string;
  status: 'canceled' | 'crashed' | 'error' | 'new' | 'running' | 'success' | 'unknown' | 'waiting';
  finished: boolean;
  mode: string;
  startedAt: string;
  stoppedAt: string | null;
  waitTill?: string | null;
  data?: {
    resultData: { runData: Record<string, NodeRun[]>; error?: { message: string } };
    /** What is still to run; a trigger's items sit here until its node's run is recorded. */
    executionData?: { nodeExecutionStack?: { node: { name: string }; data: NodeRun['data'] }[] };
  };
}

export interface NodeRun {
  data?: { main: ({ json: Record<string, unknown> }[] | null)[] };
  error?: { message: string };
}

/** The items each output of a node produced in its last run (index = output). */
export function nodeOutputs(
  runData: Record<string, NodeRun[]> | undefined,
  node: string,
): { json: Record<string, unknown> }[][] | undefined {
  const runs = runData?.[node];
  const last = runs?.[runs.length - 1];
  return last?.data?.main.map((items) => items ?? []);
}
