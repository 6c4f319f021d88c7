/**
 * The published packages, as a user gets them: `npm run packages:verify`.
 *
 * Builds `@senseon/client` and `@senseon/sandbox`, and `n8n-nodes-senseon` (`npm run n8n:build`),
 * packs the three with `npm pack`, and installs each tarball into an empty folder:
 *
 *   @senseon/client    on the system Node 20 (/usr/bin first on PATH): `require` and `import`
 *                      give the same exports as the source; the types resolve for both (tsc,
 *                      node16); the quickstart of shared/README.md, taken from the README, runs
 *                      against a sandbox started here on 127.0.0.1, port 0.
 *   @senseon/sandbox   on the project's Node 22: its `senseon-sandbox` bin starts the server,
 *                      which answers with the token given on the command line, serves the docs
 *                      and the same OpenAPI document as shared/openapi.json, and stops on SIGTERM;
 *                      on Node 20 the bin exits 1 and says why.
 *   n8n-nodes-senseon  on Node 20, installed as n8n installs a community package: nothing but the
 *                      package itself; beside n8n-workflow (n8n's, a peer), every file of its `n8n`
 *                      block loads and gives its class.
 *
 * One line per check, then `N passed, M failed`; exit 1 on any failure. The temporary folders are
 * removed and every server is stopped (by PID) on the way out. The system Node is taken from
 * /usr/bin, or from the folder in SENSEON_SYSTEM_NODE_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import * as source from '@senseon/client';
import { startSandbox } from '@senseon/sandbox';

const REPO = resolve(__dirname, '..', '..');
/** Where the older Node the client and the n8n nodes must run on is (its `node`, and `npm`). */
const SYSTEM_BIN = process.env.SENSEON_SYSTEM_NODE_DIR ?? '/usr/bin';
/** The project's own Node 22 (the `node` dev dependency), which `npm run` uses. */
const NODE22 = join(REPO, 'node_modules', 'node', 'bin', 'node');
const TYPESCRIPT = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const NODE_TYPES = join(REPO, 'node_modules', '@types');

const CLIENT = '@senseon/client';
const SANDBOX = '@senseon/sandbox';
const N8N = 'n8n-nodes-senseon';

// ---------------------------------------------------------------------------------------------
// Reporting

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

class Group {
  readonly outcomes: Outcome[] = [];
  constructor(readonly title: string) {}

  /** Runs one check; a failure is recorded, not thrown, unless the next checks need it. */
  async check(name: string, body: () => Promise<string>, required = false): Promise<boolean> {
    try {
      this.outcomes.push({ name, ok: true, detail: await body() });
      return true;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.outcomes.push({ name, ok: false, detail });
      if (required) throw new Skip(name);
      return false;
    }
  }

