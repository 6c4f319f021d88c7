// The device estate of each organisation: what each machine is for, what it runs, who uses it
// and how much the business would suffer if it fell. 34 at the bank, 26 at the manufacturer.
import type { Device } from '@senseon/client';
import type { OsKey } from './operating-systems';
import type { NetworkZone, OrgKey } from './organisations';

export type DeviceRole =
  | 'domain_controller'
  | 'database'
  | 'payments_gateway'
  | 'file_server'
  | 'remote_desktop'
  | 'web_server'
  | 'api_server'
  | 'bastion'
  | 'app_server'
  | 'historian'
  | 'hmi'
  | 'build_server'
  | 'git_server'
  | 'workstation'
  | 'laptop';

export type FormFactor = 'server' | 'desktop' | 'laptop';

export interface DeviceSpec {
  hostname: string;
  role: DeviceRole;
  os: readonly OsKey[];
  criticality: Device['criticality'];
  tags: readonly string[];
  zone: NetworkZone;
  formFactor: FormFactor;
  /** The department whose member owns (uses) the machine; servers have no owner. */
  ownerDepartment?: string;
}

const WINDOWS_CLIENT: readonly OsKey[] = ['win11'];
const MAC: readonly OsKey[] = ['macos15', 'macos15', 'macos14'];

function numbered(prefix: string, count: number, spec: Omit<DeviceSpec, 'hostname'>): DeviceSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    ...spec,
    hostname: `${prefix}-${String(i + 1).padStart(2, '0')}`,
  }));
}

const server = (
  hostname: string,
  role: DeviceRole,
  os: readonly OsKey[],
  criticality: Device['criticality'],
  tags: readonly string[],
  zone: NetworkZone = 'server',
): DeviceSpec => ({ hostname, role, os, criticality, tags, zone, formFactor: 'server' });

