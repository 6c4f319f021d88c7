/**
 * Runs one sandbox in its own process for `npm run n8n` and the end-to-end run, through the
 * sandbox package's public `startSandbox`, with the fixed tokens its parent gives it in
 * SENSEON_SANDBOX_OPTIONS (JSON; the environment, so no token shows in `ps`). Prints one JSON line
 * `{"url","port","docsUrl"}` once it listens, and stops on SIGTERM or SIGINT.
 */
import { startSandbox, type SandboxOptions } from '@senseon/sandbox';

async function main(): Promise<void> {
  const options = JSON.parse(process.env.SENSEON_SANDBOX_OPTIONS ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox(options);
  const stop = (): void => {
    void sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(JSON.stringify({ url: sandbox.url, port: sandbox.port, docsUrl: sandbox.docsUrl }));
}

main().catch((error: unknown) => {
  console.error(
    `sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
