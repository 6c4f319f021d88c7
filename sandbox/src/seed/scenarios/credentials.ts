// Attacks on credentials: dumping LSASS, Kerberoasting, spraying and brute-forcing logons,
// MFA fatigue, and stealing browser passwords.
import { accountOn, adminAccount, domainAccount, serviceAccount, systemAccount } from '../accounts';
import { externalAttackerIp, sha256 } from '../indicators';
import { TECHNIQUES as T } from '../mitre';
import type { Account } from '../ocsf/objects';
import { run, runFile, serviceHost, userSession } from '../processes';
import { sample } from '../random';
import { endpointOf, ephemeralPort, ipOf, Story, workplaceOf } from '../story';
import { hostNamed, peopleOf } from '../world';
import { connection, fileEvent, finding, hostAt, launched, logon, meta, opened } from './builders';
import { after, someoneIn, userOf } from './helpers';
import type { Scenario } from './types';

export const lsassDumpOnDomainController: Scenario = {
  key: 'lsass-dump-domain-controller',
  org: 'bank',
  severity: 'critical',
  status: 'open',
  techniques: [T.lsassMemory, T.serviceExecution, T.smbAdminShares],
  tags: ['credential-theft', 'domain-controller'],
  devices: [{ hostname: 'DC01' }],
  startsHoursAgo: [1.5, 4],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const dc = hostAt(ctx.hosts, 0);
    const rds = hostNamed(world, tenancy, 'RDS01');
    const admin = someoneIn(ctx, 'IT');
    const account = adminAccount(admin);
    const system = systemAccount(dc);
    const dump = {
      name: 'dbg.dmp',
      path: 'C:\\Windows\\Temp\\dbg.dmp',
      size: rng.int(48_000_000, 72_000_000),
    };
    const services = serviceHost(world, rng, dc, after(ctx, -9_000));
    const lsass = run(world, rng, dc, 'lsass.exe', 'C:\\Windows\\system32\\lsass.exe', system, {
      parent: services,
      startedAt: after(ctx, -9_000),
      integrity: 'System',
    });
    const psexesvc = run(world, rng, dc, 'PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe', system, {
      parent: services,
      startedAt: after(ctx, 1),
      integrity: 'System',
    });
    const cmd = run(world, rng, dc, 'cmd.exe', 'cmd.exe', system, {
      parent: psexesvc,
      startedAt: after(ctx, 1.2),
      integrity: 'System',
    });
    const rundll = run(
      world,
      rng,
      dc,
      'rundll32.exe',
      `rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump ${lsass.pid} ${dump.path} full`,
      system,
      { parent: cmd, startedAt: after(ctx, 2), integrity: 'System' },
    );
    const fromRds = () => endpointOf(rds, ephemeralPort(rng));
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        dc,
        meta(
          'identity',
          'medium',
          `NTLM network logon to DC01 by ${account.name} from RDS01`,
          `${account.domain}\\${account.name} logged on to ${dc.device.hostname} over the network from RDS01 (${ipOf(rds)}) with NTLM, unusual for this account.`,
        ),
        logon({
          activity: 1,
          account,
          success: true,
          logonType: 'Network',
          protocol: 'NTLM',
          src: fromRds(),
          dst: endpointOf(dc, 445),
          remote: true,
        }),
      )
      .add(
        after(ctx, 1),
        dc,
        meta('endpoint', 'high', 'PsExec service started on DC01'),
        launched(psexesvc),
      )
      .add(
        after(ctx, 2),
        dc,
        meta(
          'endpoint',
          'critical',
          'LSASS memory dump via comsvcs.dll MiniDump',
          `rundll32.exe called comsvcs.dll MiniDump on lsass.exe (pid ${lsass.pid}) on ${dc.device.hostname}.`,
        ),
        launched(rundll),
      )
      .add(
        after(ctx, 2.05),
        dc,
        meta('endpoint', 'high', 'Handle to lsass.exe opened for reading by rundll32.exe'),
        opened(lsass, rundll),
      )
      .add(
        after(ctx, 2.3),
        dc,
        meta('endpoint', 'high', `Memory dump file written: ${dump.path}`),
        fileEvent({ activity: 1, file: dump, actor: rundll }),
      )
      .add(
        after(ctx, 3),
        dc,
        meta(
          'endpoint',
          'critical',
          'Credential dumping: LSASS memory dumped on a domain controller',
        ),
        finding({
          rule: { uid: 'SO-EDR-1021', name: 'LSASS dumped with comsvcs.dll', type: 'Rule' },
          description: `LSASS (pid ${lsass.pid}) dumped to ${dump.path} by rundll32.exe under PSEXESVC, after an NTLM logon by ${account.name} from RDS01.`,
          types: ['Credential Access'],
          techniques: [T.lsassMemory, T.serviceExecution],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File', 'Authentication'],
          evidence: [
            { kind: 'process', process: rundll },
            { kind: 'file', file: dump },
            { kind: 'user', account },
          ],
        }),
      )
      .add(
        after(ctx, 6),
        dc,
        meta(
          'network',
          'high',
          `Large SMB transfer from DC01 to RDS01 (${Math.round(dump.size / 1_000_000)} MB)`,
        ),
        connection({
          activity: 6,
          src: endpointOf(dc, 445),
          dst: fromRds(),
          direction: 'Lateral',
          protocol: 'tcp',
          bytesIn: rng.int(40_000, 90_000),
          bytesOut: dump.size + rng.int(10_000, 90_000),
        }),
      );
    return {
      title: 'LSASS memory dumped on domain controller DC01 via comsvcs.dll',
      description:
        `${account.domain}\\${account.name} (${admin.user.name}'s admin account) logged on to DC01 from RDS01 with NTLM; ` +
        `PsExec then ran rundll32.exe comsvcs.dll MiniDump against lsass.exe and the ${Math.round(dump.size / 1_000_000)} MB ` +
        `dump was copied back to RDS01 over SMB. Assume every credential cached on DC01 is compromised. ` +
        `DC01 is a crown jewel: containment needs critical approval.`,
      steps: story.steps,
      people: [admin],
    };
  },
};

