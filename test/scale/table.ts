import type { FigureRow } from './context';

/** The figures as one Markdown table: what docs/scale.md keeps. */
export function printTable(rows: FigureRow[]): void {
  const header = ['figure', 'measure', 'value', ''];
  const body = rows.map((r) => [r.figure, r.measure, r.value, r.pass ? 'ok' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const row of body) console.log(line(row));
}
