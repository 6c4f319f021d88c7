/**
 * Row "poll trigger": published SenseOn Poll Trigger workflows (New Observation, Updated Case) in
 * the real n8n, while observations arrive late (stored 20 minutes and 3 hours after they were
 * observed) and cases are updated twice in quick succession, before, during and after an n8n
 * restart. The e2e run's own check (test/e2e/n8n-server-poll.ts) does the work; this row prints
 * its counts. It restarts n8n, so it comes after every other part that needs n8n.
 */
import { pollTriggerChecks } from '../e2e/n8n-server-poll';
import type { ChaosContext } from './context';
import { n8nStage } from './n8n-stage';
import type { ChaosPart } from './parts';
import type { ChaosRow } from './table';

const ROW = '2b poll trigger: n8n restart, late data';

export const pollPart: ChaosPart = {
  name: 'poll',
  rows: [ROW],
  async run(ctx: ChaosContext): Promise<ChaosRow[]> {
    const stage = await n8nStage(ctx);
    const before = { passed: stage.checks.passed, failed: stage.checks.failed };
    const started = Date.now();
    const counts = await pollTriggerChecks(stage.scope, stage.n8nRestart());
    const failed = stage.checks.failed - before.failed;
    const passed = stage.checks.passed - before.passed;
    const seconds = Math.round((Date.now() - started) / 1000);
    return [
      {
        row: ROW,
        fault:
          'observations stored 20 min and 3 h after they were observed, each case updated twice in a row, n8n stopped (SIGTERM) while more arrive and started again',
        promise:
          'every observation and every case update emitted exactly once by a published Poll Trigger in a real n8n; nothing from before publication',
        figure: counts
          ? `${counts.expected} written (${counts.late} late observations): ${counts.emitted} emitted, ${counts.lost} lost, ${counts.doubled} doubled, ${counts.history} from before publication; ${counts.restarts} restart; checks ${passed} passed, ${failed} failed; ${seconds} s`
          : `did not finish: checks ${passed} passed, ${failed} failed (see the log); ${seconds} s`,
        kept:
          counts !== undefined &&
          failed === 0 &&
          counts.lost === 0 &&
          counts.doubled === 0 &&
          counts.history === 0,
      },
    ];
  },
};
