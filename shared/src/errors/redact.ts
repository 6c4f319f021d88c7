const REDACTED = '[REDACTED]';

/** Shorter strings are too likely to occur by chance to be worth replacing. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes every known secret, and anything that looks like a bearer credential, from a text.
 * Servers sometimes echo the Authorization header in error messages; those must never reach logs.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  return out.replace(/\b(Bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
}

/** `redactText` applied to every string inside a JSON-like value. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, secrets);
    return out as T;
  }
  return value;
}
