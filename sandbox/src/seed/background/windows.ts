// Everyday telemetry from Windows machines: applications starting, SaaS traffic, logons,
// documents saved, Kerberos on the domain controllers, SMB to the file servers, Modbus on the
// plant floor; now and then something mildly suspicious that does not make a case.
import { adminAccount, domainAccount } from '../accounts';
import { sha256 } from '../indicators';
import { HOUR } from '../clock';
import { commandLine, run, runFile, serviceHost, userSession } from '../processes';
import { chance, weighted } from '../random';
import {
  connection,
  fileEvent,
  finding,
  launched,
  logon,
  lookup,
  meta,
} from '../scenarios/builders';
import { endpointOf, ephemeralPort, resolverFor, workplaceOf } from '../story';
import { TECHNIQUES as T } from '../mitre';
import { hostsOf, peopleOf } from '../world';
import {
  accountAt,
  destination,
  noise,
  personAt,
  type NoiseContext,
  type NoiseTemplate,
} from './context';

const OFFICE_APPS = [
  'chrome.exe',
  'msedge.exe',
  'ms-teams.exe',
  'OUTLOOK.EXE',
  'EXCEL.EXE',
  'WINWORD.EXE',
  'OneDrive.exe',
  'Acrobat.exe',
  'notepad.exe',
];
const CAD_APPS = ['acad.exe', 'SLDWORKS.exe'];

function session(c: NoiseContext) {
  const account = accountAt(c);
  return {
    account,
    explorer: userSession(c.world, c.rng, c.host, account, c.time - c.rng.int(1, 8) * HOUR),
  };
}

const appLaunch: NoiseTemplate = (c) => {
  const { account, explorer } = session(c);
  const apps = c.host.spec.tags.includes('cad')
    ? [...OFFICE_APPS, ...CAD_APPS, ...CAD_APPS]
    : OFFICE_APPS;
  const app = c.rng.pick(apps);
  const process = run(c.world, c.rng, c.host, app, commandLine(c.world, c.host, app), account, {
    parent: explorer,
    startedAt: c.time,
    integrity: 'Medium',
  });
  return noise(c, meta('endpoint', 'informational', `Process launched: ${app}`), launched(process));
};

const saasLookup: NoiseTemplate = (c) => {
  const d = destination(c);
  return noise(
    c,
    meta('network', 'informational', `DNS query: ${d.domain}`),
    lookup({
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      resolver: resolverFor(c.world, c.host.tenancy),
      hostname: d.domain,
      type: 'A',
      rcode: 'NoError',
      answers: [d.ip],
    }),
  );
};

const saasConnection: NoiseTemplate = (c) => {
  const d = destination(c);
  const { account, explorer } = session(c);
  const app = c.rng.pick(['chrome.exe', 'msedge.exe', 'ms-teams.exe', 'OUTLOOK.EXE']);
  const process = run(c.world, c.rng, c.host, app, commandLine(c.world, c.host, app), account, {
    parent: explorer,
    startedAt: c.time - c.rng.int(1, 3_600) * 1000,
    integrity: 'Medium',
  });
  return noise(
    c,
    meta(
      'network',
      'informational',
      `${d.port === 443 ? 'HTTPS' : 'HTTP'} connection to ${d.domain}`,
    ),
    connection({
      activity: c.rng.pick([1, 2, 6] as const),
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      dst: { ip: d.ip, port: d.port, hostname: d.domain },
      direction: 'Outbound',
      protocol: 'tcp',
      bytesIn: c.rng.int(2_000, 2_000_000),
      bytesOut: c.rng.int(800, 80_000),
      process,
    }),
  );
};

const workstationLogon: NoiseTemplate = (c) => {
  const account = accountAt(c);
  const unlock = chance(c.rng, 0.6);
  return noise(
    c,
    meta(
      'identity',
      'informational',
      unlock
        ? `Workstation unlocked by ${account.name}`
        : `Interactive logon: ${account.name} on ${c.host.device.hostname}`,
    ),
    logon({
      activity: 1,
      account,
      success: true,
      logonType: unlock ? 'Unlock' : 'Interactive',
      protocol: 'Kerberos',
      src: endpointOf(c.host),
      dst: resolverFor(c.world, c.host.tenancy),
      remote: false,
      service: 'Windows logon',
    }),
  );
};

