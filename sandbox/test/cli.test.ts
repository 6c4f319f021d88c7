import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { optionsFromCli, parseTokenSpec } from '../src/cli-options';

const REPO = join(__dirname, '..', '..');
/** The command from source, as `npm run sandbox` runs it (the bin needs the built dist/). */
const CLI = join(REPO, 'sandbox', 'src', 'cli.ts');

describe('command line options', () => {
  it('maps flags, falls back to SENSEON_SANDBOX_* variables, and lets flags win', () => {
    const parsed = optionsFromCli(
      [
        '--port',
        '0',
        '--rate-limit',
        '10',
        '--token',
        'abc:def:cases:read,devices:read',
        '--simulate',
        '--webhook-time-scale',
        '0.001',
      ],
      {
        SENSEON_SANDBOX_PORT: '9999',
        SENSEON_SANDBOX_SEED: '7',
        SENSEON_SANDBOX_FAULTS: 'latency_ms=5',
      },
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        port: 0,
        seed: 7,
        rateLimit: 10,
        faults: 'latency_ms=5',
        simulate: true,
        webhookTimeScale: 0.001,
        tokens: [{ value: 'abc:def', scopes: ['cases:read', 'devices:read'], name: 'token-1' }],
        log: true,
      },
    });
  });

  it('reads repeated tokens from one variable, and names what is wrong', () => {
    const parsed = optionsFromCli([], {
      SENSEON_SANDBOX_TOKENS: 'aaaaaaaa:cases:read;bbbbbbbb:trace:read',
    });
    expect(parsed.help === false && parsed.options.tokens?.map((t) => t.value)).toEqual([
      'aaaaaaaa',
      'bbbbbbbb',
    ]);
    expect(() => optionsFromCli(['--port', 'eighty'], {})).toThrow(/--port/);
    expect(() => optionsFromCli(['--bogus'], {})).toThrow(/bogus/);
    expect(() => parseTokenSpec('novalue', 0)).toThrow(/--token/);
  });
});

describe('the senseon-sandbox command', () => {
  it('starts, prints the URL, tokens and docs, answers, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--quiet'], {
      cwd: REPO,
      env: { ...process.env, SENSEON_SANDBOX_ADMIN_TOKEN: 'cli-test-admin-token-0001' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const deadline = Date.now() + 20_000;
      while (!/Ready in/.test(output) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(output).toMatch(/docs:\s+http:\/\/127\.0\.0\.1:\d+\/docs/);
      expect(output).toContain('cli-test-admin-token-0001');
      expect(output).not.toMatch(/ExperimentalWarning/);
      const analyst = /analyst\s+(senseon_pat_\w+)/.exec(output)?.[1];
      expect(analyst).toBeDefined();
      const res = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${analyst}` } });
      expect(res.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: closing/);
  });
});
