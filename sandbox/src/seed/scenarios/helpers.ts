// Small pieces the scenario storylines share.
import { MINUTE } from '../clock';
import type { Person } from '../world';
import type { ScenarioContext } from './types';
import { peopleOf } from '../world';

/** `ctx.start` plus some minutes (fractions allowed). */
export const after = (ctx: ScenarioContext, minutes: number): number =>
  ctx.start + Math.round(minutes * MINUTE);

/** Whoever uses the host; a colleague from IT for servers (they log on to run them). */
export function userOf(ctx: ScenarioContext, index = 0): Person {
  const host = ctx.hosts[index] ?? ctx.hosts[0];
  if (host?.owner) return host.owner;
  return someoneIn(ctx, 'IT');
}

export function someoneIn(ctx: ScenarioContext, department: string): Person {
  const staff = peopleOf(ctx.world, ctx.tenancy).filter((p) => p.user.department === department);
  const pool = staff.length > 0 ? staff : peopleOf(ctx.world, ctx.tenancy);
  return ctx.rng.pick(pool);
}

/** PowerShell's -EncodedCommand form: Base64 of the UTF-16LE script. */
export const encodePowerShell = (script: string): string =>
  Buffer.from(script, 'utf16le').toString('base64');

export const windowsProfile = (person: Person): string => `C:\\Users\\${person.username}`;

export const jitter = (ctx: ScenarioContext, minutes: number, spread: number): number =>
  minutes + (ctx.rng.next() - 0.5) * 2 * spread;
