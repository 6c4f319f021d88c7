// What a parsed hunt query means for one OCSF event: each comparison reads the attribute at its
// path (every element of an array along the way), and compares text without regard to case.
import type { QueryNode } from './query-parser';

export type EventPredicate = (event: Record<string, unknown>) => boolean;

/** Every scalar at `path` under `value`, arrays along the path flattened; none when absent. */
export function valuesAt(value: unknown, path: readonly string[], from = 0): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path, from));
  if (from === path.length) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? [String(value).toLowerCase()]
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[from] as string], path, from + 1);
}

/**
 * The predicate of a query. A comparison on an attribute the event lacks is false, `!=`
 * included (as SQL's NULL), so `NOT x = "a"` is the way to say "x is not a, or absent".
 */
export function compileQuery(node: QueryNode): EventPredicate {
  switch (node.kind) {
    case 'and': {
      const left = compileQuery(node.left);
      const right = compileQuery(node.right);
      return (e) => left(e) && right(e);
    }
    case 'or': {
      const left = compileQuery(node.left);
      const right = compileQuery(node.right);
      return (e) => left(e) || right(e);
    }
    case 'not': {
      const operand = compileQuery(node.operand);
      return (e) => !operand(e);
    }
    case 'compare': {
      const { path } = node;
      if (node.op === 'in') {
        const wanted = new Set(node.values.map((v) => v.toLowerCase()));
        return (e) => valuesAt(e, path).some((v) => wanted.has(v));
      }
      const wanted = node.value.toLowerCase();
      if (node.op === 'eq') return (e) => valuesAt(e, path).some((v) => v === wanted);
      if (node.op === 'contains') return (e) => valuesAt(e, path).some((v) => v.includes(wanted));
      return (e) => {
        const found = valuesAt(e, path);
        return found.length > 0 && found.every((v) => v !== wanted);
      };
    }
  }
}