const mistypedPassword: NoiseTemplate = (c) => {
  const account = accountAt(c);
  return noise(
    c,
    meta('identity', 'low', `Failed logon for ${account.name}: bad password`),
    logon({
      activity: 1,
      account,
      success: false,
      logonType: 'Interactive',
      protocol: 'Kerberos',
      src: endpointOf(c.host),
      dst: resolverFor(c.world, c.host.tenancy),
      remote: false,
      service: 'Windows logon',
      failure: { code: '0xC000006A', detail: 'INVALID_CREDENTIALS' },
    }),
  );
};

const DOCUMENTS: Record<string, readonly string[]> = {
  Finance: [
    'Budget-2027-draft.xlsx',
    'Month-end-close.xlsx',
    'Supplier-payments.csv',
    'VAT-return-Q3.xlsx',
  ],
  Trading: ['Positions-EOD.xlsx', 'Risk-limits.xlsx', 'Trade-blotter.csv'],
  Engineering: ['Bracket-assembly-rev-C.dwg', 'Tolerance-study.xlsx', 'Fixture-design.sldprt'],
  'Human Resources': ['Offer-letter-template.docx', 'Headcount-plan.xlsx'],
};

const documentSaved: NoiseTemplate = (c) => {
  const person = personAt(c);
  const { account, explorer } = session(c);
  const name = c.rng.pick(
    DOCUMENTS[person.user.department] ?? [
      'Meeting-notes.docx',
      'Weekly-report.docx',
      'Project-plan.xlsx',
      'Slides.pptx',
    ],
  );
  const app =
    name.endsWith('.docx') || name.endsWith('.pptx')
      ? 'WINWORD.EXE'
      : name.endsWith('.dwg')
        ? 'acad.exe'
        : name.endsWith('.sldprt')
          ? 'SLDWORKS.exe'
          : 'EXCEL.EXE';
  const editor = run(c.world, c.rng, c.host, app, commandLine(c.world, c.host, app), account, {
    parent: explorer,
    startedAt: c.time - c.rng.int(60, 7_200) * 1000,
    integrity: 'Medium',
  });
  const file = {
    name,
    path: `C:\\Users\\${person.username}\\OneDrive - ${c.host.tenancy.org.name}\\Documents\\${name}`,
    size: c.rng.int(12_000, 4_000_000),
  };
  return noise(
    c,
    meta('endpoint', 'informational', `File modified: ${name}`),
    fileEvent({ activity: 3, file, actor: editor }),
  );
};

const INSTALLERS = [
  'ZoomInstallerFull.exe',
  'npp.8.6.9.Installer.x64.exe',
  'python-3.12.7-amd64.exe',
  'Git-2.47.0-64-bit.exe',
  'WinSCP-6.3.5-Setup.exe',
];

const installerDownloaded: NoiseTemplate = (c) => {
  const person = personAt(c);
  const { account, explorer } = session(c);
  const browser = run(
    c.world,
    c.rng,
    c.host,
    'msedge.exe',
    commandLine(c.world, c.host, 'msedge.exe'),
    account,
    { parent: explorer, startedAt: c.time - 600_000, integrity: 'Medium' },
  );
  const name = c.rng.pick(INSTALLERS);
  const file = {
    name,
    path: `C:\\Users\\${person.username}\\Downloads\\${name}`,
    sha256: sha256(c.rng),
    size: c.rng.int(4_000_000, 90_000_000),
  };
  return noise(
    c,
    meta('endpoint', 'low', `Executable downloaded by browser: ${name}`),
    fileEvent({ activity: 1, file, actor: browser }),
  );
};

const fileShareSession: NoiseTemplate = (c) => {
  const share = hostsOf(c.world, c.host.tenancy).find((h) => h.spec.role === 'file_server');
  if (!share) return saasLookup(c);
  return noise(
    c,
    meta('network', 'informational', `SMB session to ${share.device.hostname}`),
    connection({
      activity: 6,
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      dst: endpointOf(share, 445),
      direction: 'Lateral',
      protocol: 'tcp',
      bytesIn: c.rng.int(10_000, 30_000_000),
      bytesOut: c.rng.int(5_000, 2_000_000),
    }),
  );
};

