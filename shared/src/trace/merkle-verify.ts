import { hashChildren } from './merkle';

/** Why a proof did not verify, in words an auditor can act on; null when it did. */
export type ProofFailure = string | null;

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isPowerOfTwo = (n: number): boolean => {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

/**
 * The root that an inclusion proof leads to from `leafHash` (RFC 9162 §2.1.3.2), or the reason
 * it leads nowhere. Sizes are plain numbers: a trace stays far below 2^53 entries.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Buffer,
  path: readonly Buffer[],
): Buffer | string {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) {
    return `leaf_index ${index} is not below tree_size ${size}`;
  }
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return 'the proof has more hashes than the tree has levels';
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'the proof has fewer hashes than the tree has levels';
  return r;
}

/** Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Buffer,
  path: readonly Buffer[],
  root: Buffer,
): ProofFailure {
  const computed = rootFromInclusionProof(index, size, leafHash, path);
  if (typeof computed === 'string') return computed;
  return computed.equals(root)
    ? null
    : `the inclusion proof of leaf ${index} does not lead to the root of tree_size ${size}`;
}

/**
 * Checks that the tree of `second` leaves with root `secondRoot` extends the tree of `first`
 * leaves with root `firstRoot`, unchanged (RFC 9162 §2.1.4.2): nothing in the first tree was
 * edited, removed or reordered.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  path: readonly Buffer[],
): ProofFailure {
  if (!(Number.isSafeInteger(first) && Number.isSafeInteger(second) && first >= 0)) {
    return 'tree sizes must be whole numbers ≥ 0';
  }
  if (second < first) return `tree_size went down from ${first} to ${second}`;
  if (first === second) {
    if (path.length !== 0) return 'a proof between equal sizes must be empty';
    return firstRoot.equals(secondRoot)
      ? null
      : `two different roots for the same tree_size ${first}`;
  }
  if (first === 0) {
    return path.length === 0 ? null : 'a proof from the empty tree must be empty';
  }
  if (path.length === 0) return 'the consistency proof is empty';
  // A first tree that is a complete subtree is its own first node; the proof leaves it out.
  const nodes = isPowerOfTwo(first) ? [firstRoot, ...path] : path;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = nodes[0]!;
  let sr = nodes[0]!;
  for (const c of nodes.slice(1)) {
    if (sn === 0) return 'the consistency proof has more hashes than needed';
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return 'the consistency proof has fewer hashes than needed';
  if (!fr.equals(firstRoot)) {
    return `the older tree (size ${first}) is not a prefix of the newer one (size ${second}): its history was changed`;
  }
  if (!sr.equals(secondRoot)) {
    return `the consistency proof does not lead to the newer root (size ${second})`;
  }
  return null;
}