  print(): void {
    console.log(`\n== ${this.title}`);
    for (const { name, ok, detail } of this.outcomes) {
      const lines = detail.trim().split('\n');
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${lines[0] ? `: ${lines[0]}` : ''}`);
      for (const line of lines.slice(1)) console.log(`       ${line}`);
    }
  }
}

/** A required check failed: the rest of its group cannot run. */
class Skip extends Error {}

async function inGroup(group: Group, body: (group: Group) => Promise<void>): Promise<Group> {
  try {
    await body(group);
  } catch (error) {
    if (!(error instanceof Skip)) {
      group.outcomes.push({ name: 'unexpected error', ok: false, detail: String(error) });
    } else {
      group.outcomes.push({
        name: 'the remaining checks',
        ok: false,
        detail: `not run: they need "${error.message}"`,
      });
    }
  }
  return group;
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What the outer `npm run` put in the environment about this repository, left out. */
const NPM_RUN_VARIABLES =
  /^(npm_package_|npm_lifecycle_|npm_command$|npm_execpath$|npm_node_execpath$|npm_config_local_prefix$|npm_config_user_agent$|npm_config_call$|NODE$|INIT_CWD$)/;

/** An environment whose `node` and `npm` come from `binDirs` first, nothing from the repo. */
function envWith(binDirs: string[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!NPM_RUN_VARIABLES.test(key) && key !== 'PATH') env[key] = value;
  }
  const rest = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !dir.includes('node_modules') && !binDirs.includes(dir));
  env.PATH = [...binDirs, ...rest].join(delimiter);
  return env;
}

const ENV20 = envWith([SYSTEM_BIN]);
const ENV22 = envWith([dirname(NODE22), SYSTEM_BIN]);
const ENV_REPO = process.env;

function run(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(child.pid, 'SIGKILL');
    }, options.timeoutMs ?? 240_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

const tail = (text: string, lines = 12) => text.trim().split('\n').slice(-lines).join('\n');

/** Runs it and fails with the end of its output unless it exits 0. */
async function mustRun(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.code !== 0) {
    throw new Error(
      `${basename(command)} ${args.join(' ')} exited ${ran.code}\n${tail(ran.stderr + ran.stdout)}`,
    );
  }
  return ran;
}

// ---------------------------------------------------------------------------------------------
// Packing

interface Packed {
  name: string;
  filename: string;
  size: number;
  files: { path: string }[];
}

function expectFiles(packed: Packed, must: string[], mustNot: RegExp): string {
  const paths = packed.files.map((f) => f.path);
  const missing = must.filter((path) => !paths.includes(path));
  if (missing.length > 0) throw new Error(`${packed.filename} lacks ${missing.join(', ')}`);
  const stray = paths.filter((path) => mustNot.test(path));
  if (stray.length > 0) throw new Error(`${packed.filename} should not hold ${stray.join(', ')}`);
  return `${packed.filename}, ${paths.length} files, ${(packed.size / 1024).toFixed(0)} KiB`;
}

function n8nFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO, 'n8n-nodes', 'package.json'), 'utf8')) as {
    n8n: { credentials: string[]; nodes: string[] };
  };
  return [...manifest.n8n.credentials, ...manifest.n8n.nodes];
}

// ---------------------------------------------------------------------------------------------
// @senseon/client

/** The names the source exports (values only: types leave no trace at run time). */
const EXPECTED_EXPORTS = Object.keys(source)
  .filter((key) => key !== 'default' && key !== '__esModule')
  .sort();

const PRINT_EXPORTS = `console.log(JSON.stringify({
  exports: Object.keys(client).filter((k) => k !== 'default' && k !== '__esModule').sort(),
  client: typeof new client.SenseOnClient({ baseUrl: 'http://127.0.0.1:9/v1', token: 'x' }).cases.list,
  node: process.version,
}));`;

function compareExports(stdout: string, where: string): string {
  const got = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
    exports: string[];
    client: string;
    node: string;
  };
  const missing = EXPECTED_EXPORTS.filter((name) => !got.exports.includes(name));
  const extra = got.exports.filter((name) => !EXPECTED_EXPORTS.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${where}: missing [${missing.join(', ')}], extra [${extra.join(', ')}]`);
  }
  if (got.client !== 'function') throw new Error(`${where}: new SenseOnClient(…).cases.list`);
  return `${got.exports.length} exports, as the source; SenseOnClient works (Node ${got.node})`;
}

/** The first ```js block of shared/README.md, and the `--token value:scopes` it tells you to start the sandbox with. */
function readmeQuickstart(): { code: string; token: string; scopes: string[] } {
  const readme = readFileSync(join(REPO, 'shared', 'README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error('shared/README.md has no ```js block');
  const spec = /--token ([^\s:`]+):([\w:,]+)/.exec(readme.slice(0, readme.indexOf('```js')));
  if (!spec?.[1] || !spec[2])
    throw new Error('shared/README.md does not say `--token <value>:<scopes>` before it');
  return { code, token: spec[1], scopes: spec[2].split(',') };
}

