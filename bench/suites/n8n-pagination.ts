import { SenseOnClient } from '@senseon/client';
import { startBenchN8n } from '../n8n/bench-n8n';
import { startCountingSandbox, type CountingSandbox } from '../n8n/counting-sandbox';
import {
  countedField,
  paginationWorkflow,
  RESOURCES,
  webhookPath,
  type Resource,
  type Side,
} from '../n8n/pagination-workflows';
import { callWebhook, callWebhookWhenReady, type WebhookAnswer } from '../n8n/webhook-call';
import { ratioFigure, soloFigure } from '../measure';
import type { Figure, Suite } from '../suite';

type Goal = { text: string; holds: (ratio: number) => boolean };
import { fill } from './walk';

const LABEL: Record<Side, string> = {
  ours: 'SenseOn node, Get Many, Return All (v4)',
  http: 'HTTP Request node, pagination, 1,000 a page + Split Out',
  httpPages: 'HTTP Request node alone (an item per page)',
};

const SIDES: readonly Side[] = ['ours', 'http', 'httpPages'];

/** What the run's Count node counted (records, or pages for `httpPages`); 0 when it failed. */
function countOf(side: Side, answer: WebhookAnswer): number {
  const body = answer.body as Record<string, unknown> | undefined;
  const value = body?.[`count_${countedField(side)}`];
  return answer.status === 200 && typeof value === 'number' ? value : 0;
}

/** n8n's word on a failed run, for the report (never holds a token: it is n8n's message). */
function failureOf(answer: WebhookAnswer): string {
  const body = answer.body as { message?: unknown } | string | undefined;
  const message = typeof body === 'string' ? body : String(body?.message ?? '');
  return `${answer.status}${message ? ` "${message.slice(0, 120)}"` : ''}`;
}

/** One walk: n8n's wall time for the run and the requests the sandbox answered. */
async function walk(
  n8nUrl: string,
  sandbox: CountingSandbox,
  side: Side,
  resource: Resource,
  expected: number,
): Promise<{ wall: number; requests: number }> {
  sandbox.reset();
  const answer = await callWebhook(n8nUrl, webhookPath(side, resource));
  const counts = sandbox.counts();
  const want = side === 'httpPages' ? Math.max(1, Math.ceil(expected / 1000)) : expected;
  const got = countOf(side, answer);
  if (got !== want) {
    throw new Error(
      `${LABEL[side]} gave ${got} of ${want} ${side === 'httpPages' ? 'pages' : RESOURCES[resource]} (n8n answered ${failureOf(answer)})`,
    );
  }
  return { wall: answer.wallMs, requests: counts.requests };
}

/**
 * `rounds` rounds of every side, the order turning each round so that no side always runs
 * first or last on the shared machine (`compareRounds` takes two sides; this takes three).
 */
async function alternate(
  rounds: number,
  run: (side: Side) => Promise<{ wall: number; requests: number }>,
  log: (message: string) => void,
): Promise<Record<Side, { wall: number[]; requests: number[] }>> {
  const out: Record<Side, { wall: number[]; requests: number[] }> = {
    ours: { wall: [], requests: [] },
    http: { wall: [], requests: [] },
    httpPages: { wall: [], requests: [] },
  };
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < SIDES.length; i++) {
      const side = SIDES[(round + i) % SIDES.length]!;
      const r = await run(side);
      out[side].wall.push(r.wall);
      out[side].requests.push(r.requests);
    }
    log(`round ${round + 1}/${rounds}`);
  }
  return out;
}

