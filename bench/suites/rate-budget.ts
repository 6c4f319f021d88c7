import { join } from 'node:path';
import { startSandbox } from '@senseon/sandbox';
import { budgetChart, type ChartSeries } from '../lib/budget-chart';
import { runInChild } from '../lib/child';
import { soloFigure } from '../measure';
import type { Figure, Suite } from '../suite';
import type { BudgetArgs, BudgetResult } from '../walkers/budget';

const WORKER = join(__dirname, '..', 'walkers', 'budget.ts');
const LIMIT = 120;
const WINDOW_SECONDS = 10;

interface Run {
  label: string;
  processes: number;
  workers: number;
}

/**
 * achieved / allowed: requests the server accepted in each window the run covered from start to
 * end (not its first and last, which it only partly covered), over the limit. The windows are
 * named by the `X-RateLimit-Reset` each answer carried, so nothing depends on our clocks.
 */
function achieved(answers: [number, number, string][]): number {
  const perWindow = new Map<string, number>();
  for (const [, status, reset] of answers) {
    if (status < 400) perWindow.set(reset, (perWindow.get(reset) ?? 0) + 1);
  }
  const windows = [...perWindow.keys()].sort();
  const inner = windows.slice(1, -1);
  if (inner.length === 0) return NaN;
  return inner.reduce((sum, w) => sum + (perWindow.get(w) ?? 0), 0) / (inner.length * LIMIT);
}

export const suite: Suite = {
  id: 'rate-budget',
  order: 3,
  title: `Rate budget: server limit ${LIMIT} per ${WINDOW_SECONDS} s, one key`,
  async run({ quick, log, writeAsset }) {
    const runs: Run[] = [
      { label: '1 worker', processes: 1, workers: 1 },
      { label: '4 workers', processes: 1, workers: 4 },
      { label: '16 workers', processes: 1, workers: 16 },
      { label: '3 processes × 4 workers', processes: 3, workers: 4 },
    ];
    // 3× the budget each (the size); --quick: 2×, still three windows at least.
    const requests = (quick ? 2 : 3) * LIMIT;
    const figures: Figure[] = [];
    const chart: ChartSeries[] = [];
    const notes: string[] = [];
    for (const run of runs) {
      // A fresh sandbox per run: no window carries over from the run before.
      const sandbox = await startSandbox({
        port: 0,
        rateLimit: LIMIT,
        rateWindowSeconds: WINDOW_SECONDS,
      });
      try {
        log(run.label);
        const results = await Promise.all(
          Array.from({ length: run.processes }, () =>
            runInChild<BudgetResult>(WORKER, 'budget', {
              url: sandbox.url,
              token: sandbox.tokens.admin,
              workers: run.workers,
              requests,
            } satisfies BudgetArgs),
          ),
        );
        const answers = results.flatMap((r) => r.answers).sort((a, b) => a[0] - b[0]);
        const errors = results.reduce((sum, r) => sum + r.errors, 0);
        const throttled = answers.filter((a) => a[1] === 429).length;
        const ratio = achieved(answers);
        figures.push(
          soloFigure({
            measure: `${run.label}: achieved / allowed`,
            unit: '',
            label: 'core',
            values: [ratio],
            goal: { text: '≥ 0.95', holds: (m) => m >= 0.95 },
          }),
          soloFigure({
            measure: `${run.label}: 429s sent by the server / requests`,
            unit: '%',
            label: 'core',
            values: [(100 * throttled) / answers.length],
            goal: { text: '≤ 1%', holds: (m) => m <= 1 },
          }),
          soloFigure({
            measure: `${run.label}: errors surfaced to callers`,
            unit: '',
            label: 'core',
            values: [errors],
            goal: { text: '0', holds: (m) => m === 0 },
          }),
        );
        const start = answers[0]?.[0] ?? 0;
        let accepted = 0;
        chart.push({
          label: run.label,
          points: answers.flatMap(([t, status]) =>
            status < 400 ? [[(t - start) / 1000, ++accepted] as [number, number]] : [],
          ),
        });
        notes.push(
          `${run.label}: ${answers.length} answers for ${run.processes * requests} calls, ${throttled} × 429, in ${((answers.at(-1)?.[0] ?? start) - start) / 1000} s.`,
        );
      } finally {
        await sandbox.close();
      }
    }
    const link = writeAsset('rate-budget.svg', budgetChart(chart, LIMIT / WINDOW_SECONDS));
    return {
      figures,
      notes: [
        `Each run: ${requests} GET /devices per process (${quick ? 2 : 3}× the budget) through the core as shipped (default options), a fresh sandbox limited to ${LIMIT} per ${WINDOW_SECONDS} s, each process a separate Node process with no shared state. One run each (a run takes 30–90 s of real windows).`,
        'achieved / allowed counts the requests the server accepted in the windows a run covered whole (named by X-RateLimit-Reset), over the limit.',
        ...notes,
      ],
      markdown: `![Accepted requests over time for each run, against the allowed rate](${link})`,
    };
  },
};
