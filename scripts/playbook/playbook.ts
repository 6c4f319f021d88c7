import type { RunningSandbox } from '@senseon/sandbox';
import App from '../../zapier-app/src';
import { invoker, zapierErrorText, type AuthData } from './invoke';
import { PlaybookReport } from './report';
import { RescheduleLog, reschedulingInvoker } from './reschedule';

type Item = Record<string, unknown> & { summary?: string };

/**
 * The flagship SOC playbook, run through the Zapier app's own trigger, creates and searches,
 * executed locally by zapier-platform-core exactly as `zapier-platform invoke` runs them. A step
 * that throws ThrottledError is rescheduled after its delay, as Zapier does; `reschedules`
 * counts them.
 */
export async function runPlaybook(
  sandbox: RunningSandbox,
  reschedules = new RescheduleLog(),
): Promise<boolean> {
  const run = reschedulingInvoker(invoker(App), reschedules);
  // Two people: the Zap's connection requests; a second analyst approves (no self-approval).
  const analyst: AuthData = {
    environment: 'sandbox',
    baseUrl: sandbox.url,
    token: sandbox.tokens.analyst,
  };
  const approver: AuthData = {
    environment: 'sandbox',
    baseUrl: sandbox.url,
    token: sandbox.tokens.approver,
  };
  const report = new PlaybookReport(8);
  const state: { case?: Item; device?: Item; action?: Item } = {};

  await report.step('Trigger "New Case": a critical case arrives', async () => {
    const cases = (await run('triggers.new_case.operation.performList', analyst, {
      min_severity: 'critical',
      status: ['open', 'investigating'],
    })) as Item[];
    for (const candidate of cases) {
      const device = await firstIsolatableDevice(candidate);
      if (device) {
        state.case = candidate;
        state.device = device;
        return { ok: true, detail: `${candidate.summary} (${cases.length} critical in the feed)` };
      }
    }
    return { ok: false, detail: `no critical case with an online device among ${cases.length}` };
  });

  async function firstIsolatableDevice(item: Item): Promise<Item | undefined> {
    for (const deviceId of (item.device_ids as string[]) ?? []) {
      const [device] = (await run('searches.find_device.operation.perform', analyst, {
        device_id: deviceId,
      })) as Item[];
      if (device?.status === 'online' && device.criticality !== 'crown_jewel') return device;
    }
    return undefined;
  }

  const caseId = () => String(state.case?.id);
  const deviceId = () => String(state.device?.id);

  await report.step('Action "Generate AI Case Summary": wait until ready', async () => {
    if (!state.case) return { ok: false, detail: 'skipped: no case' };
    const summary = (await run('creates.generate_case_summary.operation.perform', analyst, {
      case_id: caseId(),
      timeout_seconds: 60,
    })) as Item;
    const ready = summary.status === 'ready' && typeof summary.text === 'string';
    return { ok: ready, detail: String(summary.summary) };
  });

  await report.step(`Action "Isolate Device": request containment`, async () => {
    if (!state.device) return { ok: false, detail: 'skipped: no device' };
    const action = (await run('creates.isolate_device.operation.perform', analyst, {
      case_id: caseId(),
      device_id: deviceId(),
      justification: `Critical case ${caseId()}: contain ${String(state.device.hostname)} while the SOC investigates.`,
    })) as Item;
    state.action = action;
    return { ok: action.status === 'pending_approval', detail: String(action.summary) };
  });

  await report.step(
    'Trigger "Response Action Update": the request waits for approval',
    async () => {
      const pending = (await run('triggers.action_update.operation.performList', analyst, {
        status: 'pending_approval',
        type: 'isolate_device',
      })) as Item[];
      const mine = pending.find((item) => JSON.stringify(item).includes(String(state.action?.id)));
      const device = await findDevice();
      const untouched = device?.status === 'online';
      return {
        ok: Boolean(mine) && untouched,
        detail: `in the approval queue: ${mine ? 'yes' : 'no'}; device still ${String(device?.status)} (nothing runs before a human decides)`,
      };
    },
  );

  await report.step('Action "Approve Response Action": a second analyst approves', async () => {
    if (!state.action) return { ok: false, detail: 'skipped: no action' };
    const approved = (await run('creates.approve_action.operation.perform', approver, {
      action_id: String(state.action.id),
      approver: 'Second analyst (on call)',
      comment: 'Confirmed ransomware indicators; isolate now.',
    })) as Item;
    const decided = ['approved', 'executing', 'completed'].includes(String(approved.status));
    return { ok: decided, detail: String(approved.summary) };
  });

  await report.step('Search "Find Device": the device is isolated', async () => {
    const deadline = Date.now() + 15_000;
    let device = await findDevice();
    while (device?.status !== 'isolated' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      device = await findDevice();
    }
    return { ok: device?.status === 'isolated', detail: String(device?.summary) };
  });

  async function findDevice(): Promise<Item | undefined> {
    if (!state.device) return undefined;
    const [device] = (await run('searches.find_device.operation.perform', analyst, {
      device_id: deviceId(),
    })) as Item[];
    return device;
  }

  await report.step('Action "Isolate Device" again is refused: already isolated', async () => {
    if (!state.device) return { ok: false, detail: 'skipped: no device' };
    try {
      await run('creates.isolate_device.operation.perform', analyst, {
        case_id: caseId(),
        device_id: deviceId(),
        justification: 'A duplicate request the guardrails must refuse.',
      });
      return { ok: false, detail: 'a second isolation was accepted' };
    } catch (error) {
      return { ok: true, detail: `refused as it should be: ${zapierErrorText(error)}` };
    }
  });

  await report.step('Search "Find Decision Trace": the audit chain verifies', async () => {
    if (!state.case) return { ok: false, detail: 'skipped: no case' };
    const [trace] = (await run('searches.get_decision_trace.operation.perform', analyst, {
      case_id: caseId(),
    })) as Item[];
    const events = ((trace?.entries as { event: string }[]) ?? []).map((e) => e.event);
    const recorded = ['action.requested', 'action.approved', 'action.completed'].every((e) =>
      events.includes(e),
    );
    return {
      ok: trace?.verified === true && recorded,
      detail: `${String(trace?.summary)} Events: ${[...new Set(events)].join(', ')}.`,
    };
  });

  return report.finish();
}
