// What a background template needs to make one everyday observation on one host.
import { accountOn } from '../accounts';
import type { Account } from '../ocsf/objects';
import type { RandomSource } from '../random';
import { step, type EventBuilder, type EventMeta, type Step } from '../story';
import { BENIGN_DESTINATIONS, type Destination } from '../indicators';
import type { Host, Person, World } from '../world';
import { peopleOf } from '../world';

export interface NoiseContext {
  world: World;
  rng: RandomSource;
  host: Host;
  time: number;
}

export type NoiseTemplate = (c: NoiseContext) => Step;

export const noise = (c: NoiseContext, meta: EventMeta, build: EventBuilder): Step =>
  step(c.host.tenancy, c.time, c.host, meta, build);

/** Who is at the keyboard: the owner, else a colleague from IT (servers). */
export function personAt(c: NoiseContext): Person {
  if (c.host.owner) return c.host.owner;
  const it = peopleOf(c.world, c.host.tenancy).filter((p) => p.user.department === 'IT');
  const pool = it.length > 0 ? it : peopleOf(c.world, c.host.tenancy);
  return c.rng.pick(pool);
}

export const accountAt = (c: NoiseContext): Account => accountOn(c.host, personAt(c));

/** A SaaS destination this host's OS would talk to, with one address in the provider's range. */
export function destination(c: NoiseContext): Destination & { ip: string } {
  const options = BENIGN_DESTINATIONS.filter((d) => d.os.includes(c.host.device.os.type));
  const d = c.rng.pick(options.length > 0 ? options : BENIGN_DESTINATIONS);
  return { ...d, ip: `${d.net}.${c.rng.int(2, 250)}` };
}

/** A random internet client (web visitors, scanners) outside the documentation ranges. */
export function internetClient(c: NoiseContext): string {
  const first = c.rng.pick([31, 46, 77, 81, 86, 90, 92, 109, 151, 176, 188, 212, 217]);
  return `${first}.${c.rng.int(1, 254)}.${c.rng.int(1, 254)}.${c.rng.int(2, 254)}`;
}
