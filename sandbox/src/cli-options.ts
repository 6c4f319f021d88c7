import { parseArgs } from 'node:util';
import { SCOPES } from '@senseon/client';
import { isScope } from './auth/scopes';
import type { SandboxOptions, TokenSpec } from './config';

export const USAGE = `Usage: senseon-sandbox [options]

A local SenseOn API v1 with realistic data. Every option can also be set with an environment
variable (shown in brackets); a flag wins over the variable.

  --port <n>                   port to listen on, 0 for any free one (default 4010) [SENSEON_SANDBOX_PORT]
  --host <address>             address to bind (default 127.0.0.1) [SENSEON_SANDBOX_HOST]
  --db <file|:memory:>         database; with a file, everything survives a restart (default :memory:) [SENSEON_SANDBOX_DB]
  --seed <n>                   seed of the generated data set (default 42) [SENSEON_SANDBOX_SEED]
  --rate-limit <n>             requests per window per token (default 1000) [SENSEON_SANDBOX_RATE_LIMIT]
  --rate-window <seconds>      rate-limit window (default 60) [SENSEON_SANDBOX_RATE_WINDOW]
  --faults <spec>              e.g. error_rate=0.2,codes=500|503|504|429,latency_ms=100,webhook_drop=0.1,webhook_duplicate=0.1,after_commit=0.1 [SENSEON_SANDBOX_FAULTS]
  --simulate                   keep new observations and cases arriving [SENSEON_SANDBOX_SIMULATE=1]
  --simulate-interval <ms>     how often the simulator adds an observation (default 5000) [SENSEON_SANDBOX_SIMULATE_INTERVAL]
  --webhook-time-scale <f>     scale the webhook retry schedule, e.g. 0.001 (default 1) [SENSEON_SANDBOX_WEBHOOK_TIME_SCALE]
  --no-loopback-webhooks       refuse webhook and callback URLs on loopback too, as the SenseOn API does [SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS=false]
  --summary-delay <ms>         how long an AI summary takes (default 1000) [SENSEON_SANDBOX_SUMMARY_DELAY]
  --query-timeout <ms>         how long a telemetry read or hunt may scan (default 30000) [SENSEON_SANDBOX_QUERY_TIMEOUT]
  --admin-token <value>        the admin token's value (default: generated) [SENSEON_SANDBOX_ADMIN_TOKEN]
  --token <value>:<scopes>     an extra token, scopes comma-separated; repeatable [SENSEON_SANDBOX_TOKENS, ';'-separated]
  --quiet                      no request log [SENSEON_SANDBOX_QUIET=1]
  -h, --help                   this help
`;

export class UsageError extends Error {}

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number, got "${text}"`);
  return value;
}

/**
 * `<value>:<scope,scope>`. Scopes contain colons themselves (`cases:read`), and a value may too,
 * so the split is at the first colon after which everything is a list of known scopes.
 */
export function parseTokenSpec(text: string, index: number): TokenSpec {
  for (let colon = text.indexOf(':'); colon > 0; colon = text.indexOf(':', colon + 1)) {
    const scopes = text
      .slice(colon + 1)
      .split(',')
      .map((scope) => scope.trim());
    if (scopes.length > 0 && scopes.every(isScope)) {
      return { value: text.slice(0, colon), scopes, name: `token-${index + 1}` };
    }
  }
  throw new UsageError(
    `--token must be <value>:<scope,scope,…> with scopes among ${SCOPES.join(', ')}`,
  );
}

const truthy = (text: string | undefined) => text !== undefined && /^(1|true|yes|on)$/i.test(text);

/** Flags first, then `SENSEON_SANDBOX_*` variables, then the defaults in `resolveConfig`. */
export function optionsFromCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { help: true } | { help: false; options: SandboxOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string' },
        'rate-window': { type: 'string' },
        faults: { type: 'string' },
        simulate: { type: 'boolean' },
        'simulate-interval': { type: 'string' },
        'webhook-time-scale': { type: 'string' },
        'no-loopback-webhooks': { type: 'boolean' },
        'summary-delay': { type: 'string' },
        'query-timeout': { type: 'string' },
        'admin-token': { type: 'string' },
        token: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const flags = parsed.values;
  if (flags.help) return { help: true };
  const pick = (flag: string | undefined, variable: string) =>
    flag ?? env[`SENSEON_SANDBOX_${variable}`];
  const tokenTexts =
    flags.token ?? (env.SENSEON_SANDBOX_TOKENS ?? '').split(';').filter((t) => t.trim() !== '');
  const simulate = flags.simulate ?? truthy(env.SENSEON_SANDBOX_SIMULATE);
  const interval = numberOption(
    'simulate-interval',
    pick(flags['simulate-interval'], 'SIMULATE_INTERVAL'),
  );
  const options: SandboxOptions = {
    port: numberOption('port', pick(flags.port, 'PORT')),
    host: pick(flags.host, 'HOST'),
    db: pick(flags.db, 'DB'),
    seed: numberOption('seed', pick(flags.seed, 'SEED')),
    rateLimit: numberOption('rate-limit', pick(flags['rate-limit'], 'RATE_LIMIT')),
    rateWindowSeconds: numberOption('rate-window', pick(flags['rate-window'], 'RATE_WINDOW')),
    faults: pick(flags.faults, 'FAULTS'),
    simulate: simulate ? (interval !== undefined ? { intervalMs: interval } : true) : false,
    webhookTimeScale: numberOption(
      'webhook-time-scale',
      pick(flags['webhook-time-scale'], 'WEBHOOK_TIME_SCALE'),
    ),
    allowLoopbackWebhooks: flags['no-loopback-webhooks']
      ? false
      : env.SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS === undefined
        ? undefined
        : !/^(0|false|no|off)$/i.test(env.SENSEON_SANDBOX_ALLOW_LOOPBACK_WEBHOOKS),
    summaryDelayMs: numberOption('summary-delay', pick(flags['summary-delay'], 'SUMMARY_DELAY')),
    queryTimeoutMs: numberOption('query-timeout', pick(flags['query-timeout'], 'QUERY_TIMEOUT')),
    adminToken: pick(flags['admin-token'], 'ADMIN_TOKEN'),
    tokens: tokenTexts.map((text, index) => parseTokenSpec(text.trim(), index)),
    log: !(flags.quiet ?? truthy(env.SENSEON_SANDBOX_QUIET)),
  };
  // Leave unset options out, so resolveConfig's defaults apply.
  for (const key of Object.keys(options) as (keyof SandboxOptions)[]) {
    if (options[key] === undefined) delete options[key];
  }
  return { help: false, options };
}