const SPNS = [
  ['svc_sql', 'MSSQLSvc/FIN-SQL01:1433'],
  ['svc_swift', 'HTTP/SWIFT-GW01'],
  ['svc_backup', 'BackupExec/FS01'],
  ['svc_sharepoint', 'HTTP/intranet'],
  ['svc_reporting', 'MSSQLSvc/FIN-SQL01:2383'],
] as const;

export const kerberoasting: Scenario = {
  key: 'kerberoasting',
  org: 'bank',
  severity: 'medium',
  status: 'investigating',
  techniques: [T.kerberoasting],
  tags: ['credential-theft', 'kerberos'],
  devices: [{ hostname: 'DC02' }],
  startsHoursAgo: [50, 100],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const dc = hostAt(ctx.hosts, 0);
    const requester = someoneIn(ctx, 'Wealth Management');
    const account = domainAccount(requester);
    const laptop = world.hosts.find((h) => h.owner === requester) ?? null;
    const src = workplaceOf(world, requester, ephemeralPort(rng));
    const story = new Story(tenancy);
    SPNS.forEach(([name, spn], i) => {
      const service = serviceAccount(tenancy, name, 2100 + i);
      story.add(
        after(ctx, i * 0.3),
        dc,
        meta(
          'identity',
          'low',
          `Kerberos RC4 service ticket requested for ${spn} by ${account.name}`,
          `${account.name} requested a TGS for ${spn} (${service.name}) with RC4-HMAC encryption.`,
          { ticket_encryption: 'RC4-HMAC (0x17)', service_account: service.name },
        ),
        logon({
          activity: 4,
          account,
          success: true,
          protocol: 'Kerberos',
          src,
          dst: endpointOf(dc, 88),
          remote: true,
          service: spn,
        }),
      );
    });
    story.add(
      after(ctx, 2),
      dc,
      meta(
        'identity',
        'medium',
        'Possible Kerberoasting: RC4 service tickets for 5 SPNs in 2 minutes',
      ),
      finding({
        rule: {
          uid: 'SO-IDN-3307',
          name: 'Burst of RC4 service ticket requests',
          type: 'Statistical',
        },
        description: `${account.name} requested RC4 tickets for ${SPNS.length} service accounts from ${src.ip}; the account normally requests AES tickets for two services a day.`,
        types: ['Credential Access'],
        techniques: [T.kerberoasting],
        confidence: 'Medium',
        firstSeen: after(ctx, 0),
        dataSources: ['Authentication'],
        evidence: [{ kind: 'user', account }],
      }),
    );
    return {
      title: `Kerberoasting: RC4 service tickets requested by ${account.name}`,
      description:
        `${requester.user.name}'s account requested RC4-encrypted service tickets for ${SPNS.length} service ` +
        `accounts on ${dc.device.hostname} within two minutes, the pattern of offline password cracking. ` +
        `Rotate the service account passwords and find the tool on ${laptop?.device.hostname ?? src.ip}.`,
      steps: story.steps,
      people: [requester],
    };
  },
};

