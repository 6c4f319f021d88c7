/** Prints the playbook as it runs: one line per step, with timing, in a SOC engineer's words. */
export interface StepOutcome {
  ok: boolean;
  detail: string;
}

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = (text: string) => paint('1', text);
export const dim = (text: string) => paint('2', text);

export class PlaybookReport {
  private readonly outcomes: { title: string; ok: boolean; ms: number }[] = [];
  private readonly started = Date.now();

  constructor(private readonly total: number) {}

  /** Runs one step; a thrown error marks it failed and stops nothing else from reporting. */
  async step<T>(title: string, run: () => Promise<T & StepOutcome>): Promise<T | undefined> {
    const index = this.outcomes.length + 1;
    process.stdout.write(`${dim(`[${index}/${this.total}]`)} ${title} … `);
    const start = Date.now();
    try {
      const result = await run();
      this.record(title, result.ok, start, result.detail);
      return result.ok ? result : undefined;
    } catch (error) {
      this.record(title, false, start, error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  private record(title: string, ok: boolean, start: number, detail: string) {
    const ms = Date.now() - start;
    this.outcomes.push({ title, ok, ms });
    const mark = ok ? paint('32', '✔') : paint('31', '✘');
    process.stdout.write(`${mark} ${dim(`${ms} ms`)}\n      ${detail}\n`);
  }

  get passed(): number {
    return this.outcomes.filter((o) => o.ok).length;
  }

  get failed(): number {
    return this.total - this.passed;
  }

  finish(): boolean {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const verdict =
      this.failed === 0
        ? paint('32', 'Playbook complete: every step did what it should.')
        : paint(
            '31',
            `Playbook incomplete: ${this.failed} of ${this.total} steps did not succeed.`,
          );
    console.log(`\n${bold(verdict)} ${dim(`(${seconds} s)`)}`);
    console.log(`${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0;
  }
}
