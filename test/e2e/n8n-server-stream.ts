/**
 * The SenseOn Stream Trigger in a real n8n: a published workflow holds SenseOn's event stream
 * open with n8n's `trigger()`; the sandbox is killed and restarted (same port, same data file,
 * run.ts's `e2eSandboxOptions()`) while comments are posted, and every comment starts exactly
 * one execution: 0 lost, 0 doubled. The trigger emits in SenseOn's order, but n8n starts the
 * executions of a burst (the backlog replayed after the reconnect) concurrently and numbers them
 * as each start reaches its database, so the order of execution ids is reported, not required.
 * (Its first run, before this was wired, found that n8n 2.40.7's n8n-workflow lacks
 * `sleepWithAbort`: nodes/SenseOnStreamTrigger/pause.ts.)
 */
import type { N8nExecution } from '../../scripts/n8n/lib/n8n-api';
import { stopService, waitFor } from '../../scripts/n8n/lib/processes';
import { startSandboxProcess } from '../../scripts/n8n/lib/sandbox-process';
import { E2E_TOKENS, e2eSandboxOptions } from './context';
import { firstItem, workflowFrom } from './n8n-server-helpers';
import type { ServerScope } from './n8n-server-ours';
import { expect } from './report';
import type { Page } from './sandbox-api';

/**
 * Comments posted through the drop: 60 in every e2e run (CI's time), and as many as
 * `E2E_STREAM_EVENTS` says for the issue's full proof (`E2E_STREAM_EVENTS=1000 npm run test:e2e
 * -- n8n`, recorded in docs/e2e.md). The sandbox is restarted at about 40% of them.
 */
const COMMENTS = streamEventCount(process.env.E2E_STREAM_EVENTS);
const KILL_AT = Math.max(1, Math.floor(COMMENTS * 0.4));

function streamEventCount(text: string | undefined): number {
  if (text === undefined || text === '') return 60;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 10 || count > 5000)
    throw new Error(`E2E_STREAM_EVENTS must be a whole number from 10 to 5000, not "${text}"`);
  return count;
}
const WARM_UP = 'stream warm-up';

interface StreamedEvent {
  id: string;
  type: string;
  data: { case_id?: string; body?: string };
}

