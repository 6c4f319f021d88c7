// Process trees as an EDR sees them: pids in each OS's style, a GUID per process, the binary's
// path and hash from the software catalogue, and the parent chain back to the session root.
import type { Account, ProcessInfo } from './ocsf/objects';
import { hex, type RandomSource } from './random';
import type { Host, World } from './world';
import { systemAccount } from './accounts';

export function pidFor(rng: RandomSource, host: Host): number {
  // Windows pids are multiples of 4; Unix pids are plain integers.
  return host.device.os.type === 'windows' ? 4 * rng.int(150, 16_000) : rng.int(300, 60_000);
}

export function processGuid(rng: RandomSource): string {
  return `{${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}}`.toUpperCase();
}

export interface RunOptions {
  parent?: ProcessInfo;
  startedAt: number;
  integrity?: ProcessInfo['integrity'];
}

/** A process of a catalogued binary (powershell.exe, nginx, Safari…). */
export function run(
  world: World,
  rng: RandomSource,
  host: Host,
  name: string,
  cmdLine: string,
  account: Account,
  options: RunOptions,
): ProcessInfo {
  const binary = world.software.binary(host.device.os.type, name);
  return runFile(rng, host, binary, cmdLine, account, options);
}

/** A process of a binary that is not in the catalogue (malware, a dropped tool). */
export function runFile(
  rng: RandomSource,
  host: Host,
  binary: { name: string; path: string; sha256: string },
  cmdLine: string,
  account: Account,
  options: RunOptions,
): ProcessInfo {
  return {
    pid: pidFor(rng, host),
    uid: processGuid(rng),
    name: binary.name,
    path: binary.path,
    cmdLine,
    sha256: binary.sha256,
    account,
    startedAt: options.startedAt,
    ...(options.integrity !== undefined && { integrity: options.integrity }),
    ...(options.parent && { parent: options.parent }),
  };
}

const quoted = (path: string) => (path.includes(' ') ? `"${path}"` : path);

/** The root of a user's session: explorer.exe on Windows, launchd on macOS, sshd on Linux. */
export function userSession(
  world: World,
  rng: RandomSource,
  host: Host,
  account: Account,
  startedAt: number,
): ProcessInfo {
  const os = host.device.os.type;
  if (os === 'windows') {
    const explorer = world.software.binary('windows', 'explorer.exe');
    return run(world, rng, host, 'explorer.exe', explorer.path, account, {
      startedAt,
      integrity: 'Medium',
    });
  }
  if (os === 'macos') {
    return run(world, rng, host, 'launchd', '/sbin/launchd', systemAccount(host), { startedAt });
  }
  const sshd = run(world, rng, host, 'sshd', '/usr/sbin/sshd -D', systemAccount(host), {
    startedAt,
  });
  return run(world, rng, host, 'bash', '-bash', account, { startedAt, parent: sshd });
}

/** services.exe / systemd: the parent of system services. */
export function serviceHost(
  world: World,
  rng: RandomSource,
  host: Host,
  startedAt: number,
): ProcessInfo {
  if (host.device.os.type === 'windows') {
    return run(
      world,
      rng,
      host,
      'services.exe',
      'C:\\Windows\\system32\\services.exe',
      systemAccount(host),
      {
        startedAt,
        integrity: 'System',
      },
    );
  }
  if (host.device.os.type === 'macos') {
    return run(world, rng, host, 'launchd', '/sbin/launchd', systemAccount(host), { startedAt });
  }
  return run(world, rng, host, 'systemd', '/sbin/init', systemAccount(host), { startedAt });
}

/** The command line that starts a catalogued binary with `args`. */
export function commandLine(world: World, host: Host, name: string, args = ''): string {
  const path = world.software.binary(host.device.os.type, name).path;
  return args ? `${quoted(path)} ${args}` : quoted(path);
}
