/**
 * How deep a request body's JSON may nest. Real bodies (an OCSF event, an action's target)
 * stay under ten levels; without a bound, a body of a few kilobytes nested thousands deep
 * overflows the stack of every recursive walk after it (zod, JSON.stringify) and answers 500.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The path of the first value nested deeper than `maxDepth` (`target.extra.a.a…`), or null.
 * Walked with an explicit stack, so the check itself cannot overflow.
 */
export function tooDeepPath(value: unknown, maxDepth = MAX_JSON_DEPTH): string[] | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: string[] };
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) return path;
    const entries = Array.isArray(current)
      ? current.map((item, index) => [String(index), item] as const)
      : Object.entries(current);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}
