// Everyday telemetry from Linux servers and Macs: cron jobs, deploy logons over SSH, web traffic,
// package mirrors, configuration changes; apps, unlocks and downloads on the Macs.
import { systemAccount, WEB_SERVER_ACCOUNT } from '../accounts';
import { HOUR } from '../clock';
import { externalAttackerIp, sha256 } from '../indicators';
import type { Account } from '../ocsf/objects';
import { run, serviceHost, userSession } from '../processes';
import { chance, weighted } from '../random';
import { connection, fileEvent, launched, logon, lookup, meta } from '../scenarios/builders';
import { endpointOf, ephemeralPort, resolverFor } from '../story';
import { hostsOf } from '../world';
import {
  accountAt,
  destination,
  internetClient,
  noise,
  personAt,
  type NoiseContext,
  type NoiseTemplate,
} from './context';

const DEPLOY: Account = { name: 'deploy', uid: '1001', kind: 'service' };

const cronJob: NoiseTemplate = (c) => {
  const root = systemAccount(c.host);
  const services = serviceHost(c.world, c.rng, c.host, c.time - 30 * 24 * HOUR);
  const cron = run(c.world, c.rng, c.host, 'cron', '/usr/sbin/cron -f', root, {
    parent: services,
    startedAt: c.time - 30 * 24 * HOUR,
  });
  const [name, cmd, title] = c.rng.pick([
    ['logrotate', '/usr/sbin/logrotate /etc/logrotate.conf', 'Scheduled job ran: logrotate'],
    ['sh', "sh -c 'cd / && run-parts --report /etc/cron.hourly'", 'Scheduled job ran: cron.hourly'],
    [
      'python3',
      'python3 /opt/ops/jobs/purge_sessions.py --older-than 7d',
      'Scheduled job ran: purge_sessions.py',
    ],
  ] as const);
  const job = run(c.world, c.rng, c.host, name, cmd, root, { parent: cron, startedAt: c.time });
  return noise(c, meta('endpoint', 'informational', title), launched(job));
};

const deployLogon: NoiseTemplate = (c) => {
  // Deploys come through the bastion where there is one, else from the CI server.
  const estate = hostsOf(c.world, c.host.tenancy).filter((h) => h !== c.host);
  const jump =
    estate.find((h) => h.spec.role === 'bastion') ??
    estate.find((h) => h.spec.role === 'build_server') ??
    estate[0];
  const src = jump
    ? endpointOf(jump, ephemeralPort(c.rng))
    : { ip: `${c.host.tenancy.org.remoteAccessPool}.5`, port: ephemeralPort(c.rng) };
  return noise(
    c,
    meta('identity', 'informational', `SSH logon: ${DEPLOY.name} from ${src.hostname ?? src.ip}`),
    logon({
      activity: 1,
      account: DEPLOY,
      success: true,
      protocol: 'Other',
      protocolName: 'SSH publickey',
      src,
      dst: endpointOf(c.host, 22),
      remote: true,
    }),
  );
};

const internetSshFailure: NoiseTemplate = (c) => {
  const name = c.rng.pick(['root', 'admin', 'ubuntu', 'user', 'pi']);
  const ip = externalAttackerIp(c.rng);
  return noise(
    c,
    meta('identity', 'low', `Failed SSH logon for ${name} from ${ip}`),
    logon({
      activity: 1,
      account: { name, kind: name === 'root' ? 'system' : 'user' },
      success: false,
      protocol: 'Other',
      protocolName: 'SSH password',
      src: { ip, port: ephemeralPort(c.rng) },
      dst: endpointOf(c.host, 22),
      remote: true,
      failure: { detail: 'INVALID_CREDENTIALS' },
    }),
  );
};

const webRequest: NoiseTemplate = (c) => {
  const client = internetClient(c);
  return noise(
    c,
    meta('network', 'informational', `HTTPS session from ${client}`),
    connection({
      activity: 6,
      src: { ip: client, port: ephemeralPort(c.rng) },
      dst: endpointOf(c.host, 443),
      direction: 'Inbound',
      protocol: 'tcp',
      bytesIn: c.rng.int(800, 40_000),
      bytesOut: c.rng.int(4_000, 900_000),
    }),
  );
};