const PUAS = ['WebCompanion', 'Driver Booster', 'OpenCandy bundler', 'uTorrent'];

const puaDetected: NoiseTemplate = (c) => {
  const person = personAt(c);
  const { account, explorer } = session(c);
  const pua = c.rng.pick(PUAS);
  const binary = {
    name: `${pua.replace(/\s/g, '')}Setup.exe`,
    path: `C:\\Users\\${person.username}\\Downloads\\${pua.replace(/\s/g, '')}Setup.exe`,
    sha256: sha256(c.rng),
  };
  const process = runFile(c.rng, c.host, binary, `"${binary.path}"`, account, {
    parent: explorer,
    startedAt: c.time - 5_000,
    integrity: 'Medium',
  });
  return noise(
    c,
    meta('endpoint', 'low', `Potentially unwanted application detected: ${pua}`),
    finding({
      rule: { uid: 'SO-EDR-0400', name: 'Potentially unwanted application', type: 'Rule' },
      description: `${binary.name} is a known potentially unwanted application; it was blocked before installing.`,
      types: ['Potentially Unwanted Application'],
      techniques: [T.maliciousFile],
      confidence: 'High',
      firstSeen: c.time - 5_000,
      dataSources: ['Process', 'File'],
      evidence: [{ kind: 'process', process }],
    }),
  );
};

const systemService: NoiseTemplate = (c) => {
  const services = serviceHost(c.world, c.rng, c.host, c.time - 20 * 24 * HOUR);
  const [name, args, title] = weighted(c.rng, [
    [
      [
        'svchost.exe',
        '-k netsvcs -p -s Schedule',
        'Process launched: svchost.exe (Task Scheduler)',
      ],
      3,
    ],
    [
      [
        'svchost.exe',
        '-k wusvcs -p -s WaaSMedicSvc',
        'Process launched: svchost.exe (Windows Update Medic)',
      ],
      2,
    ],
    [['taskhostw.exe', '', 'Process launched: taskhostw.exe'], 2],
    [['MsMpEng.exe', '', 'Defender engine restarted: MsMpEng.exe'], 1],
    [['SenseOnAgent.exe', '--service', 'SenseOn agent service started'], 1],
  ] as const);
  const process = run(
    c.world,
    c.rng,
    c.host,
    name,
    commandLine(c.world, c.host, name, args),
    services.account,
    { parent: services, startedAt: c.time, integrity: 'System' },
  );
  return noise(c, meta('endpoint', 'informational', title), launched(process));
};

const kerberosTicket: NoiseTemplate = (c) => {
  const people = peopleOf(c.world, c.host.tenancy);
  const person = c.rng.pick(people);
  const account = domainAccount(person);
  return noise(
    c,
    meta('identity', 'informational', `Kerberos TGT issued to ${account.name}`),
    logon({
      activity: 3,
      account,
      success: true,
      protocol: 'Kerberos',
      src: workplaceOf(c.world, person, ephemeralPort(c.rng)),
      dst: endpointOf(c.host, 88),
      remote: true,
      service: `krbtgt/${c.host.tenancy.org.dnsDomain.toUpperCase()}`,
    }),
  );
};

const ldapSession: NoiseTemplate = (c) => {
  const client = c.rng.pick(hostsOf(c.world, c.host.tenancy).filter((h) => h !== c.host));
  return noise(
    c,
    meta('network', 'informational', `LDAP session from ${client.device.hostname}`),
    connection({
      activity: 6,
      src: endpointOf(client, ephemeralPort(c.rng)),
      dst: endpointOf(c.host, 389),
      direction: 'Inbound',
      protocol: 'tcp',
      bytesIn: c.rng.int(1_000, 40_000),
      bytesOut: c.rng.int(2_000, 200_000),
    }),
  );
};

