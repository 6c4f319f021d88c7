// Staff of each organisation: names, departments, e-mail, directory account and SID.
import { FAMILY_NAMES, GIVEN_NAMES } from './names';
import type { IdFactory } from './ids';
import type { RandomSource } from './random';
import type { Person, Tenancy } from './world';

/** `Siobhan O'Brien` → `siobhan.obrien`. */
export function usernameFor(given: string, family: string): string {
  return `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
}

export function createPeople(rng: RandomSource, ids: IdFactory, tenancies: Tenancy[]): Person[] {
  const taken = new Set<string>();
  const people: Person[] = [];
  for (const tenancy of tenancies) {
    let rid = 1104;
    for (const department of tenancy.org.departments) {
      for (let i = 0; i < department.headcount; i++) {
        let given: string;
        let family: string;
        do {
          given = rng.pick(GIVEN_NAMES);
          family = rng.pick(FAMILY_NAMES);
        } while (taken.has(`${given} ${family}`));
        taken.add(`${given} ${family}`);
        const username = usernameFor(given, family);
        rid += rng.int(1, 40);
        people.push({
          user: {
            id: ids.next('usr'),
            tenant_id: tenancy.tenant.id,
            name: `${given} ${family}`,
            email: `${username}@${tenancy.org.emailDomain}`,
            department: department.name,
            status: 'active',
          },
          tenancy,
          username,
          sid: `${tenancy.domainSid}-${rid}`,
        });
      }
    }
  }
  return people;
}