const BANK: DeviceSpec[] = [
  server('DC01', 'domain_controller', ['ws2022'], 'crown_jewel', [
    'server',
    'domain-controller',
    'tier0',
  ]),
  server('DC02', 'domain_controller', ['ws2022'], 'crown_jewel', [
    'server',
    'domain-controller',
    'tier0',
  ]),
  server('FIN-SQL01', 'database', ['ws2019'], 'crown_jewel', [
    'server',
    'finance',
    'database',
    'pci',
  ]),
  server('SWIFT-GW01', 'payments_gateway', ['ws2022'], 'crown_jewel', [
    'server',
    'payments',
    'swift',
    'pci',
  ]),
  server('FS01', 'file_server', ['ws2019'], 'high', ['server', 'file-share']),
  server('RDS01', 'remote_desktop', ['ws2022'], 'high', [
    'server',
    'remote-access',
    'internet-facing',
  ]),
  server(
    'web-prod-01',
    'web_server',
    ['ubuntu22'],
    'high',
    ['server', 'web', 'dmz', 'internet-facing'],
    'dmz',
  ),
  server(
    'web-prod-02',
    'web_server',
    ['ubuntu22'],
    'high',
    ['server', 'web', 'dmz', 'internet-facing'],
    'dmz',
  ),
  server(
    'web-prod-03',
    'web_server',
    ['ubuntu22'],
    'high',
    ['server', 'web', 'dmz', 'internet-facing'],
    'dmz',
  ),
  server('api-prod-01', 'api_server', ['rhel9'], 'high', ['server', 'api', 'dmz'], 'dmz'),
  server(
    'bastion-01',
    'bastion',
    ['debian12'],
    'high',
    ['server', 'bastion', 'internet-facing'],
    'dmz',
  ),
  ...numbered('FIN-LAPTOP', 7, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['finance', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Finance',
  }),
  ...numbered('TRD-WS', 4, {
    role: 'workstation',
    os: WINDOWS_CLIENT,
    criticality: 'high',
    tags: ['trading', 'workstation'],
    zone: 'workstation',
    formFactor: 'desktop',
    ownerDepartment: 'Trading',
  }),
  ...numbered('WM-LAPTOP', 3, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['wealth', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Wealth Management',
  }),
  ...numbered('CMP-LAPTOP', 2, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['compliance', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Compliance',
  }),
  ...numbered('HR-LAPTOP', 2, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['hr', 'laptop', 'pii'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Human Resources',
  }),
  {
    hostname: 'IT-ADM-LAPTOP-01',
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'high',
    tags: ['it', 'admin', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'IT',
  },
  ...numbered('EXEC-MBP', 2, {
    role: 'laptop',
    os: MAC,
    criticality: 'high',
    tags: ['vip', 'executive', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Executive',
  }),
  {
    hostname: 'MKT-MBP-01',
    role: 'laptop',
    os: MAC,
    criticality: 'low',
    tags: ['marketing', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Marketing',
  },
  {
    hostname: 'DEV-MBP-01',
    role: 'laptop',
    os: MAC,
    criticality: 'medium',
    tags: ['engineering', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Digital Engineering',
  },
];

const MANUFACTURER: DeviceSpec[] = [
  server('KPC-DC01', 'domain_controller', ['ws2019'], 'crown_jewel', [
    'server',
    'domain-controller',
    'tier0',
  ]),
  server('ERP-DB01', 'database', ['ws2019'], 'crown_jewel', [
    'server',
    'erp',
    'finance',
    'database',
  ]),
  server('MES-APP01', 'app_server', ['ws2019'], 'high', ['server', 'mes', 'production']),
  server('SCADA-HIST01', 'historian', ['ws2019'], 'high', ['server', 'ot', 'historian'], 'ot'),
  server('KPC-FS01', 'file_server', ['ws2022'], 'medium', ['server', 'file-share']),
  {
    hostname: 'HMI-LINE1-01',
    role: 'hmi',
    os: ['win10ltsc'],
    criticality: 'high',
    tags: ['ot', 'hmi', 'plant'],
    zone: 'ot',
    formFactor: 'desktop',
  },
  {
    hostname: 'HMI-LINE2-01',
    role: 'hmi',
    os: ['win10ltsc'],
    criticality: 'high',
    tags: ['ot', 'hmi', 'plant'],
    zone: 'ot',
    formFactor: 'desktop',
  },
  server('build-01', 'build_server', ['ubuntu24'], 'medium', ['server', 'ci', 'linux']),
  server('gitlab-01', 'git_server', ['ubuntu22'], 'high', ['server', 'source-code', 'linux']),
  server('plm-app-01', 'app_server', ['rhel9'], 'high', ['server', 'plm', 'engineering']),
  ...numbered('ENG-WS', 5, {
    role: 'workstation',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['engineering', 'cad', 'workstation'],
    zone: 'workstation',
    formFactor: 'desktop',
    ownerDepartment: 'Engineering',
  }),
  ...numbered('PLANT-LAPTOP', 3, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['production', 'plant', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Production',
  }),
  ...numbered('FIN-LAPTOP', 2, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['finance', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Finance',
  }),
  ...numbered('SCM-LAPTOP', 2, {
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['supply-chain', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Supply Chain',
  }),
  {
    hostname: 'HR-LAPTOP-01',
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'medium',
    tags: ['hr', 'laptop', 'pii'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Human Resources',
  },
  {
    hostname: 'SALES-LAPTOP-01',
    role: 'laptop',
    os: WINDOWS_CLIENT,
    criticality: 'low',
    tags: ['sales', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Sales',
  },
  ...numbered('DESIGN-MBP', 2, {
    role: 'laptop',
    os: MAC,
    criticality: 'medium',
    tags: ['design', 'laptop'],
    zone: 'workstation',
    formFactor: 'laptop',
    ownerDepartment: 'Product Design',
  }),
];

export const ROSTERS: Record<OrgKey, readonly DeviceSpec[]> = {
  bank: BANK,
  manufacturer: MANUFACTURER,
  mssp: [],
};
