/**
 * The interface every benchmark suite implements. A suite is one file in `bench/suites/` that
 * exports `suite: Suite`; `bench/run.ts` finds it by itself (no registry to edit), runs the
 * suites in `order`, and writes what they return into `docs/benchmarks.md`.
 *
 * Rules a suite keeps (issue 11): every figure is measured side by side with its baseline in
 * the same run (alternating rounds, see `compareRounds` in `measure.ts`), reported as a median
 * with min–max, and carries its goal when the issue sets one. Work whose memory or JIT state
 * would leak into the next round runs in its own process (`runInChild` in `lib/child.ts`).
 */

/** Median, min and max of one side's rounds, in the figure's unit. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  /** How many rounds. */
  n: number;
}

/** A goal from the issue, e.g. `{ text: '≤ 1.10', holds: ratio <= 1.1 }`. */
export interface Goal {
  text: string;
  holds: boolean;
}

/** One row of a suite's table. */
export interface Figure {
  /** What is measured, e.g. `wall time`, `peak RSS`. */
  measure: string;
  unit: string;
  candidate: { label: string; stats: Stats };
  /** Absent for a figure with no baseline (an absolute count, a budget ratio). */
  baseline?: { label: string; stats: Stats };
  /** candidate / baseline medians (below 1: the candidate is cheaper); or the figure itself. */
  ratio?: number;
  goal?: Goal;
}

export interface SuiteResult {
  figures: Figure[];
  /** Sentences printed under the table: conditions, sizes, why a goal does not hold. */
  notes?: string[];
  /** Extra markdown after the notes (a chart: `![…](benchmarks/rate-budget.svg)`). */
  markdown?: string;
}

export interface SuiteContext {
  /** `--quick`: a smaller size, for a smoke run; the report says so. */
  quick: boolean;
  /**
   * Writes a file next to `docs/benchmarks.md` (under `docs/benchmarks/`) and returns the link
   * to use in markdown. Nothing is written for a `--quick` run.
   */
  writeAsset(name: string, content: string): string;
  /** Progress on stderr; not in the report. */
  log(message: string): void;
}

export interface Suite {
  /** Short name for `npm run bench -- --only <id>` (e.g. `walk`, `rate-budget`). */
  id: string;
  /** The number for the benchmark (1–8); also the order in the report. */
  order: number;
  /** The section heading in `docs/benchmarks.md`. */
  title: string;
  run(context: SuiteContext): Promise<SuiteResult>;
}
