import { join } from 'node:path';
import type { SandboxOptions } from '@senseon/sandbox';
import { repoRoot } from './host';
import { startService, waitFor, type Service } from './processes';

/** The principals the end-to-end run and `npm run n8n` use; each is a distinct person. */
export interface SandboxTokens {
  admin: string;
  /** What the n8n credential and Zapier's auth use: works cases, requests actions. */
  analyst: string;
  /** A second principal who approves or rejects what the analyst's automations request. */
  approver: string;
  readonly: string;
}

/**
 * The analyst token also writes observations (a scope SenseOn grants after review) and may
 * approve, so that refusing to let it approve its own requests is the server's rule at work,
 * not a missing scope.
 */
export const ANALYST_SCOPES = [
  'actions:approve',
  'cases:read',
  'cases:write',
  'devices:read',
  'observations:read',
  'observations:write',
  'actions:request',
  'summaries:write',
  'webhooks:manage',
  'trace:read',
  'telemetry:read',
];
export const APPROVER_SCOPES = [
  'cases:read',
  'devices:read',
  'observations:read',
  'trace:read',
  'actions:approve',
];
export const READONLY_SCOPES = ['cases:read', 'devices:read', 'observations:read', 'trace:read'];

export interface RunningSandbox {
  /** Base URL including `/v1`, as the credentials want it. */
  url: string;
  port: number;
  docsUrl: string;
  tokens: SandboxTokens;
  service: Service;
  /** Opens a new critical case on a device, as a SenseOn detection would (emits case.created). */
  openCase(deviceId: string): Promise<string>;
}

/**
 * Starts a sandbox in a process of its own on 127.0.0.1, through `startSandbox` of
 * `@senseon/sandbox`, with fixed tokens; stop it with `stopService(sandbox.service)`.
 */
export async function startSandboxProcess(
  tokens: SandboxTokens,
  options: Omit<SandboxOptions, 'adminToken' | 'tokens'> & { logFile?: string } = {},
): Promise<RunningSandbox> {
  const { logFile, ...rest } = options;
  const sandboxOptions: SandboxOptions = {
    port: 0,
    host: '127.0.0.1',
    ...rest,
    adminToken: tokens.admin,
    tokens: [
      { name: 'analyst', value: tokens.analyst, scopes: ANALYST_SCOPES },
      { name: 'approver', value: tokens.approver, scopes: APPROVER_SCOPES },
      { name: 'readonly', value: tokens.readonly, scopes: READONLY_SCOPES },
    ],
  };
  const tsx = require.resolve('tsx/cli');
  const service = startService(
    'sandbox',
    process.execPath,
    [tsx, join(repoRoot, 'scripts', 'n8n', 'sandbox-child.ts')],
    {
      cwd: repoRoot,
      logFile,
      env: { ...process.env, SENSEON_SANDBOX_OPTIONS: JSON.stringify(sandboxOptions) },
      stdin: 'pipe',
    },
  );
  let started: { url: string; port: number; docsUrl: string } | undefined;
  const announced = async (): Promise<boolean> => {
    const line = service
      .output()
      .split('\n')
      .find((l) => l.startsWith('{"url"'));
    if (line) started = JSON.parse(line) as typeof started;
    return started !== undefined;
  };
  await Promise.race([
    waitFor('the sandbox to listen', announced, 60_000, 100),
    service.exited.then((code) => {
      const tail = service.output().trim().split('\n').slice(-5).join('\n');
      throw new Error(`the sandbox exited (${code}) before listening:\n${tail}`);
    }),
  ]);
  if (!started) throw new Error('the sandbox did not say where it listens');
  if (!(await sandboxAnswers(started.url, tokens.analyst))) {
    throw new Error(`the sandbox at ${started.url} refused the analyst token`);
  }
  return { ...started, tokens, service, openCase: (deviceId) => openCase(service, deviceId) };
}

let commandIds = 0;

/** Sends one command on the child's stdin and waits for its reply line on stdout. */
async function openCase(service: Service, deviceId: string): Promise<string> {
  const id = ++commandIds;
  service.child.stdin?.write(`${JSON.stringify({ id, command: 'openCase', deviceId })}\n`);
  let reply: { caseId?: string; error?: string } | undefined;
  await waitFor(
    'the sandbox to open the case',
    async () => {
      const line = service
        .output()
        .split('\n')
        .find((l) => l.startsWith(`{"reply":${id},`));
      if (line) reply = JSON.parse(line) as typeof reply;
      return reply !== undefined;
    },
    10_000,
    50,
  );
  if (!reply?.caseId) throw new Error(`the sandbox did not open a case: ${reply?.error}`);
  return reply.caseId;
}

/** True when `GET /me` answers 200 with this token. */
export async function sandboxAnswers(url: string, token: string): Promise<boolean> {
  const response = await fetch(`${url}/me`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5000),
  }).catch(() => undefined);
  return response?.ok === true;
}
