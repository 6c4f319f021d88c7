import { splitPoint, type SubtreeHasher } from './merkle';

/**
 * The audit path of leaf `index` in the tree of the first `size` leaves: RFC 9162 §2.1.3.1
 * PATH(m, D[n]), nearest sibling first. Each element is one subtree hash, so a server that can
 * answer a subtree hash in O(1) (stored complete subtrees) builds the proof in O(log n).
 */
export function inclusionPath(index: number, size: number, subtree: SubtreeHasher): Buffer[] {
  if (!(index >= 0 && index < size)) {
    throw new RangeError(`leaf_index ${index} is not below tree_size ${size}`);
  }
  const path: Buffer[] = [];
  let start = 0;
  let end = size;
  let m = index;
  const siblings: Buffer[] = [];
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      siblings.push(subtree(start + k, end));
      end = start + k;
    } else {
      siblings.push(subtree(start, start + k));
      start += k;
      m -= k;
    }
  }
  // Collected root first; the proof lists them leaf first.
  for (let i = siblings.length - 1; i >= 0; i--) path.push(siblings[i]!);
  return path;
}

/**
 * The consistency proof between the trees of the first `first` and `second` leaves: RFC 9162
 * §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when the sizes are equal or `first`
 * is 0 (every tree extends the empty one).
 */
export function consistencyPath(first: number, second: number, subtree: SubtreeHasher): Buffer[] {
  if (!(first >= 0 && first <= second)) {
    throw new RangeError(`first ${first} must be between 0 and second ${second}`);
  }
  if (first === 0 || first === second) return [];
  const reversed: Buffer[] = [];
  let start = 0;
  let end = second;
  let m = first;
  let whole = true; // SUBPROOF's b: is this subtree's left part the whole old tree so far?
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!whole) reversed.push(subtree(start, end));
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      reversed.push(subtree(start + k, end));
      end = start + k;
    } else {
      reversed.push(subtree(start, start + k));
      start += k;
      m -= k;
      whole = false;
    }
  }
  return reversed.reverse();
}
