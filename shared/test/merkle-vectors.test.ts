import {
  EMPTY_TREE_ROOT,
  consistencyPath,
  hashLeaf,
  inMemorySubtrees,
  inclusionPath,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../src';

/*
 * Test vectors of the RFC 6962 / RFC 9162 hashing (same tree hashing in both), as published by
 * transparency-dev/merkle (Go), files testonly/constants.go and proof/verify_test.go: eight leaf
 * inputs, the root of every prefix of them, and inclusion and consistency proofs. Copied here
 * as data; the code under test is ours.
 */
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** [leaf index (0-based), tree size, path]; the Go file numbers leaves from 1. */
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const leafHashes = LEAVES.map((leaf) => hashLeaf(Buffer.from(leaf, 'hex')));
const hex = (values: Buffer[]) => values.map((value) => value.toString('hex'));
const buf = (values: string[]) => values.map((value) => Buffer.from(value, 'hex'));
const root = (size: number) => Buffer.from(ROOTS[size]!, 'hex');

describe('RFC 9162 Merkle tree hashing (transparency-dev/merkle vectors)', () => {
  it('gives the published root of every prefix, the empty tree included', () => {
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe(ROOTS[0]);
    for (let size = 0; size <= LEAVES.length; size++) {
      const subtrees = inMemorySubtrees(leafHashes.slice(0, size));
      expect(treeRoot(size, subtrees).toString('hex')).toBe(ROOTS[size]);
    }
  });

  it.each(INCLUSION)(
    'builds and verifies the inclusion proof of leaf %i in a tree of %i',
    (index, size, path) => {
      const subtrees = inMemorySubtrees(leafHashes.slice(0, size));
      expect(hex(inclusionPath(index, size, subtrees))).toEqual(path);
      expect(verifyInclusion(index, size, leafHashes[index]!, buf(path), root(size))).toBeNull();
    },
  );

  it.each(CONSISTENCY)(
    'builds and verifies the consistency proof from %i to %i',
    (first, second, path) => {
      const subtrees = inMemorySubtrees(leafHashes.slice(0, second));
      expect(hex(consistencyPath(first, second, subtrees))).toEqual(path);
      expect(verifyConsistency(first, second, root(first), root(second), buf(path))).toBeNull();
    },
  );

  it('refuses altered inclusion proofs: wrong index, size, leaf, root, or a changed, missing or extra hash', () => {
    for (const [index, size, path] of INCLUSION) {
      const proof = buf(path);
      const leaf = leafHashes[index]!;
      const probes: [number, number, Buffer, Buffer[], Buffer][] = [
        [index + 1, size, leaf, proof, root(size)],
        [index ^ 2, size, leaf, proof, root(size)],
        [index, size * 2, leaf, proof, root(size)],
        [index, Math.floor(size / 2), leaf, proof, root(size)],
        [index, size, hashLeaf(Buffer.from('wrong')), proof, root(size)],
        [index, size, leaf, proof, EMPTY_TREE_ROOT],
        [index, size, leaf, [...proof, root(size)], root(size)],
        [index, size, leaf, [root(size), ...proof], root(size)],
        [index, size, leaf, proof.slice(0, -1), root(size)],
        ...proof.map((_, i): [number, number, Buffer, Buffer[], Buffer] => {
          const flipped = proof.map((hash) => Buffer.from(hash));
          flipped[i]![0]! ^= 8;
          return [index, size, leaf, flipped, root(size)];
        }),
      ];
      for (const probe of probes) expect(verifyInclusion(...probe)).not.toBeNull();
    }
  });

  it('refuses altered consistency proofs: wrong sizes, roots, swapped roots, a changed, missing or extra hash', () => {
    for (const [first, second, path] of CONSISTENCY.filter(([, , p]) => p.length > 0)) {
      const proof = buf(path);
      const probes: [number, number, Buffer, Buffer, Buffer[]][] = [
        [first - 1, second, root(first), root(second), proof],
        [first + 1, second, root(first), root(second), proof],
        [first, second * 2, root(first), root(second), proof],
        [first, second, root(second), root(first), proof],
        [first, second, root(first), EMPTY_TREE_ROOT, proof],
        [first, second, root(first), root(second), []],
        [first, second, root(first), root(second), [...proof, root(second)]],
        [first, second, root(first), root(second), [root(first), ...proof]],
        [first, second, root(first), root(second), proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => {
          const flipped = proof.map((hash) => Buffer.from(hash));
          flipped[i]![0]! ^= 16;
          return [first, second, root(first), root(second), flipped];
        }),
      ];
      for (const probe of probes) expect(verifyConsistency(...probe)).not.toBeNull();
    }
    expect(verifyConsistency(2, 1, root(2), root(1), [])).toMatch(/went down/);
  });

  it('proves every leaf and every pair of sizes of trees up to 40 leaves (own proofs, own verifier)', () => {
    const many = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
    const subtrees = inMemorySubtrees(many);
    const roots = [EMPTY_TREE_ROOT, ...many.map((_, i) => treeRoot(i + 1, subtrees))];
    for (let size = 1; size <= many.length; size++) {
      for (let index = 0; index < size; index++) {
        expect(
          verifyInclusion(
            index,
            size,
            many[index]!,
            inclusionPath(index, size, subtrees),
            roots[size]!,
          ),
        ).toBeNull();
      }
      for (let first = 0; first <= size; first++) {
        expect(
          verifyConsistency(
            first,
            size,
            roots[first]!,
            roots[size]!,
            consistencyPath(first, size, subtrees),
          ),
        ).toBeNull();
      }
    }
  });
});
