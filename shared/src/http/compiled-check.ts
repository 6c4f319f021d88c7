// The file itself: ajv has no `exports` map, so an ESM import must name the file.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import { z } from 'zod';

/**
 * A fast yes/no check of a response against its zod schema, compiled once per schema by ajv
 * from zod's own JSON Schema (the one the OpenAPI document is made from), so both say the same.
 *
 * Why: zod's `safeParse` builds a new copy of everything it checks, and an observation's OCSF
 * event is most of its ~3 KB; a 1,000-item page cost ~21–33 µs an item to parse with zod, against
 * ~1.2–1.4 µs for this check, which only reads (measured on the sandbox's seed observations, see
 * docs/benchmarks.md, suite 1). Passing here means the value already is zod's output: response
 * schemas keep unknown fields (loose objects), and have no transforms or refinements (a test
 * walks every response schema to keep it so). When this says no, zod decides and names the
 * field, so a wrong type fails exactly as before and a default zod fills in still applies.
 */
const ajv = new Ajv2020({
  strict: false,
  allErrors: false,
  // Every format zod emits comes with a `pattern` that ajv checks; ajv's own format checkers
  // would only disagree with zod's at the edges.
  validateFormats: false,
});

const compiled = new WeakMap<z.ZodType, ValidateFunction | null>();

/** The compiled check, or null when the schema has no faithful JSON Schema (then zod alone). */
export function compiledCheck(schema: z.ZodType): ValidateFunction | null {
  let check = compiled.get(schema);
  if (check === undefined) {
    try {
      check = ajv.compile(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }));
    } catch {
      check = null;
    }
    compiled.set(schema, check);
  }
  return check;
}
