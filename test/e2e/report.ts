/**
 * The end-to-end run's ledger of checks: each check prints one line as it ends, and the run
 * closes with `N passed, N failed`. A check is a claim about what a real n8n, the Zapier CLI or a
 * browser did against the sandbox; it fails with the reason, never with a token in it.
 */
export class Checks {
  passed = 0;
  failed = 0;
  private readonly secrets: string[] = [];

  /** Values that must never be printed (tokens, webhook secrets): masked in every message. */
  hide(...values: string[]): void {
    this.secrets.push(...values.filter((v) => v.length >= 8));
  }

  section(title: string): void {
    console.log(`\n== ${title}`);
  }

  note(text: string): void {
    console.log(`   ${this.mask(text)}`);
  }

  /** Runs one check; returns its value, or undefined when it failed (already counted). */
  async check<T>(name: string, run: () => Promise<T> | T): Promise<T | undefined> {
    const outcome = await this.attempt(name, run);
    return outcome.ok ? outcome.value : undefined;
  }

  /** A check whose failure means the rest of a part cannot run. */
  async must<T>(name: string, run: () => Promise<T> | T): Promise<T> {
    const outcome = await this.attempt(name, run);
    if (!outcome.ok) throw new PartAborted(name);
    return outcome.value;
  }

  private async attempt<T>(
    name: string,
    run: () => Promise<T> | T,
  ): Promise<{ ok: true; value: T } | { ok: false }> {
    const started = Date.now();
    try {
      const value = await run();
      this.passed += 1;
      const detail = typeof value === 'string' && value ? ` (${value})` : '';
      console.log(`  ok   ${name}${this.mask(detail)} ${seconds(started)}`);
      return { ok: true, value };
    } catch (error) {
      this.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      const indented = this.mask(message).replace(/\n/g, '\n       ');
      console.log(`  FAIL ${name} ${seconds(started)}\n       ${indented}`);
      return { ok: false };
    }
  }

  mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out
      .replace(/senseon_pat_[A-Za-z0-9]+/g, 'senseon_pat_***')
      .replace(/whsec_[A-Za-z0-9+/=]+/g, 'whsec_***');
  }

  summary(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

/** Thrown by `must`: ends the current part; the runner counts the part as failed already. */
export class PartAborted extends Error {
  constructor(check: string) {
    super(`stopped after the failed check "${check}"`);
  }
}

function seconds(started: number): string {
  return `[${((Date.now() - started) / 1000).toFixed(1)} s]`;
}

/** Throws with `message` unless `condition` holds. */
export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
