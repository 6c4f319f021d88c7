/**
 * The example workflows users import (n8n-nodes/examples), run for real: each starts from an
 * event (a SenseOn Trigger or a webhook), so the run causes that event and reads what every
 * path did, in n8n's executions and in the sandbox.
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import {
  awaitSubscriptions,
  executionOf,
  expectSucceeded,
  firstItem,
  postToWebhook,
  ran,
  settled,
  startedWith,
  workflowFrom,
} from './n8n-server-helpers';
import {
  decide,
  isolatableDevice,
  pendingIsolation,
  resumed,
  SENSEON_TRIGGER,
  type ServerScope,
} from './n8n-server-ours';
import type { Json } from './n8n-run-data';
import { SCRIPT_EXAMPLE, scriptResultChecks } from './n8n-server-scripts';
import { expect } from './report';
import type { Page, SandboxAction } from './sandbox-api';

const FLAGSHIP = 'examples/critical-case-isolation.json';
const TICKET_SYNC = 'examples/ticket-status-sync.json';
const IOC_ENRICHMENT = 'examples/ioc-enrichment.json';

export async function exampleChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const examples = ctx.imported.filter((w) => w.source.startsWith('examples/'));
  for (const example of examples) {
    await ctx.checks.check(`publishing ${example.source}`, async () => {
      await api.publish(example.workflow.id!);
      const triggers = example.workflow.nodes.filter((n) => n.type === SENSEON_TRIGGER);
      for (const node of triggers) {
        await awaitSubscriptions(analyst, String(node.webhookId), 1);
      }
      const published = await api.workflow(example.workflow.id!);
      expect(published.active, 'not active after publishing');
      return triggers.length ? `${triggers.length} SenseOn subscription(s)` : 'webhook live';
    });
  }
  const has = (source: string) => examples.some((w) => w.source === source);
  if (has(FLAGSHIP)) await flagshipChecks(scope);
  if (has(TICKET_SYNC)) await ticketSyncChecks(scope);
  if (has(IOC_ENRICHMENT)) await iocEnrichmentChecks(scope);
  if (has(SCRIPT_EXAMPLE)) await scriptResultChecks(scope);
  await ctx.checks.check("the README's three example workflows are all there", () => {
    const missing = [FLAGSHIP, TICKET_SYNC, IOC_ENRICHMENT].filter((s) => !has(s));
    expect(missing.length === 0, `missing: ${missing.join(', ')}`);
  });
}

/** Critical case → AI summary → isolation that waits → Approved / Not Approved chat message. */
async function flagshipChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst, approver } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, FLAGSHIP).workflow.id!;
  for (const decision of ['approve', 'reject'] as const) {
    const device = await isolatableDevice(scope);
    const started = await checks.check(
      `${FLAGSHIP}: a new critical case on ${device.hostname} → AI summary → isolation waits`,
      async () => {
        const caseId = await ctx.sandbox!.openCase(device.id);
        const forCase = (e: N8nExecution) =>
          settled(e) && (firstItem(e, 'New Case')?.data as { id?: string })?.id === caseId;
        const waiting = await executionOf(api, id, forCase, 'the flagship to pause');
        const error = waiting.data?.resultData.error?.message;
        expect(
          waiting.status === 'waiting',
          `execution ${waiting.id} is ${waiting.status}: ${error}`,
        );
        const summary = firstItem(waiting, 'Generate AI Summary');
        expect(summary?.status === 'ready', `AI summary ${JSON.stringify(summary).slice(0, 200)}`);
        return { caseId, execution: waiting };
      },
    );
    if (!started) continue;
    const outcome =
      decision === 'approve' ? 'Chat: device isolated' : 'Chat: isolation not approved';
    await checks.check(
      `${FLAGSHIP}: the approver ${decision}s; the run ends on "${outcome}"`,
      async () => {
        const action: SandboxAction = await pendingIsolation(analyst, started.caseId, device.id);
        await decide(approver, action.id, decision);
        const done = await resumed(api, id, started.execution.id);
        expectSucceeded(done);
        const other =
          decision === 'approve' ? 'Chat: isolation not approved' : 'Chat: device isolated';
        expect(ran(done, outcome) && !ran(done, other), `went down the wrong path`);
        const message = String(firstItem(done, outcome)?.message);
        expect(message.includes(started.caseId), `the message does not name the case: ${message}`);
        if (decision === 'approve') {
          expect(/approver/.test(message), `the message does not name the approver: ${message}`);
        }
        return message.slice(0, 120);
      },
    );
  }
}

