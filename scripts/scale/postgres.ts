import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startService, waitFor, type Service } from '../n8n/lib/processes';
import { postgresBinDir } from './debian-packages';

const exec = promisify(execFile);

export interface RunningPostgres {
  port: number;
  user: string;
  database: string;
  service: Service;
  /** Rows of one query on n8n's database, each a list of its columns as text. */
  query(statement: string): Promise<string[][]>;
}

/** psql's field and record separators: control characters JSON text never holds unescaped. */
const FIELD = '\x1f';
const RECORD = '\x1e';

/** PostgreSQL refuses to run as root: as root we run its programs as Debian's `postgres` user. */
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await exec('id', ['-u', 'postgres']);
  const { stdout: gid } = await exec('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/**
 * A throwaway PostgreSQL cluster in `dir` on 127.0.0.1 (trust authentication, reachable only
 * from this machine), with one database for n8n; stopped by its PID.
 */
export async function startPostgres(dir: string, logFile: string): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const root = process.getuid?.() === 0 ? await postgresIds() : undefined;
  rmSync(dir, { recursive: true, force: true });
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(data, { recursive: true });
  mkdirSync(sockets, { recursive: true });
  if (root) {
    for (const path of [dir, data, sockets]) chownSync(path, root.uid, root.gid);
  }
  const user = 'postgres';
  const run = { uid: root?.uid, gid: root?.gid };
  await exec(
    join(bin, 'initdb'),
    ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync'],
    { ...run, maxBuffer: 16 << 20 },
  );
  const port = await freePort();
  const service = startService(
    'postgres',
    join(bin, 'postgres'),
    // fsync off: a throwaway database that dies with the run; nothing to recover after a crash.
    [
      '-D',
      data,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-k',
      sockets,
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    { ...run, logFile },
  );
  const psql = join(bin, 'psql');
  /** One statement through psql, as the superuser, on the maintenance database. */
  const sql = (statement: string) =>
    exec(psql, [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      user,
      '-d',
      'postgres',
      '-c',
      statement,
    ]);
  const ready = async (): Promise<boolean> => {
    await sql('select 1');
    return true;
  };
  await Promise.race([
    waitFor('PostgreSQL to accept connections', ready, 30_000, 200),
    service.exited.then((code) => {
      throw new Error(`postgres exited (${code}): ${service.output().slice(-500)}`);
    }),
  ]);
  const database = 'n8n';
  await sql(`CREATE DATABASE ${database}`);
  if (!existsSync(data)) throw new Error(`no data directory at ${data}`);
  const query = async (statement: string): Promise<string[][]> => {
    const { stdout } = await exec(
      psql,
      ['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-At'].concat([
        '-F',
        FIELD,
        '-R',
        RECORD,
        '-c',
        statement,
      ]),
      { maxBuffer: 1 << 30 },
    );
    const text = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
    return text === '' ? [] : text.split(RECORD).map((row) => row.split(FIELD));
  };
  return { port, user, database, service, query };
}
