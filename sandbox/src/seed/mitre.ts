// The MITRE ATT&CK (Enterprise, v16) tactics and techniques the scenarios map to. Ids and names
// are ATT&CK's own; a sub-technique's case mapping is named "Parent: Sub", as ATT&CK writes it.
import type { Case } from '@senseon/client';
import type { OcsfObject } from './ocsf/objects';

export const ATTACK_VERSION = '16.1';

const TACTICS = {
  initialAccess: { id: 'TA0001', name: 'Initial Access' },
  execution: { id: 'TA0002', name: 'Execution' },
  persistence: { id: 'TA0003', name: 'Persistence' },
  privilegeEscalation: { id: 'TA0004', name: 'Privilege Escalation' },
  defenseEvasion: { id: 'TA0005', name: 'Defense Evasion' },
  credentialAccess: { id: 'TA0006', name: 'Credential Access' },
  discovery: { id: 'TA0007', name: 'Discovery' },
  lateralMovement: { id: 'TA0008', name: 'Lateral Movement' },
  collection: { id: 'TA0009', name: 'Collection' },
  exfiltration: { id: 'TA0010', name: 'Exfiltration' },
  commandAndControl: { id: 'TA0011', name: 'Command and Control' },
  impact: { id: 'TA0040', name: 'Impact' },
} as const;

type Tactic = (typeof TACTICS)[keyof typeof TACTICS];

export interface Technique {
  id: string;
  name: string;
  tactic: Tactic;
  parent?: { id: string; name: string };
}

const t = (id: string, name: string, tactic: Tactic, parent?: Technique['parent']): Technique => ({
  id,
  name,
  tactic,
  ...(parent && { parent }),
});

const INTERPRETER = { id: 'T1059', name: 'Command and Scripting Interpreter' };
const PHISHING = { id: 'T1566', name: 'Phishing' };
const BRUTE_FORCE = { id: 'T1110', name: 'Brute Force' };
const REMOTE_SERVICES = { id: 'T1021', name: 'Remote Services' };
const CREDENTIAL_DUMPING = { id: 'T1003', name: 'OS Credential Dumping' };
const APP_LAYER = { id: 'T1071', name: 'Application Layer Protocol' };
const IMPAIR_DEFENSES = { id: 'T1562', name: 'Impair Defenses' };
const INDICATOR_REMOVAL = { id: 'T1070', name: 'Indicator Removal' };

