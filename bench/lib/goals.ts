import type { Figure, Suite, SuiteResult } from '../suite';

/** The issue's eight benchmarks, for the summary's rows when a benchmark has no suite yet. */
const BENCHMARKS: Record<number, string> = {
  1: 'Walk 100,000 observations: core vs bare fetch + JSON.parse',
  2: 'Sandbox page cost by depth; full walks by size',
  3: 'Rate budget, server limit 120/10 s',
  4: 'In a real n8n: SenseOn node vs HTTP Request node with pagination',
  5: 'Event to workflow: webhook → SenseOn Trigger → execution started',
  6: 'Zapier: requests and wall per trigger delivery and per action',
  7: 'Webhook and trace verification throughput',
  8: 'Sandbox capacity against a bare node:http server',
};

/** Why a benchmark has no suite yet, for the summary (every benchmark has one now). */
const NOT_MEASURED: Record<number, string> = {};

const number = (value: number) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(3);

/** What the goal is checked against: the ratio when the figure has a baseline, else its median. */
function measured(figure: Figure): string {
  if (figure.ratio !== undefined) return `ratio ${number(figure.ratio)}`;
  return `${number(figure.candidate.stats.median)}${figure.unit ? ` ${figure.unit}` : ''}`;
}

/**
 * The summary the issue asks for: every goal in brackets, whether it holds in this run and by
 * what figure, and why not (from the suite's notes), plus the benchmarks no suite measured.
 */
export function goalsTable(ran: { suite: Suite; result: SuiteResult }[]): string {
  const lines = [
    '## Issue 11 goals in this run',
    '',
    '| # | measure | goal | measured | holds |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const { suite, result } of ran) {
    for (const figure of result.figures) {
      if (!figure.goal) continue;
      lines.push(
        `| ${suite.order} | ${figure.measure.replace(/\|/g, '\\|')} | ${figure.goal.text} | ${measured(figure)} | ${figure.goal.holds ? 'holds' : '**does not hold**'} |`,
      );
    }
  }
  const missing = Object.entries(BENCHMARKS).filter(
    ([order]) => !ran.some(({ suite }) => suite.order === Number(order)),
  );
  for (const [order, title] of missing) {
    lines.push(
      `| ${order} | ${title} | see the issue | not measured: ${NOT_MEASURED[Number(order)] ?? 'no suite ran'} | — |`,
    );
  }
  lines.push(
    '',
    "Why a goal does not hold is said under its suite's table above (and in bench/README.md); a failed suite says so in its section.",
    '',
  );
  return lines.join('\n');
}
