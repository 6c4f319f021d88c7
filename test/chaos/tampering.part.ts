/**
 * Row "tampering": someone with write access to a sandbox database attacks the DecisionTrace
 * directly (edit, edit and re-hash the chain, truncate, reorder, insert, rebuild the tree, fork
 * two clients onto different trees), and the core, as Get Decision Trace runs it, must flag
 * every attack. The attacks themselves live beside their jest suite (`test/trace/`), so the
 * suite and this row always try the same things.
 */
import { runTraceTamperAttacks } from '../trace/tamper-attacks';
import type { ChaosPart } from './parts';

const ROW = '7 tampering: the DecisionTrace';

export const tamperingPart: ChaosPart = {
  name: 'tampering',
  rows: [ROW],
  async run() {
    const report = await runTraceTamperAttacks();
    const missed = report.outcomes.filter((o) => !o.flagged).map((o) => o.attack);
    return [
      {
        row: ROW,
        fault:
          'direct writes to the sandbox database: edit, edit and re-hash, truncate, reorder, insert, a rebuilt tree, a fork served to two clients',
        promise:
          'the core flags every attack (signed checkpoint, inclusion and consistency proofs, the last checkpoint remembered)',
        figure:
          `${report.attacks} attacks: ${report.flagged} flagged` +
          (missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''),
        kept: report.attacks > 0 && report.flagged === report.attacks,
      },
    ];
  },
};
