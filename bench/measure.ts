/**
 * Side-by-side measurement: a candidate and its baseline run in alternating rounds on the same
 * machine at the same moment, so shared-machine noise hits both; we report the ratio of medians.
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
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

export async function compare(args: {
  name: string;
  unit: string;
  rounds: number;
  candidate: { label: string; run: () => Promise<number> };
  baseline: { label: string; run: () => Promise<number> };
}): Promise<Comparison> {
  const candidate: number[] = [];
  const baseline: number[] = [];
  await args.candidate.run(); // warm-up: JIT and connection pools
  await args.baseline.run();
  for (let round = 0; round < args.rounds; round++) {
    // Alternate who goes first, so neither always runs on a warmer or colder machine.
    if (round % 2 === 0) {
      candidate.push(await args.candidate.run());
      baseline.push(await args.baseline.run());
    } else {
      baseline.push(await args.baseline.run());
      candidate.push(await args.candidate.run());
    }
  }
  const candidateMedian = median(candidate);
  const baselineMedian = median(baseline);
  return {
    name: args.name,
    candidate: args.candidate.label,
    baseline: args.baseline.label,
    unit: args.unit,
    candidateMedian,
    baselineMedian,
    ratio: candidateMedian / baselineMedian,
  };
}

export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