export const TECHNIQUES = {
  spearphishingAttachment: t(
    'T1566.001',
    'Spearphishing Attachment',
    TACTICS.initialAccess,
    PHISHING,
  ),
  maliciousFile: t('T1204.002', 'Malicious File', TACTICS.execution, {
    id: 'T1204',
    name: 'User Execution',
  }),
  powershell: t('T1059.001', 'PowerShell', TACTICS.execution, INTERPRETER),
  windowsCommandShell: t('T1059.003', 'Windows Command Shell', TACTICS.execution, INTERPRETER),
  unixShell: t('T1059.004', 'Unix Shell', TACTICS.execution, INTERPRETER),
  appleScript: t('T1059.002', 'AppleScript', TACTICS.execution, INTERPRETER),
  commandObfuscation: t('T1027.010', 'Command Obfuscation', TACTICS.defenseEvasion, {
    id: 'T1027',
    name: 'Obfuscated Files or Information',
  }),
  webProtocols: t('T1071.001', 'Web Protocols', TACTICS.commandAndControl, APP_LAYER),
  dnsProtocol: t('T1071.004', 'DNS', TACTICS.commandAndControl, APP_LAYER),
  dga: t('T1568.002', 'Domain Generation Algorithms', TACTICS.commandAndControl, {
    id: 'T1568',
    name: 'Dynamic Resolution',
  }),
  asymmetricCrypto: t('T1573.002', 'Asymmetric Cryptography', TACTICS.commandAndControl, {
    id: 'T1573',
    name: 'Encrypted Channel',
  }),
  ingressToolTransfer: t('T1105', 'Ingress Tool Transfer', TACTICS.commandAndControl),
  remoteAccessSoftware: t('T1219', 'Remote Access Software', TACTICS.commandAndControl),
  passwordGuessing: t('T1110.001', 'Password Guessing', TACTICS.credentialAccess, BRUTE_FORCE),
  passwordSpraying: t('T1110.003', 'Password Spraying', TACTICS.credentialAccess, BRUTE_FORCE),
  validDomainAccounts: t('T1078.002', 'Domain Accounts', TACTICS.initialAccess, {
    id: 'T1078',
    name: 'Valid Accounts',
  }),
  validCloudAccounts: t('T1078.004', 'Cloud Accounts', TACTICS.initialAccess, {
    id: 'T1078',
    name: 'Valid Accounts',
  }),
  externalRemoteServices: t('T1133', 'External Remote Services', TACTICS.initialAccess),
  exploitPublicFacing: t('T1190', 'Exploit Public-Facing Application', TACTICS.initialAccess),
  lsassMemory: t('T1003.001', 'LSASS Memory', TACTICS.credentialAccess, CREDENTIAL_DUMPING),
  kerberoasting: t('T1558.003', 'Kerberoasting', TACTICS.credentialAccess, {
    id: 'T1558',
    name: 'Steal or Forge Kerberos Tickets',
  }),
  mfaRequestGeneration: t(
    'T1621',
    'Multi-Factor Authentication Request Generation',
    TACTICS.credentialAccess,
  ),
  browserCredentials: t('T1555.003', 'Credentials from Web Browsers', TACTICS.credentialAccess, {
    id: 'T1555',
    name: 'Credentials from Password Stores',
  }),
  smbAdminShares: t(
    'T1021.002',
    'SMB/Windows Admin Shares',
    TACTICS.lateralMovement,
    REMOTE_SERVICES,
  ),
  rdp: t('T1021.001', 'Remote Desktop Protocol', TACTICS.lateralMovement, REMOTE_SERVICES),
  ssh: t('T1021.004', 'SSH', TACTICS.lateralMovement, REMOTE_SERVICES),
  serviceExecution: t('T1569.002', 'Service Execution', TACTICS.execution, {
    id: 'T1569',
    name: 'System Services',
  }),
  scheduledTask: t('T1053.005', 'Scheduled Task', TACTICS.persistence, {
    id: 'T1053',
    name: 'Scheduled Task/Job',
  }),
  launchAgent: t('T1543.001', 'Launch Agent', TACTICS.persistence, {
    id: 'T1543',
    name: 'Create or Modify System Process',
  }),
  localAccount: t('T1136.001', 'Local Account', TACTICS.persistence, {
    id: 'T1136',
    name: 'Create Account',
  }),
  disableTools: t('T1562.001', 'Disable or Modify Tools', TACTICS.defenseEvasion, IMPAIR_DEFENSES),
  clearWindowsLogs: t(
    'T1070.001',
    'Clear Windows Event Logs',
    TACTICS.defenseEvasion,
    INDICATOR_REMOVAL,
  ),
  networkServiceDiscovery: t('T1046', 'Network Service Discovery', TACTICS.discovery),
  domainAccountDiscovery: t('T1087.002', 'Domain Account', TACTICS.discovery, {
    id: 'T1087',
    name: 'Account Discovery',
  }),
  exfilCloudStorage: t('T1567.002', 'Exfiltration to Cloud Storage', TACTICS.exfiltration, {
    id: 'T1567',
    name: 'Exfiltration Over Web Service',
  }),
  dataEncryptedForImpact: t('T1486', 'Data Encrypted for Impact', TACTICS.impact),
  inhibitRecovery: t('T1490', 'Inhibit System Recovery', TACTICS.impact),
  resourceHijacking: t('T1496', 'Resource Hijacking', TACTICS.impact),
} as const;

export type MitreMapping = Case['mitre'][number];

export function mitreMapping(technique: Technique): MitreMapping {
  return {
    tactic_id: technique.tactic.id,
    technique_id: technique.id,
    name: technique.parent ? `${technique.parent.name}: ${technique.name}` : technique.name,
  };
}

/** The OCSF `attack` object: tactic, technique, and the sub-technique when there is one. */
export function ocsfAttack(technique: Technique): OcsfObject {
  const { parent } = technique;
  return {
    tactic: { uid: technique.tactic.id, name: technique.tactic.name },
    technique: parent
      ? { uid: parent.id, name: parent.name }
      : { uid: technique.id, name: technique.name },
    ...(parent && { sub_technique: { uid: technique.id, name: technique.name } }),
    version: ATTACK_VERSION,
  };
}
