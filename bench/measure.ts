import type { Figure, Goal, Stats } from './suite';

/**
 * Side-by-side measurement: a candidate and its baseline run in alternating rounds on the same
 * machine at the same moment, so shared-machine noise hits both; we report the ratio of medians.
 */
export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
    n: sorted.length,
  };
}

/** One round of one side: any number of named measurements (`wall`, `cpu`, `rss`...). */
export type Round = Record<string, number>;

export interface Side {
  label: string;
  run: () => Promise<Round>;
}

/**
 * Runs `rounds` rounds of candidate and baseline, alternating who goes first so neither always
 * runs on a warmer or colder machine, after one warm-up each (unless `warmUp` is false: a
 * suite whose rounds run in fresh processes has nothing to warm).
 * Returns every measurement's rounds per side.
 */
export async function compareRounds(args: {
  rounds: number;
  candidate: Side;
  baseline: Side;
  warmUp?: boolean;
  log?: (message: string) => void;
}): Promise<{ candidate: Record<string, number[]>; baseline: Record<string, number[]> }> {
  const out = {
    candidate: {} as Record<string, number[]>,
    baseline: {} as Record<string, number[]>,
  };
  const record = (side: 'candidate' | 'baseline', round: Round) => {
    for (const [name, value] of Object.entries(round)) (out[side][name] ??= []).push(value);
  };
  if (args.warmUp !== false) {
    await args.candidate.run();
    await args.baseline.run();
  }
  for (let round = 0; round < args.rounds; round++) {
    const order: ('candidate' | 'baseline')[] =
      round % 2 === 0 ? ['candidate', 'baseline'] : ['baseline', 'candidate'];
    for (const side of order) record(side, await args[side].run());
    args.log?.(`round ${round + 1}/${args.rounds}`);
  }
  return out;
}

/** A figure comparing one measurement of two sides, with its goal on the ratio. */
export function ratioFigure(args: {
  measure: string;
  unit: string;
  candidate: { label: string; values: readonly number[] };
  baseline: { label: string; values: readonly number[] };
  goal?: { text: string; holds: (ratio: number) => boolean };
}): Figure {
  const candidate = stats(args.candidate.values);
  const baseline = stats(args.baseline.values);
  const ratio = candidate.median / baseline.median;
  const goal: Goal | undefined = args.goal && {
    text: args.goal.text,
    holds: args.goal.holds(ratio),
  };
  return {
    measure: args.measure,
    unit: args.unit,
    candidate: { label: args.candidate.label, stats: candidate },
    baseline: { label: args.baseline.label, stats: baseline },
    ratio,
    goal,
  };
}

/** A figure with no baseline: a count or a ratio measured on its own (achieved / allowed). */
export function soloFigure(args: {
  measure: string;
  unit: string;
  label: string;
  values: readonly number[];
  goal?: { text: string; holds: (median: number, all: Stats) => boolean };
}): Figure {
  const s = stats(args.values);
  return {
    measure: args.measure,
    unit: args.unit,
    candidate: { label: args.label, stats: s },
    goal: args.goal && { text: args.goal.text, holds: args.goal.holds(s.median, s) },
  };
}

/**
 * The older two-sided comparison (`compare`), kept for suites that measure one number a round.
 */
export interface Comparison {
  name: string;
  candidate: string;
  baseline: string;
  unit: string;
  candidateMedian: number;
  baselineMedian: number;
  /** candidate / baseline: below 1 means the candidate is cheaper. */
  ratio: number;
  figure: Figure;
}

export async function compare(args: {
  name: string;
  unit: string;
  rounds: number;
  candidate: { label: string; run: () => Promise<number> };
  baseline: { label: string; run: () => Promise<number> };
  goal?: { text: string; holds: (ratio: number) => boolean };
}): Promise<Comparison> {
  const rounds = await compareRounds({
    rounds: args.rounds,
    candidate: {
      label: args.candidate.label,
      run: async () => ({ v: await args.candidate.run() }),
    },
    baseline: { label: args.baseline.label, run: async () => ({ v: await args.baseline.run() }) },
  });
  const figure = ratioFigure({
    measure: args.name,
    unit: args.unit,
    candidate: { label: args.candidate.label, values: rounds.candidate.v ?? [] },
    baseline: { label: args.baseline.label, values: rounds.baseline.v ?? [] },
    goal: args.goal,
  });
  return {
    name: args.name,
    candidate: args.candidate.label,
    baseline: args.baseline.label,
    unit: args.unit,
    candidateMedian: figure.candidate.stats.median,
    baselineMedian: figure.baseline?.stats.median ?? NaN,
    ratio: figure.ratio ?? NaN,
    figure,
  };
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
