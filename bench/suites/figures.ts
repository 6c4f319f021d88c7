/**
 * Figures of the sandbox suites as `docs/benchmarks.md` wants them: every measure a median with
 * its min–max over alternating rounds, side by side with a baseline measured in the same run.
 */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many rounds the figures summarise. */
  n: number;
}

export interface SideBySideRow {
  name: string;
  unit: string;
  candidate: { label: string } & Spread;
  baseline: { label: string } & Spread;
  /** candidate median / baseline median. */
  ratio: number;
  /** The issue's goal, as written (`≥ 0.8`), and whether this run met it. */
  goal?: { text: string; holds: boolean };
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    n: sorted.length,
  };
}

const fmt = (value: number) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);

export const formatSpread = (s: Spread, unit: string) =>
  `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)})`;

/** A markdown table of rows, for a suite run on its own. */
export function table(rows: SideBySideRow[]): string {
  return [
    '| measure | candidate | baseline | candidate median (min–max) | baseline median (min–max) | ratio | goal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.candidate.label} | ${r.baseline.label} | ${formatSpread(r.candidate, r.unit)} | ${formatSpread(r.baseline, r.unit)} | ${r.ratio.toFixed(2)} | ${r.goal ? `${r.goal.text}: ${r.goal.holds ? 'holds' : 'does not hold'}` : ''} |`,
    ),
  ].join('\n');
}