async function checkClient(group: Group, tgz: string, dir: string): Promise<void> {
  mkdirSync(dir);
  await group.check(
    'npm install on Node 20',
    async () => {
      await mustRun('npm', ['init', '-y'], { cwd: dir, env: ENV20 });
      await mustRun('npm', ['install', '--no-audit', '--no-fund', tgz], { cwd: dir, env: ENV20 });
      const installed = readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
      // The client's two runtime dependencies, zod and ajv (its compiled response check), and
      // what ajv itself declares: nothing else may come with it.
      const ajvManifest = JSON.parse(
        readFileSync(join(dir, 'node_modules', 'ajv', 'package.json'), 'utf8'),
      ) as { dependencies?: Record<string, string> };
      const expected = ['@senseon', 'ajv', 'zod', ...Object.keys(ajvManifest.dependencies ?? {})];
      if (installed.join() !== expected.sort().join()) {
        throw new Error(`node_modules holds ${installed.join(', ')}; expected only ${expected}`);
      }
      const { stdout } = await mustRun('node', ['--version'], { cwd: dir, env: ENV20 });
      return `@senseon/client, zod, ajv and ajv's ${expected.length - 3} dependencies, nothing else (node ${stdout.trim()})`;
    },
    true,
  );

  await group.check("require('@senseon/client')", async () => {
    const script = `const client = require('@senseon/client');
if (!require.resolve('@senseon/client').endsWith('dist/index.cjs')) throw new Error(require.resolve('@senseon/client'));
${PRINT_EXPORTS}`;
    const { stdout } = await mustRun('node', ['-e', script], { cwd: dir, env: ENV20 });
    return `dist/index.cjs: ${compareExports(stdout, 'require')}`;
  });

  await group.check("import … from '@senseon/client'", async () => {
    const script = `import * as client from '@senseon/client';
import { SenseOnClient } from '@senseon/client';
if (client.SenseOnClient !== SenseOnClient) throw new Error('two SenseOnClient');
if (!import.meta.resolve('@senseon/client').endsWith('dist/index.mjs')) throw new Error(import.meta.resolve('@senseon/client'));
${PRINT_EXPORTS}`;
    const { stdout } = await mustRun('node', ['--input-type=module', '-e', script], {
      cwd: dir,
      env: ENV20,
    });
    return `dist/index.mjs: ${compareExports(stdout, 'import')}`;
  });

  await group.check('types for import and require (tsc, module node16)', async () => {
    // The same consumer twice: as ESM (.mts, resolved with `import`) and CommonJS (.cts, `require`).
    const consumer = `import { SenseOnClient, ApiError, type Case } from '@senseon/client';
const senseon = new SenseOnClient({ baseUrl: 'http://127.0.0.1:4010/v1', token: 'sandbox-token' });
export async function firstTitle(): Promise<string | undefined> {
  const page = await senseon.cases.list({ limit: 1 });
  const first: Case | undefined = page.data[0];
  return first?.title;
}
export const failed = (error: unknown): boolean => error instanceof ApiError;
`;
    writeFileSync(join(dir, 'esm.mts'), consumer);
    writeFileSync(join(dir, 'cjs.cts'), consumer);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          typeRoots: [NODE_TYPES],
          types: ['node'],
          traceResolution: true,
        },
        files: ['esm.mts', 'cjs.cts'],
      }),
    );
    const ran = await run('node', [TYPESCRIPT, '-p', 'tsconfig.json'], { cwd: dir, env: ENV20 });
    const errors = ran.stdout.split('\n').filter((line) => /error TS/.test(line));
    if (ran.code !== 0) throw new Error(tail(errors.join('\n') || ran.stdout + ran.stderr));
    const resolved = (file: string) =>
      new RegExp(
        `'@senseon/client' was successfully resolved to '[^']*/${file.replace(/\./g, '\\.')}'`,
      ).test(ran.stdout);
    if (!resolved('dist/index.d.mts') || !resolved('dist/index.d.ts')) {
      throw new Error('the import and the require did not resolve to index.d.mts and index.d.ts');
    }
    return 'esm.mts → dist/index.d.mts, cjs.cts → dist/index.d.ts, no errors';
  });

  await group.check('the shared/README.md quickstart against a sandbox', async () => {
    const quickstart = readmeQuickstart();
    const sandbox = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      tokens: [{ name: 'quickstart', value: quickstart.token, scopes: quickstart.scopes }],
    });
    try {
      const readmeUrl = 'http://127.0.0.1:4010/v1';
      if (quickstart.code.split(readmeUrl).length !== 2) {
        throw new Error(`the quickstart should name ${readmeUrl} once (the sandbox's default)`);
      }
      // The one change: this sandbox listens on a free port instead of 4010.
      writeFileSync(join(dir, 'quickstart.mjs'), quickstart.code.replace(readmeUrl, sandbox.url));
      const { stdout } = await mustRun('node', ['quickstart.mjs'], {
        cwd: dir,
        env: ENV20,
        timeoutMs: 30_000,
      });
      const lines = stdout.trim().split('\n');
      if (
        lines.length !== 3 ||
        !lines.every((l) => /^case_\w+ (critical|high|medium|low|info\w*) \S/.test(l))
      ) {
        throw new Error(`expected three cases, printed:\n${stdout}`);
      }
      return `printed ${lines.length} cases, e.g. "${lines[0]}"`;
    } finally {
      await sandbox.close();
    }
  });
}

