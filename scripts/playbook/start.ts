import { startSandbox } from '@senseon/sandbox';
import { bold, dim } from './report';
import { runPlaybook } from './playbook';
import { RescheduleLog } from './reschedule';

/**
 * `npm start`: the embedded sandbox with live simulation, then the flagship playbook through the
 * Zapier app. `--once` exits after the playbook (0 only when every step succeeded).
 */
async function main() {
  const args = process.argv.slice(2);
  const once = args.includes('--once');
  const portArg = args[args.indexOf('--port') + 1];
  const port = args.includes('--port') ? Number(portArg) : Number(process.env.PORT ?? 4010);

  console.log(bold('SenseOn connectors: the flagship SOC playbook on the embedded sandbox\n'));
  const sandbox = await startSandbox({ port, simulate: true });
  console.log(`Sandbox API   ${sandbox.url}`);
  console.log(`API docs      ${sandbox.docsUrl}`);
  console.log(`Tokens        ${dim('(sandbox only; use them to connect Zapier or n8n to it)')}`);
  for (const [name, value] of Object.entries(sandbox.tokens)) {
    console.log(`  ${name.padEnd(10)} ${value}`);
  }
  console.log('');

  let ok = false;
  const reschedules = new RescheduleLog();
  try {
    ok = await runPlaybook(sandbox, reschedules);
  } catch (error) {
    console.error(`The playbook stopped: ${(error as Error).message}`);
  }
  if (reschedules.entries.length > 0) {
    console.log(
      dim(
        `${reschedules.count} steps throttled (429) and rescheduled, ${reschedules.replays} reads replayed after an error, as Zapier does`,
      ),
    );
  }

  if (once) {
    await sandbox.close();
    process.exit(ok ? 0 : 1);
  }
  console.log(`\nThe sandbox keeps serving at ${sandbox.url} (docs: ${sandbox.docsUrl}).`);
  console.log('New observations and cases keep arriving. Press Ctrl-C to stop.');
  const stop = async () => {
    await sandbox.close();
    process.exit(ok ? 0 : 1);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
