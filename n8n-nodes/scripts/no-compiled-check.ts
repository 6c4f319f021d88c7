/**
 * The n8n bundle's stand-in for the client core's `http/compiled-check.ts`. That module compiles
 * ajv validators, and ajv generates their code with the `Function` constructor, which n8n's
 * community-package scanner refuses in a published package (`no-dangerous-functions`). In n8n
 * every response is therefore checked by zod alone: the same answer, the bad field named the
 * same way, at zod's cost per item instead of the compiled check's (see docs/benchmarks.md).
 */
export function compiledCheck(): null {
  return null;
}
