import type { Cluster, FigureRow } from './context';
import { approvalWaitsFigure } from './approval-waits';
import { pollCursorFigure } from './poll-cursor';
import { rateBudgetFigure } from './rate-budget';
import { throughputFigure } from './throughput';
import { webhookOnceFigure } from './webhook-once';

export interface Figure {
  name: string;
  title: string;
  run: (cluster: Cluster) => Promise<FigureRow[]>;
}

/** In the order they run; the throughput figure last, as it restarts workers and main. */
export const FIGURES: Figure[] = [
  { name: 'webhook', title: '1: webhook trigger, exactly once', run: webhookOnceFigure },
  { name: 'approvals', title: '2: approval waits', run: approvalWaitsFigure },
  { name: 'poll', title: '3: poll trigger across a main restart', run: pollCursorFigure },
  { name: 'budget', title: '4: one rate budget across workers', run: rateBudgetFigure },
  { name: 'throughput', title: '5: throughput', run: throughputFigure },
];
