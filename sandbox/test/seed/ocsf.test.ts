// Every seeded observation, and a run of simulated ones, is a valid OCSF event of its class
// according to the schema files themselves (shared/ocsf-schema), not to our reading of them.
import type { Observation } from '@senseon/client';
import { createSimulator, generateSeed, OCSF_VERSION } from '../../src/seed';
import { OcsfSchema } from './ocsf-schema';

const schema = new OcsfSchema();
const seed = generateSeed(20261123);

function problems(observations: readonly Observation[]): string[] {
  return observations.flatMap((o) =>
    schema.validateEvent(o.ocsf).map((p) => `${o.id} (${o.ocsf.class_uid} "${o.title}"): ${p}`),
  );
}

function simulated(count: number): Observation[] {
  const simulator = createSimulator(7, seed);
  const out: Observation[] = [];
  let now = Date.parse('2026-11-23T09:00:00Z');
  for (let i = 0; i < count; i++) {
    now += 30_000;
    simulator.maybeNextCase(new Date(now));
    out.push(simulator.nextObservation(new Date(now)));
  }
  return out;
}

describe('the OCSF schema as read by the validator', () => {
  it('is the version the seed writes into metadata.version', () => {
    expect(schema.version).toBe(OCSF_VERSION);
  });

  it('resolves the six classes the seed uses, with their categories and activities', () => {
    const expected: Array<[number, number, string, number[]]> = [
      [1001, 1, 'File System Activity', [1, 3, 5]],
      [1007, 1, 'Process Activity', [1, 3]],
      [2004, 2, 'Detection Finding', [1]],
      [3002, 3, 'Authentication', [1, 3, 4]],
      [4001, 4, 'Network Activity', [1, 2, 5, 6]],
      [4003, 4, 'DNS Activity', [2]],
    ];
    for (const [uid, category, caption, activities] of expected) {
      const cls = schema.classByUid(uid);
      expect(cls?.caption).toBe(caption);
      expect(cls?.categoryUid).toBe(category);
      for (const a of activities)
        expect(cls?.attributes.activity_id?.enum).toHaveProperty(String(a));
    }
  });

  it('finds required attributes through the extends chain and in nested objects', () => {
    const process = schema.classByUid(1007);
    // `process` is the class's own; `actor` and `device` come from system.json; `time` and
    // `metadata` from base_event.json.
    for (const name of [
      'process',
      'actor',
      'device',
      'time',
      'metadata',
      'severity_id',
      'type_uid',
    ]) {
      expect(process?.attributes[name]?.requirement).toBe('required');
    }
    expect(schema.object('finding_info').attributes.uid?.requirement).toBe('required');
    expect(schema.object('dns_query').attributes.hostname?.requirement).toBe('required');
    expect(schema.object('file').attributes.type_id?.requirement).toBe('required');
  });
});

describe('the validator', () => {
  const sample = (classUid: number) => {
    const found = seed.observations.find((o) => o.ocsf.class_uid === classUid);
    if (!found) throw new Error(`no ${classUid} observation in the seed`);
    return structuredClone(found.ocsf) as Record<string, unknown>;
  };

  it.each([
    [1007, 'process'],
    [1001, 'file'],
    [3002, 'user'],
    [2004, 'finding_info'],
    [1007, 'time'],
    [4003, 'metadata'],
  ])('rejects a %i event without its required %s', (classUid, attribute) => {
    const event = sample(classUid);
    delete event[attribute];
    expect(schema.validateEvent(event)).toContain(
      `${attribute}: required by ${schema.classByUid(classUid)?.name} but missing`,
    );
  });

  it('rejects a nested object without its required attribute', () => {
    const finding = sample(2004);
    delete (finding.finding_info as Record<string, unknown>).uid;
    expect(schema.validateEvent(finding)).toContain(
      'finding_info.uid: required by finding_info but missing',
    );
    const dns = sample(4003);
    delete (dns.query as Record<string, unknown>).hostname;
    expect(schema.validateEvent(dns)).toContain(
      'query.hostname: required by dns_query but missing',
    );
  });

  it('rejects an activity the class does not define, a wrong type_uid and an unknown attribute', () => {
    const event = sample(4003);
    event.activity_id = 5;
    event.type_uid = 400305;
    expect(
      schema.validateEvent(event).some((p) => p.startsWith('activity_id: 5 is not one of')),
    ).toBe(true);
    const wrongType = sample(4003);
    wrongType.type_uid = 400301;
    expect(schema.validateEvent(wrongType)[0]).toMatch(/^type_uid/);
    const extra = sample(1001);
    extra.ransom_note = 'pay up';
    expect(schema.validateEvent(extra)).toContain('ransom_note: not an attribute of file_activity');
  });
});

describe('seeded observations', () => {
  it('are all valid OCSF events of their class', () => {
    expect(problems(seed.observations)).toEqual([]);
  });

  it('carry class, category, type and severity consistent with the observation', () => {
    const severityId = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;
    for (const o of seed.observations) {
      const { ocsf } = o;
      expect(ocsf.type_uid).toBe(ocsf.class_uid * 100 + ocsf.activity_id);
      expect(ocsf.category_uid).toBe(Math.floor(ocsf.class_uid / 1000));
      expect(ocsf.severity_id).toBe(severityId[o.severity]);
      expect(ocsf.time).toBe(Date.parse(o.observed_at));
      expect(ocsf.metadata).toMatchObject({
        version: schema.version,
        product: { name: 'SenseOn', vendor_name: 'SenseOn' },
      });
      expect(ocsf.unmapped?.senseon).toMatchObject({ observation_id: o.id, case_id: o.case_id });
    }
  });
});

describe('simulated observations', () => {
  it('are valid OCSF events too, including the storylines of new cases', () => {
    const batch = simulated(400);
    expect(batch.some((o) => o.case_id !== null)).toBe(true);
    expect(problems(batch)).toEqual([]);
  });
});
