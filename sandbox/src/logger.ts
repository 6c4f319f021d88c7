import { TOKEN_PATTERN } from './auth/token-values';

export interface Logger {
  info(message: string): void;
  error(message: string): void;
}

const SECRET_SHAPES = [TOKEN_PATTERN, /whsec_[A-Za-z0-9+/=]+/g, /\b(Bearer)\s+[^\s"',;]+/gi];

/** Replaces anything shaped like a token, a webhook secret or a bearer credential. */
export function redact(message: string, secrets: readonly string[] = []): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[REDACTED]');
  for (const shape of SECRET_SHAPES) {
    out = out.replace(shape, (match, bearer?: string) =>
      typeof bearer === 'string' && /^bearer$/i.test(bearer)
        ? `${bearer} [REDACTED]`
        : '[REDACTED]',
    );
  }
  return out;
}

/**
 * One line per message, always through `redact`, so a token or webhook secret cannot reach
 * the log even by accident (configured token values are registered with `addSecret`).
 */
export class ConsoleLogger implements Logger {
  private readonly secrets: string[] = [];

  constructor(private readonly enabled: boolean) {}

  addSecret(secret: string): void {
    this.secrets.push(secret);
  }

  info(message: string): void {
    if (this.enabled) process.stdout.write(`${redact(message, this.secrets)}\n`);
  }

  error(message: string): void {
    // Errors are always worth seeing, even when request logging is off.
    process.stderr.write(`${redact(message, this.secrets)}\n`);
  }
}
