// Opaque ids with the API's type prefixes, drawn from the seed so they are stable per seed.
import { alphanumeric, type RandomSource } from './random';

const LENGTH: Record<IdPrefix, number> = { ten: 8, usr: 10, dev: 12, case: 10, obs: 16 };

export type IdPrefix = 'ten' | 'usr' | 'dev' | 'case' | 'obs';

export class IdFactory {
  private readonly issued = new Set<string>();

  constructor(private readonly rng: RandomSource) {}

  next(prefix: IdPrefix): string {
    for (;;) {
      const id = `${prefix}_${alphanumeric(this.rng, LENGTH[prefix])}`;
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