const NOT_A_USER_FAILURE = { code: '0xC0000064', detail: 'USER_DOES_NOT_EXIST' };
const BAD_PASSWORD_FAILURE = { code: '0xC000006A', detail: 'INVALID_CREDENTIALS' };

export const passwordSprayThenSuccess: Scenario = {
  key: 'password-spray-rds',
  org: 'bank',
  severity: 'high',
  status: 'open',
  techniques: [
    T.passwordSpraying,
    T.externalRemoteServices,
    T.validDomainAccounts,
    T.domainAccountDiscovery,
  ],
  tags: ['identity', 'brute-force', 'internet-facing'],
  devices: [{ hostname: 'RDS01' }],
  startsHoursAgo: [8, 20],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const rds = hostAt(ctx.hosts, 0);
    const attackerIp = rng.pick(world.indicators.attackerIps);
    const targets = sample(rng, peopleOf(world, tenancy), 7);
    const victim = targets[targets.length - 1] ?? userOf(ctx);
    const story = new Story(tenancy);
    const from = () => ({ ip: attackerIp, port: ephemeralPort(rng) });
    const dst = endpointOf(rds, 3389);
    const guesses: Account[] = [
      { name: 'administrator', domain: tenancy.org.netbios, kind: 'admin' },
      ...targets.map(domainAccount),
    ];
    guesses.forEach((account, i) => {
      const unknown = account.name === 'administrator';
      story.add(
        after(ctx, i * 2.5),
        rds,
        meta('identity', 'low', `Failed RDP logon for ${account.name} from ${attackerIp}`),
        logon({
          activity: 1,
          account,
          success: false,
          logonType: 'Remote Interactive',
          protocol: 'NTLM',
          src: from(),
          dst,
          remote: true,
          failure: unknown ? NOT_A_USER_FAILURE : BAD_PASSWORD_FAILURE,
        }),
      );
    });
    const victimAccount = domainAccount(victim);
    const successAt = guesses.length * 2.5 + 6;
    const explorer = userSession(world, rng, rds, victimAccount, after(ctx, successAt + 0.5));
    const net = run(
      world,
      rng,
      rds,
      'net.exe',
      'net group "Domain Admins" /domain',
      victimAccount,
      { parent: explorer, startedAt: after(ctx, successAt + 4), integrity: 'Medium' },
    );
    story
      .add(
        after(ctx, successAt),
        rds,
        meta(
          'identity',
          'high',
          `Successful RDP logon for ${victimAccount.name} from ${attackerIp} after repeated failures`,
        ),
        logon({
          activity: 1,
          account: victimAccount,
          success: true,
          logonType: 'Remote Interactive',
          protocol: 'NTLM',
          src: from(),
          dst,
          remote: true,
        }),
      )
      .add(
        after(ctx, successAt + 1),
        rds,
        meta('identity', 'high', 'Password spraying followed by a successful logon'),
        finding({
          rule: {
            uid: 'SO-IDN-3102',
            name: 'Spray then success from one source',
            type: 'Statistical',
          },
          description: `${guesses.length} accounts failed from ${attackerIp} in ${Math.round(guesses.length * 2.5)} minutes, then ${victimAccount.name} logged on from the same address.`,
          types: ['Credential Access', 'Initial Access'],
          techniques: [T.passwordSpraying, T.externalRemoteServices, T.validDomainAccounts],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Authentication'],
          evidence: [
            { kind: 'user', account: victimAccount },
            { kind: 'connection', src: from(), dst },
          ],
        }),
      )
      .add(
        after(ctx, successAt + 4),
        rds,
        meta('endpoint', 'medium', 'Domain Admins membership enumerated with net.exe'),
        launched(net),
      );
    return {
      title: `Password spraying against RDS01 followed by successful logon for ${victimAccount.name}`,
      description:
        `${attackerIp} tried one password against ${guesses.length} accounts over RDP on RDS01, then logged on as ` +
        `${victim.user.name} and listed the Domain Admins group. Reset the password, revoke sessions, ` +
        `and block ${attackerIp} at the perimeter.`,
      steps: story.steps,
      people: [victim],
    };
  },
};

