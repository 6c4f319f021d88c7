import type { Figure, Stats, Suite, SuiteResult } from '../suite';

const number = (value: number) => {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

export const formatStats = (s: Stats, unit: string) =>
  s.n > 1
    ? `${number(s.median)} ${unit} (${number(s.min)}–${number(s.max)})`
    : `${number(s.median)} ${unit}`;

function row(figure: Figure): string {
  const goal = figure.goal
    ? `[${figure.goal.text}] ${figure.goal.holds ? 'holds' : 'DOES NOT HOLD'}`
    : '';
  return [
    figure.measure,
    `${figure.candidate.label}: ${formatStats(figure.candidate.stats, figure.unit)}`,
    figure.baseline
      ? `${figure.baseline.label}: ${formatStats(figure.baseline.stats, figure.unit)}`
      : '—',
    figure.ratio === undefined ? '—' : number(figure.ratio),
    goal,
  ]
    .map((cell) => cell.replace(/\|/g, '\\|'))
    .join(' | ');
}

/** One suite's section of `docs/benchmarks.md`. */
export function renderSuite(suite: Suite, result: SuiteResult): string {
  const lines = [
    `## ${suite.order}. ${suite.title}`,
    '',
    `\`npm run bench -- --only ${suite.id}\``,
    '',
  ];
  if (result.figures.length > 0) {
    lines.push('| measure | ours | baseline | ratio | goal |', '| --- | --- | --- | --- | --- |');
    for (const figure of result.figures) lines.push(`| ${row(figure)} |`);
    lines.push('');
  }
  for (const note of result.notes ?? []) lines.push(`- ${note}`);
  if (result.notes?.length) lines.push('');
  if (result.markdown) lines.push(result.markdown, '');
  return lines.join('\n');
}
