// The fictional organisations behind the tenants: a private bank and a components manufacturer,
// both monitored by one MSSP. Emails use the reserved `.example` domain so that no real company
// is named.

export type OrgKey = 'bank' | 'manufacturer' | 'mssp';

export interface Department {
  name: string;
  headcount: number;
}

export interface Organisation {
  key: OrgKey;
  name: string;
  /** The MSSP's own tenant: its keys act for the others; it holds no devices. */
  mssp: boolean;
  emailDomain: string;
  /** The Active Directory NetBIOS name, as in `THAMESBRIDGE\priya.shah`. */
  netbios: string;
  /** The internal DNS suffix of the AD forest. */
  dnsDomain: string;
  departments: Department[];
  /** First three octets per network zone; hosts take the last octet. */
  subnets: Record<NetworkZone, readonly string[]>;
  /** Where people without a managed device connect from (VPN and VDI address pool). */
  remoteAccessPool: string;
}

export type NetworkZone = 'server' | 'dmz' | 'workstation' | 'ot';

export const ORGANISATIONS: readonly Organisation[] = [
  {
    key: 'bank',
    name: 'Thamesbridge Private Bank',
    mssp: false,
    emailDomain: 'thamesbridge.example',
    netbios: 'THAMESBRIDGE',
    dnsDomain: 'corp.thamesbridge.example',
    departments: [
      { name: 'Finance', headcount: 8 },
      { name: 'Trading', headcount: 5 },
      { name: 'Wealth Management', headcount: 4 },
      { name: 'Compliance', headcount: 3 },
      { name: 'Human Resources', headcount: 3 },
      { name: 'IT', headcount: 4 },
      { name: 'Executive', headcount: 3 },
      { name: 'Marketing', headcount: 2 },
      { name: 'Digital Engineering', headcount: 3 },
    ],
    subnets: {
      server: ['10.10.1', '10.10.2'],
      dmz: ['10.30.5'],
      workstation: ['10.20.12', '10.20.14', '10.20.16'],
      ot: [],
    },
    remoteAccessPool: '10.40.8',
  },
  {
    key: 'manufacturer',
    name: 'Kestrel Precision Components',
    mssp: false,
    emailDomain: 'kestrelprecision.example',
    netbios: 'KESTREL',
    dnsDomain: 'ad.kestrelprecision.example',
    departments: [
      { name: 'Engineering', headcount: 6 },
      { name: 'Product Design', headcount: 2 },
      { name: 'Production', headcount: 4 },
      { name: 'Supply Chain', headcount: 3 },
      { name: 'Finance', headcount: 3 },
      { name: 'Human Resources', headcount: 2 },
      { name: 'Sales', headcount: 2 },
      { name: 'IT', headcount: 3 },
      { name: 'Executive', headcount: 2 },
    ],
    subnets: {
      server: ['172.16.1'],
      dmz: ['172.16.30'],
      workstation: ['172.16.10', '172.16.11'],
      ot: ['192.168.50'],
    },
    remoteAccessPool: '172.16.40',
  },
  {
    key: 'mssp',
    name: 'Northwatch Managed Detection & Response',
    mssp: true,
    emailDomain: 'northwatch.example',
    netbios: 'NORTHWATCH',
    dnsDomain: 'soc.northwatch.example',
    departments: [{ name: 'Security Operations', headcount: 4 }],
    subnets: { server: [], dmz: [], workstation: [], ot: [] },
    remoteAccessPool: '10.99.0',
  },
];