export async function streamChecks(scope: ServerScope): Promise<void> {
  const { ctx, api, analyst } = scope;
  const { checks } = ctx;
  const stream = workflowFrom(ctx.imported, 'e2e/stream.json');
  const id = stream.workflow.id!;
  const cases = await analyst.get<Page<{ id: string }>>('/cases?limit=6');
  const caseId = cases.data[5]?.id ?? cases.data[0]!.id;
  /** Every event the workflow started with, for this case, in execution order. */
  const started = async (): Promise<StreamedEvent[]> =>
    (await api.allExecutions(id))
      .sort((a: N8nExecution, b: N8nExecution) => Number(a.id) - Number(b.id))
      .map((e) => triggerItem(e) as StreamedEvent | undefined)
      .filter((e): e is StreamedEvent => e?.data?.case_id === caseId);

  const connected = await checks.check(
    'publishing the Stream Trigger workflow opens the event stream (a comment starts it)',
    async () => {
      await api.publish(id);
      await waitFor(
        'a streamed warm-up comment to start an execution',
        async () => {
          await analyst.post(`/cases/${caseId}/comments`, { body: WARM_UP });
          return (await started()).length > 0;
        },
        60_000,
        2_000,
      );
      return `workflow ${id} runs on streamed events`;
    },
  );
  if (connected === undefined) return;

  await checks.check(
    `the sandbox killed and restarted mid-stream: ${COMMENTS} comments start ${COMMENTS} executions, 0 lost, 0 doubled`,
    async () => {
      // Counted from the execution records first: reading every run's data each poll loads n8n
      // as much as the runs themselves once there are hundreds (1,000 timed out so).
      const before = (await api.allExecutions(id, false)).length;
      for (let i = 1; i <= COMMENTS; i++) {
        await analyst.post(`/cases/${caseId}/comments`, { body: `Streamed comment ${i}` });
        if (i === KILL_AT) {
          const port = ctx.sandbox!.port;
          await stopService(ctx.sandbox!.service);
          ctx.sandbox = await startSandboxProcess(E2E_TOKENS, e2eSandboxOptions(port));
        }
      }
      const listed: StreamedEvent[] = [];
      for (let cursor: string | null = ''; cursor !== null;) {
        const page: Page<StreamedEvent> = await analyst.get<Page<StreamedEvent>>(
          `/events?type=case.comment_added&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        listed.push(...page.data.filter((e) => e.data.case_id === caseId));
        cursor = page.pagination.next_cursor;
      }
      const lastWarmUp = listed.filter((e) => e.data.body === WARM_UP).at(-1)!.id;
      const expected = listed.slice(listed.findIndex((e) => e.id === lastWarmUp) + 1);
      expect(expected.length === COMMENTS, `SenseOn listed ${expected.length} comments`);
      // n8n's start rate depends on the machine (a few to a few dozen a second on sqlite): wait as
      // long as executions keep appearing, and give up only after a minute without a new one.
      const waitStarted = Date.now();
      const count = await waitForProgress(
        async () => (await api.allExecutions(id, false)).length - before,
        COMMENTS,
        60_000,
      );
      if (count < COMMENTS)
        throw new Error(
          `${count} of ${COMMENTS} streamed executions after ${Math.round((Date.now() - waitStarted) / 1000)} s, none new for 60 s`,
        );
      const startSeconds = (Date.now() - waitStarted) / 1000;
      let seen: string[] = [];
      await waitFor(
        `the data of ${COMMENTS} streamed executions`,
        async () => {
          const ids = (await started()).map((e) => e.id);
          seen = ids.slice(ids.indexOf(lastWarmUp) + 1);
          return seen.length >= COMMENTS;
        },
        120_000,
        3_000,
      );
      // A doubled event would start a late execution: look once more after a pause.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const ids = (await started()).map((e) => e.id);
      seen = ids.slice(ids.indexOf(lastWarmUp) + 1);
      // Under a burst, n8n on SQLite fails to save the end of some runs ("Timeout waiting for lock
      // SqliteWriteConnectionMutex"): they stay `running` in its database, started all the same.
      const unsaved = (await api.allExecutions(id, false, 'running')).length;
      const doubled = seen.length - new Set(seen).size;
      const lost = expected.filter((e) => !seen.includes(e.id)).length;
      expect(lost === 0 && doubled === 0, `${lost} lost, ${doubled} doubled of ${COMMENTS}`);
      // Where n8n started an event before one SenseOn sent earlier.
      const rank = new Map(expected.map((e, i) => [e.id, i]));
      const swaps = seen.filter(
        (eventId, i) => i > 0 && rank.get(eventId)! < rank.get(seen[i - 1]!)!,
      ).length;
      return `${seen.length} executions for ${COMMENTS} comments, 0 lost, 0 doubled; the sandbox restarted at comment ${KILL_AT}; the last started ${startSeconds.toFixed(1)} s after the last comment; n8n started a later event first at ${swaps} place(s); ${unsaved} still marked running (n8n could not save their end)`;
    },
  );
  await checks.check('unpublishing the Stream Trigger workflow closes the stream', async () => {
    await api.unpublish(id);
    return 'unpublished';
  });
}

/**
 * Polls `count` every 3 s until it reaches `target`, or until it has not grown for `stallMs`;
 * answers the last count (a failed read counts as no progress, never as an answer).
 */
async function waitForProgress(
  count: () => Promise<number>,
  target: number,
  stallMs: number,
): Promise<number> {
  let last = 0;
  let grewAt = Date.now();
  for (;;) {
    const now = await count().catch(() => last);
    if (now >= target) return now;
    if (now > last) {
      last = now;
      grewAt = Date.now();
    } else if (Date.now() - grewAt > stallMs) return last;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
}

/**
 * The event an execution started with. n8n records the trigger's item in the run data once the
 * run is saved; a run whose end n8n could not save (it stays `running`) has it only in the stack
 * it started from.
 */
function triggerItem(execution: N8nExecution): Record<string, unknown> | undefined {
  const trigger = 'SenseOn Stream Trigger';
  return (
    firstItem(execution, trigger) ??
    execution.data?.executionData?.nodeExecutionStack?.find((entry) => entry.node.name === trigger)
      ?.data?.main[0]?.[0]?.json
  );
}
