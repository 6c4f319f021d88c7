// Operating systems and agent releases seen across the two estates. Versions are OS builds as an
// EDR console shows them (Windows 10.0.<build>.<UBR>, macOS marketing versions, distro releases).
import type { Device } from '@senseon/client';

export type OsKey =
  | 'win11'
  | 'win10ltsc'
  | 'ws2022'
  | 'ws2019'
  | 'macos15'
  | 'macos14'
  | 'ubuntu22'
  | 'ubuntu24'
  | 'rhel9'
  | 'debian12';

export interface OperatingSystem {
  type: Device['os']['type'];
  name: string;
  versions: readonly string[];
  /** Linux kernel release, reported in OCSF `os.kernel_release`. */
  kernel?: string;
}

export const OPERATING_SYSTEMS: Record<OsKey, OperatingSystem> = {
  win11: {
    type: 'windows',
    name: 'Windows 11 Enterprise',
    versions: ['10.0.22631.4460', '10.0.22631.4541', '10.0.26100.2314', '10.0.26100.2454'],
  },
  win10ltsc: {
    type: 'windows',
    name: 'Windows 10 Enterprise LTSC 2021',
    versions: ['10.0.19044.5131', '10.0.19044.5247'],
  },
  ws2022: {
    type: 'windows',
    name: 'Windows Server 2022 Datacenter',
    versions: ['10.0.20348.2849', '10.0.20348.2966'],
  },
  ws2019: {
    type: 'windows',
    name: 'Windows Server 2019 Standard',
    versions: ['10.0.17763.6532', '10.0.17763.6659'],
  },
  macos15: { type: 'macos', name: 'macOS Sequoia', versions: ['15.1', '15.1.1', '15.2'] },
  macos14: { type: 'macos', name: 'macOS Sonoma', versions: ['14.7.1', '14.7.2'] },
  ubuntu22: {
    type: 'linux',
    name: 'Ubuntu 22.04 LTS',
    versions: ['22.04.5'],
    kernel: '5.15.0-126-generic',
  },
  ubuntu24: {
    type: 'linux',
    name: 'Ubuntu 24.04 LTS',
    versions: ['24.04.1'],
    kernel: '6.8.0-49-generic',
  },
  rhel9: {
    type: 'linux',
    name: 'Red Hat Enterprise Linux 9',
    versions: ['9.4', '9.5'],
    kernel: '5.14.0-503.14.1.el9_5.x86_64',
  },
  debian12: {
    type: 'linux',
    name: 'Debian GNU/Linux 12 (bookworm)',
    versions: ['12.8'],
    kernel: '6.1.0-28-amd64',
  },
};

/** SenseOn agent releases, newest first; most of an estate runs the newest. */
export const AGENT_VERSIONS: Record<Device['os']['type'], readonly string[]> = {
  windows: ['5.9.1', '5.9.0', '5.8.4'],
  macos: ['5.9.0', '5.8.4'],
  linux: ['5.9.1', '5.8.4', '5.7.2'],
};

/** OCSF `os.type_id` and its caption. */
export const OCSF_OS_TYPE: Record<Device['os']['type'], { id: number; caption: string }> = {
  windows: { id: 100, caption: 'Windows' },
  linux: { id: 200, caption: 'Linux' },
  macos: { id: 300, caption: 'macOS' },
};
