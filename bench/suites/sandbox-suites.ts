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
    run: async ({ quick }) => ({ figures: (await sandboxCapacity(quick)).map(figureOf) }),
  },
];
