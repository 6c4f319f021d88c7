import { fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs `exportName` of `modulePath` (an async function taking one JSON argument and returning
 * JSON) in a fresh Node process, so one round's heap, JIT state and connection pool cannot
 * colour the next; and so "3 separate processes" really are separate. The child runs with
 * `--expose-gc` so it can read live heap after a collection.
 */
export function runInChild<T>(modulePath: string, exportName: string, arg: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'child-entry.ts'), [modulePath, exportName], {
      execArgv: ['--import', 'tsx', '--expose-gc', '--disable-warning=ExperimentalWarning'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      result = message as typeof result;
    });
    child.once('spawn', () => child.send({ arg }));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(result?.error ?? `bench child ${exportName} exited with ${code}`));
    });
  });
}
