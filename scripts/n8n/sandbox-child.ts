/**
 * Runs one sandbox in its own process for `npm run n8n` and the end-to-end run, through the
 * sandbox package's public `startSandbox`, with the fixed tokens its parent gives it in
 * SENSEON_SANDBOX_OPTIONS (JSON; the environment, so no token shows in `ps`). Prints one JSON line
 * `{"url","port","docsUrl"}` once it listens, and stops on SIGTERM or SIGINT.
 *
 * Its stdin takes one JSON command a line, for what only SenseOn itself does (the API has no
 * "create case"): `{"id":1,"command":"openCase","deviceId":"dev_…"}` opens a new critical case on
 * that device, as a detection would, and answers `{"reply":1,"caseId":"case_…"}` on stdout;
 * `{"id":2,"command":"setFaults","faults":{"webhookDuplicate":0.3}}` changes the injected faults
 * (`null` for none) and answers `{"reply":2,"ok":true}`; `{"id":3,"command":"advanceClock","ms":3600000}`
 * moves the sandbox's clock on (pending approvals expire) and answers `{"reply":3,"ok":true}`.
 */
import { createInterface } from 'node:readline';
import {
  startSandbox,
  type FaultConfig,
  type RunningSandbox,
  type SandboxOptions,
} from '@senseon/sandbox';
// The sandbox's own way of opening a case (store it, trace it, emit case.created): internals,
// not part of the package's API, so straight from the source beside this script.
import { recordCase } from '../../sandbox/src/detections/record';
import { randomBase62 } from '../../sandbox/src/ids';

interface Command {
  id: number;
  command: 'openCase' | 'setFaults' | 'advanceClock';
  deviceId: string;
  /** For `setFaults`: the faults to inject from now on (null for none), e.g. duplicate deliveries. */
  faults?: FaultConfig | null;
  /** For `advanceClock`: how far to move the sandbox's clock on. */
  ms?: number;
}

/** A new critical case like the seeded ones, on `deviceId`, opened now. */
function openCase(sandbox: RunningSandbox, deviceId: string): string {
  const { repos, clock } = sandbox.services;
  const device = sandbox.tenants
    .map((tenantId) => repos.devices.get(tenantId, deviceId))
    .find((found) => found !== undefined);
  if (!device) throw new Error(`no device ${deviceId}`);
  const template = repos.cases
    .listForTenant(device.tenant_id)
    .find((c) => c.severity === 'critical');
  if (!template) throw new Error('the seed has no critical case to model a new one on');
  const now = new Date(clock.now()).toISOString();
  const id = `case_${randomBase62(10)}`;
  recordCase(sandbox.services, {
    ...template,
    id,
    title: `Cobalt Strike beacon on ${device.hostname} (opened by the end-to-end run)`,
    status: 'open',
    assignee: null,
    tags: ['e2e'],
    device_ids: [device.id],
    observation_count: 0,
    ai_summary: null,
    created_at: now,
    updated_at: now,
  });
  return id;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.env.SENSEON_SANDBOX_OPTIONS ?? '{}') as SandboxOptions;
  const sandbox = await startSandbox(options);
  const stop = (): void => {
    void sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  createInterface({ input: process.stdin }).on('line', (line) => {
    let command: Command | undefined;
    try {
      command = JSON.parse(line) as Command;
      if (command.command === 'setFaults') {
        sandbox.setFaults(command.faults ?? null);
        console.log(JSON.stringify({ reply: command.id, ok: true }));
        return;
      }
      if (command.command === 'advanceClock') {
        sandbox.clock.advance(Number(command.ms));
        console.log(JSON.stringify({ reply: command.id, ok: true }));
        return;
      }
      if (command.command !== 'openCase') throw new Error(`unknown command ${command.command}`);
      console.log(
        JSON.stringify({ reply: command.id, caseId: openCase(sandbox, command.deviceId) }),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(JSON.stringify({ reply: command?.id ?? null, error: message }));
    }
  });
  console.log(JSON.stringify({ url: sandbox.url, port: sandbox.port, docsUrl: sandbox.docsUrl }));
}

main().catch((error: unknown) => {
  console.error(
    `sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
