/**
 * One row of the chaos table: a fault or an attack, the promise it tests, and the figure the run
 * measured. `kept` is whether the figure keeps the promise; a row that breaks it fails the run.
 */
export interface ChaosRow {
  /** Short name, the same every run: the doc explains each row under it. */
  row: string;
  /** What was done to the system. */
  fault: string;
  /** What the connectors promise under it. */
  promise: string;
  /** What this run measured, in numbers. */
  figure: string;
  kept: boolean;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table as Markdown, the same text the console prints and `docs/reliability.md` keeps. */
export function renderTable(rows: ChaosRow[]): string {
  const lines = [
    '| row | fault | promise | measured | kept |',
    '| --- | ----- | ------- | -------- | ---- |',
    ...rows.map(
      (r) =>
        `| ${[r.row, r.fault, r.promise, r.figure, r.kept ? 'yes' : '**NO**'].map(escapeCell).join(' | ')} |`,
    ),
  ];
  return lines.join('\n');
}