const adminLogon: NoiseTemplate = (c) => {
  const it = peopleOf(c.world, c.host.tenancy).filter((p) => p.user.department === 'IT');
  const admin = it.length > 0 ? c.rng.pick(it) : personAt(c);
  const account = adminAccount(admin);
  const rdp = c.host.spec.role === 'remote_desktop' || chance(c.rng, 0.3);
  return noise(
    c,
    meta(
      'identity',
      'informational',
      `${rdp ? 'RDP' : 'Network'} logon to ${c.host.device.hostname} by ${account.name}`,
    ),
    logon({
      activity: 1,
      account,
      success: true,
      logonType: rdp ? 'Remote Interactive' : 'Network',
      protocol: 'Kerberos',
      src: workplaceOf(c.world, admin, ephemeralPort(c.rng)),
      dst: endpointOf(c.host, rdp ? 3389 : 445),
      remote: true,
    }),
  );
};

const serverClientTraffic: NoiseTemplate = (c) => {
  const port =
    c.host.spec.role === 'database'
      ? 1433
      : c.host.spec.role === 'file_server'
        ? 445
        : c.host.spec.role === 'payments_gateway'
          ? 443
          : 3389;
  const client = c.rng.pick(hostsOf(c.world, c.host.tenancy).filter((h) => h !== c.host));
  const label =
    port === 1433 ? 'SQL Server' : port === 445 ? 'SMB' : port === 443 ? 'HTTPS' : 'RDP';
  return noise(
    c,
    meta('network', 'informational', `${label} session from ${client.device.hostname}`),
    connection({
      activity: 6,
      src: endpointOf(client, ephemeralPort(c.rng)),
      dst: endpointOf(c.host, port),
      direction: 'Inbound',
      protocol: 'tcp',
      bytesIn: c.rng.int(5_000, 5_000_000),
      bytesOut: c.rng.int(5_000, 20_000_000),
    }),
  );
};

const plcTraffic: NoiseTemplate = (c) => {
  const plc = `192.168.50.${c.rng.int(10, 19)}`;
  const historian = c.host.spec.role === 'historian';
  return noise(
    c,
    meta(
      'network',
      'informational',
      historian ? `OPC UA poll of ${plc}` : `Modbus/TCP session to PLC ${plc}`,
    ),
    connection({
      activity: 6,
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      dst: { ip: plc, port: historian ? 4840 : 502 },
      direction: 'Lateral',
      protocol: 'tcp',
      bytesIn: c.rng.int(2_000, 90_000),
      bytesOut: c.rng.int(1_000, 30_000),
    }),
  );
};

const windowsUpdateLookup: NoiseTemplate = (c) => {
  const domain = c.rng.pick(['ctldl.windowsupdate.com', 'settings-win.data.microsoft.com']);
  const net = domain.startsWith('ctldl') ? '13.107.4' : '20.42.65';
  return noise(
    c,
    meta('network', 'informational', `DNS query: ${domain}`),
    lookup({
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      resolver: resolverFor(c.world, c.host.tenancy),
      hostname: domain,
      type: 'A',
      rcode: 'NoError',
      answers: [`${net}.${c.rng.int(2, 250)}`],
    }),
  );
};

export function windowsNoise(c: NoiseContext): NoiseTemplate {
  const role = c.host.spec.role;
  if (role === 'workstation' || role === 'laptop') {
    return weighted(c.rng, [
      [appLaunch, 26],
      [saasLookup, 18],
      [saasConnection, 17],
      [workstationLogon, 12],
      [mistypedPassword, 3],
      [documentSaved, 10],
      [installerDownloaded, 2],
      [fileShareSession, 6],
      [puaDetected, 1.5],
    ]);
  }
  if (role === 'hmi' || role === 'historian') {
    return weighted(c.rng, [
      [plcTraffic, 45],
      [systemService, 25],
      [adminLogon, 10],
      [windowsUpdateLookup, 10],
    ]);
  }
  if (role === 'domain_controller') {
    return weighted(c.rng, [
      [kerberosTicket, 40],
      [ldapSession, 25],
      [systemService, 15],
      [adminLogon, 10],
      [windowsUpdateLookup, 10],
    ]);
  }
  return weighted(c.rng, [
    [serverClientTraffic, 35],
    [systemService, 30],
    [adminLogon, 20],
    [windowsUpdateLookup, 15],
  ]);
}
