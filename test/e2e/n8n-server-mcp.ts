/**
 * Issue 14 in a real n8n: the SenseOn node as tools behind n8n's MCP Server Trigger
 * (workflows/mcp.json), driven by an MCP client from the official SDK, as an AI agent would.
 * The client lists the tools (none decides an approval), reads a case and the devices, and asks
 * to isolate one: SenseOn holds the request, declared `agent`, until a person approves it
 * through the API; it then runs, and the case's DecisionTrace holds the request, the decision
 * and the result. An IOC, which an automation adds at once, waits for a person too when the
 * agent asks (SenseOn's `agent_requires_approval`).
 */
import { createHash } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { waitFor } from '../../scripts/n8n/lib/processes';
import { workflowFrom } from './n8n-server-helpers';
import { decide, type ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page, SandboxAction, SandboxDevice } from './sandbox-api';

const SOURCE = 'e2e/mcp.json';
/** The trigger's Path: n8n serves a version-2 MCP Server Trigger at /mcp/<path>. */
const MCP_PATH = 'senseon-e2e';
const TOOLS = ['Get_Case', 'List_Devices', 'Isolate_Device', 'Get_Response_Action', 'Add_IOC'];

interface TraceEntry {
  event: string;
  actor: { principal: string; origin: string };
  details: Record<string, unknown>;
}

interface AgentAction extends SandboxAction {
  requested_by: { principal: string; origin: string };
  policy: { rule: string };
}

/** The JSON a SenseOn tool answered: n8n hands the node's items back as text content. */
function toolJson(result: Awaited<ReturnType<Client['callTool']>>): unknown {
  expect(!result.isError, `the tool call failed: ${JSON.stringify(result.content).slice(0, 300)}`);
  const content = result.content as { type: string; text?: string }[];
  const text = content.find((c) => c.type === 'text')?.text;
  expect(typeof text === 'string', `no text content: ${JSON.stringify(content).slice(0, 200)}`);
  const parsed = JSON.parse(text) as unknown;
  // One item comes back as its JSON; several as an array of their JSON.
  return parsed;
}

function asList<T>(value: unknown): T[] {
  return (Array.isArray(value) ? value : [value]) as T[];
}

