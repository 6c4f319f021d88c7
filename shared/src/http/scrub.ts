import { SenseOnError } from '../errors/senseon-error';
import { redactText, redactValue } from '../errors/redact';

/**
 * The last line of defence for secrets: whatever a transport threw, what leaves the client has
 * the token scrubbed from its message, stack and details. Foreign errors are re-wrapped without
 * their cause, since a platform error may carry the whole request, headers included.
 */
export function scrubError(error: unknown, secrets: readonly string[]): SenseOnError {
  if (error instanceof SenseOnError) {
    error.message = redactText(error.message, secrets);
    if (error.stack) error.stack = redactText(error.stack, secrets);
    // Every public field a subclass added (`fields`, `issues`, `serverMessage`…) too.
    const fields = error as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = redactValue(fields[key], secrets);
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SenseOnError(`The transport failed: ${message}`, {
    code: 'TRANSPORT_ERROR',
    secrets,
  });
}
