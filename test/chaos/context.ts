import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { SandboxTokens } from '../../scripts/n8n/lib/sandbox-process';

/** Where one chaos run keeps its logs and artifacts: gitignored, wiped at the next run's start. */
export const CHAOS_DIR = join(repoRoot, '.chaos', 'run');

/**
 * What every part shares: where to write, and the secrets the run used. Each part registers
 * every token and webhook secret it creates, so the secrets part can look for all of them in
 * everything the run wrote.
 */
export class ChaosContext {
  readonly dir = CHAOS_DIR;
  private readonly known = new Set<string>();
  private readonly cleanups: (() => Promise<void>)[] = [];
  /** Resources parts share (one n8n for several rows), each started once, on first use. */
  private readonly shared = new Map<string, Promise<unknown>>();
  private readonly atEnd = new Set<() => Promise<void>>();
  private readonly callbackSecrets = new Set<string>();

  /** Fresh tokens for each run, each a distinct principal, so no figure rests on a fixed value. */
  readonly tokens: SandboxTokens = {
    admin: newToken('Admin'),
    analyst: newToken('Analyst'),
    approver: newToken('Approver'),
    readonly: newToken('Readonly'),
  };

  constructor() {
    mkdirSync(join(this.dir, 'logs'), { recursive: true });
    mkdirSync(join(this.dir, 'outputs'), { recursive: true });
    this.secret(...Object.values(this.tokens));
  }

  /** A token or secret the run used: it must appear in nothing the run wrote. */
  secret(...values: (string | undefined | null)[]): void {
    for (const value of values) if (value && value.length >= 8) this.known.add(value);
  }

  /**
   * A response action's callback secret: a secret like any other, and one only SenseOn keeps.
   * n8n's database may hold the trigger's subscription secret, never one of these (a waiting
   * node that kept one in its execution data let whoever views executions sign an approval).
   */
  callbackSecret(...values: (string | undefined | null)[]): void {
    this.secret(...values);
    for (const value of values) if (value) this.callbackSecrets.add(value);
  }

  isCallbackSecret(value: string): boolean {
    return this.callbackSecrets.has(value);
  }

  get secrets(): string[] {
    return [...this.known];
  }

  /** Starts a shared resource once; later parts asking for the same name get the same one. */
  once<T>(name: string, start: () => Promise<T>): Promise<T> {
    let found = this.shared.get(name) as Promise<T> | undefined;
    if (!found) {
      found = start();
      this.shared.set(name, found);
    }
    return found;
  }

  /** Run after the part that registered it (or at the end, for shared resources). */
  onCleanup(step: () => Promise<void>, options: { atEnd?: boolean } = {}): void {
    if (options.atEnd) this.atEnd.add(step);
    this.cleanups.push(step);
  }

  /** Runs the cleanups registered so far, newest first; `final` includes the shared ones. */
  async cleanup(final = false): Promise<void> {
    const keep: (() => Promise<void>)[] = [];
    while (this.cleanups.length > 0) {
      const step = this.cleanups.pop()!;
      if (!final && this.atEnd.has(step)) {
        keep.unshift(step);
        continue;
      }
      await step().catch((error: unknown) => console.log(`  cleanup failed: ${String(error)}`));
    }
    this.cleanups.push(...keep);
  }

  logFile(name: string): string {
    return join(this.dir, 'logs', `${name}.log`);
  }

  /** Keeps what a connector answered (Zapier results, n8n executions) as an artifact to scan. */
  output(name: string, value: unknown): void {
    writeFileSync(join(this.dir, 'outputs', `${name}.json`), JSON.stringify(value, null, 2));
  }
}

function newToken(who: string): string {
  return `senseon_pat_chaos${who}${randomBytes(18).toString('hex')}`;
}