export const mfaFatigue: Scenario = {
  key: 'mfa-fatigue',
  org: 'manufacturer',
  severity: 'high',
  status: 'open',
  techniques: [T.mfaRequestGeneration, T.validCloudAccounts],
  tags: ['identity', 'mfa', 'cloud'],
  devices: [],
  startsHoursAgo: [3, 9],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const victim = someoneIn(ctx, 'Sales');
    const account = domainAccount(victim);
    const cloudAccount: Account = { ...account, name: victim.user.email, uid: victim.user.id };
    const attackerIp = rng.pick(world.indicators.attackerIps);
    const src = () => ({ ip: attackerIp, port: ephemeralPort(rng) });
    const story = new Story(tenancy);
    const prompts = 6;
    for (let i = 0; i < prompts; i++) {
      story.add(
        after(ctx, i * 1.5),
        null,
        meta(
          'cloud',
          'low',
          `MFA push denied for ${victim.user.email} (sign-in from ${attackerIp})`,
        ),
        logon({
          activity: 1,
          account: cloudAccount,
          success: false,
          protocol: 'OAUTH 2.0',
          src: src(),
          remote: true,
          mfa: true,
          service: 'Microsoft 365',
          failure: { code: '500121', detail: 'MFA_DENIED' },
        }),
      );
    }
    story
      .add(
        after(ctx, prompts * 1.5 + 1),
        null,
        meta(
          'cloud',
          'high',
          `Sign-in for ${victim.user.email} approved after ${prompts} denied MFA prompts`,
        ),
        logon({
          activity: 1,
          account: cloudAccount,
          success: true,
          protocol: 'OAUTH 2.0',
          src: src(),
          remote: true,
          mfa: true,
          service: 'Microsoft 365',
        }),
      )
      .add(
        after(ctx, prompts * 1.5 + 2),
        null,
        meta('identity', 'high', 'MFA fatigue: repeated push notifications followed by approval'),
        finding({
          rule: { uid: 'SO-IDN-3410', name: 'MFA push bombing', type: 'Rule' },
          description: `${prompts} denied pushes in ${prompts * 1.5} minutes for ${victim.user.email} from ${attackerIp}, then an approval from the same address.`,
          types: ['Credential Access', 'Initial Access'],
          techniques: [T.mfaRequestGeneration, T.validCloudAccounts],
          confidence: 'High',
          firstSeen: after(ctx, 0),
          dataSources: ['Authentication'],
          evidence: [{ kind: 'user', account: cloudAccount }],
        }),
      );
    return {
      title: `MFA fatigue: push requests then approval for ${victim.user.email}`,
      description:
        `Someone at ${attackerIp} with ${victim.user.name}'s password triggered ${prompts} Microsoft 365 MFA pushes; ` +
        `the seventh was approved. Revoke the sessions, reset the password and talk to the user.`,
      steps: story.steps,
      people: [victim],
    };
  },
};

const SSH_GUESSES = ['root', 'admin', 'ubuntu', 'oracle', 'test', 'deploy', 'git', 'postgres'];