export const suite: Suite = {
  id: 'n8n-pagination',
  order: 4,
  title: "In a real n8n: SenseOn node's Get Many vs the HTTP Request node with pagination",
  async run({ quick, log }) {
    const target = quick ? 10_000 : 100_000;
    const rounds = quick ? 3 : 5;
    // Every case is one page (~60–140 ms a run, where n8n's own noise is tens of ms): 5 rounds
    // gave 1.56 against HTTP Request + Split Out in one run, 30–40 rounds gave 0.40 and 0.89 in
    // two others; many cheap rounds give a median to trust.
    const roundsOf = (resource: Resource) => (resource === 'case' ? (quick ? 10 : 40) : rounds);
    const faultRounds = quick ? 1 : 3;
    // The API's budget is benchmark 3's subject: here it must not pace either side.
    const sandbox = await startCountingSandbox({ rateLimit: 10_000_000 });
    try {
      await fill(sandbox.url, sandbox.adminToken, target, log);
      const analyst = new SenseOnClient({
        baseUrl: sandbox.url,
        token: sandbox.analystToken,
        rateLimit: false,
      });
      const totals: Record<Resource, number> = {
        observation: (await analyst.observations.list({ limit: 1 })).pagination.total_items,
        case: (await analyst.cases.list({ limit: 1 })).pagination.total_items,
      };
      const workflows: Record<string, ReturnType<typeof paginationWorkflow>> = {};
      for (const side of SIDES) {
        for (const resource of Object.keys(RESOURCES) as Resource[]) {
          workflows[webhookPath(side, resource)] = paginationWorkflow(side, resource, sandbox.url);
        }
      }
      const n8n = await startBenchN8n({
        name: 'pagination',
        sandbox: { url: sandbox.url, token: sandbox.analystToken },
        workflows,
        log,
      });
      try {
        const url = n8n.n8n.url;
        // The warm-up: one run of each workflow (the first also waits for n8n's webhooks).
        for (const path of Object.keys(workflows)) await callWebhookWhenReady(url, path);
        const figures: Figure[] = [];
        for (const resource of Object.keys(RESOURCES) as Resource[]) {
          const expected = totals[resource];
          log(`${RESOURCES[resource]}: ${expected} in ${roundsOf(resource)} alternating rounds`);
          const result = await alternate(
            roundsOf(resource),
            (side) => walk(url, sandbox, side, resource, expected),
            log,
          );
          const what = `every ${resource} (${expected.toLocaleString('en')})`;
          const versus = (baseline: Side, measure: 'wall' | 'requests', goal: Goal) =>
            ratioFigure({
              measure: `${measure === 'wall' ? 'wall time of the run' : 'requests to the API'}, ${what}`,
              unit: measure === 'wall' ? 'ms' : 'requests',
              candidate: { label: LABEL.ours, values: result.ours[measure] },
              baseline: { label: LABEL[baseline], values: result[baseline][measure] },
              goal,
            });
          const atMostOne: Goal = { text: '≤ 1.0', holds: (r) => r <= 1.0 };
          const fewer: Goal = { text: 'fewer or equal (≤ 1.0)', holds: (r) => r <= 1.0 };
          figures.push(
            versus('http', 'wall', atMostOne),
            versus('httpPages', 'wall', atMostOne),
            versus('http', 'requests', fewer),
          );
        }

        // 10% of API requests answered 429 (with Retry-After: 1), the sandbox's fault injection.
        sandbox.app.setFaults({ errorRate: 0.1, codes: [429] });
        const resource: Resource = 'observation';
        const expected = totals[resource];
        const faultSides: Side[] = ['ours', 'http'];
        const outcomes = Object.fromEntries(
          faultSides.map((s) => [s, { items: [] as number[], runs: [] as string[] }]),
        ) as Record<Side, { items: number[]; runs: string[] }>;
        for (let round = 0; round < faultRounds; round++) {
          for (const s of round % 2 === 0 ? faultSides : [...faultSides].reverse()) {
            sandbox.reset();
            const answer = await callWebhook(url, webhookPath(s, resource));
            const items = countOf(s, answer);
            const rejected = sandbox.counts().tooManyRequests;
            outcomes[s].items.push(items);
            outcomes[s].runs.push(
              answer.status === 200
                ? `succeeded with ${items.toLocaleString('en')} items after ${rejected} × 429`
                : `failed (${failureOf(answer)}) after ${rejected} × 429`,
            );
            log(`429s: ${LABEL[s]}: ${outcomes[s].runs.at(-1)}`);
          }
        }
        sandbox.app.setFaults(null);
        for (const s of faultSides) {
          const complete = outcomes[s].items.filter((n) => n === expected).length;
          figures.push(
            soloFigure({
              measure: `with 10% 429s: items returned of ${expected.toLocaleString('en')} (${complete} of ${faultRounds} run${faultRounds > 1 ? 's' : ''} complete)`,
              unit: 'items',
              label: LABEL[s],
              values: outcomes[s].items,
              goal:
                s === 'ours'
                  ? { text: 'every item, every run', holds: (_m, all) => all.min === expected }
                  : undefined,
            }),
          );
        }
        const notes = [
          `${totals.observation.toLocaleString('en')} observations (the seed's, filled with copies of its OCSF events, ~3 KB each) and the seed's ${totals.case} cases; n8n 2.40.7 (\`n8n start\`, sqlite) with n8n-nodes-senseon packed and installed as a community package; the sandbox in the bench's process, its rate limit out of the way (benchmark 3 is about the budget).`,
          `Each run is a published workflow started by its production webhook, which answers when the last node ends: webhook → walk → Summarize (a count). Wall time is from the POST to n8n's answer; requests are counted in front of the sandbox's app. Our node and "HTTP Request + Split Out" both output whole records, one item each (our node with Simplify off); "HTTP Request alone" outputs one item per page of 1,000, which a workflow must still split. Successful runs are not saved (\`saveDataSuccessExecution: none\`), on every side. ${rounds} rounds for the observations and ${roundsOf('case')} for the cases (one page each), the three sides' order turning each round, after one warm-up run of each workflow.`,
          `With 10% 429s (every observation), per run: ours: ${outcomes.ours.runs.join('; ')}. HTTP Request: ${outcomes.http.runs.join('; ')}. Our node waits out each 429's \`Retry-After\` and asks again; the HTTP Request node has no retry unless its Retry On Fail setting is on.`,
        ];
        return { figures, notes };
      } finally {
        await n8n.stop();
      }
    } finally {
      await sandbox.close();
    }
  },
};
