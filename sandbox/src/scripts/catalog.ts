import type { Device, Script } from '@senseon/client';

/** What one device's agent answered: its exit code and what the script printed. */
export interface ScriptOutput {
  exitCode: number;
  stdout: string;
}

/** A script of the catalog and how the sandbox's agents answer it. */
export interface CatalogScript extends Script {
  run(device: Device, parameters: Record<string, unknown>): ScriptOutput;
}

const ALL_OS = ['windows', 'macos', 'linux'] as const;

const shellOf = (device: Device) =>
  device.os.type === 'windows' ? 'powershell.exe' : device.os.type === 'macos' ? 'zsh' : 'bash';

/**
 * SenseOn's remote scripts as the sandbox offers them: the collection scripts a SOC runs while
 * investigating, and the containment scripts that cut a process, a file, an address or a session
 * off (those always wait for a human, like isolation). Ids are stable, so tests and workflows can
 * name them.
 */
export const SCRIPT_CATALOG: readonly CatalogScript[] = [
  {
    id: 'scr_processlist',
    name: 'Collect running processes',
    description:
      'Lists the running processes with their parent, user and (optionally) command line, for triage.',
    os_types: [...ALL_OS],
    parameters: {
      type: 'object',
      properties: {
        include_command_line: {
          type: 'boolean',
          default: true,
          description: 'Whether to include each process’s full command line.',
        },
      },
      additionalProperties: false,
    },
    containment: false,
    timeout_seconds: 120,
    run(device, parameters) {
      const cmd = parameters.include_command_line !== false;
      const rows = [
        ['4', '0', 'SYSTEM', 'System', ''],
        ['812', '4', 'SYSTEM', 'senseon-agent', '--service'],
        ['2231', '812', 'svc_backup', shellOf(device), '-NoProfile -File backup.ps1'],
      ];
      const lines = rows.map(([pid, ppid, user, name, args]) =>
        [pid, ppid, user, name, cmd ? args : ''].join('\t').trimEnd(),
      );
      return {
        exitCode: 0,
        stdout: `pid\tppid\tuser\tname${cmd ? '\tcommand_line' : ''}\n${lines.join('\n')}\n${rows.length} processes on ${device.hostname}`,
      };
    },
  },
  {
    id: 'scr_triagepkg',
    name: 'Collect forensic triage package',
    description:
      'Collects event logs, prefetch, autoruns and (optionally) a memory image into an encrypted package uploaded to SenseOn.',
    os_types: ['windows'],
    parameters: {
      type: 'object',
      properties: {
        include_memory: {
          type: 'boolean',
          default: false,
          description: 'Whether to add a full memory image (large and slow).',
        },
        max_size_mb: {
          type: 'integer',
          minimum: 50,
          maximum: 4096,
          default: 512,
          description: 'The largest package to upload, in MB.',
        },
      },
      additionalProperties: false,
    },
    containment: false,
    timeout_seconds: 1800,
    run(device, parameters) {
      const size = Math.min(
        Number(parameters.max_size_mb ?? 512),
        parameters.include_memory ? 4096 : 180,
      );
      return {
        exitCode: 0,
        stdout: `Collected EVTX (Security, System, PowerShell/Operational), Prefetch, Amcache, autoruns${parameters.include_memory ? ', memory image' : ''}.\nUploaded triage-${device.hostname}.zip (${size} MB, AES-256).`,
      };
    },
  },
  {
    id: 'scr_persistence',
    name: 'List persistence entries',
    description:
      'Lists autostart locations: services, scheduled tasks and Run keys on Windows, launch agents on macOS, systemd units and cron on Linux.',
    os_types: [...ALL_OS],
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    containment: false,
    timeout_seconds: 300,
    run(device) {
      const entries: Record<Device['os']['type'], string[]> = {
        windows: [
          'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\SenseOnTray',
          'Task \\Microsoft\\Windows\\UpdateOrchestrator\\Schedule Scan',
        ],
        macos: ['/Library/LaunchDaemons/io.senseon.agent.plist'],
        linux: ['/etc/systemd/system/senseon-agent.service', '/etc/cron.d/logrotate'],
      };
      const found = entries[device.os.type];
      return { exitCode: 0, stdout: `${found.join('\n')}\n${found.length} entries.` };
    },
  },
  {
    id: 'scr_killprocess',
    name: 'Kill process',
    description: 'Terminates every process of a name (or one process id) and its children.',
    os_types: [...ALL_OS],
    parameters: {
      type: 'object',
      properties: {
        process_name: {
          type: 'string',
          minLength: 1,
          maxLength: 260,
          description: 'The image name, e.g. `powershell.exe`.',
        },
        pid: { type: 'integer', minimum: 1, description: 'Only this process id.' },
      },
      required: ['process_name'],
      additionalProperties: false,
    },
    containment: true,
    timeout_seconds: 60,
    run(device, parameters) {
      const name = String(parameters.process_name);
      // The agent never kills itself: a script that would cut SenseOn off fails.
      if (name.toLowerCase().startsWith('senseon')) {
        return { exitCode: 5, stdout: `Refused: ${name} is the SenseOn agent.` };
      }
      return {
        exitCode: 0,
        stdout: `Terminated ${name}${parameters.pid ? ` (pid ${String(parameters.pid)})` : ''} and its children on ${device.hostname}.`,
      };
    },
  },
  {
    id: 'scr_quarantinefile',
    name: 'Quarantine file',
    description:
      'Moves a file into the agent’s encrypted quarantine when its SHA-256 matches, so it can be restored.',
    os_types: [...ALL_OS],
    parameters: {
      type: 'object',
      properties: {
        path: {
          type: 'string',
          minLength: 1,
          maxLength: 1024,
          description: 'The file’s full path.',
        },
        sha256: {
          type: 'string',
          pattern: '^[0-9a-fA-F]{64}$',
          description: 'The file’s SHA-256; nothing moves unless it matches.',
        },
      },
      required: ['path', 'sha256'],
      additionalProperties: false,
    },
    containment: true,
    timeout_seconds: 60,
    run(device, parameters) {
      return {
        exitCode: 0,
        stdout: `Quarantined ${String(parameters.path)} (sha256 ${String(parameters.sha256).toLowerCase()}) on ${device.hostname}.`,
      };
    },
  },
  {
    id: 'scr_blockaddress',
    name: 'Block address in host firewall',
    description:
      'Adds an outbound and inbound block for one IPv4 address to the host firewall, for a number of hours.',
    os_types: [...ALL_OS],
    parameters: {
      type: 'object',
      properties: {
        ip: {
          type: 'string',
          pattern:
            '^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$',
          description: 'The IPv4 address to block.',
        },
        duration_hours: {
          type: 'integer',
          minimum: 1,
          maximum: 168,
          default: 24,
          description: 'How long the block holds, 1–168 hours.',
        },
      },
      required: ['ip'],
      additionalProperties: false,
    },
    containment: true,
    timeout_seconds: 60,
    run(device, parameters) {
      const tool =
        device.os.type === 'windows'
          ? 'Windows Firewall'
          : device.os.type === 'macos'
            ? 'pf'
            : 'nftables';
      return {
        exitCode: 0,
        stdout: `${tool}: blocked ${String(parameters.ip)} both ways for ${String(parameters.duration_hours ?? 24)} h on ${device.hostname}.`,
      };
    },
  },
  {
    id: 'scr_logoffuser',
    name: 'Log off user sessions',
    description: 'Ends every interactive and remote session of one local or domain account.',
    os_types: ['windows', 'macos'],
    parameters: {
      type: 'object',
      properties: {
        username: {
          type: 'string',
          minLength: 1,
          maxLength: 256,
          description: 'The account, e.g. `CORP\\jdoe` or `jdoe`.',
        },
      },
      required: ['username'],
      additionalProperties: false,
    },
    containment: true,
    timeout_seconds: 60,
    run(device, parameters) {
      return {
        exitCode: 0,
        stdout: `Logged off every session of ${String(parameters.username)} on ${device.hostname}.`,
      };
    },
  },
];

/** The catalog entry as the API answers it: without the sandbox's simulation. */
export function publicScript(script: CatalogScript): Script {
  const { run: _run, ...rest } = script;
  return rest;
}

export function findScript(id: string): CatalogScript | undefined {
  return SCRIPT_CATALOG.find((script) => script.id === id);
}
