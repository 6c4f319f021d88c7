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

const NAMED_ESCAPES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

/**
 * Control characters (C0, DEL, C1, and the Unicode line and paragraph separators) written as
 * escapes: a request path or any other text a client chose could otherwise end a log line and
 * forge the next one, or drive the terminal with escape sequences.
 */
export function escapeControl(message: string): string {
  return message.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) =>
      NAMED_ESCAPES[char] ??
      (char.charCodeAt(0) <= 0xff
        ? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`
        : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/**
 * One line per message, always through `redact`, so a token or webhook secret cannot reach
 * the log even by accident (configured token values are registered with `addSecret`), and
 * through `escapeControl`, so a message is always exactly one line.
 */
export class ConsoleLogger implements Logger {
  private readonly secrets: string[] = [];

  constructor(private readonly enabled: boolean) {}

  addSecret(secret: string): void {
    this.secrets.push(secret);
  }

  info(message: string): void {
    if (this.enabled) process.stdout.write(`${escapeControl(redact(message, this.secrets))}\n`);
  }

  error(message: string): void {
    // Errors are always worth seeing, even when request logging is off.
    process.stderr.write(`${escapeControl(redact(message, this.secrets))}\n`);
  }
}
