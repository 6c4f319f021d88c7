/**
 * The Zapier app through Zapier's own CLI (19, on the project's Node 22): the bundled folder
 * validates and builds into build.zip, and `zapier-platform invoke` runs the auth test, a
 * polling trigger, creates and searches against the sandbox, with auth from `.env`. Hook
 * triggers and callbacks are beyond `invoke`; the jest suites cover them with the app tester.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../scripts/n8n/lib/host';
import type { E2eContext } from './context';
import { expect } from './report';
import { SandboxApi, type Page } from './sandbox-api';

const exec = promisify(execFile);
const BUILD_DIR = join(repoRoot, 'zapier-app', '.build');
const BUILD_ZIP = join(repoRoot, 'zapier-app', 'build.zip');
const CLI = join(repoRoot, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');

/** Node 22 first on PATH: the CLI refuses older Node, and `invoke` runs the app on `node`. */
function zapierEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${join(repoRoot, 'node_modules', '.bin')}:${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    DISABLE_ZAPIER_ANALYTICS: '1',
  };
}

async function npmRun(script: string): Promise<string> {
  try {
    const { stdout, stderr } = await exec('npm', ['run', script], {
      cwd: repoRoot,
      env: zapierEnv(),
      maxBuffer: 64 << 20,
    });
    return stdout + stderr;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    const tail = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim().split('\n').slice(-8);
    throw new Error(`npm run ${script} exited ${failed.code}:\n${tail.join('\n')}`);
  }
}

/** Everything printed by the invokes, to prove the token never shows. */
let printed = '';

async function invoke(args: string[]): Promise<unknown> {
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      [CLI, 'invoke', ...args, '--non-interactive'],
      { cwd: BUILD_DIR, env: zapierEnv(), maxBuffer: 64 << 20, timeout: 120_000 },
    );
    printed += stdout + stderr;
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    printed += `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
    const tail = `${failed.stderr ?? ''}${failed.stdout ?? ''}`.trim().split('\n').slice(-6);
    throw new Error(
      `zapier-platform invoke ${args.slice(0, 2).join(' ')} failed:\n${tail.join('\n') || failed.message}`,
    );
  }
}

export async function zapierPart(ctx: E2eContext): Promise<void> {
  const { checks } = ctx;
  const sandbox = ctx.sandbox!;
  const analyst = new SandboxApi(sandbox.url, sandbox.tokens.analyst);

  await checks.must(
    'zapier-platform validate --without-style on the bundled app (npm run zapier:validate)',
    async () => {
      const out = await npmRun('zapier:validate');
      expect(
        /structurally sound|No structural errors/i.test(out),
        `validate said:\n${out.slice(-400)}`,
      );
      return 'structurally sound';
    },
  );
  await checks.must('zapier-platform build (npm run zapier:build) makes build.zip', async () => {
    await npmRun('zapier:build');
    expect(existsSync(BUILD_ZIP), `${BUILD_ZIP} is missing`);
    const { stdout } = await exec('unzip', ['-l', BUILD_ZIP], { maxBuffer: 64 << 20 });
    expect(/\sindex\.js\n/.test(stdout), 'build.zip holds no index.js');
    expect(/zapier-platform-core\//.test(stdout), 'build.zip holds no zapier-platform-core');
    return `${(statSync(BUILD_ZIP).size / 1024).toFixed(0)} KiB`;
  });

  // Auth for `invoke`, as the CLI documents it; the file is private and never printed.
  writeFileSync(
    join(BUILD_DIR, '.env'),
    `authData_environment=sandbox\nauthData_baseUrl=${sandbox.url}\nauthData_token=${sandbox.tokens.analyst}\n`,
    { mode: 0o600 },
  );

  await checks.check('invoke auth test: the token is accepted and names its tenant', async () => {
    const me = (await invoke(['auth', 'test'])) as {
      principal?: string;
      tenant?: { name?: string };
    };
    expect(me.principal === 'analyst', `principal ${String(me.principal)}`);
    expect(me.tenant?.name, 'no tenant name');
    return `${me.tenant?.name} (${me.principal})`;
  });

  const caseId = await checks.check(
    'invoke trigger case_list (polling): newest cases',
    async () => {
      const cases = (await invoke(['trigger', 'case_list'])) as { id: string; title: string }[];
      expect(Array.isArray(cases) && cases.length > 0, 'no cases');
      expect(
        cases.every((c) => c.id.startsWith('case_')),
        'an item without a case id',
      );
      return cases[0]!.id;
    },
  );
  if (!caseId) return;

  await checks.check('invoke create add_case_comment: the comment lands on the case', async () => {
    const body = `Zapier e2e comment ${Date.now()}`;
    const comment = (await invoke([
      'create',
      'add_case_comment',
      '-i',
      JSON.stringify({ case_id: caseId, body }),
    ])) as { id?: string };
    expect(
      comment.id?.startsWith('cmt_'),
      `no comment id: ${JSON.stringify(comment).slice(0, 200)}`,
    );
    const listed = await analyst.get<Page<{ id: string; body: string }>>(
      `/cases/${caseId}/comments?limit=1000`,
    );
    expect(
      listed.data.some((c) => c.id === comment.id && c.body === body),
      'the sandbox does not list the new comment',
    );
    return `${comment.id} on ${caseId}`;
  });

  await checks.check(
    'invoke create add_ioc: runs at once (no approval for an automation)',
    async () => {
      const action = (await invoke([
        'create',
        'add_ioc',
        '-i',
        JSON.stringify({
          case_id: caseId,
          ioc_type: 'domain',
          ioc_value: 'update-check.example.net',
          justification: 'Zapier e2e: C2 domain from the case.',
        }),
      ])) as { id?: string; type?: string; status?: string; requires_approval?: boolean };
      expect(
        action.id?.startsWith('act_'),
        `no action id: ${JSON.stringify(action).slice(0, 200)}`,
      );
      expect(
        action.type === 'add_ioc' && action.requires_approval === false,
        JSON.stringify(action).slice(0, 200),
      );
      return `${action.id} ${action.status}`;
    },
  );

  await checks.check('invoke search find_case: finds the case by id', async () => {
    const found = (await invoke([
      'search',
      'find_case',
      '-i',
      JSON.stringify({ case_id: caseId }),
    ])) as {
      id: string;
    }[];
    expect(Array.isArray(found) && found.length === 1, `${JSON.stringify(found).slice(0, 200)}`);
    expect(found[0]!.id === caseId, `found ${found[0]!.id}`);
    return caseId;
  });

  await checks.check('invoke search find_device: finds a device by hostname', async () => {
    const device = (await analyst.get<Page<{ id: string; hostname: string }>>('/devices?limit=1'))
      .data[0];
    expect(device, 'the sandbox has no devices');
    const found = (await invoke([
      'search',
      'find_device',
      '-i',
      JSON.stringify({ hostname: device.hostname.toLowerCase() }),
    ])) as { id: string; hostname?: string }[];
    expect(Array.isArray(found) && found.length === 1, `${JSON.stringify(found).slice(0, 200)}`);
    expect(found[0]!.id === device.id, `found ${found[0]!.id}, expected ${device.id}`);
    return `${device.hostname} → ${device.id}`;
  });

  await checks.check('the token never appears in anything the Zapier CLI printed', () => {
    expect(printed.length > 0, 'nothing was printed');
    expect(!printed.includes(sandbox.tokens.analyst), 'the token was printed');
    return `${printed.length} characters checked`;
  });
}