const mirrorLookup: NoiseTemplate = (c) => {
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

const mirrorConnection: NoiseTemplate = (c) => {
  const d = destination(c);
  return noise(
    c,
    meta(
      'network',
      'informational',
      `${d.port === 443 ? 'HTTPS' : 'HTTP'} connection to ${d.domain}`,
    ),
    connection({
      activity: 6,
      src: endpointOf(c.host, ephemeralPort(c.rng)),
      dst: { ip: d.ip, port: d.port, hostname: d.domain },
      direction: 'Outbound',
      protocol: 'tcp',
      bytesIn: c.rng.int(20_000, 40_000_000),
      bytesOut: c.rng.int(1_000, 60_000),
    }),
  );
};

const configChange: NoiseTemplate = (c) => {
  const root = systemAccount(c.host);
  const shell = userSession(c.world, c.rng, c.host, DEPLOY, c.time - 600_000);
  const sudo = run(c.world, c.rng, c.host, 'sudo', 'sudo -i', root, {
    parent: shell,
    startedAt: c.time - 300_000,
  });
  const path = c.rng.pick([
    '/etc/nginx/sites-enabled/portal.conf',
    '/etc/ssh/sshd_config.d/50-hardening.conf',
    '/etc/systemd/system/app.service',
    '/etc/logrotate.d/app',
  ]);
  const name = path.slice(path.lastIndexOf('/') + 1);
  return noise(
    c,
    meta('endpoint', 'low', `Configuration file modified: ${path}`),
    fileEvent({ activity: 3, file: { name, path, size: c.rng.int(300, 6_000) }, actor: sudo }),
  );
};

const webWorker: NoiseTemplate = (c) => {
  const services = serviceHost(c.world, c.rng, c.host, c.time - 30 * 24 * HOUR);
  const nginx = run(c.world, c.rng, c.host, 'nginx', 'nginx: worker process', WEB_SERVER_ACCOUNT, {
    parent: services,
    startedAt: c.time,
  });
  return noise(
    c,
    meta('endpoint', 'informational', 'Process launched: nginx worker'),
    launched(nginx),
  );
};

const ciJob: NoiseTemplate = (c) => {
  const runner: Account = { name: 'gitlab-runner', uid: '998', kind: 'service' };
  const services = serviceHost(c.world, c.rng, c.host, c.time - 30 * 24 * HOUR);
  const agent = run(
    c.world,
    c.rng,
    c.host,
    'gitlab-runner',
    'gitlab-runner run --working-directory /home/gitlab-runner',
    runner,
    { parent: services, startedAt: c.time - 20 * 24 * HOUR },
  );
  const repo = c.rng.pick(['plm-connector', 'mes-gateway', 'quality-dashboard', 'cad-tools']);
  const git = run(
    c.world,
    c.rng,
    c.host,
    'git',
    `git clone --depth 1 https://gitlab-01.ad.kestrelprecision.example/eng/${repo}.git`,
    runner,
    { parent: agent, startedAt: c.time },
  );
  return noise(c, meta('endpoint', 'informational', `CI job cloned ${repo}`), launched(git));
};

export function linuxNoise(c: NoiseContext): NoiseTemplate {
  const exposed = c.host.spec.tags.includes('internet-facing');
  const web = c.host.spec.role === 'web_server' || c.host.spec.role === 'api_server';
  const ci = c.host.spec.role === 'build_server' || c.host.spec.role === 'git_server';
  return weighted(c.rng, [
    [cronJob, 20],
    [deployLogon, 12],
    [mirrorLookup, 15],
    [mirrorConnection, 12],
    [configChange, 4],
    [internetSshFailure, exposed ? 12 : 0],
    [webRequest, web ? 25 : 0],
    [webWorker, web ? 8 : 0],
    [ciJob, ci ? 20 : 0],
  ]);
}

const MAC_APPS = [
  'Safari',
  'Google Chrome',
  'Slack',
  'zoom.us',
  'Microsoft Outlook',
  'Figma',
  'Code Helper',
];

const macApp: NoiseTemplate = (c) => {
  const account = accountAt(c);
  const launchd = userSession(c.world, c.rng, c.host, account, c.time - 5 * 24 * HOUR);
  const app = c.rng.pick(MAC_APPS);
  const process = run(
    c.world,
    c.rng,
    c.host,
    app,
    c.world.software.binary('macos', app).path,
    account,
    { parent: launchd, startedAt: c.time },
  );
  return noise(c, meta('endpoint', 'informational', `Process launched: ${app}`), launched(process));
};

const macUnlock: NoiseTemplate = (c) => {
  const account = accountAt(c);
  const touchId = chance(c.rng, 0.7);
  return noise(
    c,
    meta(
      'identity',
      'informational',
      `Mac unlocked by ${account.name}${touchId ? ' (Touch ID)' : ''}`,
    ),
    logon({
      activity: 1,
      account,
      success: true,
      logonType: 'Unlock',
      protocol: 'Other',
      protocolName: touchId ? 'Touch ID' : 'Password',
      src: endpointOf(c.host),
      remote: false,
      service: 'loginwindow',
    }),
  );
};

const macDownload: NoiseTemplate = (c) => {
  const person = personAt(c);
  const account = accountAt(c);
  const launchd = userSession(c.world, c.rng, c.host, account, c.time - 5 * 24 * HOUR);
  const browser = run(
    c.world,
    c.rng,
    c.host,
    'Safari',
    c.world.software.binary('macos', 'Safari').path,
    account,
    { parent: launchd, startedAt: c.time - 900_000 },
  );
  const name = c.rng.pick([
    'Q4-roadmap.pdf',
    'Brand-guidelines-2027.pdf',
    'Figma-export.zip',
    'Zoom.pkg',
    'Invoice-INV-20931.pdf',
  ]);
  const file = {
    name,
    path: `/Users/${person.username}/Downloads/${name}`,
    sha256: sha256(c.rng),
    size: c.rng.int(80_000, 60_000_000),
  };
  return noise(
    c,
    meta('endpoint', 'informational', `File downloaded: ${name}`),
    fileEvent({ activity: 1, file, actor: browser }),
  );
};

export function macNoise(c: NoiseContext): NoiseTemplate {
  return weighted(c.rng, [
    [macApp, 30],
    [mirrorLookup, 20],
    [mirrorConnection, 20],
    [macUnlock, 18],
    [macDownload, 10],
  ]);
}