// ---------------------------------------------------------------------------------------------
// @senseon/sandbox

/** Stops the server by its PID (the bin runs it in its own process, no wrapper), and waits. */
async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    process.kill(child.pid, 'SIGTERM');
    const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 10_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      process.kill(child.pid, 'SIGKILL');
      throw new Error(`the sandbox (pid ${child.pid}) ignored SIGTERM for 10 s: killed`);
    }
  }
  return exited;
}

async function checkSandbox(group: Group, tgz: string, dir: string): Promise<void> {
  mkdirSync(dir);
  const bin = join(dir, 'node_modules', '.bin', 'senseon-sandbox');
  await group.check(
    'npm install on Node 22',
    async () => {
      await mustRun('npm', ['init', '-y'], { cwd: dir, env: ENV22 });
      await mustRun('npm', ['install', '--no-audit', '--no-fund', tgz], { cwd: dir, env: ENV22 });
      const unwanted = ['@senseon/client', 'tsx', '@hono/zod-validator'].filter((name) =>
        existsSync(join(dir, 'node_modules', name)),
      );
      if (unwanted.length > 0) throw new Error(`installed ${unwanted.join(', ')} too`);
      if (!existsSync(bin)) throw new Error('no node_modules/.bin/senseon-sandbox');
      const count = readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
      return `hono, @hono/node-server, swagger-ui-dist, zod and theirs: ${count.length} folders, no @senseon/client, tsx or @hono/zod-validator`;
    },
    true,
  );

  const token = 'verify-sandbox-token';
  const child = spawn(
    bin,
    ['--port', '0', '--host', '127.0.0.1', '--quiet', '--token', `${token}:cases:read`],
    { cwd: dir, env: ENV22, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (error) => (output += `${String(error)}\n`));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  try {
    let url = '';
    await group.check(
      'senseon-sandbox --port 0 starts (Node 22)',
      async () => {
        const deadline = Date.now() + 30_000;
        while (!/Ready in/.test(output) && child.exitCode === null && Date.now() < deadline) {
          await new Promise((done) => setTimeout(done, 50));
        }
        url = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(output)?.[1] ?? '';
        if (!url || !/Ready in/.test(output)) throw new Error(`did not start:\n${tail(output)}`);
        if (/ExperimentalWarning/.test(output))
          throw new Error(`printed a warning:\n${tail(output)}`);
        return `pid ${child.pid}, ${url}, ${/Ready in \d+ ms/.exec(output)?.[0]}`;
      },
      true,
    );

    await group.check('GET /v1/cases with the --token given', async () => {
      const res = await fetch(`${url}/cases?limit=2`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { data?: { id: string }[] };
      if (res.status !== 200 || body.data?.length !== 2) {
        throw new Error(`${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
      const refused = await fetch(`${url}/cases`, {
        headers: { authorization: 'Bearer wrong-token-1' },
      });
      if (refused.status !== 401) throw new Error(`a wrong token got ${refused.status}, not 401`);
      return `200 with ${body.data.map((c) => c.id).join(', ')}; 401 with a wrong token`;
    });

    await group.check('the docs page and swagger-ui-dist, from dist/', async () => {
      const origin = url.replace(/\/v1$/, '');
      const page = await fetch(`${origin}/docs`);
      const css = await fetch(`${origin}/docs/swagger-ui.css`);
      if (page.status !== 200 || css.status !== 200) {
        throw new Error(`/docs ${page.status}, /docs/swagger-ui.css ${css.status}`);
      }
      return `/docs 200, /docs/swagger-ui.css 200 (${(await css.arrayBuffer()).byteLength} bytes)`;
    });

    await group.check('GET /v1/openapi.json is shared/openapi.json', async () => {
      type Doc = { paths: unknown; components: unknown };
      const served = (await (await fetch(`${url}/openapi.json`)).json()) as Doc;
      const committed = JSON.parse(
        readFileSync(join(REPO, 'shared', 'openapi.json'), 'utf8'),
      ) as Doc;
      for (const key of ['paths', 'components'] as const) {
        if (JSON.stringify(served[key]) !== JSON.stringify(committed[key])) {
          throw new Error(`the bundled contract's ${key} differ from shared/openapi.json`);
        }
      }
      return `${Object.keys(committed.paths as object).length} paths and every component, the same`;
    });

    await group.check('stops on SIGTERM to its PID', async () => {
      const code = await stop(child, exited);
      if (code !== 0) throw new Error(`exited ${code}:\n${tail(output)}`);
      const after = await fetch(`${url}/cases`).then(
        () => 'still answering',
        () => 'closed',
      );
      if (after !== 'closed') throw new Error('the port still answers after exit');
      return `pid ${child.pid} exited 0, port closed`;
    });
  } finally {
    await stop(child, exited).catch(() => undefined);
  }

  await group.check('on Node 20 the bin exits 1 and says why', async () => {
    const ran = await run(bin, ['--port', '0', '--host', '127.0.0.1'], {
      cwd: dir,
      env: ENV20,
      timeoutMs: 20_000,
    });
    const message = ran.stderr.trim();
    if (ran.code !== 1 || !/needs Node 22 or newer.*; this is Node 20\./.test(message)) {
      throw new Error(`exit ${ran.code}: ${tail(ran.stderr + ran.stdout, 4)}`);
    }
    return message;
  });
}

// ---------------------------------------------------------------------------------------------
// n8n-nodes-senseon

async function checkN8n(group: Group, tgz: string, dir: string): Promise<void> {
  mkdirSync(dir);
  const files = n8nFiles();
  await group.check(
    'installed as n8n does (--omit=dev --omit=peer --ignore-scripts), Node 20',
    async () => {
      await mustRun('npm', ['init', '-y'], { cwd: dir, env: ENV20 });
      await mustRun(
        'npm',
        [
          'install',
          '--omit=dev',
          '--omit=peer',
          '--ignore-scripts',
          '--no-audit',
          '--no-fund',
          tgz,
        ],
        { cwd: dir, env: ENV20 },
      );
      const installed = readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));
      if (installed.join() !== N8N) {
        throw new Error(
          `node_modules holds ${installed.join(', ')}: a runtime dependency crept in`,
        );
      }
      const missing = files.filter((file) => !existsSync(join(dir, 'node_modules', N8N, file)));
      if (missing.length > 0) throw new Error(`the n8n block names missing files: ${missing}`);
      return `node_modules holds ${N8N} alone; the ${files.length} files of its n8n block exist`;
    },
    true,
  );

  const devDependencies = (
    JSON.parse(readFileSync(join(REPO, 'n8n-nodes', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    }
  ).devDependencies;
  const workflow = `n8n-workflow@${devDependencies['n8n-workflow']}`;
  await group.check(
    `${workflow} beside it (n8n's own, a peer dependency)`,
    async () => {
      await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', workflow], {
        cwd: dir,
        env: ENV20,
      });
      return 'installed';
    },
    true,
  );

  for (const file of files) {
    const className = basename(file).split('.')[0] ?? '';
    await group.check(`require ${file} (Node 20)`, async () => {
      const script = `const loaded = require(${JSON.stringify(`${N8N}/${file}`)})[${JSON.stringify(className)}];
if (typeof loaded !== 'function') throw new Error('no class ${className}');
const instance = new loaded();
const description = instance.description ?? instance;
console.log(JSON.stringify({ name: description.name, displayName: description.displayName, node: process.version }));`;
      const { stdout } = await mustRun('node', ['-e', script], { cwd: dir, env: ENV20 });
      const got = JSON.parse(stdout.trim()) as { name: string; displayName: string; node: string };
      if (!got.name) throw new Error(`${className} has no name`);
      return `${className}: ${got.name} (${got.displayName}), Node ${got.node}`;
    });
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'senseon-packages-'));
  const groups: Group[] = [];
  try {
    const build = new Group('build and pack');
    groups.push(build);
    const packed = new Map<string, Packed>();
    const built = await inGroup(build, async (g) => {
      await g.check(
        'the two Nodes',
        async () => {
          const version = async (node: string) =>
            (await mustRun(node, ['--version'], { cwd: REPO, env: ENV_REPO })).stdout.trim();
          const system = join(SYSTEM_BIN, 'node');
          if (!existsSync(system)) {
            throw new Error(`no ${system}: set SENSEON_SYSTEM_NODE_DIR to the folder of a Node 20`);
          }
          const [older, newer] = [await version(system), await version(NODE22)];
          if (Number(/\d+/.exec(older)?.[0]) >= 22) {
            throw new Error(`${system} is ${older}: the Node 20 checks need a Node older than 22`);
          }
          return `${system} ${older}; ${NODE22.slice(REPO.length + 1)} ${newer}`;
        },
        true,
      );
      const npmRun = (args: string[]) => () =>
        mustRun('npm', args, { cwd: REPO, env: ENV_REPO }).then((r) => tail(r.stdout, 1));
      const results = await Promise.all([
        g.check('build @senseon/client', npmRun(['run', 'build', '-w', CLIENT])),
        g.check('build @senseon/sandbox', npmRun(['run', 'build', '-w', SANDBOX])),
        g.check('build n8n-nodes-senseon (npm run n8n:build)', npmRun(['run', 'n8n:build'])),
      ]);
      if (results.includes(false)) throw new Skip('the builds');
      const tarballs = join(work, 'tarballs');
      mkdirSync(tarballs);
      await g.check(
        'npm pack the three',
        async () => {
          const { stdout } = await mustRun(
            'npm',
            ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs].concat(
              [CLIENT, SANDBOX, N8N].flatMap((name) => ['-w', name]),
            ),
            { cwd: REPO, env: ENV_REPO },
          );
          for (const entry of JSON.parse(stdout) as Packed[]) packed.set(entry.name, entry);
          return [...packed.values()].map((p) => p.filename).join(', ');
        },
        true,
      );
      const get = (name: string) => {
        const entry = packed.get(name);
        if (!entry) throw new Error(`npm pack made no ${name}`);
        return entry;
      };
      await g.check(`${CLIENT} tarball`, async () =>
        expectFiles(
          get(CLIENT),
          [
            'package.json',
            'README.md',
            'LICENSE',
            'dist/index.cjs',
            'dist/index.mjs',
            'dist/index.d.ts',
            'dist/index.d.mts',
          ],
          /^(src|scripts|test)\/|tsconfig/,
        ),
      );
      await g.check(`${SANDBOX} tarball`, async () =>
        expectFiles(
          get(SANDBOX),
          [
            'package.json',
            'README.md',
            'LICENSE',
            'bin/senseon-sandbox.js',
            'dist/cli.js',
            'dist/index.js',
          ],
          /^(src|scripts|test)\//,
        ),
      );
      await g.check(`${N8N} tarball`, async () =>
        expectFiles(
          get(N8N),
          ['package.json', ...n8nFiles()],
          /^(nodes|credentials|test|scripts)\//,
        ),
      );
    });
    built.print();
    if (built.outcomes.some((o) => !o.ok)) return report(groups, started);

    const tgz = (name: string) => join(work, 'tarballs', packed.get(name)?.filename ?? '?');
    // The three installs are independent: run them at once, report them in order.
    const pending = [
      inGroup(new Group(`${CLIENT} on Node 20`), (g) =>
        checkClient(g, tgz(CLIENT), join(work, 'client')),
      ),
      inGroup(new Group(`${SANDBOX}`), (g) => checkSandbox(g, tgz(SANDBOX), join(work, 'sandbox'))),
      inGroup(new Group(`${N8N} on Node 20`), (g) => checkN8n(g, tgz(N8N), join(work, 'n8n'))),
    ];
    for (const next of pending) {
      const group = await next;
      groups.push(group);
      group.print();
    }
    return report(groups, started);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(groups: Group[], started: number): number {
  const outcomes = groups.flatMap((g) => g.outcomes);
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`${outcomes.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
