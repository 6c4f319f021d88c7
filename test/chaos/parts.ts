import type { ChaosContext } from './context';
import type { ChaosRow } from './table';
import { faultsPart } from './faults.part';
import { webhooksPart } from './webhooks.part';
import { onErrorPart } from './on-error.part';
import { approvalAbusePart } from './approval-abuse.part';
import { badInputPart } from './bad-input.part';
import { secretsPart } from './secrets.part';
import { tamperingPart } from './tampering.part';
import { pollPart } from './poll.part';

/** One part of the chaos run: a module that does its damage and returns its measured rows. */
export interface ChaosPart {
  /** What `npm run test:chaos -- <name>` selects. */
  name: string;
  /** The row names it returns when it cannot run at all, so a crash still fails its rows. */
  rows: string[];
  /** Runs once every service the run started (n8n, sandboxes) has stopped and flushed its logs. */
  afterEverything?: boolean;
  run(ctx: ChaosContext): Promise<ChaosRow[]>;
}

/**
 * THE PLACE TO REGISTER MORE PARTS. Each part is one file in this folder exporting a
 * `ChaosPart`; add it here, in the order its row should appear. Parts run in this order, one at
 * a time. The secrets part stays last: it scans what every part before it wrote.
 */
export const PARTS: ChaosPart[] = [
  faultsPart,
  webhooksPart,
  onErrorPart,
  // Restarts n8n: after every other part that uses it.
  pollPart,
  approvalAbusePart,
  badInputPart,
  tamperingPart,
  secretsPart,
];