export const sshBruteForce: Scenario = {
  key: 'ssh-brute-force',
  org: 'bank',
  severity: 'low',
  status: 'resolved',
  techniques: [T.passwordGuessing, T.externalRemoteServices],
  tags: ['brute-force', 'internet-facing', 'linux'],
  devices: [{ hostname: 'bastion-01' }],
  startsHoursAgo: [200, 290],
  simulate: { os: 'linux' },
  build(ctx) {
    const { rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const attackerIp = externalAttackerIp(rng);
    const story = new Story(tenancy);
    SSH_GUESSES.forEach((name, i) => {
      const account: Account = {
        name,
        kind: name === 'root' ? 'system' : 'user',
        ...(name === 'root' && { uid: '0' }),
      };
      story.add(
        after(ctx, i * 0.2),
        host,
        meta('identity', 'low', `Failed SSH logon for ${name} from ${attackerIp}`),
        logon({
          activity: 1,
          account,
          success: false,
          protocol: 'Other',
          protocolName: 'SSH password',
          src: { ip: attackerIp, port: ephemeralPort(rng) },
          dst: endpointOf(host, 22),
          remote: true,
          failure: { detail: 'INVALID_CREDENTIALS' },
        }),
      );
    });
    story.add(
      after(ctx, 2),
      host,
      meta(
        'identity',
        'low',
        `SSH brute force against ${host.device.hostname} (source blocked by fail2ban)`,
      ),
      finding({
        rule: { uid: 'SO-IDN-3015', name: 'SSH password guessing', type: 'Statistical' },
        description: `${SSH_GUESSES.length} failed SSH logons for common account names from ${attackerIp} in under two minutes; no success.`,
        types: ['Credential Access'],
        techniques: [T.passwordGuessing, T.externalRemoteServices],
        confidence: 'High',
        firstSeen: after(ctx, 0),
        dataSources: ['Authentication'],
        evidence: [{ kind: 'connection', src: { ip: attackerIp }, dst: endpointOf(host, 22) }],
      }),
    );
    return {
      title: `SSH brute force against ${host.device.hostname} from ${attackerIp}`,
      description:
        `Commodity password guessing from ${attackerIp}; password logons are disabled on ${host.device.hostname} ` +
        `and fail2ban blocked the source; no logon succeeded. Nothing to do beyond the block.`,
      steps: story.steps,
      people: [],
    };
  },
};

export const browserCredentialTheft: Scenario = {
  key: 'browser-credential-theft-macos',
  org: 'manufacturer',
  severity: 'medium',
  status: 'open',
  techniques: [T.browserCredentials],
  tags: ['credential-theft', 'macos', 'infostealer'],
  devices: [{ role: 'laptop', department: 'Product Design' }],
  startsHoursAgo: [14, 36],
  build(ctx) {
    const { world, rng, tenancy } = ctx;
    const host = hostAt(ctx.hosts, 0);
    const person = userOf(ctx);
    const account = accountOn(host, person);
    const home = `/Users/${person.username}`;
    const helper = {
      name: 'helperd',
      path: `${home}/Library/Application Support/.helper/helperd`,
      sha256: sha256(rng),
    };
    const launchd = userSession(world, rng, host, account, after(ctx, -600));
    const stealer = runFile(rng, host, helper, `"${helper.path}" --silent`, account, {
      parent: launchd,
      startedAt: after(ctx, 0),
    });
    const security = run(
      world,
      rng,
      host,
      'security',
      'security find-generic-password -wa "Chrome"',
      account,
      { parent: stealer, startedAt: after(ctx, 1) },
    );
    const loginData = {
      name: 'Login Data',
      path: `${home}/Library/Application Support/Google/Chrome/Default/Login Data`,
      size: rng.int(40_000, 200_000),
    };
    const story = new Story(tenancy)
      .add(
        after(ctx, 0),
        host,
        meta('endpoint', 'medium', `Unsigned binary launched from a hidden folder: ${helper.name}`),
        launched(stealer),
      )
      .add(
        after(ctx, 1),
        host,
        meta(
          'endpoint',
          'medium',
          'Keychain item "Chrome Safe Storage" requested by an unsigned process',
        ),
        launched(security),
      )
      .add(
        after(ctx, 1.2),
        host,
        meta('endpoint', 'medium', 'Chrome saved-password database read by an unknown process'),
        fileEvent({ activity: 2, file: loginData, actor: stealer }),
      )
      .add(
        after(ctx, 2),
        host,
        meta('endpoint', 'medium', 'Browser credential store accessed by unknown process'),
        finding({
          rule: {
            uid: 'SO-EDR-2040',
            name: 'Browser password store read by non-browser',
            type: 'Behavioral',
          },
          description: `${helper.path} read Chrome's Login Data and asked the keychain for the Chrome Safe Storage key.`,
          types: ['Credential Access'],
          techniques: [T.browserCredentials],
          confidence: 'Medium',
          firstSeen: after(ctx, 0),
          dataSources: ['Process', 'File'],
          evidence: [
            { kind: 'process', process: stealer },
            { kind: 'file', file: loginData },
          ],
        }),
      );
    return {
      title: `Browser credential store accessed by unknown process on ${host.device.hostname}`,
      description:
        `A hidden, unsigned binary in ${person.user.name}'s Library read Chrome's saved passwords and the key ` +
        `that decrypts them. Treat the saved passwords as stolen; no exfiltration seen yet.`,
      steps: story.steps,
      people: [person],
    };
  },
};