/** SenseOn case updates become ticket updates; ticket status changes come back to the case. */
async function ticketSyncChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, TICKET_SYNC).workflow.id!;
  const caseId = (await analyst.get<Page<{ id: string }>>('/cases?limit=5')).data[4]!.id;
  await checks.check(
    `${TICKET_SYNC}: a case update in SenseOn becomes a ticket update`,
    async () => {
      await analyst.patch(`/cases/${caseId}`, {
        status: 'investigating',
        tags: ['ticket-INC-2041'],
      });
      const execution = await executionOf(
        api,
        id,
        (e) => settled(e) && isTicketUpdate(firstItem(e, 'Case Updated in SenseOn'), caseId),
        'an execution for the case update',
      );
      expectSucceeded(execution);
      const ticket = firstItem(execution, 'Ticket Update (stand-in for the ticketing system)');
      expect(
        ticket?.ticket_ref === 'INC-2041' && ticket.ticket_status === 'In Progress',
        `ticket update ${JSON.stringify(ticket)}`,
      );
      return `INC-2041 → In Progress (execution ${execution.id})`;
    },
  );
  await checks.check(
    `${TICKET_SYNC}: the ticket resolved → the case is resolved, with a comment`,
    async () => {
      await postToWebhook(scope.n8nUrl, 'ticket-status', {
        case_id: caseId,
        ticket_id: 'INC-2041',
        ticket_status: 'Resolved',
      });
      const execution = await executionOf(
        api,
        id,
        startedWith('Ticket Status Changed', 'ticket_id', 'INC-2041'),
        'an execution for the ticket webhook',
      );
      expectSucceeded(execution);
      const detail = await analyst.get<{ status: string }>(`/cases/${caseId}`);
      expect(detail.status === 'resolved', `the case is ${detail.status}`);
      const comments = await analyst.get<Page<{ body: string }>>(
        `/cases/${caseId}/comments?limit=1000`,
      );
      expect(
        comments.data.some((c) => c.body.includes('INC-2041') && c.body.includes('Resolved')),
        'no comment names the ticket',
      );
      return `${caseId} resolved`;
    },
  );
}

/** The case.updated event of `caseId` that carries the ticket tag (not an earlier update). */
function isTicketUpdate(event: Json | undefined, caseId: string): boolean {
  const data = event?.data as { id?: string; tags?: string[] } | undefined;
  return data?.id === caseId && (data.tags ?? []).includes('ticket-INC-2041');
}

/** An indicator seen in a case is blocked there; one never seen is only reported. */
async function iocEnrichmentChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const id = workflowFrom(ctx.imported, IOC_ENRICHMENT).workflow.id!;
  await checks.check(
    `${IOC_ENRICHMENT}: an IP seen in a case is blocked on that case`,
    async () => {
      const ip = await sightedIp(scope);
      await postToWebhook(scope.n8nUrl, 'senseon-ioc', {
        type: 'ipv4',
        value: ip.value,
        source: 'e2e-feed',
      });
      const execution = await executionOf(
        api,
        id,
        startedWith('Indicator Received', 'value', ip.value),
        'an execution for the IOC',
      );
      expectSucceeded(execution);
      expect(
        ran(execution, 'Block the IOC') && ran(execution, 'Note It on the Case'),
        'nothing was blocked',
      );
      const actions = await analyst.get<
        Page<SandboxAction & { target: { ioc?: { value?: string } } }>
      >('/actions?type=add_ioc&limit=1000');
      const blocked = actions.data.filter((a) => a.target.ioc?.value === ip.value);
      expect(blocked.length > 0, `no add_ioc for ${ip.value}`);
      return `${ip.value} blocked on ${[...new Set(blocked.map((a) => a.case_id))].join(', ')}`;
    },
  );
  await checks.check(
    `${IOC_ENRICHMENT}: a domain never seen is reported, not blocked`,
    async () => {
      await postToWebhook(scope.n8nUrl, 'senseon-ioc', {
        type: 'domain',
        value: 'never-seen-e2e.example.org',
        source: 'e2e-feed',
      });
      const execution = await executionOf(
        api,
        id,
        startedWith('Indicator Received', 'value', 'never-seen-e2e.example.org'),
        'an execution for the IOC',
      );
      expectSucceeded(execution);
      const nodes = Object.keys(execution.data?.resultData.runData ?? {}).join(', ');
      expect(
        !ran(execution, 'Block the IOC'),
        `it blocked an indicator never seen (ran: ${nodes})`,
      );
      expect(ran(execution, 'No Sightings'), `"No Sightings" did not run; only ${nodes} ran`);
      return String(firstItem(execution, 'No Sightings')?.result);
    },
  );
}

/** An IPv4 address that SenseOn observations on some case mention (from the seeded stories). */
async function sightedIp(scope: ServerScope): Promise<{ value: string; caseId: string }> {
  const cases =
    await scope.analyst.get<Page<{ title: string; description: string }>>('/cases?limit=100');
  const candidates = new Set(
    cases.data.flatMap(
      (c) => `${c.title} ${c.description}`.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? [],
    ),
  );
  for (const value of candidates) {
    const seen = await scope.analyst.get<Page<{ case_id: string | null }>>(
      `/observations?entity=${encodeURIComponent(value)}&limit=50`,
    );
    const inCase = seen.data.find((o) => o.case_id);
    if (inCase?.case_id) return { value, caseId: inCase.case_id };
  }
  throw new Error(
    `no IP from the case stories is seen in an observation (${[...candidates].join(', ')})`,
  );
}
