// The binaries each estate runs, with one hash per seed, so the same program carries the same
// SHA-256 everywhere it appears (an analyst can pivot on it with the `entity` filter).
import type { Device } from '@senseon/client';
import { sha256 } from './indicators';
import type { RandomSource } from './random';

type OsType = Device['os']['type'];

export interface Binary {
  os: OsType;
  name: string;
  path: string;
  sha256: string;
}

const WINDOWS: ReadonlyArray<readonly [string, string]> = [
  ['explorer.exe', 'C:\\Windows\\explorer.exe'],
  ['svchost.exe', 'C:\\Windows\\System32\\svchost.exe'],
  ['services.exe', 'C:\\Windows\\System32\\services.exe'],
  ['lsass.exe', 'C:\\Windows\\System32\\lsass.exe'],
  ['userinit.exe', 'C:\\Windows\\System32\\userinit.exe'],
  ['taskhostw.exe', 'C:\\Windows\\System32\\taskhostw.exe'],
  ['powershell.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'],
  ['cmd.exe', 'C:\\Windows\\System32\\cmd.exe'],
  ['conhost.exe', 'C:\\Windows\\System32\\conhost.exe'],
  ['rundll32.exe', 'C:\\Windows\\System32\\rundll32.exe'],
  ['certutil.exe', 'C:\\Windows\\System32\\certutil.exe'],
  ['schtasks.exe', 'C:\\Windows\\System32\\schtasks.exe'],
  ['vssadmin.exe', 'C:\\Windows\\System32\\vssadmin.exe'],
  ['wevtutil.exe', 'C:\\Windows\\System32\\wevtutil.exe'],
  ['net.exe', 'C:\\Windows\\System32\\net.exe'],
  ['nltest.exe', 'C:\\Windows\\System32\\nltest.exe'],
  ['mstsc.exe', 'C:\\Windows\\System32\\mstsc.exe'],
  ['msiexec.exe', 'C:\\Windows\\System32\\msiexec.exe'],
  ['notepad.exe', 'C:\\Windows\\System32\\notepad.exe'],
  [
    'MsMpEng.exe',
    'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0\\MsMpEng.exe',
  ],
  ['chrome.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
  ['msedge.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
  [
    'ms-teams.exe',
    'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe',
  ],
  ['OUTLOOK.EXE', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE'],
  ['WINWORD.EXE', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE'],
  ['EXCEL.EXE', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE'],
  ['OneDrive.exe', 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe'],
  ['Acrobat.exe', 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe'],
  ['acad.exe', 'C:\\Program Files\\Autodesk\\AutoCAD 2025\\acad.exe'],
  ['SLDWORKS.exe', 'C:\\Program Files\\SOLIDWORKS Corp\\SOLIDWORKS\\SLDWORKS.exe'],
  [
    'sqlservr.exe',
    'C:\\Program Files\\Microsoft SQL Server\\MSSQL15.MSSQLSERVER\\MSSQL\\Binn\\sqlservr.exe',
  ],
  ['PsExec64.exe', 'C:\\Tools\\Sysinternals\\PsExec64.exe'],
  ['PSEXESVC.exe', 'C:\\Windows\\PSEXESVC.exe'],
  ['AnyDesk.exe', 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe'],
  ['SenseOnAgent.exe', 'C:\\Program Files\\SenseOn\\Agent\\SenseOnAgent.exe'],
];

const MACOS: ReadonlyArray<readonly [string, string]> = [
  ['launchd', '/sbin/launchd'],
  ['Finder', '/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder'],
  ['zsh', '/bin/zsh'],
  ['bash', '/bin/bash'],
  ['curl', '/usr/bin/curl'],
  ['osascript', '/usr/bin/osascript'],
  ['launchctl', '/bin/launchctl'],
  ['security', '/usr/bin/security'],
  ['Safari', '/Applications/Safari.app/Contents/MacOS/Safari'],
  ['Google Chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  ['Slack', '/Applications/Slack.app/Contents/MacOS/Slack'],
  ['zoom.us', '/Applications/zoom.us.app/Contents/MacOS/zoom.us'],
  ['Microsoft Outlook', '/Applications/Microsoft Outlook.app/Contents/MacOS/Microsoft Outlook'],
  ['Figma', '/Applications/Figma.app/Contents/MacOS/Figma'],
  [
    'Code Helper',
    '/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper.app/Contents/MacOS/Code Helper',
  ],
];

const LINUX: ReadonlyArray<readonly [string, string]> = [
  ['systemd', '/usr/lib/systemd/systemd'],
  ['sshd', '/usr/sbin/sshd'],
  ['cron', '/usr/sbin/cron'],
  ['bash', '/usr/bin/bash'],
  ['sh', '/usr/bin/dash'],
  ['sudo', '/usr/bin/sudo'],
  ['curl', '/usr/bin/curl'],
  ['wget', '/usr/bin/wget'],
  ['python3', '/usr/bin/python3.10'],
  ['nginx', '/usr/sbin/nginx'],
  ['php-fpm8.1', '/usr/sbin/php-fpm8.1'],
  ['java', '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'],
  ['git', '/usr/bin/git'],
  ['dockerd', '/usr/bin/dockerd'],
  ['gitlab-runner', '/usr/bin/gitlab-runner'],
  ['apt-get', '/usr/bin/apt-get'],
  ['logrotate', '/usr/sbin/logrotate'],
  ['senseon-agent', '/opt/senseon/bin/senseon-agent'],
];

export interface Software {
  binary(os: OsType, name: string): Binary;
}

export function createSoftware(rng: RandomSource): Software {
  const byKey = new Map<string, Binary>();
  const add = (os: OsType, list: ReadonlyArray<readonly [string, string]>) => {
    for (const [name, path] of list)
      byKey.set(`${os}:${name}`, { os, name, path, sha256: sha256(rng) });
  };
  add('windows', WINDOWS);
  add('macos', MACOS);
  add('linux', LINUX);
  return {
    binary(os, name) {
      const found = byKey.get(`${os}:${name}`);
      if (!found) throw new Error(`seed: no ${os} binary named ${name}`);
      return found;
    },
  };
}
