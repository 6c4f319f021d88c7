import './quiet-sqlite-warning';
import { DEFAULT_TOKEN_SCOPES } from './auth/scopes';
import { optionsFromCli, USAGE, UsageError } from './cli-options';
import { startSandbox, type RunningSandbox } from './server';

function banner(sandbox: RunningSandbox, db: string): string {
  const lines = [
    '',
    `SenseOn API sandbox listening on ${sandbox.url}`,
    `  docs:     ${sandbox.docsUrl}`,
    `  openapi:  ${sandbox.url}/openapi.json`,
    `  database: ${db}`,
    `  tenants:  ${sandbox.tenants.join(', ')}`,
    '',
    'Tokens (send as "Authorization: Bearer <token>"):',
  ];
  for (const [name, value] of Object.entries(sandbox.tokens)) {
    const scopes =
      name in DEFAULT_TOKEN_SCOPES
        ? DEFAULT_TOKEN_SCOPES[name as keyof typeof DEFAULT_TOKEN_SCOPES].join(' ')
        : 'as given';
    lines.push(`  ${name.padEnd(9)} ${value}`, `            ${scopes}`);
  }
  lines.push(
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${sandbox.tokens.analyst}" ${sandbox.url}/cases?limit=3`,
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = optionsFromCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = performance.now();
  const sandbox = await startSandbox(parsed.options);
  // The banner is the one place token values are printed: that is how you get them.
  process.stdout.write(banner(sandbox, parsed.options.db ?? ':memory:'));
  process.stdout.write(
    `Ready in ${Math.round(performance.now() - started)} ms. Ctrl-C stops it.\n\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting at once.\n`);
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: closing the server and flushing the database…\n`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Closing failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `senseon-sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
