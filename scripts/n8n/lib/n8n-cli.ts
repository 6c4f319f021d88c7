import { spawn } from 'node:child_process';
import type { N8nHost } from './host';
import { trackOneShot } from './processes';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one `n8n <command>` to its end (each costs ~5 s of n8n start-up). */
export function runN8nCli(
  host: N8nHost,
  env: NodeJS.ProcessEnv,
  args: readonly string[],
  timeoutMs = 180_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(host.node, [host.n8nBin, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackOneShot(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `n8n <command>` and throws, with the tail of its output, unless it exits 0. */
export async function runN8nCliOk(
  host: N8nHost,
  env: NodeJS.ProcessEnv,
  args: readonly string[],
): Promise<CliResult> {
  const result = await runN8nCli(host, env, args);
  if (result.code !== 0) {
    const tail = (result.stderr + result.stdout).trim().split('\n').slice(-8).join('\n');
    throw new Error(`n8n ${args[0]} exited ${result.code}:\n${tail}`);
  }
  return result;
}

/**
 * `n8n execute --rawOutput` prints log lines (some start with `[`) around the run, which it
 * prints as indented JSON from a lone `{` line to a lone `}` line: take that.
 */
export function parseRawOutput(stdout: string): unknown {
  const lines = stdout.split('\n');
  const first = lines.indexOf('{');
  const last = lines.lastIndexOf('}');
  if (first < 0 || last < first)
    throw new Error(`no JSON in n8n's output: ${stdout.slice(0, 300)}`);
  return JSON.parse(lines.slice(first, last + 1).join('\n'));
}
