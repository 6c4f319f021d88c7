import {
  GENESIS_HASH,
  canonicalJson,
  hashTraceEntry,
  verifyTraceChain,
  type TraceEntry,
} from '../src';
import { createHash } from 'node:crypto';
import { aTraceChain } from './helpers/fixtures';

describe('canonicalJson', () => {
  it('sorts keys recursively, drops undefined members, keeps array order, adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: true, y: null }], c: undefined } })).toBe(
      '{"a":{"d":[3,1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes numbers and strings as RFC 8785 does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 'é\n"', 1.5e-7])).toBe('[1e+21,0.1,0,"é\\n\\"",1.5e-7]');
    expect(canonicalJson({ '\u00e9': 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"é":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
  });
});

describe('hashTraceEntry', () => {
  it('is sha256 of prev_hash then the canonical entry without its hash', () => {
    const [entry] = aTraceChain(1) as [TraceEntry];
    const { hash, ...rest } = entry;
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonicalJson(rest))
      .digest('hex');
    expect(hash).toBe(expected);
    expect(hashTraceEntry(entry)).toBe(expected);
  });
});

describe('verifyTraceChain', () => {
  const chain = aTraceChain(6);

  it('accepts an intact chain and reports its head', () => {
    expect(verifyTraceChain(chain)).toEqual({
      valid: true,
      checked: 6,
      first_bad_seq: null,
      problem: null,
      head_hash: chain[5]?.hash,
    });
    expect(verifyTraceChain([])).toMatchObject({ valid: true, checked: 0, head_hash: null });
  });

  it('names the seq of an entry whose details were altered', () => {
    const tampered = chain.map((e) =>
      e.seq === 3 ? { ...e, details: { ...e.details, note: 'x' } } : e,
    );
    const result = verifyTraceChain(tampered);
    expect(result).toMatchObject({ valid: false, first_bad_seq: 3, checked: 3 });
    expect(result.problem).toMatch(/altered/);
  });

  it('detects a deleted entry at the entry after the gap', () => {
    const result = verifyTraceChain(chain.filter((e) => e.seq !== 4));
    expect(result).toMatchObject({ valid: false, first_bad_seq: 5 });
    expect(result.problem).toMatch(/missing/);
  });

  it('detects a missing first entry', () => {
    expect(verifyTraceChain(chain.slice(1))).toMatchObject({ valid: false, first_bad_seq: 2 });
  });

  it('detects reordered entries', () => {
    const swapped = [...chain];
    [swapped[2], swapped[3]] = [swapped[3] as TraceEntry, swapped[2] as TraceEntry];
    expect(verifyTraceChain(swapped)).toMatchObject({ valid: false, first_bad_seq: 4 });
  });

  it('detects an inserted entry even when its own hash is right', () => {
    const forged = { ...chain[2], seq: 3.5, prev_hash: chain[2]?.hash } as TraceEntry;
    forged.hash = hashTraceEntry(forged);
    const inserted = [...chain.slice(0, 3), forged, ...chain.slice(3)];
    expect(verifyTraceChain(inserted)).toMatchObject({ valid: false, first_bad_seq: 4 });
  });

  it('detects a rewritten hash that no longer chains', () => {
    const rewritten = chain.map((e) =>
      e.seq === 2 ? { ...e, event: 'x', hash: 'f'.repeat(64) } : e,
    );
    expect(verifyTraceChain(rewritten)).toMatchObject({ valid: false, first_bad_seq: 2 });
  });

  it('follows one chain per case and one per tenant for entries without a case', () => {
    // The ledger numbers entries across chains: case entries 1, 3, 5; tenant entries 2, 4.
    const caseChain = aTraceChain(3, 'case_1', (i) => 2 * i + 1);
    const tenantChain = aTraceChain(2, null, (i) => 2 * i + 2);
    const mixed = [...caseChain, ...tenantChain].sort((a, b) => a.seq - b.seq);
    expect(mixed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyTraceChain(mixed).valid).toBe(true);
    const withoutTenantEntry = mixed.filter((e) => e.seq !== 2);
    expect(verifyTraceChain(withoutTenantEntry)).toMatchObject({ valid: false, first_bad_seq: 4 });
  });
});