/** One MCP session over Streamable HTTP, presenting `token` as a Bearer token if given. */
async function connectOnce(url: URL, token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'senseon-e2e-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  try {
    await client.connect(transport);
    return client;
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** The first session, asked again while n8n applies the publication (404 until then). */
async function connect(url: URL, token: string): Promise<Client> {
  let client: Client | undefined;
  let lastError = '';
  await waitFor(
    `an MCP session at ${url.pathname}`,
    async () => {
      client = await connectOnce(url, token).catch((error: unknown) => {
        lastError = error instanceof Error ? error.message : String(error);
        return undefined;
      });
      return client !== undefined;
    },
    30_000,
    500,
  ).catch(() => undefined);
  expect(client, `no MCP session: ${lastError}`);
  return client;
}

export async function mcpChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, SOURCE).workflow.id!;
  const url = new URL(`/mcp/${MCP_PATH}`, scope.n8nUrl);
  const published = await checks.check(`publishing ${SOURCE} (MCP Server Trigger)`, () =>
    api.publish(id),
  );
  if (published === undefined) return;

  const token = ctx.mcpToken;
  expect(token, 'the run made no MCP token');
  let session: Client | undefined;
  await checks.check(
    `an MCP client (official SDK, Streamable HTTP) connects to /mcp/${MCP_PATH} with the Bearer token; without it n8n refuses`,
    async () => {
      session = await connect(url, token);
      // The SDK's StreamableHTTPError carries the HTTP status as `code`.
      const refused = await connectOnce(url, undefined).then(
        async (c) => {
          await c.close();
          return 'a session';
        },
        (error: unknown) => `HTTP ${String((error as { code?: unknown }).code)}`,
      );
      expect(refused === 'HTTP 403', `a client without the Bearer token got ${refused}`);
      return `server "${session.getServerVersion()?.name ?? '?'}"; without the token: ${refused}`;
    },
  );
  if (session === undefined) return;
  const client = session;

  try {
    await checks.check(
      "the tool list is the workflow's five SenseOn tools, and none decides an approval",
      async () => {
        const { tools } = await client.listTools();
        const names = tools.map((t) => t.name).sort();
        expect(
          JSON.stringify(names) === JSON.stringify([...TOOLS].sort()),
          `tools: ${names.join(', ')}`,
        );
        const deciding = tools.filter((t) => /approve|reject|decide/i.test(t.name));
        expect(deciding.length === 0, `deciding tools: ${deciding.map((t) => t.name).join(', ')}`);
        const isolate = tools.find((t) => t.name === 'Isolate_Device')!;
        // What the agent reads: the request waits for a human (the node's Tool Description).
        expect(
          /human approval/i.test(isolate.description ?? ''),
          `Isolate_Device tells the agent: "${isolate.description}"`,
        );
        const args = Object.keys(isolate.inputSchema.properties ?? {}).sort();
        expect(
          JSON.stringify(args) === '["case_id","device_id","justification"]',
          `Isolate_Device asks for ${args.join(', ')}`,
        );
        return `${names.join(', ')}`;
      },
    );

    await checks.check(
      "n8n's SenseOn tool (the editor's senseOnTool) offers no Approve or Reject; the node does",
      async () => {
        const types = await api.nodeTypes();
        const operationsOf = (name: string) =>
          types
            .filter((t) => t.name === name)
            .flatMap((t) => t.properties)
            .filter(
              (p) =>
                p.name === 'operation' &&
                (p.displayOptions?.show?.resource as string[] | undefined)?.includes(
                  'responseAction',
                ),
            )
            .flatMap((p) => (p.options ?? []).map((o) => String(o.value)));
        const tool = [...new Set(operationsOf('n8n-nodes-senseon.senseOnTool'))].sort();
        const node = [...new Set(operationsOf('n8n-nodes-senseon.senseOn'))].sort();
        expect(tool.length > 0, 'n8n lists no Response Action operations for senseOnTool');
        expect(
          node.includes('approve') && node.includes('reject'),
          `the node offers ${node.join(', ')}`,
        );
        const deciding = tool.filter((op) => op === 'approve' || op === 'reject');
        expect(deciding.length === 0, `the tool offers ${deciding.join(', ')}`);
        return `tool: ${tool.join(', ')}; node: ${node.join(', ')}`;
      },
    );

    const cases = await analyst.get<Page<{ id: string }>>('/cases?limit=8');
    const caseId = cases.data[7]?.id ?? cases.data[0]!.id;
    const device = await checks.check(
      'read tools through MCP: Get_Case answers the case, List_Devices the online devices',
      async () => {
        const fetched = toolJson(
          await client.callTool({ name: 'Get_Case', arguments: { case_id: caseId } }),
        );
        const caseItem = asList<{ id?: string; title?: string }>(fetched)[0];
        expect(
          caseItem?.id === caseId,
          `Get_Case answered ${JSON.stringify(fetched).slice(0, 200)}`,
        );
        const listed = asList<SandboxDevice>(
          toolJson(
            await client.callTool({ name: 'List_Devices', arguments: { status: 'online' } }),
          ),
        );
        expect(listed.length > 0, 'List_Devices answered no device');
        const others = listed.filter((d) => d.status !== 'online');
        expect(others.length === 0, `List_Devices answered ${others[0]?.status} devices`);
        // The agent picks a device as the run's other isolations do (none twice, no crown jewel).
        const pending = await analyst.get<Page<SandboxAction>>(
          '/actions?status=pending_approval&limit=1000',
        );
        for (const a of pending.data)
          if (a.target.device_id) scope.usedDevices.add(a.target.device_id);
        const pick = listed.find(
          (d) => d.criticality !== 'crown_jewel' && !scope.usedDevices.has(d.id),
        );
        expect(pick, 'no online device left to isolate');
        scope.usedDevices.add(pick.id);
        return { caseTitle: caseItem.title, listed: listed.length, pick };
      },
    );
    if (device === undefined) return;
    const { pick } = device;
    checks.note(
      `Get_Case: ${caseId} "${device.caseTitle}"; List_Devices: ${device.listed} online; the agent picks ${pick.hostname}`,
    );

    const action = await checks.check(
      `Isolate_Device through MCP: ${pick.hostname} is requested with origin agent and waits for a human`,
      async () => {
        const answered = asList<AgentAction>(
          toolJson(
            await client.callTool({
              name: 'Isolate_Device',
              arguments: {
                case_id: caseId,
                device_id: pick.id,
                justification: `E2E agent over MCP: beaconing from ${pick.hostname}.`,
              },
            }),
          ),
        )[0]!;
        expect(answered.status === 'pending_approval', `the tool answered ${answered.status}`);
        const held = await analyst.get<AgentAction>(`/actions/${answered.id}`);
        expect(held.requested_by.origin === 'agent', `origin ${held.requested_by.origin}`);
        expect(held.status === 'pending_approval', `SenseOn holds it ${held.status}`);
        const same = await analyst.get<Page<SandboxAction>>(
          `/actions?case_id=${caseId}&type=isolate_device&limit=100`,
        );
        const forDevice = same.data.filter((a) => a.target.device_id === pick.id);
        expect(forDevice.length === 1, `${forDevice.length} isolations of ${pick.id} requested`);
        return held;
      },
    );
    if (action === undefined) return;

    await checks.check(
      'it stays pending: Get_Response_Action (the agent checking later) still reads pending_approval',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const read = asList<AgentAction>(
          toolJson(
            await client.callTool({
              name: 'Get_Response_Action',
              arguments: { action_id: action.id },
            }),
          ),
        )[0]!;
        expect(read.id === action.id, `Get_Response_Action answered ${read.id}`);
        expect(read.status === 'pending_approval', `the agent reads ${read.status}`);
        const held = await analyst.get<AgentAction>(`/actions/${action.id}`);
        expect(held.status === 'pending_approval', `SenseOn holds it ${held.status}`);
        return `${action.id} ${held.status} (policy ${held.policy.rule})`;
      },
    );

    await checks.check(
      `a person (approver token) approves ${action.id}; it runs; the DecisionTrace holds request (agent), decision (human) and result`,
      async () => {
        await decide(approver, action.id, 'approve');
        let final: AgentAction | undefined;
        await waitFor(
          `${action.id} to complete`,
          async () => {
            final = await analyst.get<AgentAction>(`/actions/${action.id}`);
            return ['completed', 'failed'].includes(final.status);
          },
          30_000,
          300,
        );
        expect(final!.status === 'completed', `the isolation ended ${final!.status}`);
        const trace = await analyst.get<Page<TraceEntry>>(`/cases/${caseId}/trace?limit=1000`);
        const mine = trace.data.filter((e) => e.details.action_id === action.id);
        const entry = (event: string) => mine.find((e) => e.event === event);
        const requested = entry('action.requested');
        const approved = entry('action.approved');
        const completed = entry('action.completed');
        expect(
          requested?.actor.origin === 'agent',
          `request actor ${JSON.stringify(requested?.actor)}`,
        );
        expect(
          approved?.actor.origin === 'human',
          `decision actor ${JSON.stringify(approved?.actor)}`,
        );
        expect(
          approved.actor.principal !== requested.actor.principal,
          'the approver is the requester',
        );
        expect(completed, `no action.completed among ${mine.map((e) => e.event).join(', ')}`);
        const device = await analyst.get<SandboxDevice>(`/devices/${pick.id}`);
        expect(device.status === 'isolated', `${pick.hostname} is ${device.status}`);
        return mine.map((e) => `${e.event} (${e.actor.origin})`).join(' → ');
      },
    );

    await checks.check(
      'Add_IOC through MCP: what an automation adds at once waits for a human when an agent asks (agent_requires_approval); a person rejects it',
      async () => {
        const value = createHash('sha256').update(`mcp-e2e-${Date.now()}`).digest('hex');
        const answered = asList<AgentAction>(
          toolJson(
            await client.callTool({
              name: 'Add_IOC',
              arguments: {
                case_id: caseId,
                ioc_type: 'sha256',
                ioc_value: value,
                justification: 'E2E agent over MCP: the dropper seen on the case.',
              },
            }),
          ),
        )[0]!;
        const held = await analyst.get<AgentAction>(`/actions/${answered.id}`);
        expect(held.type === 'add_ioc', `the tool requested ${held.type}`);
        expect(held.requested_by.origin === 'agent', `origin ${held.requested_by.origin}`);
        expect(held.status === 'pending_approval', `SenseOn holds it ${held.status}`);
        expect(held.policy.rule === 'agent_requires_approval', `policy ${held.policy.rule}`);
        await decide(approver, held.id, 'reject');
        const after = await analyst.get<AgentAction>(`/actions/${held.id}`);
        expect(after.status === 'rejected', `after the rejection: ${after.status}`);
        return `${held.id} pending (${held.policy.rule}), then rejected by a person`;
      },
    );
  } finally {
    await client.close();
    await checks.check(`unpublishing ${SOURCE}`, async () => {
      await api.unpublish(id);
      return 'unpublished';
    });
  }
}
