import type { Figure, Suite } from '../suite';
import type { SideBySideRow } from './figures';
import { sandboxCapacity } from './sandbox-capacity';
import { sandboxPagination } from './sandbox-pagination';

/** The sandbox suites' rows (`figures.ts`) as the report's figures. */
const figureOf = (row: SideBySideRow): Figure => ({
  measure: row.name,
  unit: row.unit,
  candidate: { label: row.candidate.label, stats: row.candidate },
  baseline: { label: row.baseline.label, stats: row.baseline },
  ratio: row.ratio,
  goal: row.goal,
});

/** Benchmarks 2 and 8 (sandbox page cost and capacity), written as standalone scripts. */
export const suites: Suite[] = [
  {
    id: 'sandbox-pagination',
    order: 2,
    title: 'Sandbox page cost by depth, and full walks by size',
    run: async ({ quick }) => ({ figures: (await sandboxPagination(quick)).map(figureOf) }),
  },
  {
    id: 'sandbox-capacity',
    order: 8,
    title: 'Sandbox capacity (autocannon on loopback) against a bare node:http server',
    run: async ({ quick }) => {
      const rows = await sandboxCapacity(quick);
      const page = rows.find((row) => row.name.includes('limit=1000') && row.goal);
      const cpu = rows.find(
        (row) => row.name.includes('limit=1000') && row.unit === 'ms' && row.name.includes('CPU'),
      );
      return {
        figures: rows.map(figureOf),
        notes: [
          "autocannon (10 connections, alternating rounds of the sandbox and the bare server) runs in the bench process; both servers share one other process. Server CPU per request is that process's CPU time over the requests answered.",
          'A 1,000-item page is read from SQLite (one indexed query, the stored JSON spliced as bytes) and copied into one reused response buffer, sent in one write; the bare server writes one buffer it already holds. What remains is the read (node:sqlite makes one buffer per row), the copy, and the garbage the rows leave.',
          ...(page && !page.goal?.holds && cpu
            ? [
                `The 1,000-item page goal does not hold in this run (${page.ratio.toFixed(2)} < 0.8): the sandbox spends ${cpu.ratio.toFixed(1)}× the bare server's CPU per request (${cpu.candidate.median.toFixed(1)} against ${cpu.baseline.median.toFixed(2)} ms), and on this 2-core machine that CPU comes out of what the load generator gets.`,
              ]
            : []),
        ],
      };
    },
  },
];
